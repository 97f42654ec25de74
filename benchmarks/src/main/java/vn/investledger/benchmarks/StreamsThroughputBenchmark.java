package vn.investledger.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;

import vn.investledger.events.CheckedEvent;
import vn.investledger.events.EventJson;
import vn.investledger.events.EventValidator;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Topics;
import vn.investledger.events.reference.UsdRates;
import vn.investledger.events.rulebook.ReportCalendar;
import vn.investledger.events.rulebook.Rules;
import vn.investledger.localstack.LocalKafka;
import vn.investledger.localstack.LocalStack;
import vn.investledger.processor.intake.Intake;
import vn.investledger.processor.intake.IntakeSettings;
import vn.investledger.processor.intake.LedgerMetrics;
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
 * producer's requests in flight per broker; the service's setting, 1, unless given),
 * {@code producer.<setting>} (any other producer setting instead of the service's, e.g.
 * {@code -Dproducer.batch.size=262144 -Dproducer.buffer.memory=67108864} for a replay's
 * batches), {@code totalsOnly} (false: true skips the repartitioning and at-least-once
 * runs), {@code stages} (false: true also runs the totals topology's first steps alone,
 * with {@code exactly_once_v2}: each record read and checked against the contract, then
 * written on as the pass-through does; the ledger without the figures after it). A
 * stage's rate is a ceiling of the whole topology's: what the steps after it could gain
 * at most.
 */
public final class StreamsThroughputBenchmark {

	private static final String PREFIX = "bench";

	private StreamsThroughputBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int events = Integer.getInteger("events", 100_000);
		int threads = Integer.getInteger("threads", 2);
		Topics topics = Topics.withPrefix(PREFIX);
		Path stateDir = Files.createTempDirectory("streams-bench");
		try (LocalKafka kafka = LocalStack.startKafka();
				Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
			// every unit's event and rejections topics, as in service: a unit's sums have
			// a
			// budget (SumBudget), so a large ledger spreads over the units as the real
			// one
			List<String> rejections = new ArrayList<>(List.of(topics.deadLetterTopicName()));
			List<NewTopic> create = new ArrayList<>();
			for (String unit : Intake.units()) {
				create.add(new NewTopic(topics.eventTopicName(unit), Topics.EVENT_PARTITIONS, (short) 1));
				rejections.add(topics.rejectionTopicName(unit));
			}
			List<String> outputs = new ArrayList<>(List.of("bench.passthrough", topics.totals().name(),
					topics.projectState().name(), topics.stock().name(), topics.appliedEvents().name()));
			outputs.addAll(rejections);
			for (String name : outputs) {
				create.add(new NewTopic(name, Topics.EVENT_PARTITIONS, (short) 1));
			}
			admin.createTopics(create).all().get(30, TimeUnit.SECONDS);
			int recordSize = fill(kafka, topics, events);
			String servers = kafka.bootstrapServers();
			Pattern sources = topics.eventTopicPattern();
			System.out.printf("%,d events of every unit on %s, ~%d B each%n", events, sources, recordSize);

			double raw = StreamsRuns.consumerPerformance(servers, List.of("--include", sources.pattern()), events);
			StreamsRuns.Run passThrough = StreamsRuns.run(admin, servers, topics, "passthrough-eos",
					StreamsConfig.EXACTLY_ONCE_V2, threads, stateDir, events,
					(builder) -> builder.stream(sources, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
						.to("bench.passthrough", Produced.with(Serdes.ByteArray(), Serdes.ByteArray())));
			IntakeSettings refuse = IntakeSettings.of(topics, Duration.ofMinutes(5), LedgerMetrics.unread());
			IntakeSettings repartition = refuse.with(IntakeSettings.Placement.REPARTITION);
			if (Boolean.parseBoolean(System.getProperty("warmUp", "true"))) {
				// the JIT compiles the totals topology's code before any measured run
				StreamsRuns.run(admin, servers, topics, "totals-warm-up", StreamsConfig.AT_LEAST_ONCE, threads,
						stateDir, events, (builder) -> totals(builder, refuse));
			}
			StreamsRuns.Run totalsEos = StreamsRuns.run(admin, servers, topics, "totals-eos",
					StreamsConfig.EXACTLY_ONCE_V2, threads, stateDir, events, (builder) -> totals(builder, refuse));
			// the other way to bring a project's records into one task: repartition every
			// record by murmur2 of its key instead of refusing a misplaced one
			boolean all = !Boolean.getBoolean("totalsOnly");
			StreamsRuns.Run repartitioned = all
					? StreamsRuns.run(admin, servers, topics, "totals-eos-repartition", StreamsConfig.EXACTLY_ONCE_V2,
							threads, stateDir, events, (builder) -> totals(builder, repartition))
					: StreamsRuns.Run.NONE;
			StreamsRuns.Run totalsAlos = all ? StreamsRuns.run(admin, servers, topics, "totals-alos",
					StreamsConfig.AT_LEAST_ONCE, threads, stateDir, events, (builder) -> totals(builder, refuse))
					: StreamsRuns.Run.NONE;
			StreamsRuns.Run checked = Boolean.getBoolean("stages")
					? StreamsRuns.run(admin, servers, topics, "checked-eos", StreamsConfig.EXACTLY_ONCE_V2, threads,
							stateDir, events,
							(builder) -> builder.stream(sources, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
								.processValues(CheckEach::new)
								.to("bench.passthrough", Produced.with(Serdes.ByteArray(), Serdes.ByteArray())))
					: StreamsRuns.Run.NONE;
			StreamsRuns.Run ledger = Boolean.getBoolean("stages") ? StreamsRuns.run(admin, servers, topics,
					"ledger-eos", StreamsConfig.EXACTLY_ONCE_V2, threads, stateDir, events,
					(builder) -> Intake.acceptedEvents(builder, refuse, TotalsTopology.effects(Rules.standard()),
							new BuiltInDslStoreSuppliers.RocksDBDslStoreSuppliers()))
					: StreamsRuns.Run.NONE;
			// the same with every store in memory, for comparison (not the service's
			// setting)
			StreamsRuns.Run inMemory = Boolean.getBoolean("inMemory")
					? StreamsRuns.run(admin, servers, topics, "totals-eos-in-memory", StreamsConfig.EXACTLY_ONCE_V2,
							threads, stateDir, events, (builder) -> totalsInMemory(builder, refuse))
					: StreamsRuns.Run.NONE;
			long refused = endOffsets(admin, rejections);
			if (refused > 0) {
				throw new IllegalStateException(refused + " events were refused: the rates would not be of counting");
			}
			System.out.printf(
					"""

							| measure (%,d events, ~%d B each, %d stream threads) | events/s | vs pass-through | stream threads' CPU, ms per 1,000 events |
							|---|---:|---:|---:|
							| raw ConsumerPerformance | %,.0f | – | – |
							| pass-through topology, exactly_once_v2 | %,.0f | 1.00 | %.0f |
							| each record read and checked, then passed through, exactly_once_v2 | %,.0f | %.2f | %.0f |
							| the ledger alone (no figures), exactly_once_v2 | %,.0f | %.2f | %.0f |
							| totals topology, exactly_once_v2 (misplaced records refused) | %,.0f | %.2f | %.0f |
							| totals topology, exactly_once_v2, every record repartitioned | %,.0f | %.2f | %.0f |
							| totals topology, at_least_once | %,.0f | %.2f | %.0f |
							| totals topology, exactly_once_v2, every store in memory | %,.0f | %.2f | %.0f |
							%n""",
					events, recordSize, threads, raw, passThrough.rate(), passThrough.cpuPerThousand(), checked.rate(),
					checked.rate() / passThrough.rate(), checked.cpuPerThousand(), ledger.rate(),
					ledger.rate() / passThrough.rate(), ledger.cpuPerThousand(), totalsEos.rate(),
					totalsEos.rate() / passThrough.rate(), totalsEos.cpuPerThousand(), repartitioned.rate(),
					repartitioned.rate() / passThrough.rate(), repartitioned.cpuPerThousand(), totalsAlos.rate(),
					totalsAlos.rate() / passThrough.rate(), totalsAlos.cpuPerThousand(), inMemory.rate(),
					inMemory.rate() / passThrough.rate(), inMemory.cpuPerThousand());
		}
		System.exit(0);
	}

	/**
	 * Reads and checks each record as the ledger does ({@link EventValidator#read}), by
	 * the time the broker appended it; a record that is not an event, or breaks the
	 * contract, stops the run.
	 */
	private static final class CheckEach implements FixedKeyProcessor<byte[], byte[], byte[]> {

		private FixedKeyProcessorContext<byte[], byte[]> context;

		@Override
		public void init(FixedKeyProcessorContext<byte[], byte[]> context) {
			this.context = context;
		}

		@Override
		public void process(FixedKeyRecord<byte[], byte[]> record) {
			CheckedEvent checked = EventValidator.read(record.value(), Instant.ofEpochMilli(record.timestamp()));
			if (!checked.violations().isEmpty()) {
				throw new IllegalStateException("the simulator wrote an invalid event: " + checked.violations());
			}
			this.context.forward(record);
		}

	}

	private static void totals(StreamsBuilder builder, IntakeSettings intake) {
		TotalsTopology.build(builder, intake, Rules.standard(),
				new BuiltInDslStoreSuppliers.RocksDBDslStoreSuppliers());
	}

	/** The same topology with every store in memory (each still with its changelog). */
	private static void totalsInMemory(StreamsBuilder builder, IntakeSettings intake) {
		TotalsTopology.build(builder, intake, Rules.standard(),
				new BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers());
	}

	/**
	 * Writes simulator events to their units' topics, keyed by project; returns their
	 * mean size. One request in flight per partition: a Kafka 4.2 broker can refuse an
	 * idempotent producer's first request to a new partition after accepting its second
	 * (KAFKA-15591), and retry it until the delivery timeout.
	 */
	private static int fill(LocalKafka kafka, Topics topics, int events) {
		EventGenerator generator = new EventGenerator(2024, LocalDate.of(2023, 1, 2), LocalDate.now(), 200,
				Instant::now);
		long bytes = 0;
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all", "linger.ms", 20, "batch.size",
						262144, "compression.type", "lz4", "max.in.flight.requests.per.connection", 1),
				new StringSerializer(), new ByteArraySerializer())) {
			for (int sent = 0; sent < events;) {
				LicensingEvent event = generator.next();
				String topic = topics.eventTopicName(generator.publishingProvince(event));
				byte[] value = EventJson.toBytes(event);
				bytes += value.length;
				producer.send(new ProducerRecord<>(topic, event.key(), value));
				sent++;
			}
		}
		return (int) (bytes / events);
	}

	private static long endOffsets(Admin admin, List<String> topics) throws Exception {
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		for (String topic : topics) {
			for (int partition = 0; partition < Topics.EVENT_PARTITIONS; partition++) {
				latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
			}
		}
		return admin.listOffsets(latest)
			.all()
			.get(30, TimeUnit.SECONDS)
			.values()
			.stream()
			.mapToLong(ListOffsetsResultInfo::offset)
			.sum();
	}

}
