package vn.investledger.indexer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import vn.investledger.events.Rejection;
import vn.investledger.events.RejectionReason;
import vn.investledger.testsupport.RealServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The records the ledger refused, from every unit's rejection topic and the dead-letter
 * topic, indexed once each, by where the refused record came from.
 */
@IndexerTest
class RejectionsIndexTests {

	private final IndexerFixture fixture;

	RejectionsIndexTests(IndexerFixture fixture) {
		this.fixture = fixture;
	}

	@BeforeAll
	static void topics(IndexerFixture fixture) throws Exception {
		// the processor creates these topics in service; the indexer's pattern finds them
		try (Admin admin = fixture.admin()) {
			admin.createTopics(List.of(new NewTopic(fixture.topics.rejectionTopicName("31"), 1, (short) 1),
					new NewTopic(fixture.topics.rejectionTopicName("22"), 1, (short) 1),
					new NewTopic(fixture.topics.deadLetterTopicName(), 1, (short) 1)))
				.all()
				.get();
		}
	}

	@Test
	void shouldIndexEachRefusedRecordOnceWithItsUnitAndReason() {
		// Given three refusals of Hải Phòng's records, one of Quảng Ninh's sent twice (a
		// replay refuses it again), and one from a topic of no unit
		refuse("31", RejectionReason.INVALID, 1);
		refuse("31", RejectionReason.INVALID, 2);
		refuse("31", RejectionReason.MISPLACED, 3);
		refuse("22", RejectionReason.FOREIGN_PROJECT, 1);
		refuse("22", RejectionReason.FOREIGN_PROJECT, 1);
		refuse(null, RejectionReason.NO_UNIT, 7);

		// Then five are indexed, each under where it came from
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.fixture.count("rejections", "reason", "INVALID")
					+ this.fixture.count("rejections", "reason", "MISPLACED")
					+ this.fixture.count("rejections", "reason", "FOREIGN_PROJECT")
					+ this.fixture.count("rejections", "reason", "NO_UNIT"))
				.isEqualTo(5));
		this.fixture.awaitConsumed(this.fixture.group("rejections"), this.fixture.topics.rejectionTopicName("22"));
		assertThat(this.fixture.count("rejections", "unit", "22")).isEqualTo(1);
		JsonNode misplaced = this.fixture.document("rejections", this.fixture.topics.eventTopicName("31") + ":0:3");
		assertThat(misplaced.get("unit").asString()).isEqualTo("31");
		assertThat(misplaced.get("reason").asString()).isEqualTo("MISPLACED");
		assertThat(misplaced.get("projectCode").asString()).isEqualTo("P-3");
		assertThat(misplaced.get("record").asString()).isEqualTo("{\"kind\":");
		JsonNode unknown = this.fixture.document("rejections", this.fixture.topics.eventTopicName("99") + ":0:7");
		assertThat(unknown.hasNonNull("unit")).isFalse();
		assertThat(unknown.get("reason").asString()).isEqualTo("NO_UNIT");
	}

	private void refuse(String unit, RejectionReason reason, long offset) {
		String source = this.fixture.topics.eventTopicName((unit != null) ? unit : "99");
		Rejection rejection = new Rejection(reason, "because " + reason, "6f1c2a4e-3b1d-4c8e-9a55-0e4e2b7c9d1" + offset,
				"P-" + offset, unit, source, 0, offset, Instant.parse("2026-11-30T03:00:00Z"), false);
		String topic = (unit != null) ? this.fixture.topics.rejectionTopicName(unit)
				: this.fixture.topics.deadLetterTopicName();
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", RealServers.kafka().bootstrapServers()), new ByteArraySerializer(),
				new ByteArraySerializer())) {
			producer
				.send(new ProducerRecord<>(topic, null, null, ("P-" + offset).getBytes(StandardCharsets.UTF_8),
						"{\"kind\":".getBytes(StandardCharsets.UTF_8), rejection.toHeaders()))
				.get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
