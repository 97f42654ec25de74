package vn.investledger.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import vn.investledger.events.Rejection;
import vn.investledger.events.Stock;
import vn.investledger.events.Topics;
import vn.investledger.events.Total;

/**
 * What the processor published over a range of offsets, as a reader with
 * {@code read_committed} sees it: each figure's last value on the totals and stock
 * topics, and the records it refused, on the units' rejection topics and the dead-letter
 * topic.
 *
 * @param totals the flow figures by key
 * @param stock the stock figures by key
 * @param refusals each refused record, as {@code <source topic>/<partition>/<offset>}
 * with the reason, sorted
 * @param ends where the range ended on each partition: the start of the next range
 */
record ProcessorOutputs(Map<String, Total> totals, Map<String, Stock> stock, List<String> refusals,
		Map<TopicPartition, Long> ends) {

	/**
	 * Reads what was published since the given offsets up to the topics' ends now.
	 * @param bootstrapServers the broker
	 * @param topics the registry
	 * @param from where to start on each partition; the beginning where absent
	 * @return the outputs
	 */
	static ProcessorOutputs read(String bootstrapServers, Topics topics, Map<TopicPartition, Long> from) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
				false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
		var totalValues = topics.totals().valueSerde().deserializer();
		var stockValues = topics.stock().valueSerde().deserializer();
		Map<String, Total> totals = new HashMap<>();
		Map<String, Stock> stock = new HashMap<>();
		List<String> refusals = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = new ArrayList<>();
			consumer.listTopics(Duration.ofSeconds(30)).forEach((topic, infos) -> {
				if (topic.equals(topics.totals().name()) || topic.equals(topics.stock().name())
						|| topic.equals(topics.deadLetterTopicName())
						|| topics.rejectionTopicPattern().matcher(topic).matches()) {
					infos.forEach((info) -> partitions.add(new TopicPartition(topic, info.partition())));
				}
			});
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			from.forEach((partition, offset) -> {
				if (partitions.contains(partition)) {
					consumer.seek(partition, offset);
				}
			});
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			while (!partitions.stream().allMatch((p) -> consumer.position(p) >= ends.get(p))) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					if (record.offset() >= ends.get(new TopicPartition(record.topic(), record.partition()))) {
						continue;
					}
					if (record.topic().equals(topics.totals().name())) {
						put(totals, record.key(), totalValues.deserialize(record.topic(), record.value()));
					}
					else if (record.topic().equals(topics.stock().name())) {
						put(stock, record.key(), stockValues.deserialize(record.topic(), record.value()));
					}
					else {
						Rejection rejection = Rejection.fromHeaders(record.headers());
						refusals.add(rejection.sourceTopic() + "/" + rejection.sourcePartition() + "/"
								+ rejection.sourceOffset() + " " + rejection.reason() + ": " + rejection.message());
					}
				}
			}
			refusals.sort(null);
			return new ProcessorOutputs(totals, stock, List.copyOf(refusals), Map.copyOf(ends));
		}
	}

	private static <T> void put(Map<String, T> figures, String key, T value) {
		if (value == null) {
			figures.remove(key);
		}
		else {
			figures.put(key, value);
		}
	}

	/**
	 * The national flow figures.
	 * @return the figures of the {@code national} cuboid by key
	 */
	Map<String, Total> national() {
		Map<String, Total> national = new HashMap<>();
		this.totals.forEach((key, total) -> {
			if ("national".equals(total.cuboid())) {
				national.put(key, total);
			}
		});
		return national;
	}

	/**
	 * Where these outputs differ from others: figures one has and the other lacks,
	 * figures that differ, and records refused by one and not the other, or for another
	 * reason.
	 * @param other the other outputs
	 * @param limit the most differences to describe
	 * @return descriptions of the differences; empty when they are equal
	 */
	List<String> differences(ProcessorOutputs other, int limit) {
		List<String> differences = new ArrayList<>();
		compare("totals", this.totals, other.totals, differences, limit);
		compare("stock", this.stock, other.stock, differences, limit);
		if (!this.refusals.equals(other.refusals) && differences.size() < limit) {
			differences.add("refused " + this.refusals + " against " + other.refusals);
		}
		return differences;
	}

	/**
	 * The figures that differ from another run's, the refusals aside (a recount refuses
	 * nothing again).
	 * @param other the other run's outputs
	 * @param limit the most differences to describe
	 * @return descriptions of the differences; empty when they are equal
	 */
	List<String> figureDifferences(ProcessorOutputs other, int limit) {
		List<String> differences = new ArrayList<>();
		compare("totals", this.totals, other.totals, differences, limit);
		compare("stock", this.stock, other.stock, differences, limit);
		return differences;
	}

	private static <T> void compare(String kind, Map<String, T> one, Map<String, T> other, List<String> differences,
			int limit) {
		TreeSet<String> keys = new TreeSet<>(one.keySet());
		keys.addAll(other.keySet());
		for (String key : keys) {
			if (differences.size() >= limit) {
				return;
			}
			T a = one.get(key);
			T b = other.get(key);
			if (!Objects.equals(a, b)) {
				differences.add(kind + " " + key + ": " + a + " against " + b);
			}
		}
	}

}
