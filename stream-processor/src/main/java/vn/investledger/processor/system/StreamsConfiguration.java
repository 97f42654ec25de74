package vn.investledger.processor.system;

import java.util.Map;
import java.util.Properties;

import org.apache.kafka.streams.StreamsConfig;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

import vn.investledger.events.Topics;

/**
 * Settings of the Kafka Streams runtime that are part of the design rather than of a
 * deployment: exactly once, and bad records to the dead-letter topic instead of stopping
 * the processor.
 */
@Configuration(proxyBeanMethods = false)
public class StreamsConfiguration {

	/** The record cache, shared by the stream threads of an instance: 64 MB. */
	static final long RECORD_CACHE_BYTES = 64L * 1024 * 1024;

	/**
	 * The settings every instance of the processor runs with, also used by the topology
	 * tests.
	 * @param topics the topic registry
	 * @return Kafka Streams settings
	 */
	public static Map<String, Object> designSettings(Topics topics) {
		return Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
				// the record cache holds every figure a task sums between two flushes (a
				// few thousand per task and second); when it is full, each eviction is a
				// changelog write
				StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, RECORD_CACHE_BYTES,
				// Kafka Streams' own dead-letter queue (KIP-1034): the handlers write the
				// original key and value bytes with the exception, message, source topic,
				// partition and offset in headers, in the same transaction as the rest of
				// the task's output; then processing goes on.
				StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.deadLetterTopicName(),
				StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterMetrics.Deserialization.class,
				StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterMetrics.Processing.class);
	}

	@Bean
	StreamsBuilderFactoryBeanConfigurer exactlyOnceWithDeadLetters(ProcessorProperties properties) {
		return (factory) -> {
			Properties config = factory.getStreamsConfiguration();
			config.putAll(designSettings(properties.topics()));
			factory.setStreamsConfiguration(config);
			// A stopped instance leaves the group at once: its tasks move without waiting
			// for the session to time out, and a replay can start right after the last
			// instance stops.
			factory.setLeaveGroupOnClose(true);
		};
	}

}
