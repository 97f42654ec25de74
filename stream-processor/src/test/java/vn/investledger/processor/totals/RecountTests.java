package vn.investledger.processor.totals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Stock;
import vn.investledger.events.Topics;
import vn.investledger.events.Total;
import vn.investledger.processor.replay.RecountEnd;
import vn.investledger.processor.system.RulesInForce;
import vn.investledger.processor.system.StreamsFailures;
import vn.investledger.testsupport.KafkaServer;
import vn.investledger.testsupport.RealServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * A recount
 * ({@code --investledger.replay=true --investledger.replay-from=applied-events}) counts
 * every figure again from the events the ledger applied, under this instance's tables,
 * and leaves the ledger as it is: here after the rate table and the report calendar
 * changed, then after a replay from the event topics wrote every applied event a second
 * time, and then with the processor going on with new events.
 */
@ExtendWith(RealServers.class)
@ResourceLock(ProcessorRuns.REPLAYS)
@Order(1)
class RecountTests {

	private static final List<String> PROVINCES = List.of("22", "30", "31", "33", "51");

	private static final String RECOUNT = "--investledger.replay-from=applied-events";

	@Test
	void shouldCountEveryFigureAgainFromTheAppliedEvents(KafkaServer kafka, @TempDir Path work) throws Exception {
		String prefix = "recount" + UUID.randomUUID().toString().substring(0, 8);
		Topics topics = Topics.withPrefix(prefix);
		kafka.createEventTopics(topics, PROVINCES);
		long seed = new Random().nextLong();
		Random random = new Random(seed);
		RandomLedger first = RandomLedger.generate("RA" + Long.toHexString(seed), 40, random);
		RandomLedger later = RandomLedger.generate("RB" + Long.toHexString(seed), 20, random);
		Path rates = work.resolve("rates.csv");
		Files.writeString(rates, "from,vnd_per_usd,name\n2000-01-01,20000,tỷ giá thử\n", StandardCharsets.UTF_8);
		Path calendar = work.resolve("report-calendar.csv");
		Files.writeString(calendar, "from_year,cut_off,december,source\n1987,1,1,a calendar to the 1st\n",
				StandardCharsets.UTF_8);
		String[] otherTables = { "--investledger.usd-rates=" + rates, "--investledger.report-calendar=" + calendar };
		Path state = work.resolve("state");
		String applicationId = prefix + "-stream-processor";

		try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
				FigureReader totals = new FigureReader(kafka, topics.totals().name(),
						Topics.totalSerde().deserializer());
				FigureReader stock = new FigureReader(kafka, topics.stock().name(),
						topics.stock().valueSerde().deserializer())) {
			// Given a processor that counted a ledger with another rate table and another
			// report calendar
			List<LicensingEvent> deliveries = first.deliveries(random);
			Map<String, String> otherFingerprints;
			try (ConfigurableApplicationContext before = ProcessorRuns.start(kafka, prefix, state, otherTables)) {
				ProcessorRuns.publish(kafka, topics, deliveries);
				await().atMost(Duration.ofSeconds(120))
					.until(() -> FigureReader.committedEvents(admin, applicationId) == deliveries.size());
				// counted under those tables, as README's rules give them
				RandomLedger.Tables other = RandomLedger.Tables.of(LocalDate.of(2000, 1, 1), 20_000, "tỷ giá thử", 1);
				awaitFigures(totals, stock, first.expectedTotals(other), first.expectedStock(),
						"under the other tables, seed " + seed);
				RulesInForce rules = before.getBean(RulesInForce.class);
				otherFingerprints = rules.counted();
				// the first start records the history's tables with the figures'
				assertThat(rules.history()).isEqualTo(otherFingerprints);
			}
			assertThat(totals.<Total>read()).as("figures before the recount, seed %d", seed)
				.isNotEqualTo(first.expectedTotals());

			// A recount under VSIC tables other than those the figures were counted under
			// is refused: those tables judge which events the ledger accepts
			Path sections = ProcessorRuns.laterVsic2025(work);
			assertThatException()
				.isThrownBy(() -> ProcessorRuns.start(kafka, prefix, state, "--investledger.replay=true", RECOUNT,
						"--investledger.vsic-sections=" + sections))
				.withStackTraceContaining(
						"Recount refused: the VSIC tables differ from those the figures were" + " counted under")
				.withStackTraceContaining("Replay from the event topics");

			// A recount stopped before its end leaves the processor refusing to start
			ProcessorRuns.start(kafka, prefix, state, "--investledger.replay=true", RECOUNT).close();
			assertThatException().isThrownBy(() -> ProcessorRuns.start(kafka, prefix, state))
				.withStackTraceContaining("A recount of the figures from the applied events stopped")
				.withStackTraceContaining("Run it again");

			// When it is recounted with the shipped tables
			try (ConfigurableApplicationContext recount = ProcessorRuns.start(kafka, prefix, state,
					"--investledger.replay=true", RECOUNT)) {
				RecountEnd end = recount.getBean(RecountEnd.class);
				RulesInForce rules = recount.getBean(RulesInForce.class);
				// Then it reads every applied event once, stops itself once complete, and
				// by then every figure is counted again under the shipped tables, those
				// they leave empty retired
				awaitRecounted(recount, first.eventCount());
				awaitEnded(recount, end, RecountEnd.COMPLETE);
				assertFigures(totals, stock, first, "as the recount stopped itself, seed " + seed);
				// and where the figures' topics ended as it completed is recorded, for
				// the
				// consoles to wait for the indexers (the history it leaves as it was)
				Map<TopicPartition, Long> published = rules.publishedTo();
				assertThat(published.keySet()).extracting(TopicPartition::topic)
					.containsOnly(topics.totals().name(), topics.stock().name());
				Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
				published.keySet()
					.forEach((partition) -> latest.put(partition, org.apache.kafka.clients.admin.OffsetSpec.latest()));
				Map<TopicPartition, Long> now = new java.util.HashMap<>();
				admin
					.listOffsets(latest,
							new org.apache.kafka.clients.admin.ListOffsetsOptions(
									org.apache.kafka.common.IsolationLevel.READ_COMMITTED))
					.all()
					.get()
					.forEach((partition, info) -> now.put(partition, info.offset()));
				assertThat(published).as("the figures' topics as the recount ended").isEqualTo(now);
				// and the history is recorded as holding entries under two versions of
				// the tables it changed (those applied before it keep their flows, those
				// applied after get the new tables'), which the console compares with
				// the figures' before it lists the events behind a figure or folds a
				// release
				Map<String, String> history = rules.history();
				assertThat(rules.counted()).doesNotContainEntry("calendar", otherFingerprints.get("calendar"))
					.doesNotContainEntry("rates", otherFingerprints.get("rates"));
				assertThat(history.get("calendar")).startsWith(RulesInForce.MIXED);
				assertThat(history.get("rates")).startsWith(RulesInForce.MIXED);
				assertThat(history).containsEntry("vsic", otherFingerprints.get("vsic"))
					.containsEntry("provinces", otherFingerprints.get("provinces"));
			}

			// When a replay from the event topics writes every applied event again
			Map<TopicPartition, Long> appliedBefore = endOffsets(admin, topics);
			try (ConfigurableApplicationContext replay = ProcessorRuns.start(kafka, prefix, state,
					"--investledger.replay=true")) {
				// (it marks where the ledger's decisions begin again)
				Map<Integer, Long> mark = replay.getBean(RulesInForce.class).mark(RulesInForce.DECISIONS_FROM);
				Map<Integer, Long> expectedMark = new TreeMap<>();
				appliedBefore.forEach((partition, offset) -> expectedMark.put(partition.partition(), offset));
				assertThat(mark).isEqualTo(expectedMark);
				awaitFigures(totals, stock, first, "after the replay, seed " + seed);
				// (and records the history under the figures' tables again)
				RulesInForce rules = replay.getBean(RulesInForce.class);
				assertThat(rules.history()).isEqualTo(rules.counted()).isNotEqualTo(otherFingerprints);
			}
			long entries = endOffsets(admin, topics).values().stream().mapToLong(Long::longValue).sum();
			assertThat(entries).as("the applied events' records, twice the ledger's events and their markers")
				.isGreaterThanOrEqualTo(2L * first.eventCount());
			// Then a recount reads only the replay's decisions, each event once
			try (ConfigurableApplicationContext recount = ProcessorRuns.start(kafka, prefix, state,
					"--investledger.replay=true", RECOUNT)) {
				RecountEnd end = recount.getBean(RecountEnd.class);
				RulesInForce rules = recount.getBean(RulesInForce.class);
				double recounted = awaitRecounted(recount, first.eventCount());
				// (past the events, the replay's transaction markers: one per partition
				// and commit, once a second)
				assertThat(recounted).as("records recounted").isLessThan(2.0 * first.eventCount());
				awaitEnded(recount, end, RecountEnd.COMPLETE);
				assertFigures(totals, stock, first, "after the second recount, seed " + seed);
				// (under the tables the replay recorded the history under: it still
				// agrees with the figures)
				assertThat(rules.history()).isEqualTo(rules.counted());
			}

			// And the processor goes on from the ledger as it was, under the shipped
			// tables, counting new events into the recounted figures
			List<LicensingEvent> more = later.deliveries(random);
			try (ConfigurableApplicationContext after = ProcessorRuns.start(kafka, prefix, state)) {
				ProcessorRuns.publish(kafka, topics, more);
				await().atMost(Duration.ofSeconds(120))
					.until(() -> FigureReader.committedEvents(admin, applicationId) == deliveries.size() + more.size());
				awaitFigures(totals, stock, first.plus(later), "after the processor went on, seed " + seed);
			}

			// A recount that finds no mark of where the ledger's decisions begin (removed
			// by hand) is refused rather than read every decision ever made
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(
					Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"), new StringSerializer(),
					new StringSerializer())) {
				producer
					.send(new ProducerRecord<>(topics.rulebookTopicName(), 0,
							applicationId + "/" + RulesInForce.DECISIONS_FROM, null))
					.get();
				assertThatException()
					.isThrownBy(() -> ProcessorRuns.start(kafka, prefix, state, "--investledger.replay=true", RECOUNT))
					.withStackTraceContaining("Recount refused: nothing marks where the ledger's decisions begin")
					.withStackTraceContaining("Replay from the event topics once");

				// And a start that finds decisions but no record of its tables (removed
				// by
				// hand, or the topic lost) is refused rather than take the figures for
				// its
				// tables', and so is a recount
				producer.send(new ProducerRecord<>(topics.rulebookTopicName(), 0, applicationId, null)).get();
			}
			assertThatException().isThrownBy(() -> ProcessorRuns.start(kafka, prefix, state))
				.withStackTraceContaining("no record names the tables its figures were counted under")
				.withStackTraceContaining("--investledger.replay=true");
			assertThatException()
				.isThrownBy(() -> ProcessorRuns.start(kafka, prefix, state, "--investledger.replay=true", RECOUNT))
				.withStackTraceContaining("Recount refused: no record names the tables the figures were counted under")
				.withStackTraceContaining("replay from the event topics once");
		}
	}

	@Test
	void shouldStopARecountThatCannotReadAnAppliedEvent(KafkaServer kafka, @TempDir Path work) throws Exception {
		String prefix = "recount" + UUID.randomUUID().toString().substring(0, 8);
		Topics topics = Topics.withPrefix(prefix);
		kafka.createEventTopics(topics, PROVINCES);
		long seed = new Random().nextLong();
		Random random = new Random(seed);
		RandomLedger ledger = RandomLedger.generate("RC" + Long.toHexString(seed), 10, random);
		Path state = work.resolve("state");
		String applicationId = prefix + "-stream-processor";
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
			// Given a ledger counted, and then a record on the applied-events topic that
			// is
			// not the ledger's JSON (written by hand)
			List<LicensingEvent> deliveries = ledger.deliveries(random);
			try (ConfigurableApplicationContext service = ProcessorRuns.start(kafka, prefix, state)) {
				ProcessorRuns.publish(kafka, topics, deliveries);
				await().atMost(Duration.ofSeconds(120))
					.until(() -> FigureReader.committedEvents(admin, applicationId) == deliveries.size());
			}
			try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
					Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"), new StringSerializer(),
					new ByteArraySerializer())) {
				producer
					.send(new ProducerRecord<>(topics.appliedEvents().name(), 0, "1234567890",
							"{\"projectCode\":".getBytes(StandardCharsets.UTF_8)))
					.get();
			}
			StreamsFailures.Tally failures = StreamsFailures.of(applicationId);
			long failuresBefore = failures.count();

			// When a recount reads it, then it stops itself as failed, rather than
			// replacing its thread to fail again on the same record
			try (ConfigurableApplicationContext recount = ProcessorRuns.start(kafka, prefix, state,
					"--investledger.replay=true", RECOUNT)) {
				awaitEnded(recount, recount.getBean(RecountEnd.class), RecountEnd.FAILED);
			}
			// (the failure is counted for the dashboards, the thread's death last)
			assertThat(failures.count()).as("failures counted").isGreaterThan(failuresBefore);
			assertThat(failures.last().stage()).isEqualTo("thread");
			assertThat(failures.last().message()).contains("cannot be read");

			// And the processor stays refused until a recount or a replay completes
			assertThatException().isThrownBy(() -> ProcessorRuns.start(kafka, prefix, state))
				.withStackTraceContaining("A recount of the figures from the applied events stopped");
		}
	}

	/**
	 * Waits until the recount has read every applied event, before its instance stops
	 * itself.
	 * @return the applied-event records it read
	 */
	private static double awaitRecounted(ConfigurableApplicationContext recount, int events) {
		MeterRegistry meters = recount.getBean(MeterRegistry.class);
		double[] total = new double[1];
		await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
			total[0] = meters.get("investledger.replay.records").tag("of", "total").gauge().value();
			assertThat(total[0]).as("applied events to recount").isGreaterThanOrEqualTo(events);
			assertThat(meters.get("investledger.replay.records").tag("of", "replayed").gauge().value())
				.isEqualTo(total[0]);
		});
		return total[0];
	}

	/** Waits until the recount's instance has stopped itself, ending as expected. */
	private static void awaitEnded(ConfigurableApplicationContext recount, RecountEnd end, int code) {
		await().atMost(Duration.ofSeconds(60)).until(() -> !recount.isActive());
		assertThat(end.code()).as("how the recount ended").isEqualTo(code);
	}

	/** The figures as they are now, without waiting for more. */
	private static void assertFigures(FigureReader totals, FigureReader stock, RandomLedger ledger, String when) {
		assertThat(totals.<Total>read()).as("figures %s", when).isEqualTo(ledger.expectedTotals());
		assertThat(RandomLedger.nonEmptyStock(stock.<Stock>read())).as("stock %s", when)
			.isEqualTo(ledger.expectedStock());
	}

	private static void awaitFigures(FigureReader totals, FigureReader stock, RandomLedger ledger, String when) {
		awaitFigures(totals, stock, ledger.expectedTotals(), ledger.expectedStock(), when);
	}

	private static void awaitFigures(FigureReader totals, FigureReader stock, Map<String, Total> expected,
			Map<String, List<Object>> expectedStock, String when) {
		// two minutes: a replay beside the other modules' tests on two cores has stalled
		// past one
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			assertThat(totals.<Total>read()).as("figures %s", when).isEqualTo(expected);
			Map<String, List<Object>> stockFigures = RandomLedger.nonEmptyStock(stock.<Stock>read());
			assertThat(stockFigures).as("stock %s", when).isEqualTo(expectedStock);
		});
	}

	private static Map<TopicPartition, Long> endOffsets(Admin admin, Topics topics) throws Exception {
		String applied = topics.appliedEvents().name();
		Map<TopicPartition, OffsetSpec> request = new TreeMap<>(
				java.util.Comparator.comparing(TopicPartition::partition));
		admin.describeTopics(List.of(applied))
			.allTopicNames()
			.get()
			.get(applied)
			.partitions()
			.forEach((p) -> request.put(new TopicPartition(applied, p.partition()), OffsetSpec.latest()));
		Map<TopicPartition, Long> offsets = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::partition));
		admin.listOffsets(request).all().get().forEach((partition, info) -> offsets.put(partition, info.offset()));
		return offsets;
	}

}
