package vn.investledger.processor.intake;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.apache.kafka.streams.state.DslKeyValueParams;
import org.apache.kafka.streams.state.DslStoreSuppliers;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.internals.InMemoryKeyValueStore;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.kafka.support.serializer.JacksonJsonSerde;

import vn.investledger.events.AppliedEntry;
import vn.investledger.events.CapitalAdjusted;
import vn.investledger.events.CapitalContributed;
import vn.investledger.events.ContributionForm;
import vn.investledger.events.Disbursed;
import vn.investledger.events.EventEnvelope;
import vn.investledger.events.EventJson;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Investor;
import vn.investledger.events.Licensed;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Limits;
import vn.investledger.events.Money;
import vn.investledger.events.ProjectState;
import vn.investledger.events.ProjectStatus;
import vn.investledger.events.Rejection;
import vn.investledger.events.RejectionReason;
import vn.investledger.events.Resumed;
import vn.investledger.events.Sector;
import vn.investledger.events.Suspended;
import vn.investledger.events.Terminated;
import vn.investledger.events.TerminationReason;
import vn.investledger.events.Topics;
import vn.investledger.events.reference.VsicEditions;
import vn.investledger.processor.system.StreamsConfiguration;
import vn.investledger.testsupport.ProjectLife;
import vn.investledger.testsupport.SampleEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The ledger on its own ({@link Intake} without the figures): what it applies, holds,
 * drops as a copy, and refuses, with the reason on the sending unit's rejection topic.
 */
class ProjectLedgerTests {

	private static final Duration GAP_TIMEOUT = Duration.ofMinutes(5);

	private final Topics topics = Topics.withPrefix("intake");

	private Ledger ledger = new Ledger(IntakeSettings.forTests(this.topics, GAP_TIMEOUT), UnaryOperator.identity());

	@AfterEach
	@AfterProperty
	void closeDriver() {
		this.ledger.close();
	}

	/**
	 * Whatever order, gaps and pauses two units' events come in, a replay that reads each
	 * unit's topic in order, the topics interleaved as fetches come (one may run hours
	 * ahead of another), decides what the live run decided reading each record as the
	 * broker received it, gaps that timed out included: the same events applied, in the
	 * same order for each project, the same refusals, the same projects (what waits at
	 * the end of a topic's log is released by the wall clock in both).
	 */
	@Property(tries = 80)
	void shouldDecideInAReplayAsTheLiveRunDid(@ForAll("logs") List<Map.Entry<LicensingEvent, Instant>> log,
			@ForAll Random fetches) {
		Ledger live = new Ledger(IntakeSettings.forTests(this.topics, GAP_TIMEOUT), UnaryOperator.identity());
		Ledger replay = new Ledger(IntakeSettings.forTests(this.topics, GAP_TIMEOUT), UnaryOperator.identity());
		try {
			for (Map.Entry<LicensingEvent, Instant> record : log) {
				live.sendAt(record.getKey().envelope().provinceCode(), record.getKey(), record.getValue(), true);
			}
			// a replay runs after the log was written
			replay.wallTo(log.get(log.size() - 1).getValue().plusSeconds(60));
			Map<String, java.util.Deque<Map.Entry<LicensingEvent, Instant>>> unitTopics = new java.util.TreeMap<>();
			log.forEach((record) -> unitTopics
				.computeIfAbsent(record.getKey().envelope().provinceCode(), (unit) -> new java.util.ArrayDeque<>())
				.add(record));
			while (!unitTopics.isEmpty()) {
				List<String> units = new ArrayList<>(unitTopics.keySet());
				String unit = units.get(fetches.nextInt(units.size()));
				int fetched = 1 + fetches.nextInt(4);
				for (int i = 0; i < fetched && !unitTopics.get(unit).isEmpty(); i++) {
					Map.Entry<LicensingEvent, Instant> record = unitTopics.get(unit).poll();
					replay.sendAt(unit, record.getKey(), record.getValue(), false);
				}
				if (unitTopics.get(unit).isEmpty()) {
					unitTopics.remove(unit);
				}
			}
			// and after the log, as each runs on, what waits at the end of a topic is
			// released by the wall clock (live, once the topic fell quiet; in the
			// replay, the timeout after it held them)
			live.wallTo(log.get(log.size() - 1).getValue().plus(GAP_TIMEOUT).plusSeconds(1));
			replay.wallTo(log.get(log.size() - 1).getValue().plusSeconds(60).plus(GAP_TIMEOUT).plusSeconds(1));
			assertThat(byProject(replay.applied())).as("applied, in order for each project")
				.isEqualTo(byProject(live.applied()));
			for (String unit : List.of("31", "22")) {
				assertThat(replay.reasons(unit)).as("refusals of unit %s", unit).isEqualTo(live.reasons(unit));
			}
			assertThat(replay.states.readKeyValuesToMap()).as("projects").isEqualTo(live.states.readKeyValuesToMap());
		}
		finally {
			live.close();
			replay.close();
		}
	}

	private static Map<String, List<UUID>> byProject(List<LicensingEvent> applied) {
		Map<String, List<UUID>> ids = new java.util.TreeMap<>();
		applied.forEach((event) -> ids.computeIfAbsent(event.key(), (code) -> new ArrayList<>())
			.add(event.envelope().eventId()));
		return ids;
	}

	/**
	 * Up to four projects' licences and disbursements, each of Hải Phòng or Quảng Ninh,
	 * some revisions never sent, in any order, the broker receiving each from none to an
	 * hour after the one before (the gap timeout is five minutes; 300 s is exactly it).
	 */
	@Provide
	Arbitrary<List<Map.Entry<LicensingEvent, Instant>>> logs() {
		Arbitrary<List<LicensingEvent>> project = Combinators
			.combine(Arbitraries.integers().between(1, 14), Arbitraries.integers().between(0, 99).list().ofSize(14),
					Arbitraries.strings().withCharRange('A', 'Z').ofLength(4), Arbitraries.of("31", "22"))
			.as((last, kept, name, unit) -> {
				String code = unit + "-" + name;
				List<LicensingEvent> events = new ArrayList<>();
				events.add(SampleEvents.fdiLicence(code, unit, Money.usd("100")));
				for (int revision = 2; revision <= last; revision++) {
					if (kept.get(revision - 1) < 80) {
						events.add(disbursement(code, revision, unit));
					}
				}
				return events;
			});
		Arbitrary<List<Long>> pauses = Arbitraries.of(0L, 20L, 90L, 200L, 290L, 300L, 310L, 360L, 3600L)
			.list()
			.ofSize(40);
		return Combinators.combine(project.list().ofMinSize(1).ofMaxSize(4), pauses, Arbitraries.randoms())
			.as((projects, seconds, random) -> {
				List<LicensingEvent> events = new ArrayList<>();
				projects.forEach(events::addAll);
				java.util.Collections.shuffle(events, random);
				List<Map.Entry<LicensingEvent, Instant>> log = new ArrayList<>();
				Instant at = Instant.now().plusSeconds(1);
				for (int i = 0; i < events.size(); i++) {
					at = at.plusSeconds(seconds.get(i % seconds.size()));
					log.add(Map.entry(events.get(i), at));
				}
				return log;
			});
	}

	@Nested
	class Ordering {

		@Test
		void shouldLetARetriedEventThroughOnce() {
			Licensed licence = SampleEvents.fdiLicence("HP-1", "31", Money.usd("100"));

			ledger.send("31", licence);
			ledger.send("31", licence);
			ledger.send("31", licence);

			assertThat(ledger.applied()).containsExactly(licence);
			assertThat(ledger.rejections("31")).isEmpty();
		}

		@Test
		void shouldHoldALaterRevisionUntilTheMissingOneArrives() {
			Licensed licence = SampleEvents.fdiLicence("HP-1", "31", Money.usd("100"));
			Disbursed second = disbursement("HP-1", 2, "31");
			Disbursed third = disbursement("HP-1", 3, "31");

			// revision 3 arrives before 2, and both are retried
			ledger.send("31", licence);
			ledger.send("31", third);
			ledger.send("31", third);
			assertThat(ledger.applied()).containsExactly(licence);
			ledger.send("31", second);
			ledger.send("31", second);

			List<AppliedEvent> applied = ledger.accepted.readValuesToList();
			assertThat(applied).extracting(AppliedEvent::event).containsExactly(second, third);
			assertThat(applied).extracting(AppliedEvent::afterGap).containsOnly(false);
			assertThat(applied.get(1).state().realisedCapital()).isEqualTo(Money.usd("20"));
			assertThat(applied.get(1).state().revision()).isEqualTo(3);
			assertThat(ledger.rejections("31")).isEmpty();
		}

		@Test
		void shouldReleaseTheHeldEventsOfAtMostSomeProjectsATickSoThatNoTransactionGrowsWithTheBacklog() {
			// Given more projects than a tick releases, each with a revision held behind
			// a
			// gap, all due at once (a processor down longer than the gap timeout)
			int projects = ProjectLedger.MAX_RELEASED_AT_ONCE + 36;
			for (int p = 0; p < projects; p++) {
				ledger.send("31", SampleEvents.fdiLicence("HP-HELD-" + p, "31", Money.usd("100")));
				ledger.send("31", disbursement("HP-HELD-" + p, 3, "31"));
			}
			ledger.accepted.readValuesToList();

			// When the gap timeout has passed, one tick releases at most the bound
			ledger.driver.advanceWallClockTime(GAP_TIMEOUT.plusSeconds(1));
			assertThat(ledger.accepted.readValuesToList()).hasSize(ProjectLedger.MAX_RELEASED_AT_ONCE)
				.allSatisfy((applied) -> assertThat(applied.afterGap()).isTrue());

			// and the next tick the rest, each once
			ledger.driver.advanceWallClockTime(Duration.ofSeconds(1));
			assertThat(ledger.accepted.readValuesToList()).hasSize(36)
				.allSatisfy((applied) -> assertThat(applied.afterGap()).isTrue());
			ledger.driver.advanceWallClockTime(Duration.ofSeconds(1));
			assertThat(ledger.accepted.readValuesToList()).isEmpty();
			assertThat(ledger.rejections("31")).isEmpty();
		}

		@Test
		@SuppressWarnings("unchecked")
		void shouldFailRatherThanRefuseEveryEventWhenAProjectsRecordIsOfAnEarlierFormat() {
			// Given a project whose record an earlier version wrote (an upgrade that
			// changed the format, not followed by a replay)
			ledger.send("31", SampleEvents.fdiLicence("HP-OLD", "31", Money.usd("100")));
			var store = (org.apache.kafka.streams.state.internals.WrappedStateStore<?, ?, ?>) ledger.driver
				.getAllStateStores()
				.get(Intake.PROJECT_STATE_STORE);
			var bytes = (org.apache.kafka.streams.state.KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>) store
				.wrapped();
			bytes.put(org.apache.kafka.common.utils.Bytes.wrap("HP-OLD".getBytes(StandardCharsets.UTF_8)),
					new byte[] { 4, 0, 0, 0, 6 });
			ledger.applied();

			// When its next revision arrives, the task fails, and the event is not
			// refused
			// as the ledger's own fault (every project's would be)
			assertThatExceptionOfType(RuntimeException.class)
				.isThrownBy(() -> ledger.send("31", disbursement("HP-OLD", 2, "31")));
			assertThat(ledger.rejections("31")).isEmpty();
			assertThat(ledger.applied()).isEmpty();
		}

		/**
		 * A replay reads in seconds what the broker received over minutes: the gap
		 * timeout by the broker's clock decides there what the wall clock decided live.
		 */
		@Test
		void shouldDecideAsTheLiveRunDidWhenAReplayReadsAGapThatTimedOut() {
			Instant start = Instant.now().plusSeconds(1);
			Licensed licence = SampleEvents.fdiLicence("HP-G", "31", Money.usd("100"));
			Disbursed fiftieth = disbursement("HP-G", 50, "31");
			Disbursed farther = disbursement("HP-G", 120, "31");
			Disbursed second = disbursement("HP-G", 2, "31");
			// the 50th waits for the 2nd to 49th; the 120th arrives after the gap
			// timeout (70 ahead of the 50th, 119 ahead of the licence), then the 2nd
			List<Map.Entry<LicensingEvent, Instant>> log = List.of(Map.entry(licence, start),
					Map.entry(fiftieth, start.plusSeconds(1)),
					Map.entry(farther, start.plus(GAP_TIMEOUT).plus(Duration.ofMinutes(1))),
					Map.entry(second, start.plus(GAP_TIMEOUT).plus(Duration.ofMinutes(2))));
			Ledger replay = new Ledger(IntakeSettings.forTests(topics, GAP_TIMEOUT), UnaryOperator.identity());
			try {
				// a replay runs after the log was written
				replay.wallTo(log.get(log.size() - 1).getValue().plusSeconds(60));
				for (Map.Entry<LicensingEvent, Instant> record : log) {
					ledger.sendAt("31", record.getKey(), record.getValue(), true);
					replay.sendAt("31", record.getKey(), record.getValue(), false);
				}

				// live, the wall clock gave up on the 2nd to 49th before the 120th was
				// read, which then waited for the 51st to 119th
				List<LicensingEvent> applied = ledger.applied();
				assertThat(applied).containsExactly(licence, fiftieth, second);
				assertThat(ledger.reasons("31")).isEmpty();
				Map<String, ProjectState> states = ledger.states.readKeyValuesToMap();
				assertThat(states.get("HP-G").revision()).isEqualTo(50);
				// and the replay decided alike, though no wall-clock time passed
				assertThat(replay.applied()).containsExactlyElementsOf(applied);
				assertThat(replay.reasons("31")).isEmpty();
				assertThat(replay.states.readKeyValuesToMap()).isEqualTo(states);
			}
			finally {
				replay.close();
			}
		}

		@Test
		void shouldReleaseNothingByTheBrokersClockBeforeTheGapTimeout() {
			Instant start = Instant.now().plusSeconds(1);
			Licensed licence = SampleEvents.fdiLicence("HP-T", "31", Money.usd("100"));
			Disbursed third = disbursement("HP-T", 3, "31");
			Disbursed fourth = disbursement("HP-T", 4, "31");
			Disbursed second = disbursement("HP-T", 2, "31");
			ledger.wallTo(start.plus(GAP_TIMEOUT).plusSeconds(600));

			// the third waits; the fourth comes a second short of the gap timeout after
			// it, then the second
			ledger.sendAt("31", licence, start, false);
			ledger.sendAt("31", third, start.plusSeconds(1), false);
			ledger.sendAt("31", fourth, start.plusSeconds(1).plus(GAP_TIMEOUT).minusSeconds(1), false);
			ledger.sendAt("31", second, start.plusSeconds(1).plus(GAP_TIMEOUT).minusMillis(500), false);

			// so all are applied in order, none flagged as after a gap
			assertThat(ledger.accepted.readValuesToList()).extracting(AppliedEvent::event)
				.containsExactly(licence, second, third, fourth);
			assertThat(ledger.states.readKeyValuesToMap().get("HP-T").missingRevisions()).isEmpty();
		}

		@Test
		void shouldLetNoOtherUnitsRecordNorAFutureTimeReleaseAUnitsHeldEvents() {
			Instant start = Instant.now().plusSeconds(1);
			Licensed licence = SampleEvents.fdiLicence("HP-F2", "31", Money.usd("100"));
			Disbursed third = disbursement("HP-F2", 3, "31");
			Disbursed second = disbursement("HP-F2", 2, "31");
			ledger.wallTo(start);
			ledger.sendAt("31", licence, start, false);
			ledger.sendAt("31", third, start.plusSeconds(1), false);
			// a Quảng Ninh record the broker stamped a day ahead (a topic still on its
			// producers' timestamps), and one of Hải Phòng's stamped an hour ahead
			ledger.sendAt("22", SampleEvents.fdiLicence("QN-F", "22", Money.usd("1")), start.plus(Duration.ofDays(1)),
					false);
			ledger.sendAt("31", SampleEvents.fdiLicence("HP-F3", "31", Money.usd("1")), start.plus(Duration.ofHours(1)),
					false);
			ledger.sendAt("31", second, start.plusSeconds(2), false);

			// the third waited for the second, released by neither
			List<LicensingEvent> applied = ledger.applied();
			assertThat(applied).filteredOn((event) -> event.key().equals("HP-F2"))
				.containsExactly(licence, second, third);
			assertThat(ledger.states.readKeyValuesToMap().get("HP-F2").missingRevisions()).isEmpty();
		}

		@Test
		void shouldLetNoUnitsClockReleaseACodeUnitsContestBeforeItHasAnOwner() {
			Instant start = Instant.now().plusSeconds(1);
			ledger.wallTo(start.plus(Duration.ofHours(2)));
			// Quảng Ninh and Hải Phòng each hold a third revision of a code not licensed
			// yet, Quảng Ninh's first
			Disbursed squat = disbursement("HP-C", 3, "22");
			Disbursed third = disbursement("HP-C", 3, "31");
			ledger.sendAt("22", squat, start, false);
			ledger.sendAt("31", third, start.plusSeconds(1), false);
			// Quảng Ninh's topic goes on, an hour later by the broker's clock (a replay
			// may
			// fetch it ahead of Hải Phòng's)
			ledger.sendAt("22", SampleEvents.fdiLicence("QN-C", "22", Money.usd("1")), start.plus(Duration.ofHours(1)),
					false);
			// then Hải Phòng's licence and second revision
			Licensed licence = SampleEvents.fdiLicence("HP-C", "31", Money.usd("100"));
			Disbursed second = disbursement("HP-C", 2, "31");
			ledger.sendAt("31", licence, start.plusSeconds(2), false);
			ledger.sendAt("31", second, start.plusSeconds(3), false);

			// Quảng Ninh's clock released nothing, so its squat never became the owner
			assertThat(ledger.applied()).filteredOn((event) -> event.key().equals("HP-C"))
				.containsExactly(licence, second, third);
			assertThat(ledger.reasons("22")).containsExactly(RejectionReason.FOREIGN_PROJECT);
		}

		@Test
		void shouldDropAnIndexEntryOfAProjectThatHoldsNothingRatherThanReleaseItsNextEventsEarly() {
			Instant start = Instant.now().plusSeconds(1);
			ledger.wallTo(start.plus(Duration.ofHours(1)));
			ledger.sendAt("31", SampleEvents.fdiLicence("HP-X", "31", Money.usd("1")), start, false);
			ledger.sendAt("31", disbursement("HP-X", 3, "31"), start, false);
			// an entry of the index that no held event backs (left by another version)
			KeyValueStore<String, String> due = ledger.driver.getKeyValueStore(Intake.HELD_DUE_STORE);
			String stale = ProjectLedger.receivedKey(ProjectLedger.source(topics.eventTopicName("31"), 0),
					start.minusSeconds(1).toEpochMilli(), "HP-GHOST");
			due.put(stale, "HP-GHOST");
			ledger.sendAt("31", SampleEvents.fdiLicence("HP-GHOST", "31", Money.usd("1")), start, false);

			// a record past the gap timeout releases what is due, and drops the entry
			ledger.sendAt("31", SampleEvents.fdiLicence("HP-Y", "31", Money.usd("1")), start.plusSeconds(360), false);
			assertThat(due.get(stale)).isNull();
			// so the project's next held event waits its own timeout
			Disbursed third = disbursement("HP-GHOST", 3, "31");
			ledger.sendAt("31", third, start.plusSeconds(420), false);
			ledger.sendAt("31", SampleEvents.fdiLicence("HP-Z", "31", Money.usd("1")), start.plusSeconds(480), false);
			assertThat(ledger.applied()).doesNotContain(third);
			assertThat(ledger.driver.<String, HeldEvents>getKeyValueStore(Intake.HELD_EVENTS_STORE)
				.get("HP-GHOST")
				.events()).hasSize(1);
		}

		@Test
		void shouldApplyHeldRevisionsAfterTheGapTimeoutAndFlagThem() {
			Licensed licence = SampleEvents.fdiLicence("HP-1", "31", Money.usd("100"));
			Disbursed second = disbursement("HP-1", 2, "31");
			Disbursed fourth = disbursement("HP-1", 4, "31");

			ledger.send("31", licence);
			ledger.send("31", fourth);
			ledger.driver.advanceWallClockTime(GAP_TIMEOUT.minusSeconds(2));
			assertThat(ledger.applied()).containsExactly(licence);
			ledger.driver.advanceWallClockTime(Duration.ofSeconds(3));

			// then revision 4 is applied with 2 and 3 missing
			assertThat(ledger.accepted.readValuesToList()).singleElement().satisfies((applied) -> {
				assertThat(applied.event()).isEqualTo(fourth);
				assertThat(applied.afterGap()).isTrue();
				assertThat(applied.state().missingRevisions()).containsExactly(2L, 3L);
				assertThat(applied.state().revision()).isEqualTo(4);
			});

			// and when revision 2 arrives after all, it is applied, flagged, and no
			// longer
			// missing
			ledger.send("31", second);
			assertThat(ledger.accepted.readValuesToList()).singleElement().satisfies((applied) -> {
				assertThat(applied.event()).isEqualTo(second);
				assertThat(applied.afterGap()).isTrue();
				assertThat(applied.state().missingRevisions()).containsExactly(3L);
				assertThat(applied.state().revision()).isEqualTo(4);
				assertThat(applied.state().realisedCapital()).isEqualTo(Money.usd("20"));
			});
		}

		@Test
		void shouldPublishEachProjectsStateAndEachAppliedEventOnce() {
			List<LicensingEvent> life = ProjectLife.of("HP-LIFE", "31");
			life.forEach((event) -> ledger.send("31", event));
			life.forEach((event) -> ledger.send("31", event));

			ProjectState state = ledger.states.readKeyValuesToMap().get("HP-LIFE");
			assertThat(state.revision()).isEqualTo(7);
			assertThat(state.ownerUnit()).isEqualTo("31");
			assertThat(state.status()).isEqualTo(ProjectStatus.TERMINATED);
			assertThat(state.registeredCapital()).isEqualTo(Money.usd("17499999.50"));
			assertThat(state.contributedCapital()).isEqualTo(Money.usd("3000000"));
			assertThat(state.realisedCapital()).isEqualTo(Money.usd("5000000"));
			List<AppliedEntry> entries = ledger.entries.readValuesToList();
			assertThat(entries).extracting(AppliedEntry::revision).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
			assertThat(entries).allSatisfy((entry) -> {
				assertThat(entry.unit()).isEqualTo("31");
				assertThat(entry.sourceTopic()).isEqualTo("intake.events.31");
			});
			// the history keeps each event exactly as published
			assertThat(entries.get(0).event())
				.isEqualTo(new String(EventJson.toBytes(life.get(0)), StandardCharsets.UTF_8));
		}

		@Test
		void shouldGiveAnAdjustmentThatArrivedFirstTheLicencesAttributes() {
			Licensed licence = SampleEvents.fdiLicence("HP-1", "31", Money.usd("100"));
			Disbursed second = disbursement("HP-1", 2, "31");

			ledger.send("31", second);
			ledger.send("31", licence);

			assertThat(ledger.accepted.readValuesToList()).extracting(AppliedEvent::event, (a) -> a.state().zoneCode())
				.containsExactly(org.assertj.core.groups.Tuple.tuple(licence, "HP-TRANG-DUE"),
						org.assertj.core.groups.Tuple.tuple(second, "HP-TRANG-DUE"));
		}

	}

	@Nested
	class Ownership {

		@Test
		void shouldRefuseAnotherUnitsEventForAProjectAndLeaveItUnchanged() {
			// Quảng Ninh's system terminates a Hải Phòng project, naming its own province
			Licensed licence = SampleEvents.fdiLicence("3000007332", "31", Money.usd("1000000"));
			Terminated hostile = new Terminated(SampleEvents.envelope("3000007332", 2, "22", LocalDate.of(2024, 6, 1)),
					TerminationReason.IRC_REVOKED, "1/QĐ");

			ledger.send("31", licence);
			ledger.send("22", hostile);

			assertThat(ledger.applied()).containsExactly(licence);
			assertThat(ledger.states.readKeyValuesToMap().get("3000007332").status()).isEqualTo(ProjectStatus.VALID);
			assertThat(ledger.rejections("22")).singleElement().satisfies((record) -> {
				Rejection rejection = Rejection.fromHeaders(record.headers());
				assertThat(rejection.reason()).isEqualTo(RejectionReason.FOREIGN_PROJECT);
				assertThat(rejection.message()).contains("belongs to unit 31 (Hải Phòng)");
				assertThat(rejection.eventId()).isEqualTo(hostile.envelope().eventId().toString());
				assertThat(rejection.projectCode()).isEqualTo("3000007332");
				assertThat(record.value()).isEqualTo(EventJson.toBytes(hostile));
			});
			assertThat(ledger.rejections("31")).isEmpty();
		}

		/**
		 * Another unit sending an owned project's code, again and again, is refused
		 * before the project's held events are read: up to 16 events of 32 KB each, which
		 * the task would otherwise read for every record of the flood (a province slowing
		 * every other's events down). The owner's held events wait on, and are applied
		 * once its missing revision comes.
		 */
		@Test
		void shouldRefuseAnotherUnitsFloodOfAnOwnedProjectWithoutReadingItsHeldEvents() {
			CountingStores stores = new CountingStores(Intake.HELD_EVENTS_STORE);
			Ledger counted = uncached(stores);
			try {
				Licensed licence = SampleEvents.fdiLicence("HP-HELD", "31", Money.usd("100"));
				counted.send("31", licence);
				List<Disbursed> waiting = holdAllPlaces(counted, "HP-HELD");
				assertThat(counted.held().get("HP-HELD").events()).hasSize(Limits.MAX_HELD_EVENTS);
				long readsBefore = stores.gets(Intake.HELD_EVENTS_STORE);

				int flood = 200;
				for (int i = 0; i < flood; i++) {
					counted.send("22", disbursement("HP-HELD", 2 + (i % 20), "22"));
				}

				assertThat(stores.gets(Intake.HELD_EVENTS_STORE)).as("reads of the held events during the flood")
					.isEqualTo(readsBefore);
				assertThat(counted.reasons("22")).hasSize(flood).containsOnly(RejectionReason.FOREIGN_PROJECT);
				assertThat(counted.held().get("HP-HELD").events()).hasSize(Limits.MAX_HELD_EVENTS);
				// the owner's missing revision releases what it held
				assertReleasedByTheSecond(counted, licence, waiting);
				assertThat(stores.gets(Intake.HELD_EVENTS_STORE)).as("the owner's record reads them")
					.isGreaterThan(readsBefore);
				assertThat(counted.reasons("31")).isEmpty();
			}
			finally {
				counted.close();
			}
		}

		/**
		 * A unit sending copies of what it holds for its own project, again and again,
		 * makes the task read what waits (a few hundred bytes an event), never the held
		 * events' own bytes (up to 32 KB each): those are read only to apply or refuse
		 * them.
		 */
		@Test
		void shouldTellCopiesOfHeldEventsWithoutReadingTheirBytes() {
			CountingStores stores = new CountingStores(Intake.HELD_VALUES_STORE);
			Ledger counted = uncached(stores);
			try {
				Licensed licence = SampleEvents.fdiLicence("HP-COPIES", "31", Money.usd("100"));
				counted.send("31", licence);
				List<Disbursed> waiting = holdAllPlaces(counted, "HP-COPIES");
				long readsBefore = stores.gets(Intake.HELD_VALUES_STORE);

				for (int i = 0; i < 200; i++) {
					counted.send("31", waiting.get(i % waiting.size()));
				}

				assertThat(stores.gets(Intake.HELD_VALUES_STORE)).as("reads of the held bytes during the copies")
					.isEqualTo(readsBefore);
				assertThat(counted.reasons("31")).isEmpty();
				assertReleasedByTheSecond(counted, licence, waiting);
				assertThat(stores.gets(Intake.HELD_VALUES_STORE)).as("applying them reads each once")
					.isEqualTo(readsBefore + waiting.size());
				// and nothing is left of them once applied
				KeyValueStore<String, byte[]> values = counted.driver.getKeyValueStore(Intake.HELD_VALUES_STORE);
				try (var all = values.all()) {
					assertThat(all.hasNext()).isFalse();
				}
			}
			finally {
				counted.close();
			}
		}

		/**
		 * What waits for a project, as an earlier version wrote it, stops the processor
		 * (to be replayed, as the project's own record of another format does) rather
		 * than have the project's every event refused as the ledger's fault.
		 */
		@Test
		void shouldStopRatherThanRefuseAProjectsEventsWhenWhatWaitsCannotBeRead() {
			CountingStores stores = new CountingStores(Intake.HELD_EVENTS_STORE);
			Ledger counted = uncached(stores);
			try {
				counted.send("31", SampleEvents.fdiLicence("HP-OLD", "31", Money.usd("100")));
				stores.putBytes(Intake.HELD_EVENTS_STORE, "HP-OLD",
						"{\"events\":[{\"revision\":3,\"value\":\"eyJ9\"}]}".getBytes(StandardCharsets.UTF_8));

				assertThatExceptionOfType(RuntimeException.class)
					.isThrownBy(() -> counted.send("31", disbursement("HP-OLD", 2, "31")))
					.withStackTraceContaining("replay the processor");
				assertThat(counted.reasons("31")).isEmpty();
			}
			finally {
				counted.close();
			}
		}

		/**
		 * A held event whose bytes the store of held values lacks (state out of step)
		 * stops the processor, to be replayed, rather than have the revision that
		 * releases it refused as the ledger's fault.
		 */
		@Test
		void shouldStopRatherThanRefuseWhenAHeldEventsBytesAreMissing() {
			ledger.send("31", SampleEvents.fdiLicence("HP-LOST", "31", Money.usd("100")));
			ledger.send("31", disbursement("HP-LOST", 3, "31"));
			KeyValueStore<String, byte[]> values = ledger.driver.getKeyValueStore(Intake.HELD_VALUES_STORE);
			List<String> keys = new ArrayList<>();
			try (var all = values.all()) {
				all.forEachRemaining((entry) -> keys.add(entry.key));
			}
			assertThat(keys).singleElement().asString().endsWith("|HP-LOST");
			keys.forEach(values::delete);

			assertThatExceptionOfType(RuntimeException.class)
				.isThrownBy(() -> ledger.send("31", disbursement("HP-LOST", 2, "31")))
				.withStackTraceContaining("not in the store of held values")
				.withStackTraceContaining("replay the processor");
			assertThat(ledger.reasons("31")).isEmpty();
		}

		@Test
		void shouldRefuseAnEventNamingAProvinceItsTopicsUnitDoesNotGovern() {
			Licensed foreign = SampleEvents.fdiLicence("QN-1", "22", Money.usd("100"));

			ledger.send("31", foreign);

			assertThat(ledger.applied()).isEmpty();
			assertThat(ledger.rejections("31")).singleElement()
				.satisfies((record) -> assertThat(Rejection.fromHeaders(record.headers())).satisfies((rejection) -> {
					assertThat(rejection.reason()).isEqualTo(RejectionReason.FOREIGN_PROVINCE);
					assertThat(rejection.message()).contains("intake.events.22");
				}));
		}

		@Test
		void shouldLetAUnitWriteTheEventsOfAUnitItAbsorbed() {
			// Hải Dương (30) merged into Hải Phòng (31) on 1 July 2025
			Licensed haiDuong = SampleEvents.fdiLicence("HD-1", "30", Money.usd("100"));

			ledger.send("31", haiDuong);
			ledger.send("33", SampleEvents.fdiLicence("HD-2", "30", Money.usd("100")));

			assertThat(ledger.applied()).containsExactly(haiDuong);
			assertThat(ledger.states.readKeyValuesToMap().get("HD-1").ownerUnit()).isEqualTo("31");
			assertThat(ledger.rejections("33")).extracting((r) -> Rejection.fromHeaders(r.headers()).reason())
				.containsExactly(RejectionReason.FOREIGN_PROVINCE);
		}

		@Test
		void shouldRefuseALaterEventNamingAnotherProvinceOfTheSameUnit() {
			// Hải Phòng (31) governs Hải Dương (30) today: a 2024 event of a Hải Phòng
			// project naming 30 would count Hải Phòng's money under Hải Dương
			Licensed haiPhong = SampleEvents.fdiLicence("HP-P", "31", Money.usd("100"));
			Disbursed misnamed = disbursement("HP-P", 2, "30");
			Disbursed named = disbursement("HP-P", 2, "31");
			// a Hải Dương project of 2024: its events after the merger name Hải Phòng
			Licensed haiDuong = SampleEvents.fdiLicence("HD-P", "30", Money.usd("100"));
			Disbursed before = disbursement("HD-P", 2, "30");
			Disbursed after = new Disbursed(SampleEvents.envelope("HD-P", 3, "31", LocalDate.of(2025, 8, 1)),
					InvestmentType.FDI, Money.usd("10"));
			Disbursed earlier = new Disbursed(SampleEvents.envelope("HD-P", 4, "31", LocalDate.of(2024, 6, 1)),
					InvestmentType.FDI, Money.usd("10"));
			// dated before the licence, received after it: held to the licence's province
			// as it was on the event's date
			Disbursed beforeLicence = new Disbursed(SampleEvents.envelope("HD-P", 4, "30", LocalDate.of(2024, 1, 2)),
					InvestmentType.FDI, Money.usd("10"));
			Disbursed beforeLicenceMisnamed = new Disbursed(
					SampleEvents.envelope("HD-P", 5, "31", LocalDate.of(2024, 1, 2)), InvestmentType.FDI,
					Money.usd("10"));

			for (var event : List.of(haiPhong, misnamed, named, haiDuong, before, after, earlier, beforeLicence,
					beforeLicenceMisnamed)) {
				ledger.send("31", event);
			}

			assertThat(ledger.applied()).containsExactly(haiPhong, named, haiDuong, before, after, beforeLicence);
			assertThat(ledger.rejections("31")).hasSize(3).allSatisfy((record) -> {
				Rejection rejection = Rejection.fromHeaders(record.headers());
				assertThat(rejection.reason()).isEqualTo(RejectionReason.INVALID);
				assertThat(rejection.message()).contains("was licensed in province").contains("names province");
			});
			assertThat(ledger.states.readKeyValuesToMap().get("HP-P").realisedCapital()).isEqualTo(Money.usd("10"));
		}

		/**
		 * The same letters written decomposed (as macOS keyboards write them) would be
		 * another project's key, and its licence a second new project.
		 */
		@Test
		void shouldRefuseAProjectCodeWrittenDecomposedRatherThanCountASecondProject() {
			String code = "HP-DỰ-ÁN-ĐÌNH-VŨ";
			String decomposed = java.text.Normalizer.normalize(code, java.text.Normalizer.Form.NFD);
			Licensed licence = SampleEvents.fdiLicence(code, "31", Money.usd("100"));
			Licensed again = SampleEvents.fdiLicence(decomposed, "31", Money.usd("100"));

			ledger.send("31", licence);
			ledger.send("31", again);

			assertThat(ledger.applied()).containsExactly(licence);
			assertThat(ledger.states.readKeyValuesToMap()).containsKey(code).doesNotContainKey(decomposed);
			assertThat(ledger.rejections("31")).singleElement()
				.satisfies((record) -> assertThat(Rejection.fromHeaders(record.headers())).satisfies((rejection) -> {
					assertThat(rejection.reason()).isEqualTo(RejectionReason.INVALID);
					assertThat(rejection.message()).contains("envelope.projectCode")
						.contains("composed form (NFC)")
						.contains(code);
				}));
		}

		@Test
		void shouldRefuseASecondLicenceOfAProjectRatherThanCountASecondNewProject() {
			Licensed licence = SampleEvents.fdiLicence("HP-L", "31", Money.usd("100"));
			Licensed again = SampleEvents.withEnvelope(SampleEvents.fdiLicence("HP-L", "31", Money.usd("250")),
					SampleEvents.envelope("HP-L", 2, "31", LocalDate.of(2024, 4, 1)));

			ledger.send("31", licence);
			ledger.send("31", again);

			assertThat(ledger.applied()).containsExactly(licence);
			assertThat(ledger.states.readKeyValuesToMap().get("HP-L").registeredCapital()).isEqualTo(Money.usd("100"));
			assertThat(ledger.rejections("31")).singleElement()
				.satisfies((record) -> assertThat(Rejection.fromHeaders(record.headers())).satisfies((rejection) -> {
					assertThat(rejection.reason()).isEqualTo(RejectionReason.CONFLICT);
					assertThat(rejection.message()).contains("licensed already, on 2024-03-15")
						.contains("capital-adjusted");
				}));
		}

		@Test
		void shouldApplyTheOwnersHeldEventAndRefuseAnotherUnitsCandidate() {
			// before the licence arrives, Quảng Ninh and Hải Phòng each send a revision 2
			Licensed licence = SampleEvents.fdiLicence("HP-9", "31", Money.usd("100"));
			Disbursed hostile = disbursement("HP-9", 2, "22");
			Disbursed owners = disbursement("HP-9", 2, "31");

			ledger.send("22", hostile);
			ledger.send("31", owners);
			ledger.send("31", licence);

			assertThat(ledger.applied()).containsExactly(licence, owners);
			assertThat(ledger.rejections("22")).extracting((r) -> Rejection.fromHeaders(r.headers()).reason())
				.containsExactly(RejectionReason.FOREIGN_PROJECT);
		}

		@Test
		void shouldRefuseAnotherUnitsHeldEventsAsSoonAsTheProjectHasAnOwner() {
			// Quảng Ninh fills the waiting places of a code Hải Phòng has not licensed
			// yet
			List<Disbursed> hostile = new ArrayList<>();
			for (int revision = 3; revision < 3 + Limits.MAX_HELD_EVENTS; revision++) {
				hostile.add(disbursement("HP-W", revision, "22"));
			}
			Licensed licence = SampleEvents.fdiLicence("HP-W", "31", Money.usd("100"));
			Disbursed third = disbursement("HP-W", 3, "31");
			Disbursed second = disbursement("HP-W", 2, "31");

			hostile.forEach((event) -> ledger.send("22", event));
			ledger.send("31", licence);
			// Hải Phòng's own events out of order: the places are its project's again
			ledger.send("31", third);
			ledger.send("31", second);

			assertThat(ledger.applied()).containsExactly(licence, second, third);
			List<TestRecord<byte[], byte[]>> refused = ledger.rejections("22");
			assertThat(refused).hasSize(Limits.MAX_HELD_EVENTS).allSatisfy((record) -> {
				Rejection rejection = Rejection.fromHeaders(record.headers());
				assertThat(rejection.reason()).isEqualTo(RejectionReason.FOREIGN_PROJECT);
				assertThat(rejection.message()).contains("belongs to unit 31 (Hải Phòng)");
			});
			assertThat(refused).extracting(TestRecord::value)
				.containsExactlyInAnyOrderElementsOf(hostile.stream().map(EventJson::toBytes).toList());
			assertThat(ledger.rejections("31")).isEmpty();
		}

		@Test
		void shouldRefuseATopicThatBelongsToNoUnit() {
			TestInputTopic<String, byte[]> nowhere = ledger.driver.createInputTopic("intake.events.99",
					Serdes.String().serializer(), new ByteArraySerializer());
			Licensed licence = SampleEvents.fdiLicence("X-1", "31", Money.usd("1"));

			nowhere.pipeInput(licence.key(), EventJson.toBytes(licence));

			assertThat(ledger.applied()).isEmpty();
			assertThat(ledger.deadLetters.readRecordsToList()).singleElement()
				.satisfies((record) -> assertThat(Rejection.fromHeaders(record.headers()).reason())
					.isEqualTo(RejectionReason.NO_UNIT));
		}

	}

	@Nested
	class Conflicts {

		@Test
		void shouldRefuseADifferentEventClaimingAnAppliedRevision() {
			Licensed licence = SampleEvents.fdiLicence("HP-1", "31", Money.usd("100"));
			Licensed impostor = SampleEvents.withEnvelope(licence,
					SampleEvents.envelope("HP-1", 1, "31", licence.envelope().effectiveDate()));

			ledger.send("31", licence);
			ledger.send("31", impostor);

			assertThat(ledger.applied()).containsExactly(licence);
			assertThat(ledger.reasons("31")).containsExactly(RejectionReason.CONFLICT);
		}

		@Test
		void shouldRefuseTheSameEventIdWithOtherContent() {
			Licensed licence = SampleEvents.fdiLicence("HP-1", "31", Money.usd("100"));
			Licensed altered = new Licensed(licence.envelope(), licence.investmentType(), licence.projectName(),
					licence.ircNumber(), licence.enterpriseCode(), licence.investors(), licence.zoneCode(),
					licence.sector(), Money.usd("999999"), licence.landAreaHa(), licence.plannedEmployment(),
					licence.durationYears());

			ledger.send("31", licence);
			ledger.send("31", altered);

			assertThat(ledger.applied()).containsExactly(licence);
			assertThat(ledger.rejections("31")).singleElement()
				.satisfies((record) -> assertThat(Rejection.fromHeaders(record.headers()).message())
					.contains("with other content"));
			assertThat(ledger.states.readKeyValuesToMap().get("HP-1").registeredCapital()).isEqualTo(Money.usd("100"));
		}

		@Test
		void shouldTreatACopyWithOtherSpacingAsTheSameEvent() {
			Licensed licence = SampleEvents.fdiLicence("HP-1", "31", Money.usd("100"));
			// the same event, pretty-printed by another tool
			String spaced = EventJson.mapper()
				.writerWithDefaultPrettyPrinter()
				.writeValueAsString(EventJson.mapper().readTree(EventJson.toBytes(licence)));

			ledger.send("31", licence);
			ledger.input("31").pipeInput("HP-1", spaced.getBytes(StandardCharsets.UTF_8));

			assertThat(ledger.applied()).containsExactly(licence);
			assertThat(ledger.rejections("31")).isEmpty();
		}

		@Test
		void shouldRefuseAnEventIdReusedForAnotherRevision() {
			Licensed licence = SampleEvents.fdiLicence("HP-1", "31", Money.usd("100"));
			EventEnvelope e = licence.envelope();
			Disbursed reused = new Disbursed(
					new EventEnvelope(1, e.eventId(), "HP-1", 2L, "31", LocalDate.of(2024, 5, 1), Instant.now()),
					InvestmentType.FDI, Money.usd("10"));

			ledger.send("31", licence);
			ledger.send("31", reused);

			assertThat(ledger.applied()).containsExactly(licence);
			assertThat(ledger.reasons("31")).containsExactly(RejectionReason.CONFLICT);
		}

	}

	@Nested
	class Bounds {

		@Test
		void shouldRefuseARevisionFarAheadAndKeepTheProjectSmall() {
			Licensed licence = SampleEvents.fdiLicence("HP-1", "31", Money.usd("100"));

			ledger.send("31", licence);
			ledger.send("31", disbursement("HP-1", 2 + Limits.MAX_REVISION_JUMP, "31"));
			ledger.send("31", disbursement("HP-1", 1 + Limits.MAX_REVISION_JUMP, "31"));
			ledger.driver.advanceWallClockTime(GAP_TIMEOUT.plusSeconds(1));

			assertThat(ledger.reasons("31")).containsExactly(RejectionReason.REVISION_TOO_FAR);
			// the one within reach waited for the gap, then was applied with the gap
			// recorded
			ProjectState state = ledger.states.readKeyValuesToMap().get("HP-1");
			assertThat(state.revision()).isEqualTo(1 + Limits.MAX_REVISION_JUMP);
			assertThat(state.missingRevisions()).hasSize((int) Limits.MAX_REVISION_JUMP - 1);
		}

		@Test
		void shouldHoldAtMostTheBoundOfEventsPerProject() {
			ledger.send("31", SampleEvents.fdiLicence("HP-1", "31", Money.usd("100")));
			for (int revision = 3; revision < 3 + Limits.MAX_HELD_EVENTS + 2; revision++) {
				ledger.send("31", disbursement("HP-1", revision, "31"));
			}

			assertThat(ledger.reasons("31")).containsExactly(RejectionReason.TOO_MANY_HELD,
					RejectionReason.TOO_MANY_HELD);
		}

		@Test
		void shouldShareTheWaitingPlacesOfAProjectWithoutOwnerFairlyAmongUnits() {
			// Quảng Ninh takes every place of a code not licensed yet
			for (int revision = 2; revision < 2 + Limits.MAX_HELD_EVENTS; revision++) {
				ledger.send("22", disbursement("HP-F", revision, "22"));
			}
			// Hải Phòng's early events each take a place from it, up to half of them
			int half = Limits.MAX_HELD_EVENTS / 2;
			List<Disbursed> owners = new ArrayList<>();
			for (int revision = 3; revision < 3 + half + 1; revision++) {
				Disbursed event = disbursement("HP-F", revision, "31");
				owners.add(event);
				ledger.send("31", event);
			}

			List<TestRecord<byte[], byte[]>> yielded = ledger.rejections("22");
			assertThat(yielded).hasSize(half).allSatisfy((record) -> {
				Rejection rejection = Rejection.fromHeaders(record.headers());
				assertThat(rejection.reason()).isEqualTo(RejectionReason.TOO_MANY_HELD);
				assertThat(rejection.message()).contains("has no owner yet")
					.contains("shared fairly")
					.contains("unit 22 (Quảng Ninh) held");
			});
			// the latest revisions gave their places up, one at a time
			assertThat(yielded).extracting((record) -> EventJson.read(record.value()).envelope().revision())
				.containsExactly(17L, 16L, 15L, 14L, 13L, 12L, 11L, 10L);
			// past its half, with Quảng Ninh holding no more than it, Hải Phòng waits
			List<TestRecord<byte[], byte[]>> full = ledger.rejections("31");
			assertThat(full).singleElement().satisfies((record) -> {
				assertThat(record.value()).isEqualTo(EventJson.toBytes(owners.get(half)));
				assertThat(Rejection.fromHeaders(record.headers()).message()).contains("shared fairly");
			});
			// (the stores count each unit's held events as they are)
			KeyValueStore<String, Long> volumes = ledger.driver.getKeyValueStore(Intake.UNIT_VOLUMES_STORE);
			assertThat(volumes.get("held:22")).isEqualTo(half);
			assertThat(volumes.get("held:31")).isEqualTo(half);
			KeyValueStore<String, HeldEvents> held = ledger.driver.getKeyValueStore(Intake.HELD_EVENTS_STORE);
			assertThat(held.get("HP-F").events()).hasSize(Limits.MAX_HELD_EVENTS);

			// and once it licenses the project, its held events are applied in order
			Licensed licence = SampleEvents.fdiLicence("HP-F", "31", Money.usd("100"));
			Disbursed second = disbursement("HP-F", 2, "31");
			ledger.send("31", licence);
			ledger.send("31", second);

			List<LicensingEvent> expected = new ArrayList<>(List.of(licence, second));
			expected.addAll(owners.subList(0, half));
			assertThat(ledger.applied()).containsExactlyElementsOf(expected);
			assertThat(ledger.reasons("22")).hasSize(half).containsOnly(RejectionReason.FOREIGN_PROJECT);
			// nothing waits any more, and the gap timeout finds nothing to release
			assertThat(held.get("HP-F")).isNull();
			assertThat(volumes.get("held:22")).isNull();
			assertThat(volumes.get("held:31")).isNull();
			KeyValueStore<String, String> due = ledger.driver.getKeyValueStore(Intake.HELD_DUE_STORE);
			try (var entries = due.all()) {
				assertThat(entries.hasNext()).isFalse();
			}
			ledger.driver.advanceWallClockTime(GAP_TIMEOUT.plusSeconds(1));
			assertThat(ledger.applied()).isEmpty();
			assertThat(ledger.reasons("22")).isEmpty();
			assertThat(ledger.reasons("31")).isEmpty();
		}

		@Test
		void shouldHoldAtMostTheBoundOfEventsPerUnitInAPartition() {
			int projects = Limits.MAX_HELD_EVENTS_PER_UNIT / 10 + 1;
			for (int p = 0; p < projects; p++) {
				for (int revision = 2; revision < 12; revision++) {
					ledger.send("22", disbursement("QN-H" + p, revision, "22"));
				}
			}
			// another unit's room is its own
			ledger.send("31", disbursement("HP-H", 3, "31"));

			assertThat(ledger.reasons("22")).hasSize(projects * 10 - Limits.MAX_HELD_EVENTS_PER_UNIT)
				.containsOnly(RejectionReason.TOO_MANY_HELD);
			assertThat(ledger.reasons("31")).isEmpty();
		}

		@Test
		void shouldJudgeARecordByTheTimeTheBrokerReceivedIt() {
			// a record whose time of receipt is the epoch (what ReceiptTime gives an
			// invalid
			// timestamp): its dates lie after it, and it is refused, not failed on
			Licensed licence = SampleEvents.fdiLicence("HP-TS", "31", Money.usd("1"));

			ledger.input("31").pipeInput(licence.key(), EventJson.toBytes(licence), 0L);
			ledger.send("31", SampleEvents.fdiLicence("HP-TS2", "31", Money.usd("1")));

			assertThat(ledger.applied()).extracting(LicensingEvent::key).containsExactly("HP-TS2");
			assertThat(ledger.rejections("31")).singleElement()
				.satisfies((record) -> assertThat(Rejection.fromHeaders(record.headers()).reason())
					.isEqualTo(RejectionReason.INVALID));
		}

		@Test
		void shouldRefuseTheEventThatWouldTakeAUnitsSumsPastTheirBudget() {
			SumBudget budget = new SumBudget(1, 34);
			long perLicence = SumBudget.volumeOf(SampleEvents.ddiLicence("B-0", "31",
					new Money(Limits.MAX_VND_MINOR_UNITS, vn.investledger.events.Currency.VND)));
			long fit = budget.perUnitAndTask() / perLicence;

			for (int i = 0; i <= fit; i++) {
				ledger.send("31", SampleEvents.ddiLicence("B-" + i, "31",
						new Money(Limits.MAX_VND_MINOR_UNITS, vn.investledger.events.Currency.VND)));
			}
			// another unit's room is its own
			ledger.send("22", SampleEvents.ddiLicence("QN-B", "22", Money.vnd(1_000_000L)));

			assertThat(ledger.applied()).hasSize((int) fit + 1);
			assertThat(ledger.reasons("31")).containsExactly(RejectionReason.SUM_BOUND);
			assertThat(ledger.states.readKeyValuesToMap()).doesNotContainKey("B-" + fit);
		}

		@Test
		void shouldRefuseAnOversizedRecordAndCutWhatTheRejectionCarries() {
			byte[] huge = new byte[Rejection.MAX_VALUE_BYTES + 10];
			java.util.Arrays.fill(huge, (byte) 'x');

			ledger.input("31").pipeInput("HP-1", huge);

			assertThat(ledger.rejections("31")).singleElement().satisfies((record) -> {
				Rejection rejection = Rejection.fromHeaders(record.headers());
				assertThat(rejection.reason()).isEqualTo(RejectionReason.TOO_LARGE);
				assertThat(rejection.truncated()).isTrue();
				assertThat(record.value()).hasSize(Rejection.MAX_VALUE_BYTES);
			});
		}

		@Test
		void shouldRefuseAnEventEmittedInTheFarFutureByTheBrokersClock() {
			Licensed licence = SampleEvents.fdiLicence("HP-1", "31", Money.usd("100"));
			EventEnvelope e = licence.envelope();
			Licensed future = SampleEvents.withEnvelope(licence, new EventEnvelope(1, e.eventId(), "HP-1", 1L, "31",
					e.effectiveDate(), Instant.parse("9999-01-01T00:00:00Z")));

			ledger.send("31", future);

			assertThat(ledger.rejections("31")).singleElement()
				.satisfies((record) -> assertThat(Rejection.fromHeaders(record.headers()).message())
					.contains("envelope.emittedAt"));
		}

		@Test
		void shouldNotCarryAClientsHeadersIntoTheLedgersOutputs() {
			Licensed licence = SampleEvents.fdiLicence("HP-1", "31", Money.usd("100"));
			RecordHeaders heavy = new RecordHeaders();
			heavy.add("padding", new byte[100_000]);

			ledger.input("31").pipeInput(new TestRecord<>(licence.key(), EventJson.toBytes(licence), heavy));

			assertThat(ledger.entries.readRecordsToList()).singleElement()
				.satisfies((record) -> assertThat(record.headers().toArray()).isEmpty());
		}

	}

	@Nested
	class BadRecords {

		@Test
		void shouldRefuseEveryKindOfBadRecordWithItsReasonAndGoOn() {
			Licensed valid = SampleEvents.fdiLicence("HP-2", "31", Money.usd("42"));
			EventEnvelope e = valid.envelope();
			Licensed invalid = SampleEvents.withEnvelope(valid,
					new EventEnvelope(1, UUID.randomUUID(), "HP-3", 0L, "31", e.effectiveDate(), e.emittedAt()));

			ledger.input("31")
				.pipeInput("HP-X", "{\"kind\":\"licensed\",\"envelope\":".getBytes(StandardCharsets.UTF_8));
			ledger.input("31").pipeInput("HP-3", EventJson.toBytes(invalid));
			ledger.input("31").pipeInput("HP-4", (byte[]) null);
			ledger.input("31").pipeInput((String) null, EventJson.toBytes(valid));
			ledger.input("31").pipeInput("HP-OTHER", EventJson.toBytes(valid));
			ledger.send("31", valid);

			assertThat(ledger.applied()).containsExactly(valid);
			List<Rejection> rejections = ledger.rejections("31")
				.stream()
				.map((record) -> Rejection.fromHeaders(record.headers()))
				.toList();
			assertThat(rejections).extracting(Rejection::reason)
				.containsExactly(RejectionReason.MALFORMED, RejectionReason.INVALID, RejectionReason.MALFORMED,
						RejectionReason.MALFORMED, RejectionReason.KEY_MISMATCH);
			assertThat(rejections.get(1).message()).contains("envelope.revision: must be 1 to 10000, was 0");
			assertThat(rejections).allSatisfy((rejection) -> {
				assertThat(rejection.message()).isNotBlank();
				assertThat(rejection.sourceTopic()).isEqualTo("intake.events.31");
				assertThat(rejection.unit()).isEqualTo("31");
			});
		}

		@Test
		void shouldRefuseAnEventInAnotherEncodingThanUtf8RatherThanKeepItsTextGarbled() {
			// written to the unit's topic directly, as the gateway would refuse it
			Licensed licence = SampleEvents.fdiLicence("HP-UTF16", "31", Money.usd("42"));
			ledger.input("31").pipeInput(licence.key(), EventJson.toJson(licence).getBytes(StandardCharsets.UTF_16LE));

			assertThat(ledger.applied()).isEmpty();
			assertThat(ledger.rejections("31")).singleElement()
				.extracting((record) -> Rejection.fromHeaders(record.headers()))
				.satisfies((rejection) -> {
					assertThat(rejection.reason()).isEqualTo(RejectionReason.MALFORMED);
					assertThat(rejection.message()).contains("must be UTF-8");
				});
		}

		@Test
		void shouldRefuseAnEventWithBytesThatAreNotUtf8RatherThanCountItAsReadAndKeepItGarbled() {
			// the U of USD in an overlong form (C1 95): a lenient parser reads USD, while
			// the applied-events entry, decoded as UTF-8, would hold two replacement
			// characters that no recount or index could read back
			Licensed licence = SampleEvents.fdiLicence("HP-OVERLONG", "31", Money.usd("42"));
			byte[] json = EventJson.toBytes(licence);
			int at = new String(json, StandardCharsets.ISO_8859_1).indexOf("\"USD\"") + 1;
			byte[] spoiled = new byte[json.length + 1];
			System.arraycopy(json, 0, spoiled, 0, at);
			spoiled[at] = (byte) 0xC1;
			spoiled[at + 1] = (byte) 0x95;
			System.arraycopy(json, at + 1, spoiled, at + 2, json.length - at - 1);
			ledger.input("31").pipeInput(licence.key(), spoiled);

			assertThat(ledger.applied()).isEmpty();
			assertThat(ledger.rejections("31")).singleElement()
				.extracting((record) -> Rejection.fromHeaders(record.headers()))
				.satisfies((rejection) -> {
					assertThat(rejection.reason()).isEqualTo(RejectionReason.MALFORMED);
					assertThat(rejection.message()).contains("are not UTF-8 at byte " + at + " (C1 95 53 44)");
				});
		}

		@Test
		void shouldRefuseAnEventWhoseEffectsCannotBeComputedAndChangeNothing() {
			ledger.close();
			ledger = new Ledger(IntakeSettings.forTests(topics, GAP_TIMEOUT), (applied) -> {
				if (applied.event().key().equals("HP-BAD")) {
					throw new IllegalStateException("no rate");
				}
				return applied;
			});
			Licensed bad = SampleEvents.fdiLicence("HP-BAD", "31", Money.usd("1"));

			ledger.send("31", bad);
			ledger.send("31", SampleEvents.fdiLicence("HP-OK", "31", Money.usd("1")));

			assertThat(ledger.applied()).extracting(LicensingEvent::key).containsExactly("HP-OK");
			assertThat(ledger.states.readKeyValuesToMap()).doesNotContainKey("HP-BAD");
			assertThat(ledger.rejections("31")).singleElement()
				.satisfies((record) -> assertThat(Rejection.fromHeaders(record.headers())).satisfies((rejection) -> {
					assertThat(rejection.reason()).isEqualTo(RejectionReason.INTERNAL);
					assertThat(rejection.message()).contains("no rate");
				}));
		}

	}

	@Nested
	class Consistency {

		@Test
		void shouldRefuseAnEventOfTheOtherInvestmentTypeAndKeepEveryFigureSummable() {
			// a DDI disbursement first, then an FDI licence of the same project
			Disbursed ddi = new Disbursed(SampleEvents.envelope("HP-T", 1, "31", LocalDate.of(2024, 5, 1)),
					InvestmentType.DDI, Money.vnd(1_000_000));
			Licensed fdi = SampleEvents.withEnvelope(SampleEvents.fdiLicence("HP-T", "31", Money.usd("100")),
					SampleEvents.envelope("HP-T", 2, "31", LocalDate.of(2024, 5, 2)));

			ledger.send("31", ddi);
			ledger.send("31", fdi);

			assertThat(ledger.applied()).containsExactly(ddi);
			assertThat(ledger.rejections("31")).singleElement()
				.satisfies((record) -> assertThat(Rejection.fromHeaders(record.headers())).satisfies((rejection) -> {
					assertThat(rejection.reason()).isEqualTo(RejectionReason.TYPE_MISMATCH);
					assertThat(rejection.message()).contains("is DDI").contains("this event is FDI");
				}));
		}

		@Test
		void shouldRefuseAnAdjustmentWhoseChangeAndNewCapitalDisagree() {
			Licensed licence = SampleEvents.fdiLicence("HP-A", "31", Money.usd("100000000"));
			LocalDate day = licence.envelope().effectiveDate().plusMonths(1);
			CapitalAdjusted mistyped = new CapitalAdjusted(SampleEvents.envelope("HP-A", 2, "31", day),
					InvestmentType.FDI, 1, licence.ircNumber(), Money.usd("50000000"), Money.usd("200000000"));
			CapitalAdjusted corrected = new CapitalAdjusted(SampleEvents.envelope("HP-A", 2, "31", day),
					InvestmentType.FDI, 1, licence.ircNumber(), Money.usd("50000000"), Money.usd("150000000"));

			ledger.send("31", licence);
			ledger.send("31", mistyped);
			ledger.send("31", corrected);

			assertThat(ledger.applied()).containsExactly(licence, corrected);
			assertThat(ledger.rejections("31")).singleElement()
				.satisfies((record) -> assertThat(Rejection.fromHeaders(record.headers())).satisfies((rejection) -> {
					assertThat(rejection.reason()).isEqualTo(RejectionReason.INVALID);
					assertThat(rejection.message()).contains("from 100000000.00 USD (revision 1)").contains("disagree");
				}));
			assertThat(ledger.states.readKeyValuesToMap().get("HP-A").registeredCapital())
				.isEqualTo(Money.usd("150000000"));
		}

		@Test
		void shouldJudgeALateAdjustmentOnceEveryRevisionBeforeItIsApplied() {
			// revision 3 is applied after the gap timeout; then the missing revision 2
			// arrives, an adjustment of the licence's capital, which is known
			Licensed licence = SampleEvents.fdiLicence("HP-L", "31", Money.usd("100000000"));
			LocalDate day = licence.envelope().effectiveDate().plusMonths(1);
			CapitalAdjusted mistyped = new CapitalAdjusted(SampleEvents.envelope("HP-L", 2, "31", day),
					InvestmentType.FDI, 1, licence.ircNumber(), Money.usd("50000000"), Money.usd("200000000"));
			CapitalAdjusted corrected = new CapitalAdjusted(SampleEvents.envelope("HP-L", 2, "31", day),
					InvestmentType.FDI, 1, licence.ircNumber(), Money.usd("50000000"), Money.usd("150000000"));
			Disbursed third = disbursement("HP-L", 3, "31");

			ledger.send("31", licence);
			ledger.send("31", third);
			ledger.driver.advanceWallClockTime(GAP_TIMEOUT.plusSeconds(1));
			ledger.send("31", mistyped);
			ledger.send("31", corrected);

			assertThat(ledger.applied()).containsExactly(licence, third, corrected);
			assertThat(ledger.rejections("31")).singleElement()
				.satisfies((record) -> assertThat(Rejection.fromHeaders(record.headers())).satisfies((rejection) -> {
					assertThat(rejection.reason()).isEqualTo(RejectionReason.INVALID);
					assertThat(rejection.message()).contains("from 100000000.00 USD (revision 1)").contains("disagree");
				}));
			assertThat(ledger.states.readKeyValuesToMap().get("HP-L").registeredCapital())
				.isEqualTo(Money.usd("150000000"));
		}

		@Test
		void shouldJudgeALateAdjustmentAgainstTheCapitalStatedBeforeItAndTheStepOfTheAdjustmentAfterIt() {
			// revision 3, an adjustment from 150 to 170 million, is applied after the gap
			// timeout; then the missing revision 2 arrives, an adjustment between the
			// licence's capital and revision 3's
			Licensed licence = SampleEvents.fdiLicence("HP-S", "31", Money.usd("100000000"));
			LocalDate day = licence.envelope().effectiveDate().plusMonths(1);
			CapitalAdjusted third = new CapitalAdjusted(SampleEvents.envelope("HP-S", 3, "31", day.plusMonths(1)),
					InvestmentType.FDI, 2, licence.ircNumber(), Money.usd("20000000"), Money.usd("170000000"));
			// its change typed a thousand times over: 100 + 5,000 is not 150
			CapitalAdjusted mistypedChange = new CapitalAdjusted(SampleEvents.envelope("HP-S", 2, "31", day),
					InvestmentType.FDI, 1, licence.ircNumber(), Money.usd("5000000000"), Money.usd("150000000"));
			// consistent with the licence, but revision 3 changes 20 million from 150 to
			// 170
			CapitalAdjusted mistypedCapital = new CapitalAdjusted(SampleEvents.envelope("HP-S", 2, "31", day),
					InvestmentType.FDI, 1, licence.ircNumber(), Money.usd("60000000"), Money.usd("160000000"));
			CapitalAdjusted corrected = new CapitalAdjusted(SampleEvents.envelope("HP-S", 2, "31", day),
					InvestmentType.FDI, 1, licence.ircNumber(), Money.usd("50000000"), Money.usd("150000000"));

			ledger.send("31", licence);
			ledger.send("31", third);
			ledger.driver.advanceWallClockTime(GAP_TIMEOUT.plusSeconds(1));
			ledger.send("31", mistypedChange);
			ledger.send("31", mistypedCapital);
			ledger.send("31", corrected);

			assertThat(ledger.applied()).containsExactly(licence, third, corrected);
			assertThat(ledger.rejections("31")).satisfiesExactly(
					(record) -> assertThat(Rejection.fromHeaders(record.headers()).message())
						.contains("from 100000000.00 USD (revision 1)")
						.contains("disagree"),
					(record) -> assertThat(Rejection.fromHeaders(record.headers()).message()).contains(
							"revision 3, applied already, changes the capital by 20000000.00 USD to 170000000.00 USD")
						.contains("it would reach 180000000.00 USD"));
			assertThat(ledger.states.readKeyValuesToMap().get("HP-S").registeredCapital())
				.isEqualTo(Money.usd("170000000"));
		}

		@Test
		void shouldNotJudgeAnAdjustmentAgainstACapitalNoCheckCouldVerify() {
			// revision 2 is lost; revision 3, an adjustment whose new capital is typed
			// ten
			// times over (1,700 million for 170), is applied unchecked after the gap
			// timeout; revision 4 follows it in order, correct on its certificate: judged
			// against revision 3's capital it would be refused, and the stock would keep
			// the mistyped capital, with no correct event to mend it
			Licensed licence = SampleEvents.fdiLicence("HP-G", "31", Money.usd("100000000"));
			LocalDate day = licence.envelope().effectiveDate().plusMonths(1);
			CapitalAdjusted mistyped = new CapitalAdjusted(SampleEvents.envelope("HP-G", 3, "31", day),
					InvestmentType.FDI, 2, licence.ircNumber(), Money.usd("20000000"), Money.usd("1700000000"));
			CapitalAdjusted fourth = new CapitalAdjusted(SampleEvents.envelope("HP-G", 4, "31", day.plusDays(1)),
					InvestmentType.FDI, 3, licence.ircNumber(), Money.usd("10000000"), Money.usd("180000000"));

			ledger.send("31", licence);
			ledger.send("31", mistyped);
			ledger.driver.advanceWallClockTime(GAP_TIMEOUT.plusSeconds(1));
			ledger.send("31", fourth);

			assertThat(ledger.applied()).containsExactly(licence, mistyped, fourth);
			assertThat(ledger.rejections("31")).isEmpty();
			ProjectState state = ledger.states.readKeyValuesToMap().get("HP-G");
			assertThat(state.registeredCapital()).isEqualTo(Money.usd("180000000"));
			assertThat(state.missingRevisions()).containsExactly(2L);
		}

		@Test
		void shouldRefuseALicenceAfterAnAdjustmentOfItsProject() {
			// an adjustment as the project's first revision, then its licence as the
			// next: both in order, with nothing missing, yet counted both they would add
			// an adjustment and a new project's capital for one certificate's capital
			Licensed first = SampleEvents.fdiLicence("HP-Z", "31", Money.usd("100000000"));
			LocalDate day = first.envelope().effectiveDate();
			CapitalAdjusted adjustment = new CapitalAdjusted(SampleEvents.envelope("HP-Z", 1, "31", day.plusMonths(1)),
					InvestmentType.FDI, 1, first.ircNumber(), Money.usd("50000000"), Money.usd("150000000"));
			Licensed licence = SampleEvents.withEnvelope(first, SampleEvents.envelope("HP-Z", 2, "31", day));

			ledger.send("31", adjustment);
			ledger.send("31", licence);

			assertThat(ledger.applied()).containsExactly(adjustment);
			assertThat(ledger.rejections("31")).singleElement()
				.satisfies((record) -> assertThat(Rejection.fromHeaders(record.headers())).satisfies((rejection) -> {
					assertThat(rejection.reason()).isEqualTo(RejectionReason.INVALID);
					assertThat(rejection.message()).contains("revision 1, an adjustment")
						.contains("this licence is revision 2")
						.contains("no revision before it is missing");
				}));
			ProjectState state = ledger.states.readKeyValuesToMap().get("HP-Z");
			assertThat(state.registeredCapital()).isEqualTo(Money.usd("150000000"));
			assertThat(state.licensedOn()).isNull();
		}

		@Test
		void shouldRefuseAnAdjustmentArrivingLateBelowTheRevisionOfAnAppliedLicence() {
			// the licence (2) is applied after the gap timeout; the adjustment (1)
			// arrives late. In revision order the licence would be refused after it;
			// counted both, the adjustment's +50 would add to the flows while the stock
			// keeps the licence's capital, stated by the higher revision
			Licensed licence = SampleEvents.withEnvelope(SampleEvents.fdiLicence("HP-L", "31", Money.usd("100")),
					SampleEvents.envelope("HP-L", 2, "31", LocalDate.of(2024, 3, 15)));
			CapitalAdjusted late = new CapitalAdjusted(SampleEvents.envelope("HP-L", 1, "31", LocalDate.of(2024, 6, 1)),
					InvestmentType.FDI, 1, licence.ircNumber(), Money.usd("50"), Money.usd("150"));
			CapitalAdjusted next = new CapitalAdjusted(SampleEvents.envelope("HP-L", 3, "31", LocalDate.of(2024, 7, 1)),
					InvestmentType.FDI, 1, licence.ircNumber(), Money.usd("50"), Money.usd("150"));

			ledger.send("31", licence);
			ledger.driver.advanceWallClockTime(GAP_TIMEOUT.plusSeconds(1));
			ledger.send("31", late);
			ledger.send("31", next);

			assertThat(ledger.applied()).containsExactly(licence, next);
			assertThat(ledger.rejections("31")).singleElement()
				.satisfies((record) -> assertThat(Rejection.fromHeaders(record.headers())).satisfies((rejection) -> {
					assertThat(rejection.reason()).isEqualTo(RejectionReason.INVALID);
					assertThat(rejection.message()).contains("licence, revision 2, is applied already")
						.contains("this adjustment is revision 1, before it");
				}));
			ProjectState state = ledger.states.readKeyValuesToMap().get("HP-L");
			assertThat(state.registeredCapital()).isEqualTo(Money.usd("150"));
		}

		@Test
		void shouldRefuseALicenceArrivingLateBetweenTwoAppliedAdjustments() {
			// a project known from an adjustment (1, its licence before the ledger's
			// time), then adjustment 3, applied after the gap timeout; the licence (2)
			// arrives late, between them. In revision order it would be refused after
			// adjustment 1; counted, adjustment 1's change would stay in the flows
			// beside a new project's capital
			Licensed first = SampleEvents.fdiLicence("HP-B", "31", Money.usd("100"));
			LocalDate day = first.envelope().effectiveDate();
			CapitalAdjusted one = new CapitalAdjusted(SampleEvents.envelope("HP-B", 1, "31", day.plusMonths(1)),
					InvestmentType.FDI, 1, first.ircNumber(), Money.usd("50"), Money.usd("150"));
			Licensed licence = SampleEvents.withEnvelope(first, SampleEvents.envelope("HP-B", 2, "31", day));
			CapitalAdjusted three = new CapitalAdjusted(SampleEvents.envelope("HP-B", 3, "31", day.plusMonths(2)),
					InvestmentType.FDI, 2, first.ircNumber(), Money.usd("50"), Money.usd("200"));

			ledger.send("31", one);
			ledger.send("31", three);
			ledger.driver.advanceWallClockTime(GAP_TIMEOUT.plusSeconds(1));
			ledger.send("31", licence);

			assertThat(ledger.applied()).containsExactly(one, three);
			assertThat(ledger.rejections("31")).singleElement()
				.satisfies((record) -> assertThat(Rejection.fromHeaders(record.headers())).satisfies((rejection) -> {
					assertThat(rejection.reason()).isEqualTo(RejectionReason.INVALID);
					assertThat(rejection.message()).contains("revision 1, an adjustment")
						.contains("this licence is revision 2");
				}));
			ProjectState state = ledger.states.readKeyValuesToMap().get("HP-B");
			assertThat(state.licensedOn()).isNull();
			assertThat(state.registeredCapital()).isEqualTo(Money.usd("200"));
		}

		@Test
		void shouldJudgeALateLicenceAgainstTheStepOfTheAdjustmentAfterIt() {
			// the adjustment (2) arrives first and is applied after the gap timeout; the
			// licence arrives late, its capital typed otherwise than the adjustment's
			// step from it
			Licensed licence = SampleEvents.fdiLicence("HP-T", "31", Money.usd("100000000"));
			Licensed mistyped = SampleEvents.fdiLicence("HP-T", "31", Money.usd("1000000000"));
			CapitalAdjusted second = new CapitalAdjusted(
					SampleEvents.envelope("HP-T", 2, "31", licence.envelope().effectiveDate().plusMonths(1)),
					InvestmentType.FDI, 1, licence.ircNumber(), Money.usd("50000000"), Money.usd("150000000"));

			ledger.send("31", second);
			ledger.driver.advanceWallClockTime(GAP_TIMEOUT.plusSeconds(1));
			ledger.send("31", mistyped);
			ledger.send("31", licence);

			assertThat(ledger.applied()).containsExactly(second, licence);
			assertThat(ledger.reasons("31")).containsExactly(RejectionReason.INVALID);
		}

		@Test
		void shouldRefuseAnAdjustmentDatedBeforeItsLicence() {
			// the January slip: an adjustment typed with last year's date
			Licensed licence = SampleEvents.withEnvelope(SampleEvents.fdiLicence("HP-J", "31", Money.usd("100")),
					SampleEvents.envelope("HP-J", 1, "31", LocalDate.of(2025, 1, 6)));
			CapitalAdjusted slipped = new CapitalAdjusted(
					SampleEvents.envelope("HP-J", 2, "31", LocalDate.of(2024, 12, 30)), InvestmentType.FDI, 1,
					licence.ircNumber(), Money.usd("50"), Money.usd("150"));
			CapitalAdjusted sameDay = new CapitalAdjusted(
					SampleEvents.envelope("HP-J", 2, "31", LocalDate.of(2025, 1, 6)), InvestmentType.FDI, 1,
					licence.ircNumber(), Money.usd("50"), Money.usd("150"));

			ledger.send("31", licence);
			ledger.send("31", slipped);
			ledger.send("31", sameDay);

			assertThat(ledger.applied()).containsExactly(licence, sameDay);
			assertThat(ledger.rejections("31")).singleElement()
				.satisfies((record) -> assertThat(Rejection.fromHeaders(record.headers())).satisfies((rejection) -> {
					assertThat(rejection.reason()).isEqualTo(RejectionReason.INVALID);
					assertThat(rejection.message())
						.contains("dated 2024-12-30, before the project's licence on 2025-01-06");
				}));
		}

		@Test
		void shouldApplyWhatHappenedBeforeATerminationWhateverItsRevisionAndRefuseFlowsAfterIt() {
			// the termination (3, 1 June) is applied after the gap timeout; the
			// disbursement it overtook (2) and one recorded after it (4) happened before
			// the end and count; one dated after the end (5) is refused
			Licensed licence = SampleEvents.fdiLicence("HP-K", "31", Money.usd("100"));
			Terminated termination = new Terminated(SampleEvents.envelope("HP-K", 3, "31", LocalDate.of(2024, 6, 1)),
					TerminationReason.INVESTOR_DECISION, "12/QĐ-BQL");
			Disbursed overtaken = disbursement("HP-K", 2, "31");
			Disbursed recordedLate = disbursement("HP-K", 4, "31");
			Disbursed afterTheEnd = new Disbursed(SampleEvents.envelope("HP-K", 5, "31", LocalDate.of(2024, 6, 2)),
					InvestmentType.FDI, Money.usd("10"));

			ledger.send("31", licence);
			ledger.send("31", termination);
			ledger.driver.advanceWallClockTime(GAP_TIMEOUT.plusSeconds(1));
			ledger.send("31", overtaken);
			ledger.send("31", recordedLate);
			ledger.send("31", afterTheEnd);

			assertThat(ledger.applied()).containsExactly(licence, termination, overtaken, recordedLate);
			assertThat(ledger.states.readKeyValuesToMap().get("HP-K")).satisfies((state) -> {
				assertThat(state.status()).isEqualTo(ProjectStatus.TERMINATED);
				assertThat(state.realisedCapital()).isEqualTo(Money.usd("20"));
			});
			assertThat(ledger.rejections("31")).singleElement()
				.satisfies((record) -> assertThat(Rejection.fromHeaders(record.headers()).message())
					.contains("was terminated on 2024-06-01 (revision 3)")
					.contains("dated 2024-06-02"));
		}

		@Test
		void shouldNotJudgeAnAdjustmentAfterAGapWhoseCapitalBeforeIsUnknown() {
			// revision 2 (perhaps an adjustment too) never arrives: 3 is applied after
			// the
			// gap timeout, whatever its step from the licence's capital
			Licensed licence = SampleEvents.fdiLicence("HP-G", "31", Money.usd("100000000"));
			CapitalAdjusted third = new CapitalAdjusted(
					SampleEvents.envelope("HP-G", 3, "31", licence.envelope().effectiveDate().plusMonths(2)),
					InvestmentType.FDI, 2, licence.ircNumber(), Money.usd("50000000"), Money.usd("300000000"));

			ledger.send("31", licence);
			ledger.send("31", third);
			ledger.driver.advanceWallClockTime(GAP_TIMEOUT.plusSeconds(1));

			assertThat(ledger.applied()).containsExactly(licence, third);
			assertThat(ledger.rejections("31")).isEmpty();
		}

		@Test
		void shouldGiveALateLicenceAndALateTerminationTheirEffect() {
			// revision 2 waits for 1, which was refused; after the gap timeout 2 is
			// applied,
			// then the corrected licence arrives, and so does a termination that a later
			// disbursement overtook
			Licensed licence = SampleEvents.fdiLicence("HP-L", "31", Money.usd("500"));
			Disbursed second = disbursement("HP-L", 2, "31");
			Terminated third = new Terminated(SampleEvents.envelope("HP-L", 3, "31", LocalDate.of(2024, 7, 1)),
					TerminationReason.EXPIRED, "3/QĐ");
			Disbursed fourth = disbursement("HP-L", 4, "31");

			ledger.send("31", second);
			ledger.driver.advanceWallClockTime(GAP_TIMEOUT.plusSeconds(1));
			ledger.send("31", licence);
			ledger.send("31", fourth);
			ledger.driver.advanceWallClockTime(GAP_TIMEOUT.plusSeconds(1));
			ledger.send("31", third);

			ProjectState state = ledger.states.readKeyValuesToMap().get("HP-L");
			assertThat(state.registeredCapital()).isEqualTo(Money.usd("500"));
			assertThat(state.status()).isEqualTo(ProjectStatus.TERMINATED);
			assertThat(state.realisedCapital()).isEqualTo(Money.usd("20"));
			assertThat(state.missingRevisions()).isEmpty();
		}

		@org.junit.jupiter.params.ParameterizedTest(name = "seed {0}")
		@org.junit.jupiter.params.provider.MethodSource("vn.investledger.processor.intake.ProjectLedgerTests#seeds")
		void shouldEndInTheSameStateWhateverOrderAndGapsTheEventsCameIn(long seed) {
			java.util.Random random = new java.util.Random(seed);
			List<LicensingEvent> life = ProjectLife.of("HP-ORDER", "31");
			Ledger inOrder = new Ledger(IntakeSettings.forTests(topics, GAP_TIMEOUT), UnaryOperator.identity());
			life.forEach((event) -> inOrder.send("31", event));
			ProjectState expected = inOrder.states.readKeyValuesToMap().get("HP-ORDER");
			inOrder.close();

			List<LicensingEvent> shuffled = new ArrayList<>(life);
			java.util.Collections.shuffle(shuffled, random);
			for (LicensingEvent event : shuffled) {
				ledger.send("31", event);
				if (random.nextBoolean()) {
					// the gap times out: what waits is applied, and what is missing comes
					// late
					ledger.driver.advanceWallClockTime(GAP_TIMEOUT.plusSeconds(1));
				}
			}
			ledger.driver.advanceWallClockTime(GAP_TIMEOUT.plusSeconds(1));

			ProjectState actual = ledger.states.readKeyValuesToMap().get("HP-ORDER");
			assertThat(actual)
				.as("seed %d, order %s", seed, shuffled.stream().map((e) -> e.envelope().revision()).toList())
				.usingRecursiveComparison()
				.ignoringFields("missingRevisions", "newestEventAt")
				.isEqualTo(expected);
		}

		@Test
		void shouldNotRefuseATerminationAgainstAnEndThatAMissingEarlierTerminationMayCancel() {
			// terminations of 1 April (2) and 1 May (3), a resumption of 15 April (4), a
			// termination of 1 June (5): in order, 3 is refused (after 1 April's end), 4
			// reinstates the project and 5 ends it. Revision 2 arrives last, after the
			// gap
			// timeout applied 3 as the end
			Licensed licence = SampleEvents.fdiLicence("HP-T2", "31", Money.usd("500"));
			Terminated april = terminated("HP-T2", 2, LocalDate.of(2024, 4, 1));
			Terminated may = terminated("HP-T2", 3, LocalDate.of(2024, 5, 1));
			Resumed resumed = new Resumed(SampleEvents.envelope("HP-T2", 4, "31", LocalDate.of(2024, 4, 15)), null);
			Terminated june = terminated("HP-T2", 5, LocalDate.of(2024, 6, 1));

			ledger.send("31", licence);
			ledger.send("31", may);
			ledger.driver.advanceWallClockTime(GAP_TIMEOUT.plusSeconds(1));
			ledger.send("31", resumed);
			ledger.send("31", june);
			ledger.send("31", april);

			assertThat(ledger.rejections("31")).isEmpty();
			assertThat(ledger.states.readKeyValuesToMap().get("HP-T2").status()).isEqualTo(ProjectStatus.TERMINATED);
		}

		@Test
		void shouldJudgeALateFlowAgainstTheStatusTheRevisionsBeforeItLeft() {
			// a termination of 1 April (2), a disbursement of 15 April (3), a resumption
			// of 1 May (4): in order the disbursement is refused, after the end; the
			// resumption, applied after the gap timeout before it arrives, does not let
			// it in
			Licensed licence = SampleEvents.fdiLicence("HP-D3", "31", Money.usd("500"));
			Terminated april = terminated("HP-D3", 2, LocalDate.of(2024, 4, 1));
			Disbursed late = new Disbursed(SampleEvents.envelope("HP-D3", 3, "31", LocalDate.of(2024, 4, 15)),
					InvestmentType.FDI, Money.usd("10"));
			Resumed resumed = new Resumed(SampleEvents.envelope("HP-D3", 4, "31", LocalDate.of(2024, 5, 1)), null);

			ledger.send("31", licence);
			ledger.send("31", april);
			ledger.send("31", resumed);
			ledger.driver.advanceWallClockTime(GAP_TIMEOUT.plusSeconds(1));
			ledger.send("31", late);

			assertThat(ledger.applied()).containsExactly(licence, april, resumed);
			assertThat(ledger.rejections("31")).singleElement()
				.satisfies((record) -> assertThat(Rejection.fromHeaders(record.headers()).message())
					.contains("was terminated on 2024-04-01"));
			ProjectState state = ledger.states.readKeyValuesToMap().get("HP-D3");
			assertThat(state.status()).isEqualTo(ProjectStatus.VALID);
			assertThat(state.realisedCapital()).isNull();
		}

		@Test
		void shouldRefuseALicenceDatedAfterTheEndOfAProjectTerminatedBeforeItWhateverIsMissing() {
			// a project known from a contribution (1), terminated on 1 April (2), then a
			// licence of 1 May (4) with revision 3 missing: a licence makes flows, which
			// could not be taken back, and does not reinstate an ended project
			CapitalContributed contribution = new CapitalContributed(
					SampleEvents.envelope("HP-C1", 1, "31", LocalDate.of(2024, 3, 1)), InvestmentType.FDI,
					ContributionForm.SHARE_PURCHASE, false, "0201234567", "Công ty HP-C1", null,
					List.of(new Investor("Nhà đầu tư KR", "KR")), null, new Sector("C", "26"), Money.usd("10"));
			Terminated april = terminated("HP-C1", 2, LocalDate.of(2024, 4, 1));
			Licensed licence = SampleEvents.withEnvelope(SampleEvents.fdiLicence("HP-C1", "31", Money.usd("500")),
					SampleEvents.envelope("HP-C1", 4, "31", LocalDate.of(2024, 5, 1)));

			ledger.send("31", contribution);
			ledger.send("31", april);
			ledger.send("31", licence);
			ledger.driver.advanceWallClockTime(GAP_TIMEOUT.plusSeconds(1));

			assertThat(ledger.applied()).containsExactly(contribution, april);
			assertThat(ledger.reasons("31")).containsExactly(RejectionReason.INVALID);
			assertThat(ledger.states.readKeyValuesToMap().get("HP-C1").status()).isEqualTo(ProjectStatus.TERMINATED);
		}

		@org.junit.jupiter.params.ParameterizedTest(name = "seed {0}")
		@org.junit.jupiter.params.provider.MethodSource("vn.investledger.processor.intake.ProjectLedgerTests#seeds")
		void shouldFoldTheStatusInRevisionOrderWhateverOrderTheStatusEventsCameIn(long seed) {
			// a licence, then suspensions, resumptions, terminations and disbursements
			// dated anywhere in the months after it, arriving in any order with gaps
			// timing out in between
			java.util.Random random = new java.util.Random(seed);
			Licensed licence = SampleEvents.fdiLicence("HP-ST", "31", Money.usd("500"));
			LocalDate licensed = licence.envelope().effectiveDate();
			List<LicensingEvent> life = new ArrayList<>(List.of(licence));
			int revisions = 3 + random.nextInt(6);
			for (long revision = 2; revision <= revisions; revision++) {
				EventEnvelope envelope = SampleEvents.envelope("HP-ST", revision, "31",
						licensed.plusDays(random.nextInt(120)));
				life.add(switch (random.nextInt(4)) {
					case 0 -> new Suspended(envelope, "Tạm ngừng", null);
					case 1 -> new Resumed(envelope, null);
					case 2 -> new Terminated(envelope, TerminationReason.EXPIRED, revision + "/QĐ");
					default -> new Disbursed(envelope, InvestmentType.FDI, Money.usd("10"));
				});
			}
			List<LicensingEvent> shuffled = new ArrayList<>(life);
			java.util.Collections.shuffle(shuffled, random);
			for (LicensingEvent event : shuffled) {
				ledger.send("31", event);
				if (random.nextBoolean()) {
					ledger.driver.advanceWallClockTime(GAP_TIMEOUT.plusSeconds(1));
				}
			}
			ledger.driver.advanceWallClockTime(GAP_TIMEOUT.plusSeconds(1));

			// the releases' view: what the ledger applied, folded in revision order
			vn.investledger.events.rulebook.ProjectLife.Fold fold = new vn.investledger.events.rulebook.ProjectLife.Fold(
					"HP-ST");
			ledger.applied()
				.stream()
				.sorted(java.util.Comparator.comparingLong((LicensingEvent e) -> e.envelope().revision()))
				.forEach((event) -> fold.apply(event, "31"));
			ProjectState actual = ledger.states.readKeyValuesToMap().get("HP-ST");
			// and the status the same events give in order, whatever refusals the order
			// made
			Ledger inOrder = new Ledger(IntakeSettings.forTests(topics, GAP_TIMEOUT), UnaryOperator.identity());
			life.forEach((event) -> inOrder.send("31", event));
			// what a refusal left waiting is applied after the gap timeout
			inOrder.driver.advanceWallClockTime(GAP_TIMEOUT.plusSeconds(1));
			ProjectStatus expected = inOrder.states.readKeyValuesToMap().get("HP-ST").status();
			inOrder.close();
			assertThat(actual.status())
				.as("seed %d, the status in order, life %s, order %s", seed,
						life.stream().map((e) -> e.kind().jsonName() + "@" + e.envelope().effectiveDate()).toList(),
						shuffled.stream().map((e) -> e.envelope().revision()).toList())
				.isEqualTo(expected);
			assertThat(actual)
				.as("seed %d, life %s, order %s", seed,
						life.stream().map((e) -> e.kind().jsonName() + "@" + e.envelope().effectiveDate()).toList(),
						shuffled.stream().map((e) -> e.envelope().revision()).toList())
				.usingRecursiveComparison()
				.ignoringFields("missingRevisions", "newestEventAt")
				.isEqualTo(fold.state());
		}

	}

	@Nested
	class Placement {

		@Test
		void shouldRefuseARecordOutsideThePartitionOfItsKeyAndSayHowToSendIt() {
			ledger.close();
			LedgerMetrics metrics = LedgerMetrics.unread();
			ledger = new Ledger(new IntakeSettings(topics, GAP_TIMEOUT, Topics.EVENT_PARTITIONS,
					IntakeSettings.Placement.REFUSE_MISPLACED, metrics), UnaryOperator.identity());
			// the driver reads every record from partition 0
			List<String> codes = new ArrayList<>();
			for (int i = 0; codes.size() < 2; i++) {
				String code = "HP-P" + i;
				boolean home = partitionOf(code) == 0;
				if ((codes.isEmpty() && home) || (codes.size() == 1 && !home)) {
					codes.add(code);
				}
			}
			Licensed placed = SampleEvents.fdiLicence(codes.get(0), "31", Money.usd("1"));
			Licensed misplaced = SampleEvents.fdiLicence(codes.get(1), "31", Money.usd("1"));

			ledger.send("31", placed);
			ledger.send("31", misplaced);

			assertThat(ledger.applied()).containsExactly(placed);
			assertThat(ledger.rejections("31")).singleElement()
				.satisfies((record) -> assertThat(Rejection.fromHeaders(record.headers())).satisfies((rejection) -> {
					assertThat(rejection.reason()).isEqualTo(RejectionReason.MISPLACED);
					assertThat(rejection.message()).contains("partitioner=murmur2_random")
						.contains("partition " + partitionOf(codes.get(1)) + " of 6");
				}));
			// counted in the metrics of this ledger's application, not of every one in
			// the JVM
			assertThat(metrics.refusals("31")).isEqualTo(1.0);
			assertThat(io.micrometer.core.instrument.Metrics.globalRegistry.find(LedgerMetrics.REJECTIONS).counters())
				.isEmpty();
		}

		private static int partitionOf(String key) {
			return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % Topics.EVENT_PARTITIONS;
		}

	}

	static java.util.stream.Stream<Long> seeds() {
		return vn.investledger.testsupport.Seeds.of(50);
	}

	@Nested
	class Sectors {

		@Test
		void shouldJudgeASectorByTheVsicEditionOfItsEffectiveDate() {
			// software (62) is in K of VSIC 2025, from 15 November 2025; K was finance
			// before
			Licensed vsic2025 = software("SW-1", LocalDate.of(2025, 12, 1));
			Licensed vsic2018 = software("SW-2", LocalDate.of(2025, 11, 1));

			ledger.send("31", vsic2025);
			ledger.send("31", vsic2018);

			assertThat(ledger.applied()).containsExactly(vsic2025);
			// its state names the tables it was judged by, the shipped ones here
			assertThat(ledger.stateTables()).containsExactly(Map.entry("SW-1", VsicEditions.standard().fingerprint()));
			assertThat(ledger.rejections("31")).singleElement().satisfies((record) -> {
				Rejection rejection = Rejection.fromHeaders(record.headers());
				assertThat(rejection.reason()).isEqualTo(RejectionReason.INVALID);
				assertThat(rejection.message()).isEqualTo("sector.division: section K of VSIC 2018, the edition in "
						+ "force on 2025-11-01, is divisions 64–66; 62 is in section J");
			});
		}

		@Test
		void shouldJudgeByTheTablesTheProcessorWasGiven(@TempDir Path directory) throws Exception {
			// Given tables in which VSIC 2025 takes effect on 1 December 2025, handed to
			// the ledger through the streams settings as the processor does
			String shipped;
			try (var in = VsicEditions.class.getResourceAsStream("/reference/vsic-sections.csv")) {
				shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			Path sections = directory.resolve("vsic-sections.csv");
			Files.writeString(sections, shipped.replace(",2025-11-14,", ",2025-11-30,")
				.replace("VSIC 2025,2025-11-15,", "VSIC 2025,2025-12-01,"));
			ledger.close();
			VsicEditions deployment = VsicEditions.read(sections, null);
			ledger = new Ledger(IntakeSettings.forTests(topics, GAP_TIMEOUT), UnaryOperator.identity(),
					StreamsConfiguration.ledgerSettings(deployment));
			Licensed inK = software("SW-3", LocalDate.of(2025, 11, 20));
			Licensed inJ = withSector(software("SW-4", LocalDate.of(2025, 11, 20)), new Sector("J", "62"));

			ledger.send("31", inK);
			ledger.send("31", inJ);

			assertThat(ledger.applied()).containsExactly(inJ);
			assertThat(ledger.rejections("31")).singleElement()
				.satisfies((record) -> assertThat(Rejection.fromHeaders(record.headers()).message())
					.contains("section K of VSIC 2018, the edition in force on 2025-11-20"));
			// and the state it applied names those tables, not the shipped ones
			assertThat(deployment.fingerprint()).isNotEqualTo(VsicEditions.standard().fingerprint());
			assertThat(ledger.stateTables()).containsExactly(Map.entry("SW-4", deployment.fingerprint()));
		}

		private static Licensed withSector(Licensed l, Sector sector) {
			return new Licensed(l.envelope(), l.investmentType(), l.projectName(), l.ircNumber(), l.enterpriseCode(),
					l.investors(), l.zoneCode(), sector, l.registeredCapital(), null, null, null);
		}

		private static Licensed software(String code, LocalDate date) {
			Licensed l = SampleEvents.fdiLicence(code, "31", Money.usd("5000000"));
			return new Licensed(SampleEvents.envelope(code, 1, "31", date), l.investmentType(),
					"Trung tâm phát triển phần mềm", l.ircNumber(), l.enterpriseCode(), l.investors(), l.zoneCode(),
					new Sector("K", "62"), l.registeredCapital(), null, null, null);
		}

	}

	private static Terminated terminated(String projectCode, long revision, LocalDate on) {
		return new Terminated(SampleEvents.envelope(projectCode, revision, "31", on), TerminationReason.EXPIRED,
				revision + "/QĐ");
	}

	private static Disbursed disbursement(String projectCode, long revision, String province) {
		EventEnvelope envelope = new EventEnvelope(1, UUID.randomUUID(), projectCode, revision, province,
				LocalDate.of(2024, 5, 1), Instant.now());
		return new Disbursed(envelope, InvestmentType.FDI, Money.usd("10"));
	}

	/** The intake in a driver with some of its stores counted, and no record caches. */
	private Ledger uncached(CountingStores stores) {
		return new Ledger(IntakeSettings.forTests(this.topics, GAP_TIMEOUT), UnaryOperator.identity(),
				Map.of(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0), stores);
	}

	/** Hải Phòng's revisions 3 onward of a licensed project, all its places taken. */
	private static List<Disbursed> holdAllPlaces(Ledger ledger, String projectCode) {
		List<Disbursed> waiting = new ArrayList<>();
		for (long revision = 3; revision < 3 + Limits.MAX_HELD_EVENTS; revision++) {
			waiting.add(disbursement(projectCode, revision, "31"));
		}
		waiting.forEach((event) -> ledger.send("31", event));
		return waiting;
	}

	/** Hải Phòng's second revision applied, and everything that waited after it. */
	private static void assertReleasedByTheSecond(Ledger ledger, Licensed licence, List<Disbursed> waiting) {
		Disbursed second = disbursement(licence.key(), 2, "31");
		ledger.send("31", second);
		List<LicensingEvent> expected = new ArrayList<>(List.of(licence, second));
		expected.addAll(waiting);
		assertThat(ledger.applied()).containsExactlyElementsOf(expected);
	}

	/** The intake in a driver, with every output it writes. */
	private final class Ledger {

		private final TopologyTestDriver driver;

		private final TestOutputTopic<String, AppliedEvent> accepted;

		private final TestOutputTopic<String, ProjectState> states;

		private final TestOutputTopic<String, AppliedEntry> entries;

		private final TestOutputTopic<byte[], byte[]> deadLetters;

		private final Map<String, TestInputTopic<String, byte[]>> inputs = new java.util.HashMap<>();

		/** The driver's wall clock. */
		private Instant wall = Instant.now();

		private final Map<String, TestOutputTopic<byte[], byte[]>> rejections = new java.util.HashMap<>();

		Ledger(IntakeSettings settings, UnaryOperator<AppliedEvent> effects) {
			this(settings, effects, Map.of());
		}

		Ledger(IntakeSettings settings, UnaryOperator<AppliedEvent> effects, Map<String, Object> streamsSettings) {
			this(settings, effects, streamsSettings, new BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers());
		}

		Ledger(IntakeSettings settings, UnaryOperator<AppliedEvent> effects, Map<String, Object> streamsSettings,
				DslStoreSuppliers stores) {
			StreamsBuilder builder = new StreamsBuilder();
			Intake.acceptedEvents(builder, settings, effects, stores)
				.to("accepted", Produced.with(Serdes.String(),
						new JacksonJsonSerde<>(AppliedEvent.class, EventJson.mapper()).noTypeInfo()));
			Properties config = new Properties();
			config.putAll(StreamsConfiguration.designSettings(topics));
			config.put(StreamsConfig.APPLICATION_ID_CONFIG, "intake-test");
			config.putAll(streamsSettings);
			this.driver = new TopologyTestDriver(builder.build(), config, this.wall);
			this.accepted = this.driver.createOutputTopic("accepted", Serdes.String().deserializer(),
					new JacksonJsonSerde<>(AppliedEvent.class, EventJson.mapper()).noTypeInfo().deserializer());
			this.states = this.driver.createOutputTopic("intake.project-state", Serdes.String().deserializer(),
					Topics.projectStateSerde().deserializer());
			this.entries = this.driver.createOutputTopic("intake.applied-events", Serdes.String().deserializer(),
					Topics.appliedEntrySerde().deserializer());
			this.deadLetters = this.driver.createOutputTopic("intake.events.dlq", new ByteArrayDeserializer(),
					new ByteArrayDeserializer());
		}

		TestInputTopic<String, byte[]> input(String unit) {
			return this.inputs.computeIfAbsent(unit, (code) -> this.driver.createInputTopic(topics.eventTopicName(code),
					Serdes.String().serializer(), new ByteArraySerializer()));
		}

		void send(String unit, LicensingEvent event) {
			input(unit).pipeInput(event.key(), EventJson.toBytes(event));
		}

		/**
		 * Sends an event the broker received at a time: in a live run, read then, the
		 * wall clock on to that time first; in a replay, read at once.
		 */
		void sendAt(String unit, LicensingEvent event, Instant receivedAt, boolean live) {
			if (live) {
				wallTo(receivedAt);
			}
			input(unit).pipeInput(event.key(), EventJson.toBytes(event), receivedAt);
		}

		/** Runs the wall clock on to a time, if it is not there yet. */
		void wallTo(Instant time) {
			if (time.isAfter(this.wall)) {
				this.driver.advanceWallClockTime(Duration.between(this.wall, time));
				this.wall = time;
			}
		}

		List<LicensingEvent> applied() {
			return this.accepted.readValuesToList().stream().map(AppliedEvent::event).toList();
		}

		/** The project states written, each with the VSIC tables it names. */
		Map<String, String> stateTables() {
			Map<String, String> tables = new java.util.LinkedHashMap<>();
			this.states.readRecordsToList().forEach((record) -> {
				var header = record.headers().lastHeader(ProjectState.VSIC_TABLES_HEADER);
				tables.put(record.key(),
						(header != null) ? new String(header.value(), StandardCharsets.US_ASCII) : null);
			});
			return tables;
		}

		List<TestRecord<byte[], byte[]>> rejections(String unit) {
			return this.rejections
				.computeIfAbsent(unit,
						(code) -> this.driver.createOutputTopic(topics.rejectionTopicName(code),
								new ByteArrayDeserializer(), new ByteArrayDeserializer()))
				.readRecordsToList();
		}

		List<RejectionReason> reasons(String unit) {
			return rejections(unit).stream().map((record) -> Rejection.fromHeaders(record.headers()).reason()).toList();
		}

		KeyValueStore<String, HeldEvents> held() {
			return this.driver.getKeyValueStore(Intake.HELD_EVENTS_STORE);
		}

		void close() {
			this.driver.close();
		}

	}

	/**
	 * In-memory stores that count the reads of some of them, under their record caches
	 * (the tests set the caches to nothing, so that every read reaches a store), and let
	 * a test write their bytes as another version would have.
	 */
	private static final class CountingStores extends BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers {

		private final Map<String, AtomicLong> gets = new java.util.HashMap<>();

		private final Map<String, KeyValueStore<Bytes, byte[]>> stores = new java.util.HashMap<>();

		CountingStores(String... counted) {
			for (String name : counted) {
				this.gets.put(name, new AtomicLong());
			}
		}

		long gets(String store) {
			return this.gets.get(store).get();
		}

		/** Writes a store's bytes under its caches and serdes. */
		void putBytes(String store, String key, byte[] value) {
			this.stores.get(store).put(Bytes.wrap(key.getBytes(StandardCharsets.UTF_8)), value);
		}

		@Override
		public KeyValueBytesStoreSupplier keyValueStore(DslKeyValueParams params) {
			AtomicLong gets = this.gets.get(params.name());
			if (gets == null) {
				return super.keyValueStore(params);
			}
			Map<String, KeyValueStore<Bytes, byte[]>> stores = this.stores;
			return new KeyValueBytesStoreSupplier() {

				@Override
				public String name() {
					return params.name();
				}

				@Override
				public KeyValueStore<Bytes, byte[]> get() {
					KeyValueStore<Bytes, byte[]> store = new InMemoryKeyValueStore(params.name()) {

						@Override
						public synchronized byte[] get(Bytes key) {
							gets.incrementAndGet();
							return super.get(key);
						}

					};
					stores.put(params.name(), store);
					return store;
				}

				@Override
				public String metricsScope() {
					return "in-memory";
				}

			};
		}

	}

}
