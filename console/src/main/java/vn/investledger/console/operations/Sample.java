package vn.investledger.console.operations;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One look at the pipeline ({@link PipelineSampler}): what Kafka and Elasticsearch said
 * at one time.
 *
 * @param at when, by this console's clock
 * @param kafka what Kafka said
 * @param index what Elasticsearch said
 */
record Sample(Instant at, KafkaReading kafka, IndexReading index) {

	/**
	 * What Kafka said.
	 *
	 * @param appended per unit whose event topic exists, the sum of its partitions' end
	 * offsets: every offset ever appended to it (a transactional writer's commit markers
	 * take offsets too)
	 * @param lag per consumer group, the records between its committed offsets and the
	 * ends of those partitions (the processor's on the event topics only); 0 for a group
	 * that has committed nothing
	 * @param processor the stream processor's group
	 * @param behind per consumer group, each partition it reads that holds records it has
	 * not processed: where the group is (its committed offset, or the partition's start
	 * if it never committed there) and the partition's end
	 * @param failure why Kafka could not be read, or {@code null}; then the rest is empty
	 */
	record KafkaReading(Map<String, Long> appended, Map<String, Long> lag, ProcessorGroup processor,
			Map<String, Map<String, Position>> behind, String failure) {

		KafkaReading {
			appended = Collections.unmodifiableMap(new TreeMap<>(appended));
			lag = Collections.unmodifiableMap(new TreeMap<>(lag));
			Map<String, Map<String, Position>> copy = new TreeMap<>();
			behind.forEach(
					(group, partitions) -> copy.put(group, Collections.unmodifiableMap(new TreeMap<>(partitions))));
			behind = Collections.unmodifiableMap(copy);
		}

		/**
		 * A reading without the partitions' positions.
		 */
		KafkaReading(Map<String, Long> appended, Map<String, Long> lag, ProcessorGroup processor, String failure) {
			this(appended, lag, processor, Map.of(), failure);
		}

		static KafkaReading failed(String failure) {
			return new KafkaReading(Map.of(), Map.of(), null, Map.of(), failure);
		}

		boolean known() {
			return this.failure == null;
		}

	}

	/**
	 * Where a consumer group is on a partition that holds records it has not processed.
	 *
	 * @param at its committed offset, or the partition's start if it never committed
	 * there
	 * @param end the partition's end offset, above {@code at}
	 */
	record Position(long at, long end) {

	}

	/**
	 * The stream processor's consumer group as the group coordinator describes it.
	 *
	 * @param group its id, the processor's application id
	 * @param state e.g. {@code STABLE}, {@code EMPTY}, {@code DEAD} (never created)
	 * @param members its instances: the distinct processes among its members (each of an
	 * instance's stream threads is a member of its own)
	 */
	record ProcessorGroup(String group, String state, int members) {

	}

	/**
	 * What Elasticsearch said.
	 *
	 * @param refusals per unit ({@code none} for records of no unit's topic) and reason,
	 * the records the ledger refused that the broker had appended within the window
	 * @param newestFigure when the indexer wrote the newest flow figure
	 * ({@code indexedAt}), or {@code null} if there is none
	 * @param failure why Elasticsearch could not be read, or {@code null}; then the rest
	 * is empty
	 */
	record IndexReading(Map<String, Map<String, Long>> refusals, Instant newestFigure, String failure) {

		IndexReading {
			refusals = Collections.unmodifiableMap(new TreeMap<>(refusals));
		}

		static IndexReading failed(String failure) {
			return new IndexReading(Map.of(), null, failure);
		}

		boolean known() {
			return this.failure == null;
		}

	}

}
