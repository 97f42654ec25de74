package vn.investledger.processor.replay;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

import vn.investledger.processor.system.ClientSettings;
import vn.investledger.processor.system.RulesInForce;

/**
 * A service instance that finds a replay's mark ({@link RulesInForce#REPLAY_TO}) goes on
 * with a replay that stopped before its end: the replay had reset the offsets and retired
 * the figures, so the service counts the rest of the log under the same tables. It
 * removes the mark once the application has committed every offset the event topics held
 * when the replay began and the figures counted from them had time to be published, as
 * the replay's own instance would have: until then the console refuses the figures.
 */
@Component
@ConditionalOnBooleanProperty(name = "investledger.replay", havingValue = false, matchIfMissing = true)
class UnfinishedReplay implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(UnfinishedReplay.class);

	private static final Duration EVERY = Duration.ofSeconds(2);

	private final StreamsBuilderFactoryBean factory;

	private final RulesInForce rules;

	private ScheduledExecutorService scheduler;

	private Admin admin;

	private long reachedAt;

	UnfinishedReplay(StreamsBuilderFactoryBean factory, RulesInForce rules) {
		this.factory = factory;
		this.rules = rules;
	}

	@Override
	public void start() {
		RulesInForce.ReplayMark mark = this.rules.replayMark();
		if (mark == null || !mark.retired()) {
			// a replay that stopped before it retired anything is refused before the
			// streams start (LedgerStateCheck)
			return;
		}
		Map<TopicPartition, Long> target = mark.to();
		Properties config = this.factory.getStreamsConfiguration();
		String applicationId = config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
		logger.warn("A replay from the event topics did not get to its end ({} partitions to reach): this instance"
				+ " goes on with it, and the console refuses the figures until it does", target.size());
		this.admin = Admin.create(ClientSettings.of(config));
		this.scheduler = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "unfinished-replay");
			thread.setDaemon(true);
			return thread;
		});
		Duration quiet = ReplayProgress.quiet(config);
		this.scheduler.scheduleWithFixedDelay(() -> check(applicationId, target, quiet), EVERY.toMillis(),
				EVERY.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void check(String applicationId, Map<TopicPartition, Long> target, Duration quiet) {
		try {
			Map<TopicPartition, OffsetAndMetadata> committed = this.admin.listConsumerGroupOffsets(applicationId)
				.partitionsToOffsetAndMetadata()
				.get(10, TimeUnit.SECONDS);
			if (!reached(target, committed)) {
				this.reachedAt = 0;
				return;
			}
			long now = System.nanoTime();
			if (this.reachedAt == 0) {
				this.reachedAt = now;
			}
			if (now - this.reachedAt >= quiet.toNanos()) {
				this.rules.replayMark(null);
				logger.info("The replay that stopped before its end is complete: every figure is rebuilt");
				this.scheduler.shutdown();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			logger.warn("Whether the unfinished replay is complete is unknown for now: {}", ex.getMessage());
		}
	}

	/**
	 * Whether the application has committed, on every partition of the mark, at least the
	 * offset it names.
	 * @param target the mark
	 * @param committed the application's committed offsets
	 * @return true once every partition is reached
	 */
	static boolean reached(Map<TopicPartition, Long> target, Map<TopicPartition, OffsetAndMetadata> committed) {
		return target.entrySet().stream().allMatch((end) -> {
			OffsetAndMetadata offset = committed.get(end.getKey());
			return offset != null && offset.offset() >= end.getValue();
		});
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
