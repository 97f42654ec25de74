package vn.investledger.processor.system;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Metrics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the processor does when something fails that the ledger did not refuse itself.
 * <p>
 * Every input reaches the ledger as bytes, and the ledger refuses what it cannot count
 * (with its reason, to the unit's rejection topic) before anything changes. So a failure
 * here is never an event's fault: it is the broker, or a fault of the processor's own.
 * Skipping the record would leave a figure inexact, so none is skipped: the task fails,
 * its transaction is aborted (state and outputs alike), the thread is replaced, and the
 * task starts again from its last commit. A transient failure (the broker) then passes; a
 * lasting one stalls only the tasks it touches, while the application keeps running and
 * says so: the counter {@value #METRIC} (tag {@code stage}) and the health's
 * {@code lastFailure}. Each application's failures are its own ({@link #of}): a JVM that
 * runs several (a test, a recount beside its launcher) shows each only its own.
 */
public final class StreamsFailures {

	/** The counter of failures. */
	public static final String METRIC = "investledger.processor.failures";

	private static final Logger logger = LoggerFactory.getLogger(StreamsFailures.class);

	private static final ConcurrentMap<String, Tally> tallies = new ConcurrentHashMap<>();

	private StreamsFailures() {
	}

	/**
	 * The failures of one Kafka Streams application of this JVM.
	 * @param applicationId its {@code application.id}
	 * @return its failures, none yet if it never failed
	 */
	public static Tally of(String applicationId) {
		return tallies.computeIfAbsent(String.valueOf(applicationId), (id) -> new Tally());
	}

	private static Tally of(Map<String, ?> configs) {
		return of((String) configs.get(StreamsConfig.APPLICATION_ID_CONFIG));
	}

	/**
	 * A failure.
	 *
	 * @param stage where: deserialization, processing, production, thread
	 * @param message the exception and its causes
	 * @param at when
	 */
	public record Failure(String stage, String message, Instant at) {

	}

	/** The failures of one application: how many, and the newest. */
	public static final class Tally {

		private final AtomicReference<Failure> last = new AtomicReference<>();

		private final AtomicLong count = new AtomicLong();

		private Tally() {
		}

		/**
		 * The newest failure, if any.
		 * @return the failure, or {@code null}
		 */
		public Failure last() {
			return this.last.get();
		}

		/**
		 * How many failures the application had.
		 * @return the count
		 */
		public long count() {
			return this.count.get();
		}

		void record(String stage, Throwable exception) {
			count(stage, exception);
			logger.error("Kafka Streams {} failure; the task starts again from its last commit", stage, exception);
		}

		private void count(String stage, Throwable exception) {
			// by stage only: a series first made by its first failure would be read by
			// Prometheus's increase() as no failure (the health's lastFailure names the
			// exception)
			Metrics.counter(METRIC, "stage", stage).increment();
			this.last.set(new Failure(stage, message(exception), Instant.now()));
			this.count.incrementAndGet();
		}

	}

	/**
	 * Registers the counter of each stage at zero, so that a dashboard shows no failure
	 * rather than no data, and the first failure as one.
	 */
	public static void registerCounters() {
		for (String stage : List.of("deserialization", "processing", "production", "serialization", "thread")) {
			Metrics.counter(METRIC, "stage", stage);
		}
	}

	/**
	 * An exception with its causes, which say what failed: Kafka Streams' own exception
	 * names only the task and the record.
	 */
	private static String message(Throwable exception) {
		StringBuilder message = new StringBuilder(exception.toString());
		Throwable cause = exception.getCause();
		for (int depth = 0; cause != null && depth < 5; depth++, cause = cause.getCause()) {
			message.append("; caused by ").append(cause);
		}
		return message.toString();
	}

	/**
	 * For an instance that only runs a batch (a recount): a dead stream thread stops the
	 * instance instead of being replaced, since the same record would fail the new thread
	 * again, and the batch can be run again from its start.
	 * @param applicationId the application's id
	 * @param stop what stops the instance, called once the failure is recorded
	 * @return the handler
	 */
	public static StreamsUncaughtExceptionHandler stopping(String applicationId, Runnable stop) {
		Tally tally = of(applicationId);
		return (exception) -> {
			tally.count("thread", exception);
			logger.error("Kafka Streams thread failure; this instance stops", exception);
			stop.run();
			return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
		};
	}

	/** A record of an internal topic that cannot be read: fail, never skip. */
	public static class Deserialization implements DeserializationExceptionHandler {

		private Tally tally = of("");

		@Override
		public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
				ConsumerRecord<byte[], byte[]> record, Exception exception) {
			this.tally.record("deserialization", exception);
			return DeserializationExceptionHandler.Response.fail();
		}

		@Override
		public void configure(Map<String, ?> configs) {
			this.tally = of(configs);
		}

	}

	/** A processor threw: fail, never skip. */
	public static class Processing implements ProcessingExceptionHandler {

		private Tally tally = of("");

		@Override
		public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
				Exception exception) {
			this.tally.record("processing", exception);
			return ProcessingExceptionHandler.Response.fail();
		}

		@Override
		public void configure(Map<String, ?> configs) {
			this.tally = of(configs);
		}

	}

	/**
	 * A record could not be written: retry what the broker may accept later, fail on
	 * anything else, never skip.
	 */
	public static class Production implements ProductionExceptionHandler {

		private Tally tally = of("");

		@Override
		public ProductionExceptionHandler.Response handleError(ErrorHandlerContext context,
				ProducerRecord<byte[], byte[]> record, Exception exception) {
			this.tally.record("production", exception);
			return (exception instanceof RetriableException) ? ProductionExceptionHandler.Response.retry()
					: ProductionExceptionHandler.Response.fail();
		}

		@Override
		@SuppressWarnings("rawtypes")
		public ProductionExceptionHandler.Response handleSerializationError(ErrorHandlerContext context,
				ProducerRecord record, Exception exception, SerializationExceptionOrigin origin) {
			this.tally.record("serialization", exception);
			return ProductionExceptionHandler.Response.fail();
		}

		@Override
		public void configure(Map<String, ?> configs) {
			this.tally = of(configs);
		}

	}

	/**
	 * A stream thread died: replace it, so that the application keeps running and its
	 * other tasks keep counting.
	 */
	static final class ReplaceThread implements StreamsUncaughtExceptionHandler {

		private final Tally tally;

		ReplaceThread(String applicationId) {
			this.tally = of(applicationId);
		}

		@Override
		public StreamThreadExceptionResponse handle(Throwable exception) {
			this.tally.record("thread", exception);
			return StreamThreadExceptionResponse.REPLACE_THREAD;
		}

	}

}
