package vn.investledger.producers.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import vn.investledger.events.CapitalAdjusted;
import vn.investledger.events.EventKind;
import vn.investledger.events.EventValidator;
import vn.investledger.events.Licensed;
import vn.investledger.events.LicensingEvent;

import static org.assertj.core.api.Assertions.assertThat;

class EventGeneratorTests {

	private static final LocalDate START = LocalDate.of(2024, 1, 2);

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

	/** When every event is emitted and received. */
	private static final Instant NOW = Instant.parse("2026-11-23T03:00:00Z");

	@Test
	void shouldGenerateTheSameEventsFromTheSameSeed() {
		List<LicensingEvent> first = generate(42, 2000);

		assertThat(generate(42, 2000)).isEqualTo(first);
		assertThat(generate(43, 2000)).isNotEqualTo(first);
	}

	@Test
	void shouldGenerateOnlyValidEventsOfEveryKindInTheSeedProvinces() {
		List<LicensingEvent> events = generate(7, 20_000);

		assertThat(events)
			.allSatisfy((event) -> assertThat(EventValidator.validate(event, NOW)).as("%s", event).isEmpty());
		assertThat(events).extracting(LicensingEvent::kind).containsAll(List.of(EventKind.values()));
		assertThat(events).extracting((e) -> e.envelope().provinceCode())
			.contains("22", "30", "31", "33", "34", "51", "62");
	}

	@Test
	void shouldClassifySectorsByTheVsicEditionOfTheirDate() {
		List<LicensingEvent> events = generate(7, 40_000);
		LocalDate vsic2025 = LocalDate.of(2025, 11, 15);

		// software (6201): J of VSIC 2018, K of VSIC 2025; infrastructure (6810): L, then
		// M
		assertThat(sectors(events, "6201", false)).containsOnly("J");
		assertThat(sectors(events, "6201", true)).containsOnly("K");
		assertThat(sectors(events, "6810", false)).containsOnly("L");
		assertThat(sectors(events, "6810", true)).containsOnly("M");
		assertThat(events).extracting((e) -> e.envelope().effectiveDate()).anyMatch((d) -> !d.isBefore(vsic2025));
	}

	private static Set<String> sectors(List<LicensingEvent> events, String division, boolean from2025) {
		LocalDate vsic2025 = LocalDate.of(2025, 11, 15);
		return events.stream()
			.filter((e) -> e.envelope().effectiveDate().isBefore(vsic2025) != from2025)
			.map((e) -> (e instanceof Licensed l) ? l.sector()
					: (e instanceof vn.investledger.events.CapitalContributed c) ? c.sector() : null)
			.filter((sector) -> sector != null && division.equals(sector.division()))
			.map(vn.investledger.events.Sector::section)
			.collect(Collectors.toSet());
	}

	@Test
	void shouldCrossTheMergerWithTheAbsorbingUnitLicensingAfterwards() {
		EventGenerator generator = new EventGenerator(7, START, TODAY, 40, () -> NOW);
		List<LicensingEvent> events = Stream.generate(generator::next).limit(40_000).toList();

		assertThat(events).filteredOn((e) -> e.envelope().effectiveDate().isAfter(LocalDate.of(2025, 7, 1)))
			.extracting((e) -> e.envelope().provinceCode())
			.doesNotContain("30", "34", "62");
		assertThat(events).extracting(generator::publishingProvince).containsOnly("22", "31", "33", "51");
	}

	@Test
	void shouldIncludeRetriesLateEventsAndCapitalReductions() {
		List<LicensingEvent> events = generate(7, 20_000);

		Map<UUID, Long> perId = events.stream()
			.collect(Collectors.groupingBy((e) -> e.envelope().eventId(), Collectors.counting()));
		assertThat(perId.values()).as("retried events").anyMatch((count) -> count > 1);
		assertThat(events).filteredOn(CapitalAdjusted.class::isInstance)
			.map(CapitalAdjusted.class::cast)
			.anyMatch((a) -> a.capitalChange().minorUnits() < 0);
		Set<String> seen = new HashSet<>();
		boolean outOfOrder = false;
		Map<String, Long> lastRevision = new java.util.HashMap<>();
		for (LicensingEvent e : events) {
			long previous = lastRevision.getOrDefault(e.key(), 0L);
			if (e.envelope().revision() < previous && seen.add(e.envelope().eventId().toString())) {
				outOfOrder = true;
			}
			lastRevision.merge(e.key(), e.envelope().revision(), Math::max);
		}
		assertThat(outOfOrder).as("a revision delivered after a later one").isTrue();
	}

	@Test
	void shouldHaveALongTailOfCapital() {
		List<Long> fdi = generate(7, 20_000).stream()
			.filter(Licensed.class::isInstance)
			.map(Licensed.class::cast)
			.filter((l) -> l.investmentType() == vn.investledger.events.InvestmentType.FDI)
			.map((l) -> l.registeredCapital().minorUnits() / 100)
			.sorted()
			.toList();
		long median = fdi.get(fdi.size() / 2);

		assertThat(median).isBetween(4_000_000L, 10_000_000L);
		assertThat(fdi.get(fdi.size() - 1)).isGreaterThanOrEqualTo(500_000_000L);
	}

	private static List<LicensingEvent> generate(long seed, int count) {
		EventGenerator generator = new EventGenerator(seed, START, TODAY, 40, () -> NOW);
		return Stream.generate(generator::next).limit(count).map(Function.identity()).toList();
	}

}
