package vn.investledger.processor.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

import vn.investledger.processor.system.ClientSettings;
import vn.investledger.processor.totals.TotalsTopology;

/**
 * Reports the replay's progress every few seconds, in the log and as the gauge
 * {@code investledger.replay.records} (tag {@code of}: {@code replayed}, {@code total}):
 * the offsets the application has committed on the event topics against where the log
 * ended when the replay began. It says when every figure has been rebuilt.
 * <p>
 * A recount is complete only once its input is committed to where it ended, its
 * repartition topics are read to their ends with no transaction open on them or on the
 * figures' topics, every stream thread runs with no task holding cells not yet spread
 * over the figures, and none of those topics has grown for {@link #quiet} (the cells a
 * task sums are spread over the figures once per flush interval, after the input that
 * made them is committed); its instance then stops itself ({@link RecountEnd}).
 */
class ReplayProgress implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ReplayProgress.class);

	/**
	 * How often the progress is asked: each step of the end's detection waits for the
	 * next ask, so a replay is known complete about this soon after it is.
	 */
	private static final Duration EVERY = Duration.ofMillis(500);

	/** How often the progress is logged while the records are read. */
	private static final Duration LOG_EVERY = Duration.ofSeconds(2);

	private final StreamsBuilderFactoryBean factory;

	private final OffsetReset reset;

	private final RecountEnd end;

	private final AtomicLong replayed = new AtomicLong();

	private final AtomicLong total = new AtomicLong();

	private volatile boolean done;

	private ScheduledExecutorService scheduler;

	private Admin admin;

	private long startedAt;

	private Map<TopicPartition, Long> lastEnds = Map.of();

	private long unchangedSince;

	/** When the progress was last logged. */
	private long loggedAt;

	/** Whether a replay from the event topics said it had read its every record. */
	private boolean readLogged;

	/** For a replay from the event topics: whether its figures are published. */
	private FiguresSettled settled;

	private final java.util.List<String> repartitionTopics;

	private final Duration stuck;

	ReplayProgress(StreamsBuilderFactoryBean factory, OffsetReset reset, RecountEnd end, MeterRegistry meters,
			java.util.List<String> repartitionTopics, Duration stuck) {
		this.factory = factory;
		this.reset = reset;
		this.end = end;
		this.repartitionTopics = repartitionTopics;
		this.stuck = stuck;
		Gauge.builder("investledger.replay.records", this.replayed, AtomicLong::get)
			.tag("of", "replayed")
			.description("Event records the replay has processed")
			.register(meters);
		Gauge.builder("investledger.replay.records", this.total, AtomicLong::get)
			.tag("of", "total")
			.description("Event records in the log when the replay began")
			.register(meters);
	}

	@Override
	public void start() {
		Map<TopicPartition, Long> start = this.reset.startOffsets();
		Map<TopicPartition, Long> end = this.reset.endOffsets();
		this.total.set(end.entrySet().stream().mapToLong((e) -> e.getValue() - start.get(e.getKey())).sum());
		this.startedAt = System.nanoTime();
		this.loggedAt = this.startedAt;
		Properties config = this.factory.getStreamsConfiguration();
		this.admin = Admin.create(ClientSettings.of(config));
		String applicationId = config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
		this.settled = new FiguresSettled(this.admin, ClientSettings.of(config), applicationId, this.reset.replayTo(),
				this.repartitionTopics, quiet(config), this.stuck, this.factory::getKafkaStreams);
		logger.info("Replay: {} {} to process", this.total.get(), this.reset.records());
		this.scheduler = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "replay-progress");
			thread.setDaemon(true);
			return thread;
		});
		this.scheduler.scheduleWithFixedDelay(() -> report(applicationId, start, end), EVERY.toMillis(),
				EVERY.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void report(String applicationId, Map<TopicPartition, Long> start, Map<TopicPartition, Long> end) {
		if (this.done || this.end.code() != null) {
			return;
		}
		try {
			Map<TopicPartition, OffsetAndMetadata> committed = this.admin.listConsumerGroupOffsets(applicationId)
				.partitionsToOffsetAndMetadata()
				.get(10, TimeUnit.SECONDS);
			long processed = 0;
			boolean caughtUp = true;
			for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
				OffsetAndMetadata offset = committed.get(partition.getKey());
				long position = (offset != null) ? Math.min(offset.offset(), partition.getValue())
						: start.get(partition.getKey());
				processed += position - start.get(partition.getKey());
				caughtUp &= position >= partition.getValue();
			}
			this.replayed.set(processed);
			double seconds = Math.max(0.001, (System.nanoTime() - this.startedAt) / 1e9);
			long total = this.total.get();
			boolean read = caughtUp;
			if (caughtUp && this.reset.isRecount()) {
				caughtUp = drained(applicationId, committed);
			}
			if (caughtUp && this.reset.isRecount()) {
				// a recount that failed meanwhile keeps its mark
				if (this.end.settleComplete()) {
					this.done = true;
					try {
						this.reset.complete(this.admin);
					}
					catch (RuntimeException ex) {
						logger.error("Every figure is counted again, but the recount's mark could not be removed:"
								+ " the processor stays refused; run the recount again", ex);
						this.end.close(RecountEnd.FAILED);
						return;
					}
					logger.info(
							"Replay complete: {} {} in {} s; every figure is rebuilt. This instance stops;"
									+ " start the processor as usual",
							total, this.reset.records(), String.format("%.1f", seconds));
					this.end.close(RecountEnd.COMPLETE);
				}
			}
			else if (!this.reset.isRecount() && this.settled.settled()) {
				// the figures of every record up to the mark are published: the console
				// answers them again
				this.reset.complete(this.admin);
				this.done = true;
				logger.info("Replay complete: {} {} in {} s; every figure is rebuilt", total, this.reset.records(),
						String.format("%.1f", seconds));
			}
			else if (caughtUp && !this.reset.isRecount()) {
				if (!this.readLogged) {
					this.readLogged = true;
					logger.info("Replay: all {} {} read; the last figures are being published", total,
							this.reset.records());
				}
			}
			else if (System.nanoTime() - this.loggedAt < LOG_EVERY.toNanos()) {
				return;
			}
			else if (read) {
				this.loggedAt = System.nanoTime();
				logger.info("Recount: all {} {} read; the last figures are being published", total,
						this.reset.records());
			}
			else {
				this.loggedAt = System.nanoTime();
				logger.info("Replay: {} of {} {} ({}%), {} records/s", processed, total, this.reset.records(),
						String.format("%.1f", (total == 0) ? 100.0 : 100.0 * processed / total),
						String.format("%.0f", processed / seconds));
			}
		}
		catch (Exception ex) {
			if (System.nanoTime() - this.loggedAt >= LOG_EVERY.toNanos()) {
				this.loggedAt = System.nanoTime();
				logger.warn("Replay progress unknown for now: {}", ex.getMessage());
			}
		}
	}

	/**
	 * Whether the recount's repartition topics are read to their ends (a transaction's
	 * marker may follow the last offset committed) and they and the figures' topics have
	 * not grown for {@link #quiet}.
	 */
	private boolean drained(String applicationId, Map<TopicPartition, OffsetAndMetadata> committed) throws Exception {
		List<String> repartition = this.reset.recountTopics()
			.stream()
			.filter((topic) -> topic.endsWith("-repartition"))
			.map((topic) -> applicationId + "-" + topic)
			.toList();
		List<String> watched = new ArrayList<>(repartition);
		watched.add(this.reset.figureTopics().get(0));
		watched.add(this.reset.figureTopics().get(1));
		Map<TopicPartition, OffsetSpec> request = new HashMap<>();
		this.admin.describeTopics(watched)
			.allTopicNames()
			.get(10, TimeUnit.SECONDS)
			.forEach((name, description) -> description.partitions()
				.forEach((p) -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
		Map<TopicPartition, Long> ends = new HashMap<>();
		this.admin.listOffsets(request)
			.all()
			.get(10, TimeUnit.SECONDS)
			.forEach((partition, info) -> ends.put(partition, info.offset()));
		// no transaction open on them: the stable offsets are the ends
		Map<TopicPartition, Long> stable = new HashMap<>();
		this.admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
			.all()
			.get(10, TimeUnit.SECONDS)
			.forEach((partition, info) -> stable.put(partition, info.offset()));
		if (!stable.equals(ends) || !nothingPending()) {
			this.lastEnds = Map.of();
			return false;
		}
		long now = System.nanoTime();
		if (!ends.equals(this.lastEnds)) {
			this.lastEnds = ends;
			this.unchangedSince = now;
			return false;
		}
		for (Map.Entry<TopicPartition, Long> partition : ends.entrySet()) {
			if (repartition.contains(partition.getKey().topic())) {
				OffsetAndMetadata offset = committed.get(partition.getKey());
				if (((offset != null) ? offset.offset() : 0) < partition.getValue() - 1) {
					return false;
				}
			}
		}
		return now - this.unchangedSince >= quiet().toNanos();
	}

	/**
	 * Whether every stream thread runs and no task holds cells not yet spread over the
	 * figures (a thread stalled past the quiet window would otherwise go unseen).
	 */
	private boolean nothingPending() {
		KafkaStreams streams = this.factory.getKafkaStreams();
		if (streams == null || streams.state() != KafkaStreams.State.RUNNING) {
			return false;
		}
		for (String store : TotalsTopology.PENDING_STORES) {
			ReadOnlyKeyValueStore<Object, Object> pending = streams
				.store(StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore()));
			try (KeyValueIterator<Object, Object> cells = pending.all()) {
				if (cells.hasNext()) {
					return false;
				}
			}
		}
		return true;
	}

	/**
	 * How long the recount's topics must stay as they are before it is complete: two
	 * flush intervals (a second, or the commit interval if longer) and a second.
	 */
	private Duration quiet() {
		return quiet(this.factory.getStreamsConfiguration());
	}

	/**
	 * Two flush intervals (a second, or the commit interval if longer) and a second: the
	 * time the cells counted from the input committed last take to reach the figures'
	 * topics.
	 * @param config the streams' settings
	 * @return the time
	 */
	static Duration quiet(java.util.Properties config) {
		Object interval = config.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
		Duration flush = Duration.ofSeconds(1);
		if (interval != null && Duration.ofMillis(Long.parseLong(interval.toString())).compareTo(flush) > 0) {
			flush = Duration.ofMillis(Long.parseLong(interval.toString()));
		}
		return flush.multipliedBy(2).plusSeconds(1);
	}

	/**
	 * Whether the application has committed every offset the log held when the replay
	 * began.
	 * @return true once the replay is complete
	 */
	boolean isDone() {
		return this.done;
	}

	@Override
	public void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.admin.close(Duration.ofSeconds(5));
			this.scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	/**
	 * After the streams start.
	 */
	@Override
	public int getPhase() {
		return this.factory.getPhase() + 1;
	}

}
