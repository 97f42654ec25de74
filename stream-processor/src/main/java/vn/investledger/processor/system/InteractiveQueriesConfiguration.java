package vn.investledger.processor.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.streams.KafkaStreamsInteractiveQueryService;

/**
 * Read access to the processor's state stores.
 */
@Configuration(proxyBeanMethods = false)
class InteractiveQueriesConfiguration {

	@Bean
	KafkaStreamsInteractiveQueryService interactiveQueries(StreamsBuilderFactoryBean streams) {
		return new KafkaStreamsInteractiveQueryService(streams);
	}

}
