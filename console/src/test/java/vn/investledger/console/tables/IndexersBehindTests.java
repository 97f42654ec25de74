package vn.investledger.console.tables;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ForwardingAdmin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.test.context.TestPropertySource;

import vn.investledger.console.ConsoleFixture;
import vn.investledger.console.ConsoleTest;
import vn.investledger.console.system.ConsoleProperties;
import vn.investledger.testsupport.RealServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static vn.investledger.console.ConsoleFixture.params;

/**
 * How the console tells how far the indexers are behind what a replay or recount
 * published ({@code <app>/published-to}) where the way of {@link HistoryTablesTests} does
 * not go: an indexer group the console cannot read, an end past its topic's log end (the
 * topic made again since), and a record of the ends that is not the processor's. On the
 * real Kafka the processor keeps its record on.
 */
@ConsoleTest
@TestPropertySource(properties = "investledger.rulebook-refresh=200ms")
class IndexersBehindTests {

	private static final Map<String, String> FIGURE = params("cuboid", "national", "period", "all", "type", "FDI");

	private final ConsoleFixture fixture;

	@Autowired
	private KafkaProperties kafka;

	@Autowired
	private ConsoleProperties properties;

	private final TopicPartition totals;

	private final TopicPartition stock;

	private final String processor;

	IndexersBehindTests(ConsoleFixture fixture) {
		this.fixture = fixture;
		this.totals = new TopicPartition(fixture.topics.totals().name(), 0);
		this.stock = new TopicPartition(fixture.topics.stock().name(), 0);
		this.processor = fixture.prefix + "-stream-processor";
	}

	@BeforeAll
	static void topics(ConsoleFixture fixture) throws Exception {
		try (Admin admin = admin()) {
			// as the processor creates them
			admin.createTopics(List.of(
					new NewTopic(fixture.topics.rulebookTopicName(), 1, (short) 1)
						.configs(Map.of("cleanup.policy", "compact")),
					new NewTopic(fixture.topics.totals().name(), 1, (short) 1),
					new NewTopic(fixture.topics.stock().name(), 1, (short) 1)))
				.all()
				.get();
		}
	}

	@AfterEach
	void noRecordOfEnds() throws Exception {
		try (KafkaProducer<String, String> producer = producer()) {
			send(producer, this.processor + "/published-to", null);
			send(producer, this.processor, null);
			send(producer, this.processor + "/history", null);
		}
	}

	/**
	 * A console refused the indexer groups' offsets (no permission, the coordinator
	 * unreachable) cannot tell that the indexers have read what was published: each kind
	 * counts as behind, and the figures stay refused, rather than answered from indices
	 * that may still lack what was counted.
	 */
	@Test
	void shouldCountAnIndexerWhoseGroupCannotBeReadAsBehind() throws Exception {
		try (KafkaProducer<String, String> producer = producer();
				Admin admin = admin();
				Admin groupsUnreadable = new GroupsUnreadable(this.kafka.buildAdminProperties())) {
			// Given a replay's published ends, both figures' indexers read to them
			Map<TopicPartition, Long> ends = write(producer, admin, 4, 3);
			this.fixture.commitIndexer(admin, "totals", this.totals, ends.get(this.totals));
			this.fixture.commitIndexer(admin, "stock", this.stock, ends.get(this.stock));
			send(producer, this.processor + "/published-to", publishedTo(ends));

			// When the console cannot read the indexers' groups
			CountingTables unreadable = new CountingTables(this.kafka, groupsUnreadable, this.properties,
					Duration.ofMillis(200));
			CountingTables readable = new CountingTables(this.kafka, admin, this.properties, Duration.ofMillis(200));
			try {
				// Then each kind counts as behind, by no number of records it could know
				CountingTables.Tables tables = unreadable.tables();
				assertThat(tables.indexersBehind())
					.isEqualTo(Map.of("totals", CountingTables.UNKNOWN, "stock", CountingTables.UNKNOWN));
				assertThat(tables.indexingFigures()).isTrue();
				assertThat(tables.publishedTo()).isEqualTo(publishedTo(ends));
				// and stays so however long it waits (a console that can read them sees
				// them caught up once the indices have refreshed since)
				await().atMost(Duration.ofSeconds(10))
					.pollInterval(Duration.ofMillis(250))
					.untilAsserted(() -> assertThat(readable.tables().indexersBehind()).isEmpty());
				assertThat(unreadable.tables().indexersBehind())
					.isEqualTo(Map.of("totals", CountingTables.UNKNOWN, "stock", CountingTables.UNKNOWN));
			}
			finally {
				unreadable.destroy();
				readable.destroy();
			}
		}
	}

	/**
	 * An end past its partition's log end was recorded for a topic that has been made
	 * again since (or emptied): no indexer can commit it, and the console does not wait
	 * for it, while it waits for the other kinds' indexers.
	 */
	@Test
	void shouldNotWaitForAnEndPastItsTopicsLogEnd() throws Exception {
		try (KafkaProducer<String, String> producer = producer(); Admin admin = admin()) {
			// Given a record of ends whose totals end lies past the totals topic's log
			// end
			Map<TopicPartition, Long> ends = write(producer, admin, 2, 5);
			Map<TopicPartition, Long> recorded = new HashMap<>(ends);
			recorded.put(this.totals, ends.get(this.totals) + 7);
			this.fixture.commitIndexer(admin, "totals", this.totals, ends.get(this.totals));
			this.fixture.commitIndexer(admin, "stock", this.stock, ends.get(this.stock) - 2);
			send(producer, this.processor + "/published-to", publishedTo(recorded));

			// Then the figures are refused while the stock indexer has yet to read 2
			// records, naming it alone
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				HttpResponse<String> refused = figure();
				assertThat(refused.statusCode()).isEqualTo(503);
				JsonNode problem = ConsoleFixture.JSON.readTree(refused.body());
				assertThat(problem.get("title").asString()).isEqualTo("The figures counted again are being indexed");
				assertThat(problem.get("indexersBehind").properties()).hasSize(1);
				assertThat(problem.get("indexersBehind").get("stock").asLong()).isEqualTo(2);
			});

			// And once it has read them, the figures are answered, the totals' end
			// that no indexer can reach not waited for
			this.fixture.commitIndexer(admin, "stock", this.stock, ends.get(this.stock));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(figure().statusCode()).isEqualTo(404));
		}
	}

	/**
	 * A record of the processor's on the rulebook topic that it does not write (by hand,
	 * or by another version) tells neither how far the indexers are nor whether a
	 * counting runs: the figures and what sums the history are refused, naming it, rather
	 * than answered unguarded, until it is written again.
	 */
	@Test
	void shouldRefuseTheFiguresWhileARecordOfTheProcessorsIsNotOneItWrites() throws Exception {
		try (KafkaProducer<String, String> producer = producer()) {
			// Given figures and a history counted under the same tables
			send(producer, this.processor, fingerprints());
			send(producer, this.processor + "/history", fingerprints());
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(figure().statusCode()).isEqualTo(404);
				assertThat(drillDown().statusCode()).isEqualTo(200);
			});

			for (String malformed : List.of("{\"" + this.totals + "\": \"the end\"}", "[1, 2]", "null", "{")) {
				// When the record of the published ends is not the processor's
				send(producer, this.processor + "/published-to", malformed);

				// Then the figures and the events behind them are refused, naming it
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
					HttpResponse<String> refused = figure();
					assertThat(refused.statusCode()).as(malformed).isEqualTo(503);
					JsonNode problem = ConsoleFixture.JSON.readTree(refused.body());
					assertThat(problem.get("title").asString()).isEqualTo("The figures' tables cannot be read");
					assertThat(problem.get("detail").asString()).contains(this.processor + "/published-to");
				});
				assertThat(drillDown().statusCode()).isEqualTo(503);
				assertThat(this.fixture.get("/api/search/projects", params("q", "cảng")).statusCode()).isEqualTo(200);

				// And answered again once it is removed
				send(producer, this.processor + "/published-to", null);
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
					assertThat(figure().statusCode()).isEqualTo(404);
					assertThat(drillDown().statusCode()).isEqualTo(200);
				});
			}

			// The same of the figures' own record, the JSON null among them
			send(producer, this.processor, "null");
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				HttpResponse<String> refused = figure();
				assertThat(refused.statusCode()).isEqualTo(503);
				assertThat(ConsoleFixture.JSON.readTree(refused.body()).get("detail").asString())
					.contains("key " + this.processor + " ");
			});
			try (Admin admin = admin()) {
				CountingTables direct = new CountingTables(this.kafka, admin, this.properties, Duration.ofMillis(200));
				assertThatThrownBy(direct::tables).isInstanceOf(TablesUnknownException.class)
					.satisfies((ex) -> assertThat(((TablesUnknownException) ex).malformed()).isTrue());
				assertThatThrownBy(direct::recent).isInstanceOf(TablesUnknownException.class);
				direct.destroy();
			}
			send(producer, this.processor, fingerprints());
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(figure().statusCode()).isEqualTo(404));
		}
	}

	/**
	 * Writes records to the totals and stock topics.
	 * @return each topic's log end after them
	 */
	private Map<TopicPartition, Long> write(KafkaProducer<String, String> producer, Admin admin, int totals, int stock)
			throws Exception {
		Map<TopicPartition, Long> ends = new HashMap<>();
		for (Map.Entry<TopicPartition, Integer> written : Map.of(this.totals, totals, this.stock, stock).entrySet()) {
			for (int i = 0; i < written.getValue(); i++) {
				producer.send(new ProducerRecord<>(written.getKey().topic(), 0, "K" + i, "{}")).get();
			}
			ends.put(written.getKey(),
					admin.listOffsets(Map.of(written.getKey(), OffsetSpec.latest()))
						.all()
						.get()
						.get(written.getKey())
						.offset());
		}
		return ends;
	}

	/** The record of the ends, as the processor writes it ({@code RulesInForce}). */
	private static String publishedTo(Map<TopicPartition, Long> ends) {
		Map<String, Long> record = new LinkedHashMap<>();
		ends.forEach((partition, end) -> record.put(partition.topic() + ":" + partition.partition(), end));
		return ConsoleFixture.JSON.writeValueAsString(new java.util.TreeMap<>(record));
	}

	/** The figures' tables, as the processor records them. */
	private static String fingerprints() {
		return ConsoleFixture.JSON.writeValueAsString(Map.of("calendar", "c1", "rates", "r1", "vsic", "v1", "provinces",
				"p1", "recordedAt", Instant.parse("2026-11-01T00:00:00Z").toString()));
	}

	private HttpResponse<String> figure() {
		return this.fixture.get("/api/search/totals", FIGURE);
	}

	private HttpResponse<String> drillDown() {
		return this.fixture.get("/api/search/totals/events", FIGURE);
	}

	private void send(KafkaProducer<String, String> producer, String key, String value)
			throws InterruptedException, ExecutionException {
		producer.send(new ProducerRecord<>(this.fixture.topics.rulebookTopicName(), 0, key, value)).get();
	}

	private static Admin admin() {
		return Admin.create(Map.of("bootstrap.servers", RealServers.kafka().bootstrapServers()));
	}

	private static KafkaProducer<String, String> producer() {
		return new KafkaProducer<>(Map.of("bootstrap.servers", RealServers.kafka().bootstrapServers(), "acks", "all"),
				new StringSerializer(), new StringSerializer());
	}

	/**
	 * The console's Admin, but its questions of consumer groups go to a broker that does
	 * not answer, and fail after a second as they would with the group coordinator
	 * unreachable.
	 */
	private static final class GroupsUnreadable extends ForwardingAdmin {

		private final Admin unreachable;

		GroupsUnreadable(Map<String, Object> settings) {
			super(settings);
			this.unreachable = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
					"127.0.0.1:1", AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1000,
					AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 500));
		}

		@Override
		public ListConsumerGroupOffsetsResult listConsumerGroupOffsets(Map<String, ListConsumerGroupOffsetsSpec> groups,
				ListConsumerGroupOffsetsOptions options) {
			return this.unreachable.listConsumerGroupOffsets(groups, options);
		}

		@Override
		public ListConsumerGroupOffsetsResult listConsumerGroupOffsets(
				Map<String, ListConsumerGroupOffsetsSpec> groups) {
			return this.unreachable.listConsumerGroupOffsets(groups);
		}

		@Override
		public void close(Duration timeout) {
			this.unreachable.close(Duration.ZERO);
			super.close(timeout);
		}

	}

}
