package vn.investledger.processor.replay;

import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.core.CleanupConfig;

import vn.investledger.processor.intake.IntakeSettings;
import vn.investledger.processor.intake.LedgerMetrics;
import vn.investledger.processor.system.ProcessorProperties;
import vn.investledger.processor.system.ReplayFrom;
import vn.investledger.processor.system.RulesInForce;
import vn.investledger.processor.system.StreamsFailures;
import vn.investledger.processor.totals.TotalsTopology;

/**
 * Replay ({@code --investledger.replay=true}): before the streams start, the
 * application's input offsets go back to the start of every event topic and its internal
 * topics are deleted ({@link OffsetReset}); the local state is wiped as the streams start
 * ({@link CleanupConfig}); then every figure is rebuilt from the event log, committing
 * once a second, while {@link ReplayProgress} reports how far it has got. Afterwards the
 * instance goes on as usual, at that commit interval until it is restarted.
 * <p>
 * A recount ({@code --investledger.replay-from=applied-events} too) reads the applied
 * events instead, from where the ledger's decisions begin, and deletes only the figures'
 * internal topics: the ledger's state and decisions stay. Its instance only counts: once
 * it is complete, or a stream thread of it has failed, it stops itself
 * ({@link RecountEnd}) and the processor is started as usual.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("investledger.replay")
class ReplayConfiguration {

	/**
	 * Kafka Streams' producers' transaction timeout under exactly_once_v2, unless set.
	 */
	static final Duration STREAMS_TRANSACTION_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * The most bytes a replay's producer gathers for one partition before it sends them:
	 * 256 KiB, against the client's default of 16 KiB, which the service keeps. With one
	 * request in flight per broker ({@code StreamsConfiguration}), a request carried at
	 * most 16 KiB of each partition, and a replay, which writes every applied event,
	 * project state and changelog record again, waited on the round trips: at 1,000,000
	 * events its counting took 18 % less time and its broker about half the CPU
	 * (BENCHMARKS.md). A recount takes them too, with no measurable gain. The service
	 * does not: under a live load on a busy machine publish → searchable took longer with
	 * them (likely because batches that fill only by the commit leave together at each
	 * commit).
	 */
	static final int PRODUCER_BATCH_BYTES = 256 * 1024;

	/**
	 * The memory of each of a replay's producers for the records not yet sent: 64 MiB,
	 * twice the client's default, so that 256 partitions written between two sends (a
	 * thread's changelogs, the repartition and output topics, the units' rejection
	 * topics) each have a batch of their own; past that, a thread waits for the request
	 * in flight to give its batches back.
	 */
	static final long PRODUCER_BUFFER_BYTES = 64L * 1024 * 1024;

	/**
	 * Wipes the local state as the streams start, and commits less often than the
	 * service, in larger batches ({@link #PRODUCER_BATCH_BYTES}): a replay has the whole
	 * log to read, so what counts is events per second, not how soon each one is visible.
	 * Each commit ends a transaction, whose markers the brokers write to every partition
	 * it touched before the next can write there; at the service's 100 ms, a replay on a
	 * three-node cluster spent most of its time waiting for them.
	 * <p>
	 * The interval must be at least a millisecond and at most half the transaction
	 * timeout ({@link #transactionTimeout}, 10 s unless set), since each transaction
	 * lasts an interval and then its commit: a longer one would let the coordinator abort
	 * transactions and fence the replay. Past that, the instance refuses to start, saying
	 * why.
	 * @param commitInterval the replay's {@code commit.interval.ms}
	 * ({@code investledger.replay-commit-interval}, 1 s unless set)
	 * @return the configurer
	 */
	@Bean
	StreamsBuilderFactoryBeanConfigurer replayStreams(
			@Value("${investledger.replay-commit-interval:1s}") Duration commitInterval) {
		return (factory) -> {
			Properties config = factory.getStreamsConfiguration();
			checkCommitInterval(commitInterval, transactionTimeout(config));
			factory.setCleanupConfig(new CleanupConfig(true, false));
			config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitInterval.toMillis()));
			config.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), PRODUCER_BATCH_BYTES);
			config.put(StreamsConfig.producerPrefix(ProducerConfig.BUFFER_MEMORY_CONFIG), PRODUCER_BUFFER_BYTES);
			factory.setStreamsConfiguration(config);
		};
	}

	static void checkCommitInterval(Duration commitInterval, Duration transactionTimeout) {
		if (commitInterval.toMillis() <= 0 || commitInterval.multipliedBy(2).compareTo(transactionTimeout) > 0) {
			throw new IllegalArgumentException("investledger.replay-commit-interval must be at least 1 ms and at most"
					+ " half the transaction timeout (" + transactionTimeout.toMillis() + " ms), so that"
					+ " no transaction of the replay times out: it was " + commitInterval.toMillis() + " ms");
		}
	}

	/**
	 * The transaction timeout the replay's commit interval is held to: the
	 * {@code producer.}-prefixed setting if there is one, which both the producers and
	 * Kafka Streams' own check read. Otherwise the producers take a plain
	 * {@code transaction.timeout.ms}, while Kafka Streams checks the interval against its
	 * 10 s, so the shorter of the two.
	 */
	static Duration transactionTimeout(Properties config) {
		Object prefixed = config.get(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG));
		if (prefixed != null) {
			return millis(prefixed);
		}
		Object plain = config.get(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG);
		if (plain == null) {
			return STREAMS_TRANSACTION_TIMEOUT;
		}
		Duration producers = millis(plain);
		return (producers.compareTo(STREAMS_TRANSACTION_TIMEOUT) < 0) ? producers : STREAMS_TRANSACTION_TIMEOUT;
	}

	private static Duration millis(Object setting) {
		try {
			return Duration.ofMillis(Long.parseLong(setting.toString().trim()));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(
					"transaction.timeout.ms must be a number of milliseconds: it was " + setting, ex);
		}
	}

	@Bean
	OffsetReset offsetReset(StreamsBuilderFactoryBean factory, ProcessorProperties properties, RulesInForce rules,
			@Value("${" + ReplayFrom.PROPERTY + ":}") String replayFrom,
			@Value("${" + FigureRetirement.READ_LIMIT_PROPERTY + ":30m}") Duration retireReadLimit,
			@Value("${investledger.replay.mark-notice:5s}") Duration markNotice) {
		if (markNotice.isNegative()) {
			throw new IllegalArgumentException(
					"investledger.replay.mark-notice must not be negative: it was " + markNotice);
		}
		if (retireReadLimit.isNegative() || retireReadLimit.isZero()) {
			throw new IllegalArgumentException(
					FigureRetirement.READ_LIMIT_PROPERTY + " must be longer than zero: it was " + retireReadLimit);
		}
		OffsetReset.Recount recount = null;
		if (ReplayFrom.of(true, replayFrom) == ReplayFrom.APPLIED_EVENTS) {
			IntakeSettings intake = IntakeSettings.of(properties.topics(), properties.gapTimeout(),
					LedgerMetrics.unread());
			recount = new OffsetReset.Recount(intake.eventPartitions(), TotalsTopology.recountInternalTopics(intake));
		}
		return new OffsetReset(factory, properties.topics(), rules, recount, retireReadLimit, markNotice);
	}

	@Bean
	RecountEnd recountEnd(ConfigurableApplicationContext context,
			@Value("${" + ReplayFrom.PROPERTY + ":}") String replayFrom) {
		return new RecountEnd(context, ReplayFrom.of(true, replayFrom) == ReplayFrom.APPLIED_EVENTS);
	}

	/**
	 * A recount's dead stream thread ends the recount rather than being replaced: a
	 * recount is a batch, which a replaced thread would fail again on the same record,
	 * and which is run again from its start. After the service's configurer, which
	 * replaces threads.
	 * @param end the recount's end
	 * @return the configurer
	 */
	@Bean
	StreamsBuilderFactoryBeanConfigurer recountFailures(RecountEnd end) {
		return new StreamsBuilderFactoryBeanConfigurer() {

			@Override
			public void configure(StreamsBuilderFactoryBean factory) {
				if (end.isRecount()) {
					factory.setStreamsUncaughtExceptionHandler(StreamsFailures.stopping(
							factory.getStreamsConfiguration().getProperty(StreamsConfig.APPLICATION_ID_CONFIG),
							end::fail));
				}
			}

			@Override
			public int getOrder() {
				return Ordered.LOWEST_PRECEDENCE;
			}

		};
	}

	@Bean
	ReplayProgress replayProgress(StreamsBuilderFactoryBean factory, OffsetReset reset, RecountEnd end,
			io.micrometer.core.instrument.MeterRegistry meters, ProcessorProperties properties,
			@Value("${" + FiguresSettled.STUCK_PROPERTY + ":30s}") Duration stuck) {
		return new ReplayProgress(factory, reset, end, meters,
				TotalsTopology.serviceRepartitionTopics(
						IntakeSettings.of(properties.topics(), properties.gapTimeout(), LedgerMetrics.unread())),
				stuck);
	}

}
