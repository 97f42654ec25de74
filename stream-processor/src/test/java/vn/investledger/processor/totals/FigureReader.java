package vn.investledger.processor.totals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import vn.investledger.testsupport.KafkaServer;

/**
 * Reads a compacted figures topic as a downstream consumer does (read_committed) and
 * keeps each key's latest value.
 */
final class FigureReader implements AutoCloseable {

	private final KafkaConsumer<String, ?> consumer;

	private final Map<String, Object> latest = new TreeMap<>();

	private final String topic;

	FigureReader(KafkaServer kafka, String topic, Deserializer<?> values) {
		this.topic = topic;
		this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
				ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
				"earliest"), new StringDeserializer(), values);
	}

	@SuppressWarnings("unchecked")
	<V> Map<String, V> read() {
		if (this.consumer.assignment().isEmpty()) {
			List<PartitionInfo> partitions = this.consumer.partitionsFor(this.topic);
			if (partitions == null || partitions.isEmpty()) {
				return (Map<String, V>) this.latest;
			}
			List<TopicPartition> assigned = new ArrayList<>();
			partitions.forEach((p) -> assigned.add(new TopicPartition(p.topic(), p.partition())));
			this.consumer.assign(assigned);
			this.consumer.seekToBeginning(assigned);
		}
		for (int empty = 0; empty < 2;) {
			var records = this.consumer.poll(Duration.ofMillis(500));
			if (records.isEmpty()) {
				empty++;
			}
			// as a compacted topic ends: a tombstone removes its key
			records.forEach((record) -> {
				if (record.value() != null) {
					this.latest.put(record.key(), record.value());
				}
				else {
					this.latest.remove(record.key());
				}
			});
		}
		return (Map<String, V>) this.latest;
	}

	@Override
	public void close() {
		this.consumer.close();
	}

	/**
	 * The event records the application has committed, over every event topic.
	 */
	static long committedEvents(Admin admin, String applicationId) throws Exception {
		return admin.listConsumerGroupOffsets(applicationId)
			.partitionsToOffsetAndMetadata()
			.get(30, TimeUnit.SECONDS)
			.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().topic().contains(".events."))
			.mapToLong((entry) -> entry.getValue().offset())
			.sum();
	}

}
