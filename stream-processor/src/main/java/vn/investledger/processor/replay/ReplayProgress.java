package vn.investledger.processor.replay;

import java.time.Duration;
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
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

import vn.investledger.processor.system.ClientSettings;

/**
 * Reports the replay's progress every few seconds, in the log and as the gauge
 * {@code investledger.replay.records} (tag {@code of}: {@code replayed}, {@code total}):
 * the offsets the application has committed on the event topics against where the log
 * ended when the replay began. It says when every figure has been rebuilt.
 */
class ReplayProgress implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ReplayProgress.class);

	private static final Duration EVERY = Duration.ofSeconds(2);

	private final StreamsBuilderFactoryBean factory;

	private final OffsetReset reset;

	private final AtomicLong replayed = new AtomicLong();

	private final AtomicLong total = new AtomicLong();

	private volatile boolean done;

	private ScheduledExecutorService scheduler;

	private Admin admin;

	private long startedAt;

	ReplayProgress(StreamsBuilderFactoryBean factory, OffsetReset reset, MeterRegistry meters) {
		this.factory = factory;
		this.reset = reset;
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
		Properties config = this.factory.getStreamsConfiguration();
		this.admin = Admin.create(ClientSettings.of(config));
		String applicationId = config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
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
		if (this.done) {
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
			if (caughtUp) {
				this.reset.complete();
				this.done = true;
				logger.info("Replay complete: {} {} in {} s; every figure is rebuilt{}", total, this.reset.records(),
						String.format("%.1f", seconds),
						this.reset.isRecount() ? ". Stop this instance, then start the processor as usual" : "");
			}
			else {
				logger.info("Replay: {} of {} {} ({}%), {} records/s", processed, total, this.reset.records(),
						String.format("%.1f", (total == 0) ? 100.0 : 100.0 * processed / total),
						String.format("%.0f", processed / seconds));
			}
		}
		catch (Exception ex) {
			logger.warn("Replay progress unknown for now: {}", ex.getMessage());
		}
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
