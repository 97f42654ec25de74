package vn.investledger.processor.replay;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.investledger.processor.totals.TotalsTopology;

/**
 * Whether the figures counted from a replay's input are published, so that its mark may
 * be removed while the service goes on reading new events. Asked twice a second, it
 * answers true once, with this instance's streams running throughout:
 * <ol>
 * <li>the application has committed, on every partition of the mark, the offset the mark
 * names (a partition that stays behind for {@link #STUCK} is read once: one whose records
 * left to read are all aborted or transaction markers counts as read, since no offset is
 * committed for it);</li>
 * <li>then {@link #quiet} has passed, in which the cells of those records are spread over
 * the figures and sent to the figures' repartition topics (the pending cells are spread
 * once per flush interval, after the input that made them is committed);</li>
 * <li>then every cell the pending stores' changelogs held at that moment has been spread
 * ({@link PendingCells}), in whichever instance holds its task: one still restoring a
 * task spreads its cells only once it runs;</li>
 * <li>then the application has committed, on the repartition topics, the log ends they
 * had by then, or has nothing a consumer gets left before them (the markers of the
 * transactions of several producers, interleaved, and aborted records; a transaction
 * still open there is waited for): each figure is summed and published in the transaction
 * that commits it.</li>
 * </ol>
 * A stream thread that stops running, or an offset that falls back, starts it again.
 */
final class FiguresSettled {

	private static final Logger logger = LoggerFactory.getLogger(FiguresSettled.class);

	/**
	 * The setting of how long a partition may stay behind the mark before it is read to
	 * see why (30 s unless set).
	 */
	static final String STUCK_PROPERTY = "investledger.replay.stuck-after";

	private final Duration stuck;

	private final Admin admin;

	private final Properties clients;

	private final String applicationId;

	private final Map<TopicPartition, Long> target;

	private final List<String> repartitionTopics;

	private final Duration quiet;

	private final Supplier<KafkaStreams> streams;

	/** The partitions whose records left to read are none a consumer gets. */
	private final Set<TopicPartition> nothingToRead = new HashSet<>();

	/** Per partition behind: its committed offset and since when. */
	private final Map<TopicPartition, long[]> behindSince = new HashMap<>();

	/** Per partition read to see why it stays behind: the offset it was read from. */
	private final Map<TopicPartition, Long> probed = new HashMap<>();

	private long reachedAt;

	private Map<TopicPartition, Long> drainTo;

	private PendingCells pendingCells;

	/**
	 * @param admin an admin client of the cluster
	 * @param clients the client settings of the processor, for the read of a partition
	 * that stays behind
	 * @param applicationId the application's id, its consumer group
	 * @param target the mark: the offset to reach on each partition of the input
	 * @param repartitionTopics the figures' repartition topics, without the application
	 * id's prefix
	 * @param quiet how long the cells of the last records read take to reach the
	 * repartition topics
	 * @param stuck how long a partition may stay behind before it is read to see why
	 * @param streams this instance's streams
	 */
	FiguresSettled(Admin admin, Properties clients, String applicationId, Map<TopicPartition, Long> target,
			List<String> repartitionTopics, Duration quiet, Duration stuck, Supplier<KafkaStreams> streams) {
		this.stuck = stuck;
		this.admin = admin;
		this.clients = clients;
		this.applicationId = applicationId;
		this.target = Map.copyOf(target);
		this.repartitionTopics = repartitionTopics.stream().map((topic) -> applicationId + "-" + topic).toList();
		this.quiet = quiet;
		this.streams = streams;
	}

	/**
	 * Asks again.
	 * @return true once the figures of the input up to the mark are published
	 * @throws Exception if Kafka cannot be asked (asked again at the next call)
	 */
	boolean settled() throws Exception {
		KafkaStreams running = this.streams.get();
		if (running == null || running.state() != KafkaStreams.State.RUNNING) {
			again();
			return false;
		}
		Map<TopicPartition, OffsetAndMetadata> committed = this.admin.listConsumerGroupOffsets(this.applicationId)
			.partitionsToOffsetAndMetadata()
			.get(10, TimeUnit.SECONDS);
		long now = System.nanoTime();
		boolean reached = true;
		for (Map.Entry<TopicPartition, Long> end : this.target.entrySet()) {
			long at = offset(committed, end.getKey());
			if (at >= end.getValue() || this.nothingToRead.contains(end.getKey())) {
				this.behindSince.remove(end.getKey());
				continue;
			}
			reached = false;
			long[] since = this.behindSince.get(end.getKey());
			if (since == null || since[0] != at) {
				this.behindSince.put(end.getKey(), new long[] { at, now });
			}
			else if (now - since[1] >= this.stuck.toNanos()
					&& !Long.valueOf(at).equals(this.probed.get(end.getKey()))) {
				// read once per offset it stays at
				this.probed.put(end.getKey(), at);
				if (nothingToRead(Map.of(end.getKey(), new long[] { at, end.getValue() }))) {
					logger.info("{}: the records from offset {} to the mark's {} are none a consumer gets (aborted"
							+ " transactions, markers): it counts as read", end.getKey(), at, end.getValue());
					this.nothingToRead.add(end.getKey());
				}
			}
		}
		if (!reached) {
			again();
			return false;
		}
		if (this.reachedAt == 0) {
			this.reachedAt = now;
			return false;
		}
		if (now - this.reachedAt < this.quiet.toNanos()) {
			return false;
		}
		if (this.pendingCells == null) {
			this.pendingCells = new PendingCells(this.admin, this.clients,
					TotalsTopology.PENDING_STORES.stream()
						.map((store) -> this.applicationId + "-" + store + "-changelog")
						.toList());
		}
		if (!this.pendingCells.spread()) {
			logger.debug("Cells not yet spread over the figures: {}", this.pendingCells.held());
			return false;
		}
		if (this.drainTo == null) {
			// the offsets committed above were asked before these ends: at worst they
			// are found short, and asked again
			this.drainTo = logEnds();
		}
		// each repartition topic read to the end it had, or with nothing a consumer gets
		// left before it (markers of the transactions that wrote its last records, which
		// several producers interleave)
		Map<TopicPartition, long[]> left = new HashMap<>();
		for (Map.Entry<TopicPartition, Long> end : this.drainTo.entrySet()) {
			long at = offset(committed, end.getKey());
			if (at < end.getValue()) {
				left.put(end.getKey(), new long[] { at, end.getValue() });
			}
		}
		return left.isEmpty() || nothingToRead(left);
	}

	private void again() {
		this.reachedAt = 0;
		this.pendingCells = null;
		this.drainTo = null;
	}

	private static long offset(Map<TopicPartition, OffsetAndMetadata> committed, TopicPartition partition) {
		OffsetAndMetadata offset = committed.get(partition);
		return (offset != null) ? offset.offset() : 0;
	}

	/**
	 * The repartition topics' log ends, not their last stable offsets: the transaction
	 * that spread the last cells is committed where the pending stores' changelogs show
	 * it, but its marker may not be on every repartition partition yet, and its records
	 * must be summed before the figures are published. What a consumer does not get
	 * before those ends (markers, aborted records) is read past by
	 * {@link #nothingToRead}; a transaction still open there is waited for.
	 */
	private Map<TopicPartition, Long> logEnds() throws Exception {
		return PendingCells.logEnds(this.admin, this.repartitionTopics);
	}

	/**
	 * Whether a consumer that reads committed records gets none in the ranges given (from
	 * an offset to another, per partition): it skips aborted records and transaction
	 * markers. A range that begins below the log's start is read from the start.
	 */
	private boolean nothingToRead(Map<TopicPartition, long[]> ranges) {
		Properties settings = new Properties();
		settings.putAll(this.clients);
		settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.assign(ranges.keySet());
			Map<TopicPartition, Long> starts = consumer.beginningOffsets(ranges.keySet(), Duration.ofSeconds(10));
			ranges.forEach((partition, range) -> consumer.seek(partition,
					Math.max(range[0], starts.getOrDefault(partition, range[0]))));
			Set<TopicPartition> reading = new HashSet<>(ranges.keySet());
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (!reading.isEmpty() && System.nanoTime() < deadline) {
				for (var record : consumer.poll(Duration.ofMillis(500))) {
					TopicPartition partition = new TopicPartition(record.topic(), record.partition());
					if (record.offset() < ranges.get(partition)[1]) {
						return false;
					}
				}
				reading.removeIf((partition) -> consumer.position(partition) >= ranges.get(partition)[1]);
			}
			return reading.isEmpty();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not read {} to see what is left to read: {}", ranges.keySet(), ex.getMessage());
			return false;
		}
	}

}
