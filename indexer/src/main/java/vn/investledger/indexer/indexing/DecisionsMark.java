package vn.investledger.indexer.indexing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

import vn.investledger.events.EventJson;

/**
 * Where the ledger's current decisions begin on the applied-events topic: the mark the
 * processor's replay records on the rulebook topic, under the key
 * {@code <processor application id>/applied-from}, as the offset of each partition. A
 * replay from the event topics judges every event again, and may refuse what an earlier
 * version applied; the entries before its mark are that earlier counting's, and a history
 * holding them would list events no figure counts any more.
 * <p>
 * The latest value the processor could have written is the mark: a removed mark (a
 * tombstone) or a value that is not an offset of each partition is logged and passed
 * over, by the serving indexer ({@link CurrentDecisions}) and a rebuild alike. Once the
 * compacted topic has dropped the values before a tombstone, no mark is left: the history
 * then starts at the topic's start.
 */
public final class DecisionsMark {

	/** The mark's name, as the processor writes it under its application id. */
	public static final String KEY_SUFFIX = "/applied-from";

	/** The partitions a log line shows of a mark. */
	static final int DESCRIBED = 12;

	private static final Logger logger = LoggerFactory.getLogger(DecisionsMark.class);

	private DecisionsMark() {
	}

	/**
	 * Reads the latest mark, to the topic's end as it is now.
	 * @param consumer a consumer, assigned to nothing; it is left assigned to the
	 * rulebook topic
	 * @param rulebook the rulebook topic
	 * @param processorApplicationId the processor's application id
	 * @param limit how long it may take
	 * @return the offset of each partition where the decisions begin (empty: from the
	 * start), or {@code null} if no mark is recorded or the topic does not exist
	 * @throws IllegalStateException if the topic cannot be read to its end in time
	 */
	public static Map<Integer, Long> read(KafkaConsumer<String, byte[]> consumer, String rulebook,
			String processorApplicationId, Duration limit) {
		Found found = find(consumer, rulebook, processorApplicationId, limit);
		return (found != null) ? found.offsets() : null;
	}

	/**
	 * Reads the latest mark and where it stands on the rulebook topic.
	 * @param consumer a consumer, assigned to nothing
	 * @param rulebook the rulebook topic
	 * @param processorApplicationId the processor's application id
	 * @param limit how long it may take
	 * @return the mark and its record's offset, or {@code null} if none is recorded
	 * @see #read(KafkaConsumer, String, String, Duration)
	 */
	static Found find(KafkaConsumer<String, byte[]> consumer, String rulebook, String processorApplicationId,
			Duration limit) {
		List<PartitionInfo> infos = consumer.partitionsFor(rulebook, limit);
		if (infos == null || infos.isEmpty()) {
			return null;
		}
		String key = processorApplicationId + KEY_SUFFIX;
		List<TopicPartition> partitions = infos.stream()
			.map((info) -> new TopicPartition(rulebook, info.partition()))
			.toList();
		consumer.assign(partitions);
		consumer.seekToBeginning(partitions);
		Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
		Found mark = null;
		long deadline = System.nanoTime() + limit.toNanos();
		while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < ends.get(partition))) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Could not read " + rulebook + " to its end within " + limit);
			}
			for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
				if (key.equals(record.key())) {
					Map<Integer, Long> read = valid(record, (mark != null) ? mark.offsets() : null);
					mark = (read != null) ? new Found(read, record.offset()) : mark;
				}
			}
		}
		return mark;
	}

	/**
	 * A record's mark, if it is one the processor writes; otherwise {@code null}, logged.
	 * @param record a record of the mark's key
	 * @param current the mark followed until now, for the log
	 * @return the offset of each partition, or {@code null}
	 */
	static Map<Integer, Long> valid(ConsumerRecord<String, byte[]> record, Map<Integer, Long> current) {
		if (record.value() == null) {
			logger.warn("The mark {} was removed at offset {} of {}; the mark before it stays ({})", record.key(),
					record.offset(), record.topic(), describe(current));
			return null;
		}
		try {
			return parse(record.value());
		}
		catch (IllegalArgumentException ex) {
			logger.error(
					"The mark {} at offset {} of {} is not one the processor writes ({}); the mark before it "
							+ "stays ({})",
					record.key(), record.offset(), record.topic(), ex.getMessage(), describe(current));
			return null;
		}
	}

	/**
	 * Reads a mark as the processor writes it: a JSON object of partitions (0 or more)
	 * and their offsets (0 or more).
	 * @param value the record's value
	 * @return the offset of each partition; none: from the start
	 * @throws IllegalArgumentException if it is not a mark
	 */
	public static Map<Integer, Long> parse(byte[] value) {
		Map<Integer, Long> offsets;
		try {
			offsets = EventJson.mapper()
				.readValue(new String(value, StandardCharsets.UTF_8), new TypeReference<TreeMap<Integer, Long>>() {
				});
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(
					"not a JSON object of partitions and offsets: " + ex.getOriginalMessage(), ex);
		}
		if (offsets == null) {
			throw new IllegalArgumentException("null");
		}
		offsets.forEach((partition, offset) -> {
			if (partition < 0 || offset == null || offset < 0) {
				throw new IllegalArgumentException("partition " + partition + " has the offset " + offset);
			}
		});
		return Map.copyOf(offsets);
	}

	/**
	 * A mark as a log line shows it: whole up to {@value #DESCRIBED} partitions, else the
	 * first of them and the count, so that a mark of thousands of partitions does not
	 * flood the log.
	 * @param offsets a mark, or {@code null}
	 * @return its description
	 */
	public static String describe(Map<Integer, Long> offsets) {
		if (offsets == null || offsets.size() <= DESCRIBED) {
			return String.valueOf(offsets);
		}
		StringBuilder shown = new StringBuilder("{");
		new TreeMap<>(offsets).entrySet()
			.stream()
			.limit(DESCRIBED)
			.forEach((entry) -> shown.append(entry.getKey()).append('=').append(entry.getValue()).append(", "));
		return shown.append("… (").append(offsets.size()).append(" partitions)}").toString();
	}

	/**
	 * A mark and the offset of its record on the rulebook topic.
	 *
	 * @param offsets the offset of each partition where the decisions begin
	 * @param at the record's offset
	 */
	record Found(Map<Integer, Long> offsets, long at) {

	}

}
