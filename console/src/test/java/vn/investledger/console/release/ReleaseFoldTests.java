package vn.investledger.console.release;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Collectors;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import vn.investledger.console.release.ReleaseFigures.Figure;
import vn.investledger.console.release.ReleaseFold.LateEvent;
import vn.investledger.console.release.ReleaseOracle.Expected;
import vn.investledger.events.AppliedEntry;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Topics;
import vn.investledger.events.rulebook.Periods;
import vn.investledger.events.rulebook.ReportCalendar;
import vn.investledger.index.HistoryDocument;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The release's figures from the ledger's entries, against a recomputation from the
 * generated events alone ({@link ReleaseOracle}): every flow of the year and of the year
 * before, the new projects by partner, today's province and sector, and the stock at the
 * cut-off, for both types, as known at any instant; and the revisions between two
 * instants.
 */
class ReleaseFoldTests {

	private static final ReportCalendar CALENDAR = ReportCalendar.standard();

	@Property(tries = 80)
	void shouldAddUpExactlyWhatTheEventsKnownAtAnInstantSay(@ForAll long seed, @ForAll("months") YearMonth month,
			@ForAll boolean emptyComparison, @ForAll @IntRange(min = 0, max = 10) int knownTenths) {
		// Given a generated ledger and an instant: none (every event), or after some of
		// them
		GeneratedLedger ledger = GeneratedLedger.generate(new Random(seed), month, 40, emptyComparison);
		List<ReleaseEntry> entries = entries(ledger);
		Instant asOf = instant(ledger, knownTenths);
		// When the fold adds up the entries of the history, as the index streams them
		ReleaseFold fold = new ReleaseFold(month, CALENDAR, Arrays.asList(asOf), false);
		entries.forEach(fold::accept);
		Map<InvestmentType, ReleaseFigures> figures = fold.figures().get(0);
		// Then every figure is the oracle's, exact
		for (InvestmentType type : InvestmentType.values()) {
			Expected expected = ReleaseOracle.expected(ledger, month, asOf, type);
			Expected actual = ReleaseOracle.of(figures.get(type));
			String as = "seed " + seed + ", " + month + ", " + type + " as of " + asOf;
			assertThat(actual.current()).as(as + ": the year").containsExactly(expected.current());
			assertThat(actual.previous()).as(as + ": the year before").containsExactly(expected.previous());
			assertThat(actual.countries()).as(as + ": partners").isEqualTo(expected.countries());
			assertThat(actual.provinces()).as(as + ": provinces").isEqualTo(expected.provinces());
			assertThat(actual.sectors()).as(as + ": sectors").isEqualTo(expected.sectors());
			assertThat(actual.stock()).as(as + ": stock").containsExactly(expected.stock());
			if (emptyComparison) {
				assertThat(actual.previous()).as(as).containsOnly(0);
			}
		}
	}

	@Property(tries = 60)
	void shouldNameTheEventsReceivedBetweenTwoVintagesAsTheCausesOfEveryRevision(@ForAll long seed,
			@ForAll("months") YearMonth month, @ForAll @IntRange(min = 0, max = 9) int fromTenths,
			@ForAll @IntRange(min = 1, max = 10) int span) {
		GeneratedLedger ledger = GeneratedLedger.generate(new Random(seed), month, 40, false);
		List<ReleaseEntry> entries = entries(ledger);
		Instant from = instant(ledger, fromTenths);
		Instant to = (fromTenths + span >= 10) ? null : instant(ledger, fromTenths + span);
		// When one pass folds both vintages and the entries between them
		ReleaseFold both = new ReleaseFold(month, CALENDAR, Arrays.asList(from, to), true);
		entries.forEach(both::accept);
		List<Map<InvestmentType, ReleaseFigures>> vintages = both.figures();
		List<LateEvent> late = both.late();
		String as = "seed " + seed + ", " + month + " from " + from + " to " + to;
		// Then each vintage is the one a pass of its own gives
		for (int i = 0; i < 2; i++) {
			ReleaseFold alone = new ReleaseFold(month, CALENDAR, Arrays.asList((i == 0) ? from : to), false);
			entries.forEach(alone::accept);
			assertThat(vintages.get(i)).as(as).isEqualTo(alone.figures().get(0));
		}
		// and the late events are received in between, include every one whose flow
		// counts
		// in the release or the year before, and every changed figure has one
		Set<String> listed = late.stream().map(LateEvent::eventId).collect(Collectors.toSet());
		Set<String> counted = Set.copyOf(Periods.yearToDate(month));
		Set<String> countedBefore = Set.copyOf(Periods.yearToDate(month.minusYears(1)));
		for (ReleaseEntry entry : entries) {
			boolean between = !entry.knownAt(from) && entry.knownAt(to);
			if (!between) {
				assertThat(listed).as(as).doesNotContain(entry.eventId());
			}
			else if (entry.flow() != null && entry.flow()
				.periods()
				.stream()
				.anyMatch((period) -> counted.contains(period) || countedBefore.contains(period))) {
				assertThat(listed).as(as + ": " + entry.projectCode() + "#" + entry.revision())
					.contains(entry.eventId());
			}
		}
		for (InvestmentType type : InvestmentType.values()) {
			SortedMap<String, Figure> before = vintages.get(0).get(type).flat();
			SortedMap<String, Figure> after = vintages.get(1).get(type).flat();
			for (String name : after.keySet()) {
				if (!after.get(name).equals(before.getOrDefault(name, new Figure(0, after.get(name).currency())))) {
					assertThat(late).as(as + ": the causes of " + type + " " + name)
						.anyMatch((event) -> event.type() == type && event.figures().contains(name));
				}
			}
		}
	}

	/**
	 * A vintage far back (or a backfill after a publication) makes every entry since
	 * late: a fold keeps the first {@value ReleaseFold#MAX_LATE_KEPT} of each type to
	 * name, and counts every one, in all and per figure. Projects fold apart, so the
	 * counts of a ledger are those of its parts, each small enough to be listed whole.
	 */
	@Property(tries = 3)
	void shouldKeepAtMostSomeLateEntriesOfEachTypeAndCountEveryOne(@ForAll long seed) {
		YearMonth month = YearMonth.of(2025, 10);
		GeneratedLedger ledger = GeneratedLedger.generate(new Random(seed), month, 1_500, false);
		List<ReleaseEntry> entries = entries(ledger);
		List<String> projects = entries.stream().map(ReleaseEntry::projectCode).distinct().toList();
		Instant from = GeneratedLedger.FIRST_RECEIPT;

		ReleaseFold whole = fold(month, from, entries);
		List<ReleaseFold> parts = new ArrayList<>();
		for (int first = 0; first < projects.size(); first += 100) {
			Set<String> part = Set.copyOf(projects.subList(first, Math.min(projects.size(), first + 100)));
			parts.add(
					fold(month, from, entries.stream().filter((entry) -> part.contains(entry.projectCode())).toList()));
		}

		List<LateEvent> kept = whole.late();
		Map<InvestmentType, ReleaseFold.LateCounts> counts = whole.lateCounts();
		String as = "seed " + seed;
		List<LateEvent> listed = new ArrayList<>();
		for (ReleaseFold part : parts) {
			List<LateEvent> late = part.late();
			for (InvestmentType type : InvestmentType.values()) {
				assertThat(late.stream().filter((event) -> event.type() == type).count())
					.as(as + ": a part small enough to list whole")
					.isLessThan(ReleaseFold.MAX_LATE_KEPT);
			}
			listed.addAll(late);
		}
		boolean dropped = false;
		for (InvestmentType type : InvestmentType.values()) {
			List<LateEvent> ofType = listed.stream().filter((event) -> event.type() == type).toList();
			long all = counts.getOrDefault(type, ReleaseFold.LateCounts.NONE).all();
			assertThat(all).as(as + ": " + type + " late entries counted").isEqualTo(ofType.size());
			Map<String, Long> byFigure = new java.util.TreeMap<>();
			ofType.forEach((event) -> event.figures().forEach((figure) -> byFigure.merge(figure, 1L, Long::sum)));
			assertThat(new java.util.TreeMap<>(counts.getOrDefault(type, ReleaseFold.LateCounts.NONE).byFigure()))
				.as(as + ": " + type + " per figure")
				.isEqualTo(byFigure);
			// each figure named by the first of those that changed it, kept in all or not
			Map<String, List<LateEvent>> causes = counts.getOrDefault(type, ReleaseFold.LateCounts.NONE).causes();
			for (String figure : byFigure.keySet()) {
				List<LateEvent> changedIt = ofType.stream()
					.filter((event) -> event.figures().contains(figure))
					.toList();
				assertThat(causes.get(figure)).as(as + ": " + type + " " + figure + " named by")
					.isEqualTo(changedIt.subList(0, Math.min(changedIt.size(), ReleaseFold.MAX_CAUSES_KEPT)));
			}
			List<LateEvent> keptOfType = kept.stream().filter((event) -> event.type() == type).toList();
			assertThat(keptOfType).as(as + ": " + type + " kept")
				.hasSize((int) Math.min(all, ReleaseFold.MAX_LATE_KEPT))
				.isEqualTo(ofType.subList(0, keptOfType.size()));
			dropped |= all > ReleaseFold.MAX_LATE_KEPT;
		}
		assertThat(dropped).as(as + ": a ledger with more late entries of a type than are kept").isTrue();
	}

	private static ReleaseFold fold(YearMonth month, Instant from, List<ReleaseEntry> entries) {
		ReleaseFold fold = new ReleaseFold(month, CALENDAR, Arrays.asList(from, null), true);
		entries.forEach(fold::accept);
		return fold;
	}

	@Provide
	Arbitrary<YearMonth> months() {
		return Arbitraries.integers()
			.between(2021, 2026)
			.flatMap((year) -> Arbitraries.integers().between(1, 12).map((month) -> YearMonth.of(year, month)));
	}

	/**
	 * The history's entries as the index streams them: by project code, then revision.
	 */
	static List<ReleaseEntry> entries(GeneratedLedger ledger) {
		List<AppliedEntry> applied = new ArrayList<>(ledger.applied(Topics.withPrefix("ledger")));
		applied.sort(Comparator.comparing(AppliedEntry::projectCode).thenComparingLong(AppliedEntry::revision));
		return applied.stream().map(HistoryDocument::of).map(ReleaseEntry::of).toList();
	}

	/**
	 * An instant after the first {@code tenths} tenths of the events, {@code null} for
	 * all.
	 */
	static Instant instant(GeneratedLedger ledger, int tenths) {
		if (tenths >= 10) {
			return null;
		}
		int known = ledger.events.size() * tenths / 10;
		return (known == 0) ? GeneratedLedger.FIRST_RECEIPT : ledger.events.get(known - 1).receivedAt();
	}

}
