package vn.investledger.processor.replay;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

import vn.investledger.processor.intake.IntakeSettings;
import vn.investledger.processor.intake.LedgerMetrics;
import vn.investledger.processor.system.ClientSettings;
import vn.investledger.processor.system.ProcessorProperties;
import vn.investledger.processor.system.RulesInForce;
import vn.investledger.processor.totals.TotalsTopology;

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

	/** How often the replay's end is asked, as a replay's own instance asks it. */
	private static final Duration EVERY = Duration.ofMillis(500);

	private final StreamsBuilderFactoryBean factory;

	private final RulesInForce rules;

	private ScheduledExecutorService scheduler;

	/** When a failure to ask was last logged. */
	private long warnedAt = System.nanoTime() - Duration.ofSeconds(2).toNanos();

	private Admin admin;

	private final List<String> repartitionTopics;

	private final Duration stuck;

	/**
	 * The topics the replay writes anew, whose ends are recorded before the mark goes.
	 */
	private final List<String> published;

	UnfinishedReplay(StreamsBuilderFactoryBean factory, RulesInForce rules, ProcessorProperties properties,
			@Value("${" + FiguresSettled.STUCK_PROPERTY + ":30s}") Duration stuck) {
		this.factory = factory;
		this.rules = rules;
		this.stuck = stuck;
		this.published = List.of(properties.topics().totals().name(), properties.topics().stock().name(),
				properties.topics().appliedEvents().name());
		this.repartitionTopics = TotalsTopology.serviceRepartitionTopics(
				IntakeSettings.of(properties.topics(), properties.gapTimeout(), LedgerMetrics.unread()));
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
		FiguresSettled settled = new FiguresSettled(this.admin, ClientSettings.of(config), applicationId, target,
				this.repartitionTopics, ReplayProgress.quiet(config), this.stuck, this.factory::getKafkaStreams);
		this.scheduler.scheduleWithFixedDelay(() -> check(settled), EVERY.toMillis(), EVERY.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	private void check(FiguresSettled settled) {
		try {
			if (settled.settled()) {
				OffsetReset.publish(this.admin, this.rules, this.published,
						OffsetReset.readableWithin(this.factory.getStreamsConfiguration()));
				this.rules.replayMark(null);
				logger.info("The replay that stopped before its end is complete: every figure is rebuilt");
				this.scheduler.shutdown();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			// once every 2 s at most, as before the end was asked twice a second
			long now = System.nanoTime();
			if (now - this.warnedAt >= Duration.ofSeconds(2).toNanos()) {
				this.warnedAt = now;
				logger.warn("Whether the unfinished replay is complete is unknown for now: {}", ex.getMessage());
			}
		}
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
