package vn.investledger.console.operations;

import java.time.Instant;
import java.util.Map;

/**
 * Each consumer group's lag as the operations view last sampled it
 * ({@link OperationsMonitor}), for whoever else shows it. The view samples Kafka on its
 * own thread, one sample at a time and each Kafka call bounded, so a reader never waits
 * for Kafka, however many read at once and however slow Kafka is.
 */
public interface SampledLag {

	/**
	 * The lag of the newest sample.
	 * @return the lag, unknown before the first sample
	 */
	Lag lag();

	/**
	 * Each group's lag at a sample.
	 *
	 * @param sampledAt when the sample was taken, or {@code null} before the first
	 * @param byGroup per group watched (the indexer's listeners', the processor's), the
	 * records not yet processed, {@code null} if Kafka did not answer
	 */
	record Lag(Instant sampledAt, Map<String, Long> byGroup) {

	}

}
