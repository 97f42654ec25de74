package vn.investledger.index;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import vn.investledger.events.AppliedEntry;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Money;
import vn.investledger.events.Total;
import vn.investledger.events.rulebook.Cell;
import vn.investledger.events.rulebook.Cuboid;
import vn.investledger.events.rulebook.Flows;
import vn.investledger.events.rulebook.Periods;
import vn.investledger.events.rulebook.ReportCalendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The drill-down's filter selects an event for exactly the figures the rulebook counts it
 * in: for any cell, part of the month and candidate figure, the filter of
 * {@link FlowDocument#filterOf} holds on the event's document if and only if the figure
 * is among {@link Flows#figuresOf}.
 */
class FlowDocumentTests {

	private static final ReportCalendar CALENDAR = ReportCalendar.standard();

	private static final List<String> PROVINCES = List.of("01", "24", "31", "79");

	@Property(tries = 300)
	void shouldSelectAnEventForExactlyTheFiguresItCountsIn(@ForAll("cells") Total cell, @ForAll("cells") Total other) {
		FlowDocument document = FlowDocument.of(new AppliedEntry.Flow(cell, Flows.periodsOf(cell, CALENDAR)));
		Set<String> countsIn = Flows.figuresOf(cell, CALENDAR).stream().map(Total::key).collect(Collectors.toSet());
		assertThat(countsIn).isNotEmpty();
		// every figure the event counts in, and every figure of another cell (some of
		// which it counts in, most not)
		List<Total> candidates = new ArrayList<>(Flows.figuresOf(cell, CALENDAR));
		candidates.addAll(Flows.figuresOf(other, CALENDAR));
		for (Total figure : candidates) {
			Cuboid cuboid = Cuboid.named(figure.cuboid()).orElseThrow();
			Map<String, String> filter = FlowDocument.filterOf(cuboid, figure.dimensions(), figure.period(),
					figure.investmentType().name());
			assertThat(holds(filter, document)).as("%s of %s", figure.key(), cell)
				.isEqualTo(countsIn.contains(figure.key()));
		}
	}

	@Property(tries = 100)
	void shouldRefuseDimensionsThatAreNotTheCuboids(@ForAll Cuboid cuboid,
			@ForAll("dimensions") Map<String, String> given) {
		Set<String> named = cuboid.dimensions().stream().map(Cuboid.Dimension::figureKey).collect(Collectors.toSet());
		if (given.keySet().equals(named)) {
			assertThat(FlowDocument.filterOf(cuboid, given, Periods.ALL, "FDI")).containsKeys("flow.investmentType",
					"flow.periods");
		}
		else {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> FlowDocument.filterOf(cuboid, given, Periods.ALL, "FDI"))
				.withMessageContaining("A figure of " + cuboid.id());
		}
	}

	/** The filter's terms, as Elasticsearch's term queries apply them to the document. */
	private static boolean holds(Map<String, String> filter, FlowDocument document) {
		return filter.entrySet().stream().allMatch((term) -> switch (term.getKey()) {
			case "flow.investmentType" -> document.investmentType().equals(term.getValue());
			case "flow.periods" -> document.periods().contains(term.getValue());
			default -> term.getValue().equals(document.cell().get(term.getKey().substring("flow.cell.".length())));
		});
	}

	@Provide
	Arbitrary<Total> cells() {
		Arbitrary<String> province = Arbitraries.of(PROVINCES);
		Arbitrary<String> zone = Arbitraries.of("Z1", "Z2").injectNull(0.3);
		Arbitrary<String> country = Arbitraries.of("KR", "JP", "SG").injectNull(0.3);
		Arbitrary<String> sector = Arbitraries.of("C", "K", "V").injectNull(0.3);
		Arbitrary<LocalDate> part = Arbitraries.integers()
			.between(0, 365 * 9)
			.map((day) -> LocalDate.of(2018, 1, 1).plusDays(day))
			.map(CALENDAR::partOfMonth);
		Arbitrary<InvestmentType> type = Arbitraries.of(InvestmentType.class);
		return Combinators.combine(province, province, zone, country, sector, part, type)
			.as((licensed, restated, z, c, s, day, t) -> {
				Map<String, String> dimensions = Total.dimensions(licensed, z, c, s);
				dimensions.put(Cuboid.Dimension.RESTATED_PROVINCE.cellKey(), restated);
				Money amount = (t == InvestmentType.FDI) ? Money.usd("1000.50") : Money.vnd(2_000_000);
				return Total.builder(Cell.CUBOID, dimensions, day.toString(), t).newProjects(1, amount).build();
			});
	}

	@Provide
	Arbitrary<Map<String, String>> dimensions() {
		return Arbitraries.subsetOf("province", "zone", "country", "sector").map((names) -> {
			Map<String, String> values = new LinkedHashMap<>();
			names.forEach((name) -> values.put(name, "X"));
			return values;
		});
	}

}
