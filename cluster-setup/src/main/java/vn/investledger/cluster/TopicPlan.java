package vn.investledger.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import vn.investledger.events.Topics;

/**
 * The platform's topics on the cluster, with the settings the processor and the indexer
 * declare for them ({@code TopicsConfiguration}, {@code IndexerErrorHandling}): three
 * replicas each, two of them in sync before a write succeeds.
 */
public final class TopicPlan {

	/** Replicas of every topic. */
	public static final short REPLICAS = 3;

	/** Replicas that acknowledge a write. */
	public static final String MIN_IN_SYNC = "2";

	/** Partitions of the processor's outputs. */
	static final int OUTPUT_PARTITIONS = 6;

	/** A refused record up to 1 MiB with its key and the reason. */
	static final String REJECTION_MAX_BYTES = Integer.toString(2 * 1024 * 1024);

	/**
	 * The indexer's dead letters: any record it reads, a rejection topic's among them,
	 * with the indexer's reason (its {@code DeadLetters}, whose producer takes as much).
	 */
	static final String INDEXER_DEAD_LETTER_MAX_BYTES = Integer.toString(4 * 1024 * 1024);

	private TopicPlan() {
	}

	/**
	 * Every topic the platform needs before its services start.
	 * @param topics the topic registry
	 * @param units the units in force
	 * @return the topics
	 */
	public static List<NewTopic> topics(Topics topics, List<String> units) {
		List<NewTopic> all = new ArrayList<>();
		for (String unit : units) {
			// the ledger (see Topics.EVENT_TOPIC_CONFIGS)
			all.add(topic(topics.eventTopicName(unit), Topics.EVENT_PARTITIONS, Topics.EVENT_TOPIC_CONFIGS));
			// one partition, read back in order for the unit
			all.add(topic(topics.rejectionTopicName(unit), 1, Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1",
					TopicConfig.MAX_MESSAGE_BYTES_CONFIG, REJECTION_MAX_BYTES)));
		}
		all.add(topic(topics.deadLetterTopicName(), OUTPUT_PARTITIONS, Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1",
				TopicConfig.MAX_MESSAGE_BYTES_CONFIG, REJECTION_MAX_BYTES)));
		all.add(topic(topics.appliedEvents().name(), OUTPUT_PARTITIONS, Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")));
		for (String compacted : List.of(topics.projectState().name(), topics.totals().name(), topics.stock().name())) {
			// a replay's tombstones stay readable for 30 days to an indexer stopped
			// meanwhile
			all.add(topic(compacted, OUTPUT_PARTITIONS,
					Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
							TopicConfig.DELETE_RETENTION_MS_CONFIG, Long.toString(Duration.ofDays(30).toMillis()))));
		}
		// the tables each application's figures are counted under
		all.add(topic(topics.rulebookTopicName(), 1,
				Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
		all.add(topic(AccessPolicy.indexerDeadLetterTopic(topics), 1,
				Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, INDEXER_DEAD_LETTER_MAX_BYTES)));
		// the console's publications of official releases: one partition, so that the
		// first publication of a release is the first of its key; kept forever
		all.add(topic(topics.releasesTopicName(), 1, Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")));
		return all;
	}

	private static NewTopic topic(String name, int partitions, Map<String, String> configs) {
		Map<String, String> all = new java.util.HashMap<>(configs);
		all.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, MIN_IN_SYNC);
		return new NewTopic(name, partitions, REPLICAS).configs(all);
	}

}
