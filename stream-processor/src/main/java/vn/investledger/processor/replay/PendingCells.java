package vn.investledger.processor.replay;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Bytes;

/**
 * Whether every cell that the figures' tasks held, not yet spread over the figures, at a
 * moment (the first call) has been spread since, in whichever instance holds the task:
 * one still restoring a task's cells from its changelog spreads them only once it runs.
 * Read from the pending stores' changelogs, committed records only: a cell's sum is
 * written there in the transaction of the input it stands for, and its removal in the
 * transaction that forwards it to the figures' repartition topic. A cell held at the
 * moment is one whose last committed record before the changelog's end then is a value
 * (the records of a transaction still open then are read once it is decided); it is
 * spread once a removal of it follows (a sum written again before its removal is one
 * cell: the pending cells' processor flushes its store's cache right after each
 * spreading, so that its removals reach the changelog before a cell is written again).
 * Each call reads on from where the last stopped, polling for at most
 * {@link #READ_PER_CALL}.
 */
final class PendingCells {

	/** How long one call may read before it answers. */
	static final Duration READ_PER_CALL = Duration.ofSeconds(10);

	private final Admin admin;

	private final Properties clients;

	private final List<String> changelogs;

	/** The end of each changelog partition's log at the moment. */
	private Map<TopicPartition, Long> moment;

	/** Where each partition is read to. */
	private final Map<TopicPartition, Long> readTo = new HashMap<>();

	/** Per partition, the cells held and not yet seen spread. */
	private final Map<TopicPartition, Set<Bytes>> held = new HashMap<>();

	/**
	 * @param admin an admin client of the cluster
	 * @param clients the client settings of the processor
	 * @param changelogs the pending stores' changelog topics, with the application id's
	 * prefix
	 */
	PendingCells(Admin admin, Properties clients, List<String> changelogs) {
		this.admin = admin;
		this.clients = clients;
		this.changelogs = List.copyOf(changelogs);
	}

	/**
	 * Reads on.
	 * @return true once every cell held at the first call is spread
	 * @throws Exception if Kafka cannot be asked (asked again at the next call)
	 */
	boolean spread() throws Exception {
		if (this.moment == null) {
			// the log's end, not the last stable offset: a transaction whose offsets
			// are committed may not have its marker on a changelog partition yet, and
			// its cells count among those held
			this.moment = ends(this.admin, this.changelogs, IsolationLevel.READ_UNCOMMITTED);
		}
		Map<TopicPartition, Long> ends = committedEnds();
		Map<TopicPartition, Long> toRead = new HashMap<>();
		ends.forEach((partition, end) -> {
			if (this.readTo.getOrDefault(partition, -1L) < end) {
				toRead.put(partition, end);
			}
		});
		if (!toRead.isEmpty()) {
			read(toRead);
		}
		boolean pastMoment = this.moment.entrySet()
			.stream()
			.allMatch((end) -> this.readTo.getOrDefault(end.getKey(), -1L) >= end.getValue());
		return pastMoment && this.held.values().stream().allMatch(Set::isEmpty);
	}

	/** The cells held and not yet seen spread, per partition, for the log. */
	Map<TopicPartition, Integer> held() {
		Map<TopicPartition, Integer> counts = new HashMap<>();
		this.held.forEach((partition, cells) -> {
			if (!cells.isEmpty()) {
				counts.put(partition, cells.size());
			}
		});
		return counts;
	}

	private void read(Map<TopicPartition, Long> toRead) {
		Properties settings = new Properties();
		settings.putAll(this.clients);
		settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.assign(toRead.keySet());
			toRead.keySet().forEach((partition) -> {
				Long at = this.readTo.get(partition);
				if (at == null) {
					consumer.seekToBeginning(List.of(partition));
				}
				else {
					consumer.seek(partition, at);
				}
			});
			Set<TopicPartition> reading = new HashSet<>(toRead.keySet());
			long deadline = System.nanoTime() + READ_PER_CALL.toNanos();
			while (!reading.isEmpty() && System.nanoTime() < deadline) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					TopicPartition partition = new TopicPartition(record.topic(), record.partition());
					note(partition, record);
				}
				for (TopicPartition partition : reading) {
					this.readTo.put(partition, consumer.position(partition));
				}
				reading.removeIf((partition) -> this.readTo.get(partition) >= toRead.get(partition));
			}
		}
	}

	private void note(TopicPartition partition, ConsumerRecord<byte[], byte[]> record) {
		if (record.key() == null) {
			return;
		}
		Set<Bytes> cells = this.held.computeIfAbsent(partition, (p) -> new HashSet<>());
		Bytes cell = Bytes.wrap(record.key());
		if (record.value() == null) {
			cells.remove(cell);
		}
		else if (record.offset() < this.moment.getOrDefault(partition, 0L)) {
			// held at the moment unless removed before it; a cell first written after the
			// moment is not one of those asked about
			cells.add(cell);
		}
	}

	private Map<TopicPartition, Long> committedEnds() throws Exception {
		return committedEnds(this.admin, this.changelogs);
	}

	/**
	 * The end of each partition of some topics that a consumer of committed records reads
	 * to (the last stable offset).
	 * @param admin an admin client
	 * @param topics the topics
	 * @return the ends
	 * @throws Exception if Kafka cannot be asked
	 */
	static Map<TopicPartition, Long> committedEnds(Admin admin, List<String> topics) throws Exception {
		return ends(admin, topics, IsolationLevel.READ_COMMITTED);
	}

	/**
	 * The log ends of the topics' partitions, transactions still open included.
	 * @param admin an admin client
	 * @param topics the topics
	 * @return the ends, per partition
	 * @throws Exception if Kafka cannot be asked
	 */
	static Map<TopicPartition, Long> logEnds(Admin admin, List<String> topics) throws Exception {
		return ends(admin, topics, IsolationLevel.READ_UNCOMMITTED);
	}

	private static Map<TopicPartition, Long> ends(Admin admin, List<String> topics, IsolationLevel isolation)
			throws Exception {
		Map<TopicPartition, OffsetSpec> request = new HashMap<>();
		admin.describeTopics(topics)
			.allTopicNames()
			.get(10, TimeUnit.SECONDS)
			.forEach((name, description) -> description.partitions()
				.forEach((p) -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
		Map<TopicPartition, Long> ends = new HashMap<>();
		admin.listOffsets(request, new ListOffsetsOptions(isolation))
			.all()
			.get(10, TimeUnit.SECONDS)
			.forEach((partition, info) -> ends.put(partition, info.offset()));
		return ends;
	}

}
