package vn.investledger.processor.intake;

import java.time.Duration;

import vn.investledger.events.Topics;

/**
 * How the intake is wired.
 *
 * @param topics the topic registry
 * @param gapTimeout how long a revision waits for a missing earlier one
 * @param eventPartitions the partitions of every event topic
 * ({@link Topics#EVENT_PARTITIONS} in service; 1 in topology tests, whose driver reads
 * every topic as one partition)
 * @param placement how a project's records are brought into one task
 * @param metrics where the ledger counts its decisions
 */
public record IntakeSettings(Topics topics, Duration gapTimeout, int eventPartitions, Placement placement,
		LedgerMetrics metrics) {

	/**
	 * The settings of the service.
	 * @param topics the topic registry
	 * @param gapTimeout the gap timeout
	 * @param metrics the application's metrics of the ledger
	 * @return the settings
	 */
	public static IntakeSettings of(Topics topics, Duration gapTimeout, LedgerMetrics metrics) {
		return new IntakeSettings(topics, gapTimeout, Topics.EVENT_PARTITIONS, Placement.REFUSE_MISPLACED, metrics);
	}

	/**
	 * The settings of a topology test: every topic one partition.
	 * @param topics the topic registry
	 * @param gapTimeout the gap timeout
	 * @return the settings
	 */
	public static IntakeSettings forTests(Topics topics, Duration gapTimeout) {
		return new IntakeSettings(topics, gapTimeout, 1, Placement.REFUSE_MISPLACED, LedgerMetrics.unread());
	}

	/**
	 * The same settings with another placement.
	 * @param other the placement
	 * @return a copy
	 */
	public IntakeSettings with(Placement other) {
		return new IntakeSettings(this.topics, this.gapTimeout, this.eventPartitions, other, this.metrics);
	}

	/**
	 * How the records of one project meet in one task, whoever wrote them.
	 */
	public enum Placement {

		/**
		 * A record in another partition than the Java client's (murmur2 of the key) is
		 * refused, with a reason that says how to send it. The platform's choice: it
		 * costs a hash per record (see BENCHMARKS.md).
		 */
		REFUSE_MISPLACED,

		/**
		 * Every record is first written again to a topic partitioned by murmur2 of the
		 * key, so that any client's partitioning is accepted, at the cost of one more
		 * write and read of every event.
		 */
		REPARTITION

	}

}
