package vn.investledger.indexer.indexing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises the largest record of a dead-letter topic made by an earlier version (Kafka's 1
 * MiB) to {@link DeadLetters#MAX_RECORD_BYTES}, once, as the indexer starts: a record of
 * a rejection topic may be 2 MiB, and one that could not be dead-lettered would stop its
 * partition for good. A topic that takes as large records or larger is left as it is; one
 * that does not exist yet is created with the size. Where the indexer may not alter the
 * topic (a cluster's ACLs give that to {@code cluster-setup}, which aligns it), it logs
 * what to run.
 */
final class DeadLetterTopicSize {

	private static final Logger logger = LoggerFactory.getLogger(DeadLetterTopicSize.class);

	private static final long TIMEOUT_SECONDS = 30;

	private DeadLetterTopicSize() {
	}

	/**
	 * Raises the topic's {@code max.message.bytes} if it is below the dead letters'.
	 * @param admin a Kafka admin client
	 * @param topic the dead-letter topic
	 * @return whether it was raised
	 */
	static boolean raise(Admin admin, String topic) {
		ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
		try {
			Config config = admin.describeConfigs(List.of(resource))
				.all()
				.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
				.get(resource);
			ConfigEntry entry = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
			if (entry == null || entry.value() == null
					|| Long.parseLong(entry.value()) >= DeadLetters.MAX_RECORD_BYTES) {
				return false;
			}
			admin
				.incrementalAlterConfigs(Map.of(resource,
						List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
								Integer.toString(DeadLetters.MAX_RECORD_BYTES)), AlterConfigOp.OpType.SET))))
				.all()
				.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
			logger.info("Dead letters: {} took records of up to {} bytes; raised to {}", topic, entry.value(),
					DeadLetters.MAX_RECORD_BYTES);
			return true;
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
				// created with the size by the indexer's own topic definition
				return false;
			}
			logger.warn("Dead letters: could not make sure {} takes records of {} bytes ({}); a record larger than"
					+ " the topic takes would stop its partition. Run cluster-setup, or kafka-configs.sh --alter"
					+ " --entity-type topics --entity-name {} --add-config max.message.bytes={}", topic,
					DeadLetters.MAX_RECORD_BYTES, ex.getCause().toString(), topic, DeadLetters.MAX_RECORD_BYTES);
			return false;
		}
		catch (TimeoutException ex) {
			logger.warn("Dead letters: Kafka did not answer within {} s whether {} takes records of {} bytes",
					TIMEOUT_SECONDS, topic, DeadLetters.MAX_RECORD_BYTES);
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
