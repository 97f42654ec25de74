package vn.investledger.processor.system;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topics the processor writes, created at startup if missing.
 */
@Configuration(proxyBeanMethods = false)
class TopicsConfiguration {

	@Bean
	NewTopic totalsTopic(ProcessorProperties properties) {
		return compacted(properties, properties.topics().totals().name());
	}

	@Bean
	NewTopic projectStateTopic(ProcessorProperties properties) {
		return compacted(properties, properties.topics().projectState().name());
	}

	@Bean
	NewTopic stockTopic(ProcessorProperties properties) {
		return compacted(properties, properties.topics().stock().name());
	}

	@Bean
	NewTopic deadLetterTopic(ProcessorProperties properties) {
		// Rejected events are evidence: kept as long as the ledger itself.
		return TopicBuilder.name(properties.topics().deadLetterTopicName())
			.partitions(properties.topicPartitions())
			.replicas(properties.topicReplicas())
			.config(TopicConfig.RETENTION_MS_CONFIG, "-1")
			.build();
	}

	/**
	 * A topic of latest values per key: only each key's newest figure or state is needed.
	 */
	private static NewTopic compacted(ProcessorProperties properties, String name) {
		return TopicBuilder.name(name)
			.partitions(properties.topicPartitions())
			.replicas(properties.topicReplicas())
			.config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
			.build();
	}

}
