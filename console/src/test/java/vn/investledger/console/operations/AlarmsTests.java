package vn.investledger.console.operations;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.apache.kafka.clients.admin.MemberAssignment;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import vn.investledger.console.operations.Operations.Alarm;
import vn.investledger.console.operations.Operations.State;
import vn.investledger.console.operations.Sample.IndexReading;
import vn.investledger.console.operations.Sample.KafkaReading;
import vn.investledger.console.operations.Sample.Position;
import vn.investledger.console.operations.Sample.ProcessorGroup;
import vn.investledger.events.RejectionReason;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks' rules over a window of samples made here, one every 15 s, with the
 * documented default thresholds: what a sample sequence must raise, and what it must not.
 */
class AlarmsTests {

	private static final OperationsProperties DEFAULTS = new Binder(new MapConfigurationPropertySource(Map.of()))
		.bindOrCreate("investledger.operations", Bindable.of(OperationsProperties.class));

	private static final Instant START = Instant.parse("2026-12-02T01:00:00Z");

	private static final Duration EVERY = Duration.ofSeconds(15);

	private static final String GROUP = "ledger-totals-indexer";

	private static final String PROCESSOR = "ledger-stream-processor";

	private static final String TOTALS_2 = "ledger.totals-2";

	private final SampleWindow window = new SampleWindow(Duration.ofMinutes(20));

	@Test
	void shouldDocumentTheDefaults() {
		assertThat(DEFAULTS.sampleInterval()).isEqualTo(Duration.ofSeconds(15));
		assertThat(DEFAULTS.window()).isEqualTo(Duration.ofMinutes(5));
		assertThat(DEFAULTS.alarms()).isEqualTo(new OperationsProperties.Thresholds(1000, 50, 10_000,
				Duration.ofMinutes(1), Duration.ofMinutes(10), 1));
	}

	@Test
	void shouldCountTheEventsOfTheMinuteFromTheNewestSampleAMinuteOld() {
		// 100 appended before the console watched; then 10, 20 and 30 more
		long[] appended = { 100, 100, 110, 110, 130, 160 };
		for (int i = 0; i < appended.length; i++) {
			add(i, appended[i], 0, null);
		}
		// at 75 s, from the sample at 15 s
		assertThat(this.window.eventsPerMinute()).containsEntry("31", 60L);
		assertThat(view().panels().events().perMinute()).containsEntry("31", 60L).containsEntry("01", 0L).hasSize(34);
		assertThat(view().alarms().get(Alarms.EVENTS).state()).isEqualTo(State.OK);
	}

	@Test
	void shouldGiveARatePerMinuteWhenSamplesAreFurtherApartThanAMinute() {
		// a sample every 5 minutes: 5,000 events between two is 1,000 a minute, within
		// the threshold, not 5,000 in "the minute" to the sample
		SampleWindow sparse = new SampleWindow(Duration.ofMinutes(20));
		Duration every = Duration.ofMinutes(5);
		long[] appended = { 0, 5_000, 5_001, 5_001 };
		for (int i = 0; i < appended.length; i++) {
			sparse.add(new Sample(
					START.plus(every.multipliedBy(i)), new KafkaReading(Map.of("31", appended[i], "01", 0L),
							Map.of(PROCESSOR, 0L), new ProcessorGroup(PROCESSOR, "STABLE", 1), null),
					new IndexReading(Map.of(), null, null)));
			if (i == 1) {
				assertThat(sparse.eventsPerMinute()).containsEntry("31", 1_000L).containsEntry("01", 0L);
				assertThat(Operations.of(sparse, DEFAULTS, List.of(), PROCESSOR).alarms().get(Alarms.EVENTS).state())
					.isEqualTo(State.OK);
			}
			if (i == 2) {
				// one event in five minutes is not shown as none
				assertThat(sparse.eventsPerMinute()).containsEntry("31", 1L);
			}
		}
		assertThat(sparse.eventsPerMinute()).containsEntry("31", 0L);
	}

	@Property
	void shouldScaleACountOverASpanToItsRatePerMinuteExactly(@ForAll @LongRange(min = 0) long count,
			@ForAll @LongRange(min = 60_001, max = 86_400_000L) long spanMillis) {
		long rate = SampleWindow.perMinute(count, spanMillis);
		BigDecimal exact = BigDecimal.valueOf(count)
			.multiply(BigDecimal.valueOf(60_000))
			.divide(BigDecimal.valueOf(spanMillis), 0, RoundingMode.HALF_UP);
		assertThat(rate).isEqualTo((count > 0) ? Math.max(1, exact.longValueExact()) : 0);
		assertThat(rate).isLessThanOrEqualTo(count);
	}

	@Test
	void shouldNotTakeAGroupThatKeepsUpForOneFallingBehind() {
		// lag 0 at every sample of the window but the last, which caught a batch in
		// flight
		for (int i = 0; i < 21; i++) {
			add(i, 100 + i, 0, null);
		}
		add(21, 122, 3, null);

		assertThat(view().alarms().get(Alarms.LAG).state()).isEqualTo(State.OK);
	}

	@Test
	void shouldRaiseTheLagAlarmWhenTheLagRoseThroughoutTheWindow() {
		// a group that stopped while records keep arriving, one every other sample
		for (int i = 0; i <= 21; i++) {
			add(i, 100, 1 + i / 2, null);
		}

		Alarm lag = view().alarms().get(Alarms.LAG);
		assertThat(lag.state()).isEqualTo(State.ALARM);
		assertThat(lag.subjects()).containsExactly(GROUP);
		assertThat(lag.reason().en()).isEqualTo("Consumer groups falling behind: " + GROUP
				+ "'s lag rose throughout the last 5 min, from 1 to 11 records");
	}

	@Test
	void shouldRaiseTheLagAlarmOnlyOnceTheLagStayedAboveTheThresholdForAMinute() {
		// a group 20,000 records behind, neither rising nor falling
		for (int i = 0; i < 4; i++) {
			add(i, 100, 20_000, null);
		}
		assertThat(view().alarms().get(Alarms.LAG).state()).as("45 s").isEqualTo(State.OK);

		add(4, 100, 20_000, null);

		Alarm lag = view().alarms().get(Alarms.LAG);
		assertThat(lag.state()).as("60 s").isEqualTo(State.ALARM);
		assertThat(lag.reason().vi())
			.isEqualTo("Nhóm tiêu thụ bị chậm: " + GROUP + " chậm quá 10000 bản ghi suốt 1 phút (nay 20000)");
	}

	@Test
	void shouldRaiseTheLagAlarmWhenAGroupStaysOnAPartitionWithRecordsWaitingForTheWholeWindow() {
		// a group stuck on partition 2 with three records waiting, its total lag flat:
		// neither past the threshold nor rising; its other partition keeps up
		for (int i = 0; i < 20; i++) {
			add(i, 100, Map.of(GROUP, Map.of(TOTALS_2, new Position(40, 43))));
			assertThat(view().alarms().get(Alarms.LAG).state()).as("sample %d", i).isEqualTo(State.OK);
		}
		add(20, 100, Map.of(GROUP, Map.of(TOTALS_2, new Position(40, 43))));

		Alarm lag = view().alarms().get(Alarms.LAG);
		assertThat(lag.state()).isEqualTo(State.ALARM);
		assertThat(lag.subjects()).containsExactly(GROUP);
		assertThat(lag.reason().en()).isEqualTo("Consumer groups falling behind: " + GROUP
				+ " has not moved for 5 min on " + TOTALS_2 + " (3), where records wait");

		// once it moves on, the check is OK again
		add(21, 100, Map.of(GROUP, Map.of(TOTALS_2, new Position(41, 43))));
		assertThat(view().alarms().get(Alarms.LAG).state()).isEqualTo(State.OK);
	}

	@Test
	void shouldNotTakeOneRecordLeftWithNothingAppendedSinceForAStoppedGroup() {
		// one record behind, the partition's end never moving: a commit marker the
		// group has read past without committing past it
		for (int i = 0; i <= 30; i++) {
			add(i, 100, Map.of(GROUP, Map.of(TOTALS_2, new Position(42, 43))));
		}
		assertThat(view().alarms().get(Alarms.LAG).state()).isEqualTo(State.OK);

		// but one record more appended while the group stays is
		for (int i = 31; i <= 51; i++) {
			add(i, 100, Map.of(GROUP, Map.of(TOTALS_2, new Position(42, 44))));
		}
		assertThat(view().alarms().get(Alarms.LAG).state()).isEqualTo(State.ALARM);
	}

	@Test
	void shouldKeepTheLagRulesAcrossASampleKafkaDidNotAnswer() {
		// a group that stopped while records arrive, and one sample Kafka did not answer
		for (int i = 0; i <= 21; i++) {
			if (i == 10) {
				this.window.add(new Sample(START.plus(EVERY.multipliedBy(i)), KafkaReading.failed("timed out"),
						new IndexReading(Map.of(), null, null)));
			}
			else {
				add(i, 100, 1 + i / 2, null);
			}
		}

		assertThat(view().alarms().get(Alarms.LAG).state()).isEqualTo(State.ALARM);
	}

	@Test
	void shouldKeepEventsWaitingForAFigureBeyondTheWindowWhileTheProcessorHasNotReadThem() {
		// a figure, three events after it that the stopped processor never reads, then a
		// quiet night without a newer figure
		SampleWindow watched = new SampleWindow(Duration.ofMinutes(20), EVERY, PROCESSOR, GROUP);
		Instant figure = START.minusSeconds(1);
		for (int i = 0; i <= 240; i++) {
			long appended = 100 + Math.min(i, 3);
			watched.add(sample(i, appended, Math.min(i, 3), figure));
		}

		// an hour later the events still wait, though the window keeps 20 minutes
		Alarm figures = Operations.of(watched, DEFAULTS, List.of(GROUP, PROCESSOR), PROCESSOR)
			.alarms()
			.get(Alarms.FIGURES);
		assertThat(figures.state()).isEqualTo(State.ALARM);
		assertThat(figures.value()).isEqualTo(3585);

		// until a newer figure is written
		watched.add(sample(241, 103, 0, START.plus(EVERY.multipliedBy(241))));
		assertThat(Operations.of(watched, DEFAULTS, List.of(GROUP, PROCESSOR), PROCESSOR)
			.alarms()
			.get(Alarms.FIGURES)
			.state()).isEqualTo(State.OK);
	}

	@Test
	void shouldLetEventsThatMadeNoFigureWaitNoLongerOnceThePipelineHasReadThem() {
		// three events after the figure that change no figure (suspensions, refused
		// records): the processor and the totals indexer read them, and no figure
		// follows
		SampleWindow watched = new SampleWindow(Duration.ofMinutes(20), EVERY, PROCESSOR, GROUP);
		Instant figure = START.minusSeconds(1);
		for (int i = 0; i <= 240; i++) {
			watched.add(sample(i, 100 + Math.min(i, 3), 0, figure));
		}

		// raised for ten minutes, as before: the view cannot tell them from events still
		// on their way; but not all night
		assertThat(Operations.of(watched, DEFAULTS, List.of(GROUP, PROCESSOR), PROCESSOR)
			.alarms()
			.get(Alarms.FIGURES)
			.state()).isEqualTo(State.OK);
	}

	@Test
	void shouldNotJudgeTheLagAcrossSamplesInARowKafkaDidNotAnswer() {
		// a group whose lag rose over the window, with Kafka silent for three samples in
		// a row within it
		SampleWindow watched = new SampleWindow(Duration.ofMinutes(20), EVERY, PROCESSOR, GROUP);
		for (int i = 0; i <= 21; i++) {
			if (i >= 10 && i <= 12) {
				watched.add(new Sample(START.plus(EVERY.multipliedBy(i)), KafkaReading.failed("timed out"),
						new IndexReading(Map.of(), null, null)));
			}
			else {
				watched.add(new Sample(START.plus(EVERY.multipliedBy(i)),
						new KafkaReading(Map.of("31", 100L), Map.of(GROUP, 1L + i / 2, PROCESSOR, 0L),
								new ProcessorGroup(PROCESSOR, "STABLE", 1), null),
						new IndexReading(Map.of(), null, null)));
			}
		}

		assertThat(
				Operations.of(watched, DEFAULTS, List.of(GROUP, PROCESSOR), PROCESSOR).alarms().get(Alarms.LAG).state())
			.isEqualTo(State.OK);
	}

	@Test
	void shouldTakeAProcessorsQuietPartitionForStoppedOnlyOnceRecordsAreAppendedToIt() {
		// an aborted transaction on a partition the processor's task has not read since
		// its assignment: records Kafka Streams never commits past while nothing follows
		for (int i = 0; i <= 21; i++) {
			add(i, 100, Map.of(PROCESSOR, Map.of("ledger.events.31-4", new Position(40, 43))));
		}
		assertThat(view().alarms().get(Alarms.LAG).state()).isEqualTo(State.OK);

		// once records arrive there and it still does not move, it has stopped
		for (int i = 22; i <= 42; i++) {
			add(i, 100 + i, Map.of(PROCESSOR, Map.of("ledger.events.31-4", new Position(40, 43 + i))));
		}
		Alarm lag = view().alarms().get(Alarms.LAG);
		assertThat(lag.state()).isEqualTo(State.ALARM);
		assertThat(lag.subjects()).containsExactly(PROCESSOR);
	}

	/**
	 * A sample with the totals indexer caught up and the processor behind by a number.
	 */
	private static Sample sample(int i, long appended, long processorLag, Instant figure) {
		return new Sample(
				START.plus(EVERY.multipliedBy(i)), new KafkaReading(Map.of("31", appended),
						Map.of(GROUP, 0L, PROCESSOR, processorLag), new ProcessorGroup(PROCESSOR, "STABLE", 1), null),
				new IndexReading(Map.of(), figure, null));
	}

	@Test
	void shouldRaiseTheRefusalsAlarmOnARecordTheLedgerCouldNotWorkOut() {
		assertThat(Alarms.INTERNAL).isEqualTo(RejectionReason.INTERNAL.name());
		this.window.add(new Sample(START,
				new KafkaReading(Map.of("31", 100L), Map.of(GROUP, 0L, PROCESSOR, 0L),
						new ProcessorGroup(PROCESSOR, "STABLE", 1), null),
				new IndexReading(Map.of("31", Map.of("INVALID", 2L, Alarms.INTERNAL, 1L)), START, null)));

		Alarm refusals = view().alarms().get(Alarms.REFUSALS);
		assertThat(refusals.state()).isEqualTo(State.ALARM);
		assertThat(refusals.subjects()).containsExactly("31");
		assertThat(refusals.reason().en()).startsWith(
				"The ledger could not work out the effects of 1 records (INTERNAL) of Hải Phòng (31) in the last 5 min");
	}

	@Test
	void shouldCountTheProcessorsInstancesNotItsStreamThreads() {
		// two instances of two stream threads each, and a consumer of another kind
		String app = "ledger-stream-processor";
		List<MemberDescription> members = List.of(
				member("m1", app + "-6f1c0d2e-1b7e-4a53-9c1e-0a4e8f1d2c3b-StreamThread-1-consumer"),
				member("m2", app + "-6f1c0d2e-1b7e-4a53-9c1e-0a4e8f1d2c3b-StreamThread-2-consumer"),
				member("m3", app + "-0b9a8c7d-2e3f-4a5b-8c9d-1e2f3a4b5c6d-StreamThread-1-consumer"),
				member("m4", app + "-0b9a8c7d-2e3f-4a5b-8c9d-1e2f3a4b5c6d-StreamThread-2-consumer"),
				member("m5", "consumer-" + app + "-1"));

		assertThat(PipelineSampler.instances(members.subList(0, 2))).isEqualTo(1);
		assertThat(PipelineSampler.instances(members.subList(0, 4))).isEqualTo(2);
		assertThat(PipelineSampler.instances(members)).isEqualTo(3);
	}

	private static MemberDescription member(String id, String clientId) {
		return new MemberDescription(id, clientId, "/127.0.0.1", new MemberAssignment(java.util.Set.of()));
	}

	@Test
	void shouldNotTakeAnEventTheNewestFigureReflectsAsWaiting() {
		// a quiet night: a figure from hours ago, no event
		Instant night = START.minus(Duration.ofHours(8));
		add(0, 100, 0, night);
		add(1, 100, 0, night);
		// one event between two samples, and its figure written a second later
		Instant figure = START.plus(EVERY).plusSeconds(8);
		for (int i = 2; i < 80; i++) {
			add(i, 101, 0, figure);
		}

		// 19 minutes later, nothing has waited
		Alarm figures = view().alarms().get(Alarms.FIGURES);
		assertThat(figures.state()).isEqualTo(State.OK);
		assertThat(figures.value()).isZero();
	}

	@Test
	void shouldRaiseTheFiguresAlarmWhenEventsWaitedLongerThanTheFigureAge() {
		// a figure, then events at every sample and no newer figure
		Instant figure = START.minusSeconds(1);
		for (int i = 0; i <= 40; i++) {
			add(i, 100 + i, 0, figure);
		}
		assertThat(view().alarms().get(Alarms.FIGURES).state()).as("waited 9 min 45 s").isEqualTo(State.OK);

		add(41, 141, 0, figure);
		add(42, 142, 0, figure);

		Alarm figures = view().alarms().get(Alarms.FIGURES);
		assertThat(figures.state()).isEqualTo(State.ALARM);
		assertThat(figures.value()).isEqualTo(615);
		assertThat(figures.reason().en()).isEqualTo(
				"Events have waited 10 min 15 s for a newer figure (threshold 10 min); the newest figure was written 10 min 31 s ago");
	}

	@Test
	void shouldSayWhichChecksKafkaLeftUnknown() {
		add(0, 100, 0, START);
		this.window.add(new Sample(START.plus(EVERY), KafkaReading.failed("TimeoutException: timed out"),
				new IndexReading(Map.of("22", Map.of("INVALID", 51L)), START, null)));

		Map<String, Alarm> alarms = view().alarms();
		for (String check : List.of(Alarms.EVENTS, Alarms.LAG, Alarms.PROCESSOR)) {
			assertThat(alarms.get(check).state()).as(check).isEqualTo(State.UNKNOWN);
			assertThat(alarms.get(check).reason().en())
				.isEqualTo("Kafka could not be read: TimeoutException: timed out");
		}
		// a figure 15 s old: no event can have waited longer than 10 minutes for it
		assertThat(alarms.get(Alarms.FIGURES).state()).isEqualTo(State.OK);
		assertThat(alarms.get(Alarms.REFUSALS).state()).isEqualTo(State.ALARM);
		assertThat(alarms.get(Alarms.REFUSALS).subjects()).containsExactly("22");
		assertThat(view().panels().events().perMinute()).isNull();
	}

	/**
	 * A sample at the i-th interval: Hải Phòng's topic, the totals indexer's lag, a
	 * running processor and the newest figure.
	 */
	private void add(int i, long appended, long lag, Instant figure) {
		this.window.add(new Sample(
				START.plus(EVERY.multipliedBy(i)), new KafkaReading(Map.of("31", appended),
						Map.of(GROUP, lag, PROCESSOR, 0L), new ProcessorGroup(PROCESSOR, "STABLE", 1), null),
				new IndexReading(Map.of(), figure, null)));
	}

	/**
	 * A sample at the i-th interval with where the groups are on the partitions that hold
	 * records for them, and no lag elsewhere.
	 */
	private void add(int i, long appended, Map<String, Map<String, Position>> behind) {
		Map<String, Long> lag = new java.util.HashMap<>(Map.of(GROUP, 0L, PROCESSOR, 0L));
		behind.forEach((group, partitions) -> lag.put(group,
				partitions.values().stream().mapToLong((p) -> p.end() - p.at()).sum()));
		this.window.add(new Sample(START.plus(EVERY.multipliedBy(i)),
				new KafkaReading(Map.of("31", appended), lag, new ProcessorGroup(PROCESSOR, "STABLE", 1), behind, null),
				new IndexReading(Map.of(), null, null)));
	}

	private Operations view() {
		return Operations.of(this.window, DEFAULTS, List.of(GROUP, PROCESSOR), PROCESSOR);
	}

}
