package vn.investledger.console.release.zone;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import vn.investledger.console.release.GeneratedLedger;
import vn.investledger.console.release.ReleaseOracle;
import vn.investledger.console.release.ReleaseOracle.Expected;
import vn.investledger.console.release.zone.ZoneFigures.Part;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.UsdEquivalent;
import vn.investledger.events.reference.Zone;
import vn.investledger.events.reference.Zones;
import vn.investledger.events.rulebook.ReportCalendar;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A zone-board release's figures from the ledger's entries, against a recomputation from
 * generated events alone ({@link ZoneOracle}, and the national release's
 * {@link ReleaseOracle} over the projects of the zones): for a province's zones and for
 * one zone, as known at any instant, every flow of the year and the year before, the
 * stock, the DDI flows in US dollars with the rates they name and the events left
 * unconverted, and the land of each zone's valid projects.
 */
class ZoneReleaseFoldTests {

	private static final ReportCalendar CALENDAR = ReportCalendar.standard();

	private static final List<String> UNITS = List.of("31", "33", "22", "51");

	@Property(tries = 60)
	void shouldAddUpExactlyWhatTheEventsOfTheZonesKnownAtAnInstantSay(@ForAll long seed,
			@ForAll("months") YearMonth month, @ForAll boolean oneZone,
			@ForAll @IntRange(min = 0, max = 10) int knownTenths) {
		// Given a generated ledger, its projects placed in zones, and an instant
		Random random = new Random(seed);
		GeneratedLedger ledger = ZonedLedger.place(GeneratedLedger.generate(random, month, 60, false), random);
		Instant asOf = instant(ledger, knownTenths);
		String unit = UNITS.get(random.nextInt(UNITS.size()));
		ZoneScope scope = ZoneScope.province(unit, Zones.standard().all());
		if (oneZone) {
			scope = ZoneScope.zone(scope.zones().get(random.nextInt(scope.zones().size())).code(),
					Zones.standard().all());
		}
		// When the fold adds up the history's entries
		ZoneBoardFold fold = new ZoneBoardFold(scope, month, CALENDAR, asOf);
		ZonedLedger.entries(ledger).forEach(fold::accept);
		ZoneFigures figures = fold.figures();
		// Then the scope and each zone are what their projects' events say
		LocalDate cutOff = CALENDAR.cutOff(month);
		Map<String, String> zones = ZoneOracle.zones(ledger, cutOff, asOf);
		Map<String, ZoneOracle.Land> land = ZoneOracle.land(ledger, zones, cutOff, asOf);
		String as = "seed " + seed + ", " + month + ", " + scope.kind() + " " + scope.code() + " as of " + asOf;
		Set<String> covered = scope.zones().stream().map(Zone::code).collect(Collectors.toSet());
		check(as, figures.whole(), ZoneOracle.in(ledger, zones, covered), month, asOf, land, covered);
		for (Zone zone : scope.zones()) {
			check(as + ", zone " + zone.code(), figures.byZone().get(zone.code()),
					ZoneOracle.in(ledger, zones, Set.of(zone.code())), month, asOf, land, Set.of(zone.code()));
		}
		assertThat(figures.byZone().keySet())
			.containsExactlyElementsOf(figures.scope().zones().stream().map(Zone::code).toList());
	}

	private static void check(String as, Part part, GeneratedLedger projects, YearMonth month, Instant asOf,
			Map<String, ZoneOracle.Land> land, Set<String> zones) {
		for (InvestmentType type : InvestmentType.values()) {
			Expected expected = ReleaseOracle.expected(projects, month, asOf, type);
			Expected actual = ReleaseOracle.of(part.figures().get(type));
			assertThat(actual.current()).as(as + ", " + type + ": the year").containsExactly(expected.current());
			assertThat(actual.previous()).as(as + ", " + type + ": the year before")
				.containsExactly(expected.previous());
			assertThat(actual.stock()).as(as + ", " + type + ": stock").containsExactly(expected.stock());
		}
		YearMonth earlier = month.minusYears(1);
		ZoneOracle.Usd usd = ZoneOracle.ddiUsd(projects, ZoneOracle.from(month), CALENDAR.cutOff(month), asOf);
		ZoneOracle.Usd usdBefore = ZoneOracle.ddiUsd(projects, ZoneOracle.from(earlier), CALENDAR.cutOff(earlier),
				asOf);
		assertUsd(as + ": DDI in USD", part.ddiUsd(), usd);
		assertUsd(as + ": DDI in USD a year earlier", part.ddiUsdPrevious(), usdBefore);
		BigDecimal hectares = BigDecimal.ZERO;
		long valid = 0;
		long without = 0;
		for (String zone : zones) {
			ZoneOracle.Land held = land.get(zone);
			if (held != null) {
				hectares = hectares.add(held.hectares());
				valid += held.valid();
				without += held.withoutArea();
			}
		}
		assertThat(part.land().hectares()).as(as + ": land").isEqualByComparingTo(hectares);
		assertThat(part.land().validProjects()).as(as + ": valid projects holding land").isEqualTo(valid);
		assertThat(part.land().withoutLandArea()).as(as + ": without a land area").isEqualTo(without);
		assertThat(part.land().validProjects()).as(as + ": the stock's valid projects")
			.isEqualTo(part.fdi().stock().validProjects() + part.ddi().stock().validProjects());
	}

	private static void assertUsd(String as, UsdEquivalent actual, ZoneOracle.Usd expected) {
		assertThat(new long[] { actual.newCapital().minorUnits(), actual.adjustedCapital().minorUnits(),
				actual.contributionCapital().minorUnits(), actual.realisedCapital().minorUnits() })
			.as(as)
			.containsExactly(expected.cents());
		assertThat(actual.unconvertedEvents()).as(as + ": unconverted").isEqualTo(expected.unconverted());
		assertThat(actual.rates()).as(as + ": the rates named").containsExactlyElementsOf(expected.rates());
	}

	@Provide
	Arbitrary<YearMonth> months() {
		return Arbitraries.integers()
			.between(2021, 2026)
			.flatMap((year) -> Arbitraries.integers().between(1, 12).map((m) -> YearMonth.of(year, m)));
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
