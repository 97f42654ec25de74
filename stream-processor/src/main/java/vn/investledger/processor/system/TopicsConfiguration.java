package vn.investledger.processor.system;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

import vn.investledger.events.Topics;
import vn.investledger.processor.intake.Intake;

/**
 * The topics the processor reads and writes, created at startup if missing, with their
 * settings applied to topics that exist. The keyed ones are declared once
 * {@link OutputTopicsCheck} has found their partitions as the settings say: the admin
 * would otherwise add partitions to them.
 */
@Configuration(proxyBeanMethods = false)
class TopicsConfiguration {

	/**
	 * How long a tombstone on a compacted topic stays readable: a replay retires figures
	 * with tombstones, and an indexer stopped longer than this must rebuild the figures'
	 * indices.
	 */
	static final String TOMBSTONE_RETENTION_MS = Long.toString(java.time.Duration.ofDays(30).toMillis());

	/**
	 * The largest record of a rejection topic: up to 1 MiB of the refused record, its key
	 * and the reason.
	 */
	static final String REJECTION_MAX_BYTES = Integer.toString(2 * 1024 * 1024);

	@Bean
	NewTopic totalsTopic(ProcessorProperties properties, OutputTopicsCheck checked) {
		return compacted(checked, properties, properties.topics().totals().name());
	}

	@Bean
	NewTopic projectStateTopic(ProcessorProperties properties, OutputTopicsCheck checked) {
		return compacted(checked, properties, properties.topics().projectState().name());
	}

	@Bean
	NewTopic stockTopic(ProcessorProperties properties, OutputTopicsCheck checked) {
		return compacted(checked, properties, properties.topics().stock().name());
	}

	@Bean
	NewTopic deadLetterTopic(ProcessorProperties properties) {
		// Rejected records are evidence: kept as long as the ledger itself.
		return TopicBuilder.name(properties.topics().deadLetterTopicName())
			.partitions(properties.topicPartitions())
			.replicas(properties.topicReplicas())
			.config(TopicConfig.RETENTION_MS_CONFIG, "-1")
			.config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, REJECTION_MAX_BYTES)
			.build();
	}

	@Bean
	NewTopic appliedEventsTopic(ProcessorProperties properties, OutputTopicsCheck checked) {
		// every project's history, as the ledger applied it: kept as long as the ledger
		return TopicBuilder.name(properties.topics().appliedEvents().name())
			.partitions(checked.partitions())
			.replicas(properties.topicReplicas())
			.config(TopicConfig.RETENTION_MS_CONFIG, "-1")
			.build();
	}

	/**
	 * Each current unit's event topic and rejection topic. An event topic has
	 * {@link Topics#EVENT_PARTITIONS} partitions, keeps every record, and takes the
	 * broker's append time as each record's timestamp, which the ledger judges dates
	 * against: a client cannot set it.
	 */
	@Bean
	KafkaAdmin.NewTopics unitTopics(ProcessorProperties properties) {
		Topics topics = properties.topics();
		List<NewTopic> all = new ArrayList<>();
		for (String unit : Intake.units()) {
			all.add(TopicBuilder.name(topics.eventTopicName(unit))
				.partitions(Topics.EVENT_PARTITIONS)
				.replicas(properties.topicReplicas())
				.configs(Topics.EVENT_TOPIC_CONFIGS)
				.build());
			all.add(TopicBuilder.name(topics.rejectionTopicName(unit))
				.partitions(1)
				.replicas(properties.topicReplicas())
				.config(TopicConfig.RETENTION_MS_CONFIG, "-1")
				.config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, REJECTION_MAX_BYTES)
				.build());
		}
		return new KafkaAdmin.NewTopics(all.toArray(NewTopic[]::new));
	}

	/**
	 * A topic of latest values per key: only each key's newest figure or state is needed.
	 */
	private static NewTopic compacted(OutputTopicsCheck checked, ProcessorProperties properties, String name) {
		return TopicBuilder.name(name)
			.partitions(checked.partitions())
			.replicas(properties.topicReplicas())
			.config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
			// a replay's tombstones stay readable for an indexer stopped up to this long
			.config(TopicConfig.DELETE_RETENTION_MS_CONFIG, TOMBSTONE_RETENTION_MS)
			.build();
	}

}
