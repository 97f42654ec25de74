package vn.investledger.indexer.rebuild;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import tools.jackson.core.JacksonException;

import vn.investledger.indexer.indexing.CurrentDecisions;

/**
 * Where the ledger's current decisions begin on the applied-events topic: the mark the
 * processor's replay records on the rulebook topic, under the key
 * {@code <processor application id>/applied-from}, as the offset of each partition. A
 * replay from the event topics judges every event again, and may refuse what an earlier
 * version applied; the entries before its mark are that earlier counting's, and a history
 * rebuilt from them would list events no figure counts any more.
 */
final class DecisionsMark {

	private static final Duration READ_LIMIT = Duration.ofMinutes(1);

	private DecisionsMark() {
	}

	/**
	 * Reads the mark.
	 * @param consumer a consumer, assigned to nothing; it is left assigned to the
	 * rulebook topic
	 * @param rulebook the rulebook topic
	 * @param processorApplicationId the processor's application id
	 * @return the offset of each partition where the decisions begin (empty: from the
	 * start), or {@code null} if no mark is recorded
	 */
	static Map<Integer, Long> read(KafkaConsumer<String, byte[]> consumer, String rulebook,
			String processorApplicationId) {
		List<PartitionInfo> infos = consumer.partitionsFor(rulebook, Duration.ofSeconds(30));
		if (infos == null || infos.isEmpty()) {
			return null;
		}
		String key = processorApplicationId + CurrentDecisions.KEY_SUFFIX;
		List<TopicPartition> partitions = infos.stream()
			.map((info) -> new TopicPartition(rulebook, info.partition()))
			.toList();
		consumer.assign(partitions);
		consumer.seekToBeginning(partitions);
		Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
		byte[] value = null;
		boolean found = false;
		long deadline = System.nanoTime() + READ_LIMIT.toNanos();
		while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < ends.get(partition))) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Could not read " + rulebook + " to its end within a minute");
			}
			for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
				if (key.equals(record.key())) {
					value = record.value();
					found = true;
				}
			}
		}
		if (!found || value == null) {
			return null;
		}
		try {
			return CurrentDecisions.parse(value);
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("The processor's mark " + key + " on " + rulebook
					+ " is not one it writes; the history cannot be rebuilt from it", ex);
		}
	}

}
