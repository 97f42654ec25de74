package vn.investledger.console.release;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import vn.investledger.console.ConsoleFixture;
import vn.investledger.console.ConsoleTest;
import vn.investledger.testsupport.RealServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.investledger.console.ConsoleFixture.params;

/**
 * A release as known at an instant is answered only once the ledger has taken every event
 * received up to it: before, the same request could answer otherwise later. On the real
 * broker, with the processor's group behind its unit's topic.
 */
@ConsoleTest
@TestPropertySource(properties = { "investledger.releases.catch-up-wait=1s", "investledger.releases.settle=100ms",
		"investledger.rulebook-refresh=200ms" })
class ReleaseAsOfCatchUpTests {

	private static final String MONTH = "2025-10";

	private final ConsoleFixture fixture;

	ReleaseAsOfCatchUpTests(ConsoleFixture fixture) {
		this.fixture = fixture;
	}

	@Test
	void shouldAnswerAReleaseAsKnownAtAnInstantOnlyOnceTheLedgerHasTakenEveryEventUpToIt() throws Exception {
		String topic = this.fixture.topics.eventTopicName("31");
		TopicPartition partition = new TopicPartition(topic, 0);
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", RealServers.kafka().bootstrapServers()));
				KafkaProducer<String, String> producer = new KafkaProducer<>(
						Map.of("bootstrap.servers", RealServers.kafka().bootstrapServers(), "acks", "all"),
						new StringSerializer(), new StringSerializer())) {
			admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
			// Given an event received that the processor has not taken yet
			producer.send(new ProducerRecord<>(topic, 0, "HP-1", "{}")).get();
			Instant known = Instant.now().truncatedTo(ChronoUnit.MILLIS);

			// Then a release as known at an instant since is not answered, nor its
			// zone-board release, nor the revisions up to it
			assertBehind(this.fixture.get("/api/releases/" + MONTH, params("type", "FDI", "asOf", known.toString())));
			assertBehind(this.fixture.get("/api/releases/" + MONTH + "/zone-board",
					params("province", "31", "asOf", known.toString())));
			assertBehind(this.fixture.get("/api/releases/" + MONTH + "/revisions",
					params("type", "FDI", "from", known.minusSeconds(60).toString(), "to", known.toString())));
			// while the release as it stands now is
			assertThat(this.fixture.get("/api/releases/" + MONTH, params("type", "FDI")).statusCode()).isEqualTo(200);

			// When the processor has taken it
			commit(admin, partition, 1);

			// Then it is answered (once the failed wait is no longer answered again at
			// once)
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				HttpResponse<String> answered = this.fixture.get("/api/releases/" + MONTH,
						params("type", "FDI", "asOf", known.toString()));
				assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
				assertThat(answered.headers().firstValue("X-Vintage")).contains("as-of");
			});

			// and once known, an instant before stays answered while the ledger is behind
			// again with later events, which an instant after them is not
			producer.send(new ProducerRecord<>(topic, 0, "HP-2", "{}")).get();
			assertThat(this.fixture.get("/api/releases/" + MONTH, params("type", "FDI", "asOf", known.toString()))
				.statusCode()).isEqualTo(200);
			assertThat(this.fixture
				.get("/api/releases/" + MONTH + "/zone-board", params("province", "31", "asOf", known.toString()))
				.statusCode()).isEqualTo(200);
			assertBehind(this.fixture.get("/api/releases/" + MONTH,
					params("type", "FDI", "asOf", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString())));

			// and what was known is not once a replay or a recount begins a new
			// generation of the processor's state (its offsets reset)
			admin.createTopics(List.of(new NewTopic(this.fixture.topics.rulebookTopicName(), 1, (short) 1)
				.configs(Map.of("cleanup.policy", "compact")))).all().get();
			producer
				.send(new ProducerRecord<>(this.fixture.topics.rulebookTopicName(), 0,
						this.fixture.prefix + "-stream-processor/state-generation", "2026-12-05T00:00:00Z replay"))
				.get();
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertBehind(
						this.fixture.get("/api/releases/" + MONTH, params("type", "FDI", "asOf", known.toString()))));
		}
	}

	private void commit(Admin admin, TopicPartition partition, long offset) throws Exception {
		admin
			.alterConsumerGroupOffsets(this.fixture.prefix + "-stream-processor",
					Map.of(partition, new OffsetAndMetadata(offset)))
			.all()
			.get();
	}

	private static void assertBehind(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
		JsonNode problem = ConsoleFixture.JSON.readTree(response.body());
		assertThat(problem.get("title").asString()).isEqualTo("Ledger catching up");
		assertThat(problem.get("detail").asString()).contains("the processor has 1 events to apply")
			.contains("could still change");
	}

}
