package vn.investledger.indexer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.indices.IndexState;
import co.elastic.clients.elasticsearch.indices.IndicesBlockOptions;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;

import vn.investledger.events.EventJson;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Money;
import vn.investledger.events.ProjectState;
import vn.investledger.events.Topics;
import vn.investledger.events.Total;
import vn.investledger.index.Indices;
import vn.investledger.index.ProjectDocument;
import vn.investledger.indexer.indexing.DeadLetters;
import vn.investledger.indexer.indexing.IndexSetup;
import vn.investledger.testsupport.ProjectLife;
import vn.investledger.testsupport.RealServers;
import vn.investledger.testsupport.Records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.investledger.indexer.IndexerFixture.state;

/**
 * The indexer on a real broker and a real Elasticsearch node: idempotent writes, external
 * versions, tombstones, the history as the ledger applied it, the figures' stamps, the
 * dead-letter topic and the indices' refresh intervals. What the indexer wrote is read
 * from Elasticsearch itself.
 */
@IndexerTest
class IndexingTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final IndexerFixture fixture;

	@Autowired
	private ElasticsearchClient client;

	@Autowired
	private IndexSetup indexSetup;

	@Autowired
	private MeterRegistry meters;

	IndexingTests(IndexerFixture fixture) {
		this.fixture = fixture;
	}

	private JsonNode project(String code) {
		return this.fixture.document("projects", code);
	}

	@Test
	void shouldGiveTheSameResultWhenTheSameBatchIsIndexedTwice() {
		List<ProjectState> batch = List.of(state("TWICE-1", 2, "Nhà máy Một", "HP-DEEP-C", "KR", "C", "1000000.50"),
				state("TWICE-2", 1, "Nhà máy Hai", "HP-DEEP-C", "JP", "C", "2500000"),
				state("TWICE-3", 4, "Nhà máy Ba", "HP-TRANG-DUE", "CN", "D", "99.99"));
		batch.forEach(this.fixture::publishState);
		await().atMost(Duration.ofSeconds(60)).until(() -> project("TWICE-3") != null);
		this.fixture.awaitConsumed(this.fixture.group("projects"), this.fixture.topics.projectState().name());
		List<JsonNode> first = batch.stream().map((s) -> project(s.projectCode())).toList();

		batch.forEach(this.fixture::publishState);
		this.fixture.awaitConsumed(this.fixture.group("projects"), this.fixture.topics.projectState().name());

		List<JsonNode> second = batch.stream().map((s) -> project(s.projectCode())).toList();
		assertThat(second).isEqualTo(first);
		assertThat(second.get(0).get("registeredCapital").get("minorUnits").asLong()).isEqualTo(100_000_050L);
		assertThat(second.get(2).get("revision").asLong()).isEqualTo(4);
		// searchable once Elasticsearch has refreshed
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.fixture.count("projects", "projectCode", "TWICE-1")).isEqualTo(1));
	}

	/**
	 * The topic's order is the ledger's: the state it published last is the project,
	 * whatever its revision. A replay whose ledger now refuses an event an earlier
	 * version applied publishes a state of a lower revision, and retires every state with
	 * a tombstone before it counts again.
	 */
	@Test
	void shouldKeepTheStateTheLedgerPublishedLastWhateverItsRevision() {
		// Given revision 3, then revision 2: revision 3 no longer applied
		this.fixture.publishState(state("ORDER-1", 3, "Dự án Ba", "HP-DEEP-C", "KR", "C", "300"));
		this.fixture.publishState(state("ORDER-1", 2, "Dự án Hai", "HP-DEEP-C", "KR", "C", "200"));
		this.fixture.awaitConsumed(this.fixture.group("projects"), this.fixture.topics.projectState().name());
		await().atMost(Duration.ofSeconds(30)).until(() -> project("ORDER-1") != null);

		JsonNode project = project("ORDER-1");
		assertThat(project.get("revision").asLong()).isEqualTo(2);
		assertThat(project.get("registeredCapital").get("minorUnits").asLong()).isEqualTo(20_000);

		// a late event applied under the same revision still updates the project
		this.fixture.publishState(state("ORDER-1", 2, "Dự án Hai (đổi tên)", "HP-DEEP-C", "KR", "C", "200"));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(project("ORDER-1").get("projectName").asString())
				.isEqualTo("Dự án Hai (đổi tên)"));

		// a replay's tombstone deletes it, and the state the replay publishes after it is
		// the project again, of a lower revision
		this.fixture.send(this.fixture.topics.projectState().name(), "ORDER-1", null);
		await().atMost(Duration.ofSeconds(30)).until(() -> project("ORDER-1") == null);
		this.fixture.publishState(state("ORDER-1", 1, "Dự án Một", "HP-DEEP-C", "KR", "C", "100"));
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			JsonNode again = project("ORDER-1");
			return again != null && again.get("revision").asLong() == 1;
		});
	}

	@Test
	void shouldKeepOneHistoryEntryPerRevisionAppliedWhateverIsSentAgain() {
		// Given a project's life as the ledger applied it, its licence sent twice
		List<LicensingEvent> life = ProjectLife.of("HIST-IX-1", "31");
		life.forEach((event) -> this.fixture.publishApplied(event, "31"));
		this.fixture.publishApplied(life.get(0), "31");
		// and a copy of the licence with other content on a unit's event topic, which the
		// indexer never reads: the history holds what the ledger applied
		this.fixture.send(this.fixture.topics.eventTopicName("31"), life.get(0).key(),
				EventJson.toJson(life.get(0)).replace("Nhà máy", "Giả mạo").getBytes(StandardCharsets.UTF_8));

		// Then each revision is there once, under its id
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(
					() -> assertThat(this.fixture.count("history", "projectCode", "HIST-IX-1")).isEqualTo(life.size()));
		this.fixture.awaitConsumed(this.fixture.group("history"), this.fixture.topics.appliedEvents().name());
		assertThat(this.fixture.count("history", "projectCode", "HIST-IX-1")).isEqualTo(life.size());
		JsonNode licence = this.fixture.document("history", "HIST-IX-1#1");
		assertThat(licence.get("eventId").asString()).isEqualTo(life.get(0).envelope().eventId().toString());
		assertThat(licence.get("eventJson").asString()).doesNotContain("Giả mạo");
	}

	@Test
	void shouldStampEachFigureWithTheTimeItIsWritten() {
		Instant before = Instant.now();
		Total figure = new Total("national", Map.of(), "2033", InvestmentType.FDI, Money.usd("7.00"), 1, Money.usd("0"),
				0, Money.usd("0"), 0, Money.usd("0"), Instant.parse("2033-01-02T03:04:05Z"), null);
		this.fixture.send(this.fixture.topics.totals().name(), figure.key(),
				Topics.totalSerde().serializer().serialize("", figure));

		await().atMost(Duration.ofSeconds(60)).until(() -> this.fixture.document("totals", figure.key()) != null);
		JsonNode indexed = this.fixture.document("totals", figure.key());
		// the console finds the figures written since it last asked by this stamp
		assertThat(Instant.parse(indexed.get("indexedAt").asString())).isBetween(before, Instant.now());
		assertThat(indexed.get("newestEventAt").asString()).isEqualTo("2033-01-02T03:04:05Z");
	}

	@Test
	void shouldMakeProjectsSearchableEveryHalfSecondAndTheRestEverySecond() throws Exception {
		// a project is searchable at the next refresh: the projects index is the one that
		// tells an official a licence has arrived
		Map<String, String> expected = Map.of("projects", "500ms", "history", "1s", "totals", "1s", "stock", "1s",
				"rejections", "1s");
		assertThat(refreshIntervals()).isEqualTo(expected);

		// an index made by an earlier version, refreshed every second, takes the
		// template's interval when the indexer starts again
		this.client.indices()
			.putSettings((request) -> request.index(this.fixture.indices.projects())
				.settings((settings) -> settings.refreshInterval((time) -> time.time("1s"))));
		assertThat(refreshIntervals()).containsEntry("projects", "1s");
		this.indexSetup.afterPropertiesSet();
		assertThat(refreshIntervals()).isEqualTo(expected);
	}

	@Test
	void shouldAddTheTemplatesNewFieldsToAnIndexMadeByAnEarlierVersion() throws Exception {
		// an index of an earlier version, whose strict mapping lacks a field the template
		// added since
		String earlier = this.fixture.prefix + "-earlier-v1";
		this.client.indices()
			.create((create) -> create.index(earlier)
				.withJson(new java.io.StringReader(
						"{\"mappings\":{\"dynamic\":\"strict\",\"properties\":{\"projectCode\":{\"type\":\"keyword\"}}}}")));

		this.indexSetup.applyNewFields(earlier, "{\"mappings\":{\"dynamic\":\"strict\",\"properties\":{"
				+ "\"projectCode\":{\"type\":\"keyword\"},\"ownerUnit\":{\"type\":\"keyword\"}}}}");

		assertThat(this.client.indices()
			.getMapping((mapping) -> mapping.index(earlier))
			.get(earlier)
			.mappings()
			.properties()).containsKeys("projectCode", "ownerUnit");
	}

	@Test
	void shouldCountTheProjectsIndexedBeforeTheirNameOrderExisted() throws Exception {
		// Given a projects index of an earlier version, without the name order, holding a
		// project
		String earlier = this.fixture.prefix + "-projects-earlier-v1";
		ObjectNode definition = (ObjectNode) JSON.readTree(Indices.definition("projects"));
		((ObjectNode) definition.get("mappings").get("properties")).remove("nameOrder");
		((ObjectNode) definition.get("settings")).put("number_of_replicas", 0);
		this.client.indices()
			.create((create) -> create.index(earlier).withJson(new java.io.StringReader(definition.toString())));
		ObjectNode old = (ObjectNode) JSON.readTree(
				EventJson.toJson(ProjectDocument.of(state("EARLIER-1", 1, "Đông Á", "HP-DEEP-C", "KR", "C", "1000"))));
		old.remove("nameOrder");
		this.client.index((index) -> index.index(earlier)
			.id("EARLIER-1")
			.withJson(new java.io.StringReader(old.toString()))
			.refresh(Refresh.True));

		// When the indexer starts, adding the template's new fields
		this.indexSetup.applyNewFields(earlier, Indices.definition("projects"));
		String later = EventJson
			.toJson(ProjectDocument.of(state("LATER-1", 1, "Dương Kinh", "HP-DEEP-C", "KR", "C", "1000")));
		this.client.index((index) -> index.index(earlier)
			.id("LATER-1")
			.withJson(new java.io.StringReader(later))
			.refresh(Refresh.True));

		// Then it counts the earlier project as without a name order, not the later one
		assertThat(this.indexSetup.projectsWithoutNameOrder(earlier)).isEqualTo(1);
	}

	/**
	 * A deletion's version is kept an hour in the indices whose documents are deleted by
	 * a tombstone (a figure or a project a replay retired): a rebuild's catch-up may
	 * write an older record of a key more than the default 60 s after the live indexer
	 * deleted it, and the figure would come back.
	 */
	@Test
	void shouldKeepADeletionsVersionAnHourWhereTombstonesDeleteDocuments() throws Exception {
		Map<String, String> expected = new HashMap<>(Map.of("projects", "1h", "totals", "1h", "stock", "1h"));
		assertThat(gcDeletes()).isEqualTo(expected);

		// an index made by an earlier version takes it when the indexer starts again
		this.client.indices()
			.putSettings((request) -> request.index(this.fixture.indices.totals())
				.settings((settings) -> settings.gcDeletes((time) -> time.time("60s"))));
		assertThat(gcDeletes()).containsEntry("totals", "60s");
		this.indexSetup.afterPropertiesSet();
		assertThat(gcDeletes()).isEqualTo(expected);
	}

	private Map<String, String> gcDeletes() throws Exception {
		Map<String, String> kept = new HashMap<>();
		for (String kind : List.of("projects", "history", "totals", "stock", "rejections")) {
			Map<String, IndexState> indices = this.client.indices()
				.getSettings((settings) -> settings.index(this.fixture.indices.alias(kind)))
				.settings();
			assertThat(indices).hasSize(1);
			var index = indices.values().iterator().next().settings().index();
			if (index.gcDeletes() != null) {
				kept.put(kind, index.gcDeletes().time());
			}
		}
		return kept;
	}

	private Map<String, String> refreshIntervals() throws Exception {
		Map<String, String> intervals = new HashMap<>();
		for (String kind : List.of("projects", "history", "totals", "stock", "rejections")) {
			Map<String, IndexState> indices = this.client.indices()
				.getSettings((settings) -> settings.index(this.fixture.indices.alias(kind)))
				.settings();
			assertThat(indices).hasSize(1);
			intervals.put(kind, indices.values().iterator().next().settings().index().refreshInterval().time());
		}
		return intervals;
	}

	@Test
	void shouldDeleteOnATombstone() {
		this.fixture.publishState(state("GONE-1", 1, "Dự án tạm", null, "SG", "C", "5"));
		Total figure = Total.zero("province", Map.of("province", "31"), "2031", InvestmentType.FDI);
		this.fixture.send(this.fixture.topics.totals().name(), figure.key(),
				Topics.totalSerde().serializer().serialize("", figure));
		await().atMost(Duration.ofSeconds(60))
			.until(() -> project("GONE-1") != null && this.fixture.document("totals", figure.key()) != null);

		this.fixture.send(this.fixture.topics.projectState().name(), "GONE-1", null);
		this.fixture.send(this.fixture.topics.totals().name(), figure.key(), null);

		await().atMost(Duration.ofSeconds(60))
			.until(() -> project("GONE-1") == null && this.fixture.document("totals", figure.key()) == null);
	}

	@Test
	void shouldDeadLetterWhatElasticsearchRefusesOrNobodyCanReadOrIsUnderAnotherKeyAndIndexTheRest() {
		byte[] garbage = "{\"cuboid\": ".getBytes(StandardCharsets.UTF_8);
		// the mapping is strict: a dimension it does not know is refused
		Total unmapped = Total.zero("district", Map.of("district", "Ngô Quyền"), "all", InvestmentType.FDI);
		Total good = new Total("national", Map.of(), "2032", InvestmentType.DDI, Money.vnd(265_000_000_000L), 1,
				Money.vnd(0), 0, Money.vnd(0), 0, Money.vnd(0), null, null);
		// Hải Dương's figure under Hải Phòng's key: it would answer for Hải Phòng's
		Total haiDuong = Total.zero("province", Map.of("province", "30"), "2032", InvestmentType.FDI);
		String haiPhong = Total.zero("province", Map.of("province", "31"), "2032", InvestmentType.FDI).key();
		String totals = this.fixture.topics.totals().name();
		this.fixture.send(totals, "garbage", garbage);
		this.fixture.send(totals, unmapped.key(), Topics.totalSerde().serializer().serialize("", unmapped));
		this.fixture.send(totals, haiPhong, Topics.totalSerde().serializer().serialize("", haiDuong));
		this.fixture.send(totals, good.key(), Topics.totalSerde().serializer().serialize("", good));

		List<ConsumerRecord<String, byte[]>> dead = Records.drain(RealServers.kafka(),
				this.fixture.prefix + ".indexer.dlq", 3, new StringDeserializer(), new ByteArrayDeserializer());

		assertThat(dead).anySatisfy((record) -> {
			assertThat(record.key()).isEqualTo("garbage");
			assertThat(record.value()).isEqualTo(garbage);
			assertThat(header(record, DeadLetters.REASON)).startsWith("unreadable:");
			assertThat(header(record, DeadLetters.SOURCE_TOPIC)).isEqualTo(totals);
		});
		assertThat(dead).anySatisfy((record) -> {
			assertThat(record.key()).isEqualTo(unmapped.key());
			assertThat(header(record, DeadLetters.STATUS)).isEqualTo("400");
			assertThat(header(record, DeadLetters.REASON)).contains("strict_dynamic_mapping_exception");
		});
		assertThat(dead).anySatisfy((record) -> {
			assertThat(record.key()).isEqualTo(haiPhong);
			assertThat(header(record, DeadLetters.REASON)).contains("is not the figure's key " + haiDuong.key());
		});
		await().atMost(Duration.ofSeconds(30)).until(() -> this.fixture.document("totals", good.key()) != null);
		assertThat(this.fixture.document("totals", good.key()).get("newCapital").get("minorUnits").asLong())
			.isEqualTo(265_000_000_000L);
		assertThat(this.fixture.document("totals", haiPhong)).isNull();
	}

	/**
	 * A write block ({@code PUT /<index>/_block/write}, ILM's, the disk's flood stage) is
	 * about the index, not the figure: the figure waits for the block to be lifted, with
	 * its offset not committed, and is never dead-lettered, where it would stay out of
	 * the index for good while the indexer looked healthy.
	 */
	@Test
	void shouldNeitherDeadLetterNorCommitAFigureWhileItsIndexIsBlockedForWritesAndIndexItOnceUnblocked()
			throws Exception {
		// Given the totals index blocked for writes
		String index = this.indexSetup.currentIndex(this.fixture.indices.alias("totals"));
		this.client.indices().addBlock((block) -> block.index(index).block(IndicesBlockOptions.Write));
		Total figure = Total.builder("national", Map.of(), "2034", InvestmentType.FDI)
			.newProjects(1, Money.usd("3.00"))
			.build();
		String totals = this.fixture.topics.totals().name();
		Map<TopicPartition, Long> before = this.fixture.endOffsets(totals);
		try {
			// When a figure is published
			double requests = bulkRequests();
			this.fixture.send(totals, figure.key(), Topics.totalSerde().serializer().serialize("", figure));

			// Then the indexer sends it again, and again
			await().atMost(Duration.ofSeconds(30)).until(() -> bulkRequests() >= requests + 2 || deadLettered(figure));
			// without dead-lettering it or committing its offset
			assertThat(deadLettered(figure)).isFalse();
			Map<TopicPartition, Long> after = this.fixture.endOffsets(totals);
			TopicPartition partition = after.keySet()
				.stream()
				.filter((p) -> after.get(p) > before.getOrDefault(p, 0L))
				.findFirst()
				.orElseThrow();
			try (Admin admin = this.fixture.admin()) {
				OffsetAndMetadata committed = admin.listConsumerGroupOffsets(this.fixture.group("totals"))
					.partitionsToOffsetAndMetadata()
					.get(10, TimeUnit.SECONDS)
					.get(partition);
				assertThat((committed != null) ? committed.offset() : 0L).isLessThan(after.get(partition));
			}
			assertThat(this.fixture.document("totals", figure.key())).isNull();
		}
		finally {
			// When the block is lifted
			this.client.indices()
				.putSettings((request) -> request.index(index)
					.settings((settings) -> settings.blocks((blocks) -> blocks.write(false))));
		}

		// Then the figure is indexed, and its offset committed
		await().atMost(Duration.ofSeconds(60)).until(() -> this.fixture.document("totals", figure.key()) != null);
		this.fixture.awaitConsumed(this.fixture.group("totals"), totals);
		assertThat(deadLettered(figure)).isFalse();
	}

	private double bulkRequests() {
		return this.meters.get("investledger.indexer.bulk").timer().count();
	}

	private boolean deadLettered(Total figure) {
		return Records
			.drainAvailable(RealServers.kafka(), this.fixture.prefix + ".indexer.dlq", new StringDeserializer(),
					new ByteArrayDeserializer())
			.stream()
			.anyMatch((record) -> figure.key().equals(record.key()));
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		var header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
