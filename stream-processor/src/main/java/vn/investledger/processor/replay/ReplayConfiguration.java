package vn.investledger.processor.replay;

import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.streams.StreamsConfig;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.core.CleanupConfig;

import vn.investledger.processor.system.ProcessorProperties;
import vn.investledger.processor.system.RulesInForce;

/**
 * Replay ({@code --investledger.replay=true}): before the streams start, the
 * application's input offsets go back to the start of every event topic and its internal
 * topics are deleted ({@link OffsetReset}); the local state is wiped as the streams start
 * ({@link CleanupConfig}); then every figure is rebuilt from the event log, committing
 * once a second, while {@link ReplayProgress} reports how far it has got. Afterwards the
 * instance goes on as usual, at that commit interval until it is restarted.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("investledger.replay")
class ReplayConfiguration {

	/**
	 * Wipes the local state as the streams start, and commits less often than the
	 * service: a replay has the whole log to read, so what counts is events per second,
	 * not how soon each one is visible. Each commit ends a transaction, whose markers the
	 * brokers write to every partition it touched before the next can write there; at the
	 * service's 100 ms, a replay on a three-node cluster spent most of its time waiting
	 * for them.
	 * @param commitInterval the replay's {@code commit.interval.ms}
	 * ({@code investledger.replay-commit-interval}, 1 s unless set)
	 * @return the configurer
	 */
	@Bean
	StreamsBuilderFactoryBeanConfigurer replayStreams(
			@Value("${investledger.replay-commit-interval:1s}") Duration commitInterval) {
		return (factory) -> {
			factory.setCleanupConfig(new CleanupConfig(true, false));
			Properties config = factory.getStreamsConfiguration();
			config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitInterval.toMillis()));
			factory.setStreamsConfiguration(config);
		};
	}

	@Bean
	OffsetReset offsetReset(StreamsBuilderFactoryBean factory, ProcessorProperties properties, RulesInForce rules) {
		return new OffsetReset(factory, properties.topics(), rules::record);
	}

	@Bean
	ReplayProgress replayProgress(StreamsBuilderFactoryBean factory, OffsetReset reset,
			io.micrometer.core.instrument.MeterRegistry meters) {
		return new ReplayProgress(factory, reset, meters);
	}

}
