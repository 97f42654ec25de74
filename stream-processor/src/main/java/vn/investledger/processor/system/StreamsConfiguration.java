package vn.investledger.processor.system;

import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

import vn.investledger.events.Topics;
import vn.investledger.events.reference.VsicEditions;
import vn.investledger.processor.intake.Intake;

/**
 * Settings of the Kafka Streams runtime that are part of the design rather than of a
 * deployment: exactly once; no record ever skipped ({@link StreamsFailures}: the ledger
 * refuses bad input itself, so a failure is retried from the last commit); a dead thread
 * replaced.
 */
@Configuration(proxyBeanMethods = false)
public class StreamsConfiguration {

	/** The record cache, shared by the stream threads of an instance: 64 MB. */
	static final long RECORD_CACHE_BYTES = 64L * 1024 * 1024;

	/**
	 * The largest request the processor's producer sends: a rejection carries up to 1 MiB
	 * of the refused record, plus its key and headers.
	 */
	static final int MAX_REQUEST_BYTES = 3 * 1024 * 1024;

	/**
	 * The settings every instance of the processor runs with, also used by the topology
	 * tests.
	 * @param topics the topic registry
	 * @return Kafka Streams settings
	 */
	public static Map<String, Object> designSettings(Topics topics) {
		return Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
				// the record cache holds every figure a task sums between two flushes (a
				// few thousand per task and second); when it is full, each eviction is a
				// changelog write
				StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, RECORD_CACHE_BYTES,
				// the ledger refuses bad input to the rejection topics itself; anything
				// that fails after it fails the task, which starts again from its last
				// commit, and nothing is skipped
				StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, StreamsFailures.Deserialization.class,
				StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, StreamsFailures.Processing.class,
				StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, StreamsFailures.Production.class,
				StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), MAX_REQUEST_BYTES,
				// a record with an invalid timestamp is the ledger's to refuse, not the
				// thread's to die on
				StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, ReceiptTime.class,
				// a task takes the records it has without waiting to learn the lag of
				// each of its partitions (34 event topics): with the default, a killed
				// broker left the figures behind for minutes (ClusterFaultTests). The
				// order across topics then follows fetches, not receipt time
				StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED,
				// One request in flight per broker. With several, a Kafka 4.2 broker can
				// append a later request to a partition never written before while the
				// first one was refused with a retriable error (CONCURRENT_TRANSACTIONS),
				// and the first then fails with OUT_OF_ORDER_SEQUENCE_NUMBER until its
				// delivery timeout aborts the transaction: every new repartition and
				// changelog partition (a first start, a replay) could stall a task for
				// minutes (KAFKA-15591, fixed in brokers from 4.5).
				StreamsConfig.producerPrefix(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION), 1);
	}

	/**
	 * The settings that hand the ledger what the processor was configured with: the
	 * ledger's processors are built by the topology, not by Spring, and read them from
	 * the settings of their task.
	 * @param vsicEditions the VSIC tables to judge sectors by
	 * @return Kafka Streams settings
	 */
	public static Map<String, Object> ledgerSettings(VsicEditions vsicEditions) {
		return Map.of(Intake.VSIC_EDITIONS_CONFIG, vsicEditions);
	}

	/**
	 * The VSIC tables the ledger judges sectors by, read once at start (a malformed table
	 * stops the processor, naming the row).
	 * @param tables where the deployment's tables are, if it has its own
	 * @return the tables
	 */
	@Bean
	VsicEditions vsicEditions(VsicTablesProperties tables) {
		return tables.editions();
	}

	@Bean
	StreamsBuilderFactoryBeanConfigurer exactlyOnceWithDeadLetters(ProcessorProperties properties,
			VsicEditions vsicEditions, ObjectProvider<CountingWatch> watch) {
		return (factory) -> {
			Properties config = factory.getStreamsConfiguration();
			config.putAll(designSettings(properties.topics()));
			config.putAll(ledgerSettings(vsicEditions));
			// a service instance (not a replay) compares its tables and generation as
			// each
			// of the ledger's tasks starts; the watch is looked up then, once every bean
			// exists
			Runnable beforeCounting = () -> {
				CountingWatch counting = watch.getIfAvailable();
				if (counting != null) {
					counting.beforeCounting();
				}
			};
			config.put(Intake.COUNTING_CHECK_CONFIG, beforeCounting);
			factory.setStreamsConfiguration(config);
			// A stopped instance leaves the group at once: its tasks move without waiting
			// for the session to time out, and a replay can start right after the last
			// instance stops.
			factory.setLeaveGroupOnClose(true);
			// a dead stream thread is replaced, so the application keeps running
			StreamsFailures.registerCounters();
			factory.setStreamsUncaughtExceptionHandler(
					new StreamsFailures.ReplaceThread(config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)));
		};
	}

}
