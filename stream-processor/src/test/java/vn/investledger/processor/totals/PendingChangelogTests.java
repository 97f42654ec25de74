package vn.investledger.processor.totals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import vn.investledger.events.InvestmentType;
import vn.investledger.events.Money;
import vn.investledger.events.Total;
import vn.investledger.events.rulebook.Cell;
import vn.investledger.events.rulebook.Flows;
import vn.investledger.events.rulebook.ReportCalendar;
import vn.investledger.processor.intake.AppliedEvent;
import vn.investledger.testsupport.KafkaServer;
import vn.investledger.testsupport.RealServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every time {@link PendingChanges} spreads a cell over its figures, the cell's removal
 * reaches the pending store's changelog, even when the cell is written again before the
 * next commit: a replay's mark waits on the changelogs for each cell held to be spread
 * ({@code PendingCells}), and a removal a store's cache kept back would have it wait for
 * a busy cell in vain. On a real broker, exactly once, committing every 100 ms as the
 * service does: one cell written every 10 ms for 5 s, so that every flush is followed by
 * a write of it long before the next commit.
 */
@ExtendWith(RealServers.class)
class PendingChangelogTests {

	private static final ReportCalendar CALENDAR = ReportCalendar.standard();

	@Test
	void shouldLogEveryRemovalOfACellItSpreadsWhenTheCellIsWrittenAgainBeforeTheCommit(KafkaServer kafka,
			@TempDir Path state) throws Exception {
		String app = "pendinglog" + UUID.randomUUID().toString().substring(0, 8);
		String input = app + ".cells";
		String output = app + ".figures";
		String changelog = app + "-pending-changelog";
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(input, 1, (short) 1), new NewTopic(output, 1, (short) 1)))
				.all()
				.get();
			// the broker knows the topics before the application asks for them: a source
			// topic not found yet would stop its stream thread
			await().atMost(Duration.ofSeconds(60))
				.ignoreExceptions()
				.until(() -> admin.describeTopics(List.of(input, output)).allTopicNames().get().size() == 2);
		}
		StreamsBuilder builder = new StreamsBuilder();
		builder.addStateStore(PendingChanges.store("pending", FigureSerdes.total()));
		builder.stream(input, Consumed.with(Serdes.String(), Serdes.Long()))
			.mapValues(PendingChangelogTests::applied)
			.process(() -> new PendingChanges<>("pending", AppliedEvent::flowCells,
					(cell) -> Flows.figuresOf(cell, CALENDAR), Total::key, Total::plus,
					(sum, figure) -> sum.at(figure.cuboid(), figure.dimensions(), figure.period())), "pending")
			.to(output, Produced.with(Serdes.String(), FigureSerdes.total()));
		Properties settings = new Properties();
		settings.put(StreamsConfig.APPLICATION_ID_CONFIG, app);
		settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
		settings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
		settings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
		settings.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
		settings.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
		settings.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
		long written = 0;
		try (KafkaStreams streams = new KafkaStreams(builder.build(), settings);
				KafkaProducer<String, Long> producer = new KafkaProducer<>(
						Map.of("bootstrap.servers", kafka.bootstrapServers(), "linger.ms", 0), new StringSerializer(),
						Serdes.Long().serializer())) {
			// a stream thread that dies is replaced, as in service, and its failure
			// reported
			List<Throwable> failures = new CopyOnWriteArrayList<>();
			streams.setUncaughtExceptionHandler((failure) -> {
				failures.add(failure);
				return StreamThreadExceptionResponse.REPLACE_THREAD;
			});
			streams.start();
			await().atMost(Duration.ofSeconds(120))
				.untilAsserted(() -> assertThat(streams.state())
					.as("the application's state; its threads' failures: %s", failures)
					.isEqualTo(KafkaStreams.State.RUNNING));

			// Given one cell written every 10 ms for 5 s: every flush (once a second) is
			// followed by a write of it within 10 ms, a commit within 100 ms
			long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
			while (System.nanoTime() < until) {
				producer.send(new ProducerRecord<>(input, "project", 1L));
				written++;
				Thread.sleep(10);
			}
			producer.flush();
			long sent = written;

			// When every write has been spread over the figures
			String national = Flows.figuresOf(cell(1), CALENDAR)
				.stream()
				.filter((figure) -> figure.cuboid().equals("national") && figure.period().equals("all"))
				.findFirst()
				.orElseThrow()
				.key();
			List<Total> spreadings = new ArrayList<>();
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
				spreadings.clear();
				for (ConsumerRecord<String, byte[]> record : readCommitted(kafka, output)) {
					if (record.key().equals(national)) {
						spreadings.add(FigureSerdes.total().deserializer().deserialize(output, record.value()));
					}
				}
				assertThat(spreadings.stream().mapToLong(Total::newProjects).sum()).isEqualTo(sent);
			});

			// Then the changelog shows the cell removed once per spreading, the last
			// record a removal
			List<ConsumerRecord<String, byte[]>> logged = readCommitted(kafka, changelog);
			long removals = logged.stream().filter((record) -> record.value() == null).count();
			assertThat(spreadings).as("the cell was spread more than once").hasSizeGreaterThan(3);
			assertThat(removals).as("removals of the cell on %s, against %d spreadings", changelog, spreadings.size())
				.isEqualTo(spreadings.size());
			assertThat(logged.get(logged.size() - 1).value()).isNull();
			streams.close(Duration.ofSeconds(30));
		}
	}

	/**
	 * The records of a topic's one partition, read committed, from its start to its end.
	 */
	private static List<ConsumerRecord<String, byte[]>> readCommitted(KafkaServer kafka, String topic) {
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of("bootstrap.servers", kafka.bootstrapServers(), "isolation.level", "read_committed"),
				Serdes.String().deserializer(), new ByteArrayDeserializer())) {
			TopicPartition partition = new TopicPartition(topic, 0);
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			long end = consumer.endOffsets(List.of(partition)).get(partition);
			while (consumer.position(partition) < end) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
		}
		return records;
	}

	private static AppliedEvent applied(long count) {
		return new AppliedEvent(null, null, null, false, List.of(cell(count)), List.of(), List.of());
	}

	/** The one cell: a new project, in Hải Phòng on 1 March 2024. */
	private static Total cell(long count) {
		Map<String, String> dimensions = new LinkedHashMap<>();
		dimensions.put("province", "31");
		dimensions.put("restated", "31");
		dimensions.put("zone", "KCN-A");
		dimensions.put("country", "KR");
		dimensions.put("sector", "C");
		return Total.builder(Cell.CUBOID, dimensions, LocalDate.of(2024, 3, 1).toString(), InvestmentType.FDI)
			.newProjects(count, new Money(1_000_000L * count, InvestmentType.FDI.currency()))
			.build();
	}

}
