package vn.investledger.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;

import vn.investledger.events.EventJson;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Topics;
import vn.investledger.events.reference.UsdRates;
import vn.investledger.events.rulebook.ReportCalendar;
import vn.investledger.events.rulebook.Rules;
import vn.investledger.localstack.LocalKafka;
import vn.investledger.localstack.LocalStack;
import vn.investledger.processor.intake.IntakeSettings;
import vn.investledger.processor.system.StreamsConfiguration;
import vn.investledger.processor.totals.TotalsTopology;
import vn.investledger.producers.simulator.EventGenerator;

/**
 * Events/s through the totals topology on one local broker, beside the limits measured in
 * the same run: the raw consumer ({@code ConsumerPerformance}) on the same topic, and a
 * trivial {@code exactly_once_v2} pass-through topology (the ceiling of any EOS topology
 * here). The totals topology runs with {@code exactly_once_v2}, as in service, and with
 * {@code at_least_once} for comparison. Beside each rate, the stream threads' CPU time
 * per 1,000 events. Prints a Markdown table for BENCHMARKS.md. Settings (system
 * properties): {@code events} (100000), {@code threads} (stream threads, 2),
 * {@code commitInterval} (ms, 100), {@code warmUp} (true), {@code inFlight} (the
 * producer's requests in flight per broker; the service's setting, 1, unless given).
 */
public final class StreamsThroughputBenchmark {

	private static final String PREFIX = "bench";

	private StreamsThroughputBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int events = Integer.getInteger("events", 100_000);
		int threads = Integer.getInteger("threads", 2);
		Topics topics = Topics.withPrefix(PREFIX);
		String source = topics.eventTopicName("31");
		Path stateDir = Files.createTempDirectory("streams-bench");
		try (LocalKafka kafka = LocalStack.startKafka();
				Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
			List<NewTopic> create = new ArrayList<>();
			create.add(new NewTopic(source, Topics.EVENT_PARTITIONS, (short) 1));
			for (String name : List.of("bench.passthrough", topics.totals().name(), topics.projectState().name(),
					topics.stock().name(), topics.deadLetterTopicName(), topics.appliedEvents().name(),
					topics.rejectionTopicName("31"))) {
				create.add(new NewTopic(name, Topics.EVENT_PARTITIONS, (short) 1));
			}
			admin.createTopics(create).all().get(30, TimeUnit.SECONDS);
			int recordSize = fill(kafka, source, events);
			System.out.printf("%,d events of Hải Phòng on %s, ~%d B each%n", events, source, recordSize);

			double raw = consumerPerformance(kafka, source, events);
			Run passThrough = run(admin, kafka, "passthrough-eos", StreamsConfig.EXACTLY_ONCE_V2, threads, stateDir,
					events, (builder) -> builder.stream(source, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
						.to("bench.passthrough", Produced.with(Serdes.ByteArray(), Serdes.ByteArray())));
			IntakeSettings refuse = IntakeSettings.of(topics, Duration.ofMinutes(5));
			IntakeSettings repartition = refuse.with(IntakeSettings.Placement.REPARTITION);
			if (Boolean.parseBoolean(System.getProperty("warmUp", "true"))) {
				// the JIT compiles the totals topology's code before any measured run
				run(admin, kafka, "totals-warm-up", StreamsConfig.AT_LEAST_ONCE, threads, stateDir, events,
						(builder) -> totals(builder, refuse));
			}
			Run totalsEos = run(admin, kafka, "totals-eos", StreamsConfig.EXACTLY_ONCE_V2, threads, stateDir, events,
					(builder) -> totals(builder, refuse));
			// the other way to bring a project's records into one task: repartition every
			// record by murmur2 of its key instead of refusing a misplaced one
			Run repartitioned = run(admin, kafka, "totals-eos-repartition", StreamsConfig.EXACTLY_ONCE_V2, threads,
					stateDir, events, (builder) -> totals(builder, repartition));
			Run totalsAlos = run(admin, kafka, "totals-alos", StreamsConfig.AT_LEAST_ONCE, threads, stateDir, events,
					(builder) -> totals(builder, refuse));
			long refused = endOffset(admin, topics.rejectionTopicName("31"));
			if (refused > 0) {
				throw new IllegalStateException(refused + " events were refused: the rates would not be of counting");
			}
			System.out.printf(
					"""

							| measure (%,d events, ~%d B each, %d stream threads) | events/s | vs pass-through | stream threads' CPU, ms per 1,000 events |
							|---|---:|---:|---:|
							| raw ConsumerPerformance | %,.0f | – | – |
							| pass-through topology, exactly_once_v2 | %,.0f | 1.00 | %.0f |
							| totals topology, exactly_once_v2 (misplaced records refused) | %,.0f | %.2f | %.0f |
							| totals topology, exactly_once_v2, every record repartitioned | %,.0f | %.2f | %.0f |
							| totals topology, at_least_once | %,.0f | %.2f | %.0f |
							%n""",
					events, recordSize, threads, raw, passThrough.rate(), passThrough.cpuPerThousand(),
					totalsEos.rate(), totalsEos.rate() / passThrough.rate(), totalsEos.cpuPerThousand(),
					repartitioned.rate(), repartitioned.rate() / passThrough.rate(), repartitioned.cpuPerThousand(),
					totalsAlos.rate(), totalsAlos.rate() / passThrough.rate(), totalsAlos.cpuPerThousand());
		}
		System.exit(0);
	}

	private static void totals(StreamsBuilder builder, IntakeSettings intake) {
		TotalsTopology.build(builder, intake, Rules.standard(),
				new BuiltInDslStoreSuppliers.RocksDBDslStoreSuppliers());
	}

	/**
	 * Writes simulator events of one province, keyed by project; returns their mean size.
	 * One request in flight per partition: a Kafka 4.2 broker can refuse an idempotent
	 * producer's first request to a new partition after accepting its second
	 * (KAFKA-15591), and retry it until the delivery timeout.
	 */
	private static int fill(LocalKafka kafka, String topic, int events) {
		EventGenerator generator = new EventGenerator(2024, LocalDate.of(2023, 1, 2), LocalDate.now(), 200,
				Instant::now);
		long bytes = 0;
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all", "linger.ms", 20, "batch.size",
						262144, "compression.type", "lz4", "max.in.flight.requests.per.connection", 1),
				new StringSerializer(), new ByteArraySerializer())) {
			for (int sent = 0; sent < events;) {
				LicensingEvent event = generator.next();
				if (!generator.publishingProvince(event).equals("31")) {
					continue;
				}
				byte[] value = EventJson.toBytes(event);
				bytes += value.length;
				producer.send(new ProducerRecord<>(topic, event.key(), value));
				sent++;
			}
		}
		return (int) (bytes / events);
	}

	/** Runs ConsumerPerformance in its own JVM and returns its records/s. */
	private static double consumerPerformance(LocalKafka kafka, String topic, int records) throws Exception {
		Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx1g", "-cp",
				System.getProperty("java.class.path"), "org.apache.kafka.tools.ConsumerPerformance",
				"--bootstrap-server", kafka.bootstrapServers(), "--topic", topic, "--messages",
				Integer.toString(records), "--group", "bench-raw-consumer")
			.redirectErrorStream(true)
			.start();
		List<String> lines = new ArrayList<>();
		try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
			for (String line = out.readLine(); line != null; line = out.readLine()) {
				lines.add(line);
			}
		}
		process.waitFor();
		// the header names the columns; nMsg.sec is the rate, on the next line with as
		// many columns
		for (int i = 0; i < lines.size(); i++) {
			List<String> header = List.of(lines.get(i).split(",\\s*"));
			int column = header.indexOf("nMsg.sec");
			for (int j = i + 1; column >= 0 && j < lines.size(); j++) {
				String[] values = lines.get(j).split(",\\s*");
				if (values.length == header.size()) {
					System.out.println("ConsumerPerformance: " + lines.get(j));
					return Double.parseDouble(values[column].strip());
				}
			}
		}
		throw new IllegalStateException("ConsumerPerformance printed no rate: " + lines);
	}

	/**
	 * What one application measured.
	 *
	 * @param rate events/s from its first commit to its last
	 * @param cpuPerThousand the CPU time its stream threads used, from their start to the
	 * end of the run, in ms per 1,000 source events: the work per event, without the time
	 * the threads waited for the broker or for a core
	 */
	private record Run(double rate, double cpuPerThousand) {

	}

	/**
	 * Runs a topology until its application has committed every offset of its source and
	 * internal topics, and returns its rate and its stream threads' CPU time.
	 */
	private static Run run(Admin admin, LocalKafka kafka, String name, String guarantee, int threads, Path stateDir,
			int events, java.util.function.Consumer<StreamsBuilder> topology) throws Exception {
		String applicationId = "bench-" + name;
		StreamsBuilder builder = new StreamsBuilder();
		topology.accept(builder);
		Properties config = new Properties();
		config.putAll(StreamsConfiguration.designSettings(Topics.withPrefix(PREFIX)));
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
		config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
		config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Integer.getInteger("commitInterval", 100));
		config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
		config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(name).toString());
		config.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
		String inFlight = System.getProperty("inFlight");
		if (inFlight != null) {
			// to measure what the service's one request in flight costs
			config.put(StreamsConfig.producerPrefix("max.in.flight.requests.per.connection"), inFlight);
		}
		try (KafkaStreams streams = new KafkaStreams(builder.build(), config)) {
			streams.start();
			long firstCommitAt = 0;
			long firstCommitted = 0;
			long lastChangeAt = 0;
			Map<TopicPartition, OffsetAndMetadata> previous = Map.of();
			while (true) {
				Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
					.partitionsToOffsetAndMetadata()
					.get(30, TimeUnit.SECONDS);
				long now = System.nanoTime();
				if (!committed.equals(previous)) {
					lastChangeAt = now;
					previous = committed;
				}
				long sourceCommitted = committed.entrySet()
					.stream()
					.filter((e) -> e.getKey().topic().startsWith(PREFIX + ".events."))
					.mapToLong((e) -> e.getValue().offset())
					.sum();
				if (firstCommitAt == 0 && sourceCommitted > 0) {
					firstCommitAt = now;
					firstCommitted = sourceCommitted;
				}
				// done: the source read to its end, and the internal topics too (a
				// transaction's marker may follow the last committed offset), with no
				// commit for a second
				if (sourceCommitted >= events && now - lastChangeAt > 1_000_000_000L && caughtUp(admin, committed)) {
					double seconds = (lastChangeAt - firstCommitAt) / 1e9;
					double rate = (events - firstCommitted) / seconds;
					double cpuPerThousand = streamThreadsCpuNanos(applicationId) / 1e6 / (events / 1000.0);
					System.out.printf(
							"%s: %,d events in %.1f s after the first commit: %,.0f events/s; stream threads' CPU %.0f ms per 1,000 events%n",
							name, events - firstCommitted, seconds, rate, cpuPerThousand);
					return new Run(rate, cpuPerThousand);
				}
				Thread.sleep(100);
			}
		}
	}

	/**
	 * The CPU time of an application's stream threads so far (not their producers' and
	 * consumers' network threads, nor the broker's).
	 */
	private static long streamThreadsCpuNanos(String applicationId) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long nanos = 0;
		for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (thread != null && thread.getThreadName().startsWith(applicationId)
					&& thread.getThreadName().contains("StreamThread-")) {
				nanos += Math.max(0, threads.getThreadCpuTime(thread.getThreadId()));
			}
		}
		return nanos;
	}

	private static long endOffset(Admin admin, String topic) throws Exception {
		TopicPartition partition = new TopicPartition(topic, 0);
		return admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
			.all()
			.get(30, TimeUnit.SECONDS)
			.get(partition)
			.offset();
	}

	/**
	 * Whether every committed partition (source and repartition topics) is at its end.
	 */
	private static boolean caughtUp(Admin admin, Map<TopicPartition, OffsetAndMetadata> committed) throws Exception {
		Map<TopicPartition, OffsetSpec> request = new HashMap<>();
		committed.keySet().forEach((partition) -> request.put(partition, OffsetSpec.latest()));
		var ends = admin.listOffsets(request).all().get(30, TimeUnit.SECONDS);
		return committed.entrySet()
			.stream()
			.allMatch((e) -> e.getValue().offset() >= ends.get(e.getKey()).offset() - 1);
	}

}
