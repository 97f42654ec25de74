package vn.investledger.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reads what a topic holds, as a test asserts it.
 */
public final class Records {

	private Records() {
	}

	/**
	 * Reads a topic from its start (committed records only) until {@code expected}
	 * records arrived, then half a second more, and asserts that there are exactly that
	 * many: a record too many fails the test.
	 * @param kafka the broker
	 * @param topic the topic
	 * @param expected how many records it must hold
	 * @param keys the key deserializer
	 * @param values the value deserializer
	 * @param <K> the key type
	 * @param <V> the value type
	 * @return the records, in partition order
	 */
	public static <K, V> List<ConsumerRecord<K, V>> drain(KafkaServer kafka, String topic, int expected,
			Deserializer<K> keys, Deserializer<V> values) {
		List<ConsumerRecord<K, V>> records = new ArrayList<>();
		try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				kafka.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "drain-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG,
				"read_committed"), keys, values)) {
			consumer.subscribe(List.of(topic));
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
				assertThat(records).as("records in %s", topic).hasSizeGreaterThanOrEqualTo(expected);
			});
			consumer.poll(Duration.ofMillis(500)).forEach(records::add);
		}
		assertThat(records).as("records in %s", topic).hasSize(expected);
		return records;
	}

	/**
	 * Reads everything a topic holds now (committed records only), up to its end offsets
	 * at the time of the call: for asserting what is, and is not, there.
	 * @param kafka the broker
	 * @param topic the topic
	 * @param keys the key deserializer
	 * @param values the value deserializer
	 * @param <K> the key type
	 * @param <V> the value type
	 * @return the records
	 */
	public static <K, V> List<ConsumerRecord<K, V>> drainAvailable(KafkaServer kafka, String topic,
			Deserializer<K> keys, Deserializer<V> values) {
		List<ConsumerRecord<K, V>> records = new ArrayList<>();
		try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				kafka.bootstrapServers(), ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), keys, values)) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30))
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
				return partitions.stream().allMatch((p) -> consumer.position(p) >= end.get(p));
			});
		}
		return records;
	}

}
