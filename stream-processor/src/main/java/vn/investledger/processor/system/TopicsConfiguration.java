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
		// Compacted: the latest figure per key is what a consumer needs; older ones may
		// go.
		return TopicBuilder.name(properties.topics().totals().name())
			.partitions(properties.topicPartitions())
			.replicas(properties.topicReplicas())
			.config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
			.build();
	}

	@Bean
	NewTopic projectStateTopic(ProcessorProperties properties) {
		// Compacted: each project's latest state is what a consumer needs.
		return TopicBuilder.name(properties.topics().projectState().name())
			.partitions(properties.topicPartitions())
			.replicas(properties.topicReplicas())
			.config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
			.build();
	}

	@Bean
	NewTopic stockTopic(ProcessorProperties properties) {
		return TopicBuilder.name(properties.topics().stock().name())
			.partitions(properties.topicPartitions())
			.replicas(properties.topicReplicas())
			.config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
			.build();
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

}
