package vn.investledger.indexer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import vn.investledger.events.Rejection;
import vn.investledger.events.RejectionReason;
import vn.investledger.indexer.indexing.DeadLetters;
import vn.investledger.testsupport.RealServers;
import vn.investledger.testsupport.Records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The records the ledger refused, from every unit's rejection topic and the dead-letter
 * topic, indexed once each, by where the refused record came from.
 */
@IndexerTest
class RejectionsIndexTests {

	private static final int MIB = 1024 * 1024;

	private final IndexerFixture fixture;

	RejectionsIndexTests(IndexerFixture fixture) {
		this.fixture = fixture;
	}

	@BeforeAll
	static void topics(IndexerFixture fixture) throws Exception {
		// the processor creates these topics in service; the indexer's pattern finds them
		try (Admin admin = fixture.admin()) {
			admin
				.createTopics(List.of(new NewTopic(fixture.topics.rejectionTopicName("31"), 1, (short) 1),
						new NewTopic(fixture.topics.rejectionTopicName("22"), 1, (short) 1),
						new NewTopic(fixture.topics.rejectionTopicName("33"), 1, (short) 1),
						new NewTopic(fixture.topics.deadLetterTopicName(), 1, (short) 1),
						// as the processor creates a rejection topic: records of up to 2
						// MiB
						new NewTopic(fixture.topics.rejectionTopicName("01"), 1, (short) 1)
							.configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(2 * MIB)))))
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

	@Test
	void shouldIndexRefusalsThatDoNotSayWhereTheRefusedRecordCameFromEachUnderItsOwnPlace() {
		// Given two refusals written without their source's topic, partition and offset
		// (by a hand other than the ledger's), and one with its source's topic only
		String topic = this.fixture.topics.rejectionTopicName("33");
		List<Long> offsets = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			Headers headers = rejection("33", RejectionReason.CONFLICT, 40 + i).toHeaders();
			headers.remove(Rejection.SOURCE_PARTITION);
			headers.remove(Rejection.SOURCE_OFFSET);
			if (i < 2) {
				headers.remove(Rejection.SOURCE_TOPIC);
			}
			offsets.add(send(topic, "P-4".getBytes(StandardCharsets.UTF_8),
					"{\"kind\":".getBytes(StandardCharsets.UTF_8), headers));
		}

		// Then each is indexed, under its own place on the rejection topic, none taking
		// another's
		for (int i = 0; i < 3; i++) {
			String id = "rejection@" + topic + ":0:" + offsets.get(i);
			long eventIdSuffix = 40 + i;
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(String.valueOf(this.fixture.document("rejections", id)))
					.contains("\"eventId\":\"6f1c2a4e-3b1d-4c8e-9a55-0e4e2b7c9d1" + eventIdSuffix + "\""));
		}
		assertThat(this.fixture.document("rejections", "null:-1:-1")).isNull();
	}

	/**
	 * A rejection topic's record may be 2 MiB; the indexer must be able to dead-letter
	 * any record it cannot index, or its partition stops there for good.
	 */
	@Test
	void shouldDeadLetterALargeRefusalItCannotReadAsItWasWrittenAndGoOnWithTheNext() {
		// Given a refusal of 1.5 MiB, of a reason the indexer does not know (a newer
		// processor's), under a key that is not UTF-8
		byte[] key = { 'P', '-', (byte) 0xC3, (byte) 0x28, (byte) 0xFF };
		byte[] value = new byte[3 * MIB / 2];
		Arrays.fill(value, (byte) '7');
		Headers headers = rejection("01", RejectionReason.TOO_LARGE, 1).toHeaders();
		headers.remove(Rejection.REASON);
		headers.add(Rejection.REASON, "A_NEWER_REASON".getBytes(StandardCharsets.UTF_8));
		String topic = this.fixture.topics.rejectionTopicName("01");
		send(topic, key, value, headers);
		// and after it a refusal the indexer reads
		refuse("01", RejectionReason.TOO_LARGE, 2);

		// Then the first is on the indexer's dead-letter topic as it was written: key,
		// value
		// and headers, and the indexer's reason
		List<ConsumerRecord<byte[], byte[]>> dead = Records.drain(RealServers.kafka(),
				this.fixture.prefix + ".indexer.dlq", 1, new ByteArrayDeserializer(), new ByteArrayDeserializer());
		ConsumerRecord<byte[], byte[]> letter = dead.getFirst();
		assertThat(letter.key()).isEqualTo(key);
		assertThat(letter.value()).isEqualTo(value);
		List<String> written = new ArrayList<>();
		headers.forEach((header) -> written.add(header.key()));
		List<String> read = new ArrayList<>();
		letter.headers().forEach((header) -> read.add(header.key()));
		assertThat(
				read)
			.containsExactlyElementsOf(Stream.concat(written.stream(), Stream.of(DeadLetters.REASON,
					DeadLetters.SOURCE_TOPIC, DeadLetters.SOURCE_PARTITION, DeadLetters.SOURCE_OFFSET))
				.toList());
		assertThat(text(letter, Rejection.REASON)).isEqualTo("A_NEWER_REASON");
		assertThat(text(letter, DeadLetters.REASON)).startsWith("unreadable:").contains("A_NEWER_REASON");
		assertThat(text(letter, DeadLetters.SOURCE_TOPIC)).isEqualTo(topic);
		// and the next is indexed
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.fixture.document("rejections",
					this.fixture.topics.eventTopicName("01") + ":0:2") != null);
		this.fixture.awaitConsumed(this.fixture.group("rejections"), topic);
	}

	private void refuse(String unit, RejectionReason reason, long offset) {
		String topic = (unit != null) ? this.fixture.topics.rejectionTopicName(unit)
				: this.fixture.topics.deadLetterTopicName();
		send(topic, ("P-" + offset).getBytes(StandardCharsets.UTF_8), "{\"kind\":".getBytes(StandardCharsets.UTF_8),
				rejection(unit, reason, offset).toHeaders());
	}

	private Rejection rejection(String unit, RejectionReason reason, long offset) {
		String source = this.fixture.topics.eventTopicName((unit != null) ? unit : "99");
		return new Rejection(reason, "because " + reason, "6f1c2a4e-3b1d-4c8e-9a55-0e4e2b7c9d1" + offset, "P-" + offset,
				unit, source, 0, offset, Instant.parse("2026-11-30T03:00:00Z"), false);
	}

	private static long send(String topic, byte[] key, byte[] value, Headers headers) {
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", RealServers.kafka().bootstrapServers(), "max.request.size", 4 * MIB),
				new ByteArraySerializer(), new ByteArraySerializer())) {
			return producer.send(new ProducerRecord<>(topic, null, null, key, value, headers)).get().offset();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String text(ConsumerRecord<?, ?> record, String header) {
		return new String(record.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
	}

}
