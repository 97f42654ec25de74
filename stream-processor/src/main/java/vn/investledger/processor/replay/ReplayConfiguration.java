package vn.investledger.processor.replay;

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
 * ({@link CleanupConfig}); then every figure is rebuilt from the event log while
 * {@link ReplayProgress} reports how far it has got. Afterwards the instance goes on as
 * usual.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("investledger.replay")
class ReplayConfiguration {

	@Bean
	StreamsBuilderFactoryBeanConfigurer wipeLocalStateOnStart() {
		return (factory) -> factory.setCleanupConfig(new CleanupConfig(true, false));
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
