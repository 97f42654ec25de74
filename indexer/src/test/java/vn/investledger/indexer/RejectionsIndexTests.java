package vn.investledger.indexer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.investledger.events.Rejection;
import vn.investledger.events.RejectionReason;
import vn.investledger.testsupport.RealServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The records the ledger refused, from every unit's rejection topic and the dead-letter
 * topic, counted per unit and reason in the console.
 */
@IndexerTest
class RejectionsIndexTests {

	private static final IndexerFixture fixture = IndexerFixture.withUniquePrefix("rejections");

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		fixture.register(registry);
	}

	@BeforeAll
	static void topics() throws Exception {
		// the processor creates these topics in service; the indexer's pattern finds them
		try (var admin = fixture.admin()) {
			admin.createTopics(java.util.List.of(new NewTopic(fixture.topics.rejectionTopicName("31"), 1, (short) 1),
					new NewTopic(fixture.topics.rejectionTopicName("22"), 1, (short) 1),
					new NewTopic(fixture.topics.deadLetterTopicName(), 1, (short) 1)))
				.all()
				.get();
		}
	}

	@AfterAll
	static void close() {
		fixture.close();
	}

	@Test
	void shouldCountTheRefusedRecordsPerUnitAndReason() {
		fixture.port(this.port);
		// Given three refusals of Hải Phòng's records, one of Quảng Ninh's, one from a
		// topic of no unit, and one sent twice (a replay refuses it again)
		refuse("31", RejectionReason.INVALID, 1);
		refuse("31", RejectionReason.INVALID, 2);
		refuse("31", RejectionReason.MISPLACED, 3);
		refuse("22", RejectionReason.FOREIGN_PROJECT, 1);
		refuse("22", RejectionReason.FOREIGN_PROJECT, 1);
		refuse(null, RejectionReason.NO_UNIT, 7);

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode counts = fixture.getJson("/api/console/rejections", Map.of());
			assertThat(counts.get("total").asLong()).isEqualTo(5);
			JsonNode haiPhong = counts.get("units").get(0);
			assertThat(haiPhong.get("unit").asString()).isEqualTo("31");
			assertThat(haiPhong.get("name").asString()).isEqualTo("Hải Phòng");
			assertThat(haiPhong.get("total").asLong()).isEqualTo(3);
			assertThat(haiPhong.get("reasons").get("INVALID").asLong()).isEqualTo(2);
			assertThat(haiPhong.get("reasons").get("MISPLACED").asLong()).isEqualTo(1);
			assertThat(counts.get("units").get(1).get("reasons").get("FOREIGN_PROJECT").asLong()).isEqualTo(1);
			assertThat(counts.get("units").get(2).get("unit").asString()).isEqualTo("none");
		});
	}

	private static void refuse(String unit, RejectionReason reason, long offset) {
		String source = fixture.topics.eventTopicName((unit != null) ? unit : "99");
		Rejection rejection = new Rejection(reason, "because " + reason, "6f1c2a4e-3b1d-4c8e-9a55-0e4e2b7c9d1" + offset,
				"P-" + offset, unit, source, 0, offset, Instant.parse("2026-11-30T03:00:00Z"), false);
		String topic = (unit != null) ? fixture.topics.rejectionTopicName(unit) : fixture.topics.deadLetterTopicName();
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
