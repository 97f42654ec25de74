package vn.investledger.processor.system;

import io.micrometer.core.instrument.Metrics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Kafka Streams' own log-and-continue handlers, which write the dead-letter record, plus
 * a count of each decision in {@value #METRIC} (tags {@code stage} and
 * {@code exception}). Kafka Streams creates the handlers itself, so they count in
 * Micrometer's global registry, which Spring Boot's registry is added to. A record
 * reprocessed after a crash is counted again.
 */
public final class DeadLetterMetrics {

	/** The counter of dead-lettered records. */
	public static final String METRIC = "investledger.dead.letters";

	private DeadLetterMetrics() {
	}

	static void count(String stage, Exception exception) {
		Metrics.counter(METRIC, "stage", stage, "exception", exception.getClass().getSimpleName()).increment();
	}

	/** Dead-letters a record that cannot be deserialized, and counts it. */
	public static class Deserialization extends LogAndContinueExceptionHandler {

		@Override
		public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
				ConsumerRecord<byte[], byte[]> record, Exception exception) {
			count("deserialization", exception);
			return super.handleError(context, record, exception);
		}

	}

	/**
	 * Dead-letters a record whose processing failed (invalid, misrouted, conflicting),
	 * and counts it.
	 */
	public static class Processing extends LogAndContinueProcessingExceptionHandler {

		@Override
		public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
				Exception exception) {
			count("processing", exception);
			return super.handleError(context, record, exception);
		}

	}

}
