package vn.investledger.processor.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Bytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before a replay counts again, retires every figure the earlier counting published: a
 * tombstone for each key on the totals and stock topics. A rule change can move every
 * event out of a figure (a new report calendar empties a month, a corrected
 * correspondence empties a sector); the replay never publishes that figure again, so
 * without its tombstone the topic, the index fed from it and any rebuild of that index
 * would keep the old figure. Figures the replay counts again are published after their
 * tombstones, so the compacted topics and the indices end with the new figures and
 * nothing else. Until the replay has published a figure again, it is absent: the figures
 * are being recomputed.
 * <p>
 * A replay from the event topics retires the project states the same way: its ledger may
 * refuse what an earlier version applied, so a project may end with a lower revision or
 * with no state at all, and the projects index follows the topic.
 */
final class FigureRetirement {

	private static final Logger logger = LoggerFactory.getLogger(FigureRetirement.class);

	private static final Duration POLL = Duration.ofMillis(500);

	/**
	 * How long reading the figures' keys may take before the replay gives up, unless
	 * {@value #READ_LIMIT_PROPERTY} says otherwise.
	 */
	static final Duration READ_LIMIT = Duration.ofMinutes(30);

	/** The setting of the limit. */
	static final String READ_LIMIT_PROPERTY = "investledger.replay.retire-read-limit";

	private FigureRetirement() {
	}

	/**
	 * Reads every key on the topics, as far as they were written when it began: what is
	 * to be retired, not yet retired.
	 * @param admin an admin client of the cluster
	 * @param clients the client settings (servers and security) of the processor
	 * @param topics the figure topics
	 * @param readLimit how long reading their keys may take
	 * @return the keys, to retire with {@link Keys#retire}
	 */
	static Keys read(Admin admin, Properties clients, List<String> topics, Duration readLimit)
			throws InterruptedException, ExecutionException, TimeoutException {
		List<TopicPartition> partitions = OffsetReset.partitionsOf(admin, topics);
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		partitions.forEach((partition) -> latest.put(partition, OffsetSpec.latest()));
		Map<TopicPartition, Long> ends = new HashMap<>();
		admin
			.listOffsets(latest,
					new org.apache.kafka.clients.admin.ListOffsetsOptions(
							org.apache.kafka.common.IsolationLevel.READ_COMMITTED))
			.all()
			.get(30, TimeUnit.SECONDS)
			.forEach((partition, info) -> ends.put(partition, info.offset()));
		long began = System.nanoTime();
		Map<String, Set<Bytes>> keys = keys(clients, partitions, ends, readLimit);
		logger.info("Replay: read the keys to retire in {} ms",
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
		return new Keys(keys);
	}

	/**
	 * The keys read on the topics to retire.
	 *
	 * @param byTopic every distinct key, by topic
	 */
	record Keys(Map<String, Set<Bytes>> byTopic) {

		/**
		 * Writes a tombstone for every key.
		 * @param clients the client settings (servers and security) of the processor
		 * @return the tombstones written, by topic
		 */
		Map<String, Integer> retire(Properties clients)
				throws InterruptedException, ExecutionException, TimeoutException {
			long began = System.nanoTime();
			Map<String, Integer> written = new HashMap<>();
			Properties producerSettings = new Properties();
			producerSettings.putAll(clients);
			producerSettings.put(ProducerConfig.ACKS_CONFIG, "all");
			producerSettings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
			producerSettings.put(ProducerConfig.LINGER_MS_CONFIG, 20);
			// a replay's batches (over 500,000 tombstones after 1,000,000 events)
			producerSettings.put(ProducerConfig.BATCH_SIZE_CONFIG, ReplayConfiguration.PRODUCER_BATCH_BYTES);
			List<Future<RecordMetadata>> sends = new ArrayList<>();
			try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerSettings,
					new ByteArraySerializer(), new ByteArraySerializer())) {
				for (Map.Entry<String, Set<Bytes>> topic : this.byTopic.entrySet()) {
					for (Bytes key : topic.getValue()) {
						// its partition by the default partitioner, as written
						sends.add(producer.send(new ProducerRecord<>(topic.getKey(), key.get(), null)));
					}
					written.put(topic.getKey(), topic.getValue().size());
				}
				producer.flush();
				// every tombstone written, or the replay stops before it counts anything
				for (Future<RecordMetadata> send : sends) {
					send.get(2, TimeUnit.MINUTES);
				}
			}
			logger.info("Replay: retired what was published before with a tombstone for each key in {} ms: {}",
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began), written);
			return written;
		}

	}

	/** Every distinct key on the partitions below their ends, by topic. */
	private static Map<String, Set<Bytes>> keys(Properties clients, List<TopicPartition> partitions,
			Map<TopicPartition, Long> ends, Duration readLimit) {
		Map<String, Set<Bytes>> keys = new HashMap<>();
		List<TopicPartition> toRead = partitions.stream().filter((partition) -> ends.get(partition) > 0).toList();
		if (toRead.isEmpty()) {
			return keys;
		}
		Properties settings = new Properties();
		settings.putAll(clients);
		settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.assign(toRead);
			consumer.seekToBeginning(toRead);
			Set<TopicPartition> reading = new HashSet<>(toRead);
			long deadline = System.nanoTime() + readLimit.toNanos();
			while (!reading.isEmpty()) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Replay: could not read the keys of what was counted before, to"
							+ " retire them, within " + readLimit + " (" + READ_LIMIT_PROPERTY + "); still reading "
							+ reading + ". Nothing is retired and the service stays refused: run it again with a"
							+ " longer " + READ_LIMIT_PROPERTY + " (e.g. --" + READ_LIMIT_PROPERTY + "=2h)");
				}
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
					if (record.key() != null) {
						keys.computeIfAbsent(record.topic(), (topic) -> new HashSet<>()).add(Bytes.wrap(record.key()));
					}
				}
				reading.removeIf((partition) -> consumer.position(partition) >= ends.get(partition));
			}
		}
		return keys;
	}

}
