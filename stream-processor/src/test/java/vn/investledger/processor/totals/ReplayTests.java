package vn.investledger.processor.totals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

import vn.investledger.events.EventJson;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Licensed;
import vn.investledger.events.Money;
import vn.investledger.events.ProjectState;
import vn.investledger.events.Sector;
import vn.investledger.events.Topics;
import vn.investledger.events.Total;
import vn.investledger.events.rulebook.Rules;
import vn.investledger.processor.system.RulesInForce;
import vn.investledger.testsupport.KafkaServer;
import vn.investledger.testsupport.ProjectLife;
import vn.investledger.testsupport.RealServers;
import vn.investledger.testsupport.Records;
import vn.investledger.testsupport.SampleEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Replay ({@code --investledger.replay=true}) rebuilds every figure from the event log:
 * here after the rate table and the report calendar changed, so that events counted
 * before are restated, none twice, and a figure the new rules leave empty is gone.
 */
@ExtendWith(RealServers.class)
@ResourceLock(ProcessorRuns.REPLAYS)
@Order(3)
class ReplayTests {

	private static final List<String> PROVINCES = List.of("22", "30", "31", "33", "51");

	private String prefix;

	private Topics topics;

	@BeforeEach
	void createTopics(KafkaServer kafka) throws Exception {
		this.prefix = "replay" + UUID.randomUUID().toString().substring(0, 8);
		this.topics = Topics.withPrefix(this.prefix);
		kafka.createEventTopics(this.topics, PROVINCES);
	}

	@Test
	void shouldRebuildEveryFigureFromTheEventLog(KafkaServer kafka, @TempDir Path work) throws Exception {
		long seed = new Random().nextLong();
		Random random = new Random(seed);
		RandomLedger ledger = RandomLedger.generate("R" + Long.toHexString(seed), 60, random);
		List<LicensingEvent> deliveries = ledger.deliveries(random);
		Path rates = work.resolve("rates.csv");
		Files.writeString(rates, "from,vnd_per_usd,name\n2000-01-01,20000,tỷ giá thử\n", StandardCharsets.UTF_8);
		// every release to the 1st: most events count in the next month's figures
		Path calendar = work.resolve("report-calendar.csv");
		Files.writeString(calendar, "from_year,cut_off,december,source\n1987,1,1,a calendar to the 1st\n",
				StandardCharsets.UTF_8);
		Path state = work.resolve("state");
		String applicationId = this.prefix + "-stream-processor";

		try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
				FigureReader totals = new FigureReader(kafka, this.topics.totals().name(),
						Topics.totalSerde().deserializer())) {
			// Given a processor that counted the ledger with another rate table and
			// another report calendar
			try (ConfigurableApplicationContext before = start(kafka, state, "--investledger.usd-rates=" + rates,
					"--investledger.report-calendar=" + calendar)) {
				publish(kafka, deliveries);
				await().atMost(Duration.ofSeconds(120))
					.until(() -> FigureReader.committedEvents(admin, applicationId) == deliveries.size());
				// (figures are summed per task and sent at the next flush, after their
				// input
				// offsets are committed)
				await().atMost(Duration.ofSeconds(60))
					.untilAsserted(() -> assertThat(totals.<Total>read().values()).anySatisfy((total) -> {
						assertThat(total.investmentType()).isEqualTo(InvestmentType.DDI);
						assertThat(total.usdEquivalent().rates()).contains("tỷ giá thử: 20000 VND/USD from 2000-01-01");
					}));
				// A replay, or a second ledger, under another application id is refused
				// while this one runs: it would write the same outputs, and the replay
				// would retire this one's figures
				String other = "--spring.kafka.streams.application-id=" + this.prefix + "-other";
				assertThatException()
					.isThrownBy(() -> start(kafka, work.resolve("other"), "--investledger.replay=true", other))
					.withStackTraceContaining("Replay refused: another application's ledger reads the event topics of "
							+ this.prefix + " (application id, with its instances' hosts: {" + applicationId + "=");
				assertThatException().isThrownBy(() -> start(kafka, work.resolve("other"), other))
					.withStackTraceContaining(
							"Start refused: another application's ledger reads the event topics of " + this.prefix);
			}
			Map<String, Total> expected = ledger.expectedTotals();
			Map<String, Total> counted = Map.copyOf(totals.<Total>read());
			assertThat(counted).as("figures before the replay, seed %d", seed).isNotEqualTo(expected);
			// some figures of the other calendar's months have no event under the shipped
			// one
			assertThat(counted.keySet()).as("figures the replay must retire, seed %d", seed)
				.anyMatch((key) -> !expected.containsKey(key));

			// A start whose replay setting is neither true nor false is refused: it
			// would start neither a replay nor the service's checks (every such value:
			// ReplaySwitchTests)
			assertThatException().isThrownBy(
					() -> start(kafka, state, "--investledger.replay=yes", "--investledger.replay-from=applied-events"))
				.withStackTraceContaining("investledger.replay must be true (a replay) or false (the service, also"
						+ " when left out): it was \"yes\"");

			// A start with the shipped tables but no replay is refused: it would count
			// new
			// events under them into figures counted under the others
			assertThatException().isThrownBy(() -> start(kafka, state))
				.withStackTraceContaining(
						"The figures were counted under other tables than this instance's: calendar, rates changed")
				.withStackTraceContaining("--investledger.replay=true")
				// a change of the calendar and the rates can be recounted
				.withStackTraceContaining("with --investledger.replay-from=applied-events too");

			// When it is replayed with the shipped table, on the same state directory,
			// while an archive's plain consumer (no ledger) reads the event topics in a
			// group of its own
			try (KafkaConsumer<byte[], byte[]> archive = new KafkaConsumer<>(
					Map.of("bootstrap.servers", kafka.bootstrapServers(), "group.id", this.prefix + "-archive"),
					new ByteArrayDeserializer(), new ByteArrayDeserializer());
					ConfigurableApplicationContext replay = startBeside(archive, kafka, state)) {
				MeterRegistry meters = replay.getBean(MeterRegistry.class);
				// its mark, set before it retired the figures, names where every event
				// topic ended: the console refuses the figures while it is set
				RulesInForce rules = replay.getBean(RulesInForce.class);
				RulesInForce.ReplayMark mark = rules.replayMark();
				assertThat(mark.to()).as("the replay's mark as it begins")
					.isNotEmpty()
					.allSatisfy((partition, end) -> assertThat(partition.topic()).contains(".events."));
				assertThat(mark.to().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(deliveries.size());
				// (its streams start once what was counted before is retired)
				assertThat(mark.retired()).isTrue();
				// which commits once a second, the service's every 100 ms
				assertThat(replay.getBean(StreamsBuilderFactoryBean.class)
					.getStreamsConfiguration()
					.getProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo("1000");

				// Then the progress reaches every record of the log
				await().atMost(Duration.ofSeconds(120))
					.untilAsserted(() -> assertThat(
							meters.get("investledger.replay.records").tag("of", "replayed").gauge().value())
						.isEqualTo(deliveries.size()));
				assertThat(meters.get("investledger.replay.records").tag("of", "total").gauge().value())
					.isEqualTo(deliveries.size());
				// and every figure is rebuilt, each event counted once at the new rates
				// and
				// in the new calendar's months, and those left empty are retired
				// and its mark is removed once they are, not before: the figures read the
				// moment it is gone are every one of them
				await().atMost(Duration.ofSeconds(90))
					.pollInterval(Duration.ofMillis(100))
					.until(() -> rules.replayMark() == null);
				assertThat(totals.<Total>read()).as("figures once the mark is removed, seed %d", seed)
					.isEqualTo(expected);
				// and before it went, where the topics it wrote anew (those the console
				// reads through indices) end was recorded: every figure and history entry
				// it published lies before, so the consoles wait for the indexers to
				// have read that far
				Map<TopicPartition, Long> published = rules.publishedTo();
				assertThat(published.keySet()).extracting(TopicPartition::topic)
					.containsOnly(this.topics.totals().name(), this.topics.stock().name(),
							this.topics.appliedEvents().name());
				Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
				published.keySet().forEach((partition) -> latest.put(partition, OffsetSpec.latest()));
				Map<TopicPartition, Long> now = new java.util.HashMap<>();
				admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
					.all()
					.get()
					.forEach((partition, info) -> now.put(partition, info.offset()));
				assertThat(published).isEqualTo(now);
				assertThat(now.values().stream().mapToLong(Long::longValue).sum()).isPositive();
				// written before the mark went: the consoles never see the mark gone
				// without the ends to wait for
				Map<String, Long> last = lastOffsets(kafka, applicationId + "/published-to",
						applicationId + "/replay-to");
				assertThat(last.get(applicationId + "/published-to"))
					.isLessThan(last.get(applicationId + "/replay-to"));
				// and the lock a replay holds until its threads have joined is given back
				assertThat(admin.listTopics().names().get()).doesNotContain(applicationId + "-replay-lock");
			}
			// and the shipped tables are now those the figures are counted under
			try (ConfigurableApplicationContext after = start(kafka, state)) {
				assertThat(after.getBean(RulesInForce.class).counted()).isEqualTo(Rules.standard().fingerprints());
				assertThat(after.getBean(StreamsBuilderFactoryBean.class)
					.getStreamsConfiguration()
					.getProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo("100");
			}
		}
	}

	/** The offset of the last record of each of some keys on the rulebook topic. */
	private Map<String, Long> lastOffsets(KafkaServer kafka, String... keys) {
		Map<String, Long> last = new java.util.HashMap<>();
		try (org.apache.kafka.clients.consumer.KafkaConsumer<String, String> consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(
				Map.of("bootstrap.servers", kafka.bootstrapServers()),
				new org.apache.kafka.common.serialization.StringDeserializer(),
				new org.apache.kafka.common.serialization.StringDeserializer())) {
			TopicPartition rulebook = new TopicPartition(this.topics.rulebookTopicName(), 0);
			consumer.assign(List.of(rulebook));
			consumer.seekToBeginning(List.of(rulebook));
			long end = consumer.endOffsets(List.of(rulebook)).get(rulebook);
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (consumer.position(rulebook) < end) {
				assertThat(System.nanoTime()).as("the rulebook topic read within a minute").isLessThan(deadline);
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> {
					if (List.of(keys).contains(record.key())) {
						last.put(record.key(), record.offset());
					}
				});
			}
		}
		return last;
	}

	/**
	 * A replay whose ledger refuses what an earlier version applied: the project's state
	 * from before is retired, so that neither the compacted topic nor the projects index
	 * fed from it keeps a project the ledger no longer holds.
	 */
	@Test
	void shouldRetireTheStateOfAProjectTheReplayNoLongerApplies(KafkaServer kafka, @TempDir Path work)
			throws Exception {
		// Given a licence of VSIC 2025's section K, division 62 (IT), dated 20 November
		// 2025, which the shipped tables apply, and another project's whole life
		LocalDate day = LocalDate.of(2025, 11, 20);
		Licensed it = SampleEvents.fdiLicence("RP-GONE", "31", Money.usd("4000000"));
		it = new Licensed(SampleEvents.envelope("RP-GONE", 1, "31", day), it.investmentType(), it.projectName(),
				it.ircNumber(), it.enterpriseCode(), it.investors(), it.zoneCode(), new Sector("K", "62"),
				it.registeredCapital(), it.landAreaHa(), it.plannedEmployment(), it.durationYears());
		List<LicensingEvent> kept = ProjectLife.of("RP-KEPT", "31");
		List<LicensingEvent> deliveries = new ArrayList<>(kept);
		deliveries.add(it);
		Path state = work.resolve("state");
		String applicationId = this.prefix + "-stream-processor";
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
				FigureReader states = new FigureReader(kafka, this.topics.projectState().name(),
						Topics.projectStateSerde().deserializer())) {
			try (ConfigurableApplicationContext before = start(kafka, state)) {
				publish(kafka, deliveries);
				await().atMost(Duration.ofSeconds(120))
					.until(() -> FigureReader.committedEvents(admin, applicationId) == deliveries.size());
			}
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(states.<ProjectState>read()).containsOnlyKeys("RP-GONE", "RP-KEPT"));

			// When it is replayed under tables in which VSIC 2025 begins on 1 December,
			// so that on 20 November section K is finance (64–66), the consoles given 5 s
			// to take notice of its mark (longer than its reset and reading take here)
			Path sections = ProcessorRuns.laterVsic2025(work);
			long launched = System.currentTimeMillis();
			try (ConfigurableApplicationContext replay = start(kafka, state, "--investledger.replay=true",
					"--investledger.vsic-sections=" + sections, "--investledger.replay.mark-notice=5s")) {
				MeterRegistry meters = replay.getBean(MeterRegistry.class);
				await().atMost(Duration.ofSeconds(120))
					.untilAsserted(() -> assertThat(
							meters.get("investledger.replay.records").tag("of", "replayed").gauge().value())
						.isEqualTo(deliveries.size()));

				// Then the refused project has no state left, and the other its last one
				await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
					Map<String, ProjectState> after = states.read();
					assertThat(after).containsOnlyKeys("RP-KEPT");
					assertThat(after.get("RP-KEPT").revision()).isEqualTo((long) kept.size());
				});
			}
			// and neither a state was retired nor the history's mark moved before the
			// notice had passed since the mark that refuses the figures (the reset and
			// the reading of the keys to retire go on meanwhile)
			long marked = firstWrittenSince(kafka, this.topics.rulebookTopicName(),
					applicationId + "/" + RulesInForce.REPLAY_TO, launched,
					(value) -> value != null && value.contains("\"retired\":false"));
			long appliedFrom = firstWrittenSince(kafka, this.topics.rulebookTopicName(),
					applicationId + "/" + RulesInForce.DECISIONS_FROM, launched, (value) -> value != null);
			long firstTombstone = firstWrittenSince(kafka, this.topics.projectState().name(), null, launched,
					(value) -> value == null);
			assertThat(appliedFrom).isGreaterThanOrEqualTo(marked + 5_000);
			assertThat(firstTombstone).isGreaterThanOrEqualTo(marked + 5_000);
		}
	}

	/**
	 * When the first record of a topic (with a key, if given) that matches was written at
	 * or after an instant.
	 * @return its timestamp, in ms since the epoch
	 */
	private static long firstWrittenSince(KafkaServer kafka, String topic, String key, long since,
			java.util.function.Predicate<String> value) {
		var deserializer = new org.apache.kafka.common.serialization.StringDeserializer();
		long first = Records.drainAvailable(kafka, topic, deserializer, deserializer)
			.stream()
			.filter((record) -> record.timestamp() >= since && (key == null || key.equals(record.key()))
					&& value.test(record.value()))
			.mapToLong((record) -> record.timestamp())
			.min()
			.orElse(Long.MAX_VALUE);
		assertThat(first).as("a record of %s written since %d", topic, since).isLessThan(Long.MAX_VALUE);
		return first;
	}

	/**
	 * A replay that stops before it has retired what was counted before (here: reading
	 * the keys to retire takes longer than its limit) says how to go on, and the service
	 * is refused until a replay gets past that point: started, it would count from
	 * nothing beside figures the new counting leaves empty.
	 */
	@Test
	void shouldRefuseTheServiceAfterAReplayThatRetiredNothing(KafkaServer kafka, @TempDir Path work) throws Exception {
		List<LicensingEvent> licences = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			licences.add(SampleEvents.ddiLicence("RETIRE-" + i, "31", Money.vnd(2_000_000_000L * (i + 1))));
		}
		String applicationId = this.prefix + "-stream-processor";
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
				FigureReader totals = new FigureReader(kafka, this.topics.totals().name(),
						Topics.totalSerde().deserializer())) {
			// Given a ledger counted, its figures published
			publish(kafka, licences);
			try (ConfigurableApplicationContext first = start(kafka, work.resolve("a"))) {
				await().atMost(Duration.ofSeconds(60))
					.until(() -> FigureReader.committedEvents(admin, applicationId) == licences.size());
				await().atMost(Duration.ofSeconds(30)).until(() -> !totals.read().isEmpty());
			}

			// When a replay cannot read the keys to retire within its limit
			assertThatException()
				.isThrownBy(() -> start(kafka, work.resolve("a"), "--investledger.replay=true",
						"--investledger.replay.retire-read-limit=1ns"))
				// Then it stops, saying how to go on
				.withStackTraceContaining("could not read the keys of what was counted before")
				.withStackTraceContaining("run it again with a longer investledger.replay.retire-read-limit");
			// and the service is refused, naming the replay
			assertThatException().isThrownBy(() -> start(kafka, work.resolve("a")))
				.withStackTraceContaining("A replay from the event topics stopped before it had retired")
				.withStackTraceContaining("--investledger.replay=true");

			// until a replay gets past it
			try (ConfigurableApplicationContext replay = start(kafka, work.resolve("a"),
					"--investledger.replay=true")) {
				assertThat(replay.getBean(RulesInForce.class).replayMark().retired()).isTrue();
			}
		}
	}

	@Test
	void shouldRefuseToReplayWhileAnInstanceRuns(KafkaServer kafka, @TempDir Path work) throws Exception {
		try (ConfigurableApplicationContext running = start(kafka, work.resolve("a"))) {
			await().atMost(Duration.ofSeconds(60))
				.until(() -> running.getBean(org.springframework.kafka.config.StreamsBuilderFactoryBean.class)
					.getKafkaStreams()
					.state()
					.isRunningOrRebalancing());

			assertThatException().isThrownBy(() -> start(kafka, work.resolve("b"), "--investledger.replay=true"))
				.withStackTraceContaining(
						"Replay refused: 1 instance(s) of " + this.prefix + "-stream-processor are running")
				.withStackTraceContaining("Stop every instance of the processor, then run the replay again");
			// (which gives back the lock it took as it began)
			try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
				assertThat(admin.listTopics().names().get())
					.doesNotContain(this.prefix + "-stream-processor-replay-lock");
			}
		}
	}

	@Test
	void shouldRefuseToStartOnARulebookRecordItDidNotWrite(KafkaServer kafka, @TempDir Path work) throws Exception {
		// Given a record under the processor's key in the rulebook topic that is not the
		// tables' fingerprints
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"), new StringSerializer(),
				new StringSerializer())) {
			producer
				.send(new ProducerRecord<>(this.topics.rulebookTopicName(), 0, this.prefix + "-stream-processor",
						"{\"calendar\": [1, 2"))
				.get();
		}

		// Then the processor refuses to start, and says which record and what to do
		assertThatException().isThrownBy(() -> start(kafka, work.resolve("a")))
			.withStackTraceContaining("The record of the tables the figures were counted under ("
					+ this.topics.rulebookTopicName() + ", offset 0, key " + this.prefix + "-stream-processor)")
			.withStackTraceContaining("remove it (a record with that key and no value)");
	}

	/**
	 * The provincial units are one of the tables the figures are counted under: a release
	 * that changes them (a further merger) would restate a stock's subtractions under
	 * other units than its additions. Figures counted by a version that did not record
	 * them need a replay.
	 */
	@Test
	void shouldRefuseToStartOnFiguresCountedWithoutTheProvincesRecorded(KafkaServer kafka, @TempDir Path work)
			throws Exception {
		// Given the tables' record of a version that kept no provinces' fingerprint
		recordTablesWithout(kafka, "provinces");

		// Then the processor refuses to start, naming the table and the replay
		assertThatException().isThrownBy(() -> start(kafka, work.resolve("a")))
			.withStackTraceContaining("provinces changed (the provincial units")
			.withStackTraceContaining("--investledger.replay=true");
		// And a recount is refused: the units judge which events the ledger accepts
		assertThatException()
			.isThrownBy(() -> start(kafka, work.resolve("b"), "--investledger.replay=true",
					"--investledger.replay-from=applied-events"))
			.withStackTraceContaining("Recount refused: the provincial units differ");
		// And a replay from the event topics applies them, though the processor's group
		// does not exist (as when every instance stopped longer than the broker keeps an
		// empty group): it records today's units
		start(kafka, work.resolve("c"), "--investledger.replay=true").close();
		start(kafka, work.resolve("d")).close();
	}

	/**
	 * The tables' record of the version before the counting rules' version was named
	 * counts as of the first version that named it
	 * ({@code Rules.UNNAMED_COUNTING_VERSION}): this version counts otherwise (the status
	 * folded in revision order), so it refuses to start on them until they are counted
	 * again.
	 */
	@Test
	void shouldTakeFiguresRecordedBeforeTheCountingRulesWereNamedAsCountedByTheFirstVersionThatNamedThem(
			KafkaServer kafka, @TempDir Path work) throws Exception {
		recordTablesWithout(kafka, Rules.COUNTING);

		assertThatException().isThrownBy(() -> start(kafka, work.resolve("a")))
			.withStackTraceContaining("counting changed (the counting rules of this version");
	}

	/**
	 * Writes the tables' record as an earlier version wrote it: today's fingerprints
	 * without one.
	 */
	private void recordTablesWithout(KafkaServer kafka, String table) throws Exception {
		Map<String, String> earlier = new LinkedHashMap<>(Rules.standard().fingerprints());
		earlier.remove(table);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"), new StringSerializer(),
				new StringSerializer())) {
			producer
				.send(new ProducerRecord<>(this.topics.rulebookTopicName(), 0, this.prefix + "-stream-processor",
						EventJson.mapper().writeValueAsString(earlier)))
				.get();
		}
	}

	private ConfigurableApplicationContext startBeside(KafkaConsumer<byte[], byte[]> archive, KafkaServer kafka,
			Path state) throws Exception {
		archive.subscribe(this.topics.eventTopicPattern());
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			archive.poll(Duration.ofMillis(100));
			return !archive.assignment().isEmpty();
		});
		return start(kafka, state, "--investledger.replay=true");
	}

	private ConfigurableApplicationContext start(KafkaServer kafka, Path state, String... more) throws Exception {
		return ProcessorRuns.start(kafka, this.prefix, state, more);
	}

	private void publish(KafkaServer kafka, List<LicensingEvent> deliveries) {
		ProcessorRuns.publish(kafka, this.topics, deliveries);
	}

}
