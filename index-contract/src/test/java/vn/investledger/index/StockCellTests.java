package vn.investledger.index;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import vn.investledger.events.InvestmentType;
import vn.investledger.events.Money;
import vn.investledger.events.ProjectState;
import vn.investledger.events.ProjectStatus;
import vn.investledger.events.Stock;
import vn.investledger.events.rulebook.Cuboid;
import vn.investledger.events.rulebook.Rules;
import vn.investledger.events.rulebook.StockParts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stock's drill-down selects a project for exactly the stock figures the rulebook
 * counts it in: for any project state and candidate figure, the filter of
 * {@link StockCell#filterOf} holds on the project's document if and only if the project's
 * part is in that figure ({@link StockParts#cellsOf}, {@link StockParts#figuresOf}).
 */
class StockCellTests {

	private static final Rules RULES = Rules.standard();

	@Property(tries = 300)
	void shouldSelectAProjectForExactlyTheStockFiguresItCountsIn(@ForAll("states") ProjectState state,
			@ForAll("states") ProjectState other) {
		ProjectDocument document = ProjectDocument.of(state, RULES.vsic());
		Set<String> countsIn = figures(state).stream().map(Stock::key).collect(Collectors.toSet());
		assertThat(document.stock() != null).as("%s", state).isEqualTo(StockParts.isInStock(state));
		assertThat(countsIn.isEmpty()).isEqualTo(document.stock() == null);
		List<Stock> candidates = new ArrayList<>(figures(state));
		candidates.addAll(figures(other));
		for (Stock figure : candidates) {
			Cuboid cuboid = Cuboid.named(figure.cuboid()).orElseThrow();
			Map<String, String> filter = StockCell.filterOf(cuboid, figure.dimensions(),
					figure.investmentType().name());
			assertThat(holds(filter, document)).as("%s of %s", figure.key(), state)
				.isEqualTo(countsIn.contains(figure.key()));
		}
	}

	@Example
	void shouldIndexAProjectItsReferenceDataCannotPlaceWithoutACell() {
		// Hải Dương (30) was merged into Hải Phòng on 1 July 2025: no unit 30 licensed in
		// 2026
		ProjectState state = state("30", LocalDate.of(2026, 1, 5), null, null, "C", ProjectStatus.VALID,
				InvestmentType.DDI);

		ProjectDocument document = ProjectDocument.of(state, RULES.vsic());

		assertThat(document.stock()).isNull();
		assertThat(document.projectCode()).isEqualTo("P-1");
	}

	private static List<Stock> figures(ProjectState state) {
		List<Stock> figures = new ArrayList<>();
		StockParts.cellsOf(null, state, RULES).forEach((cell) -> figures.addAll(StockParts.figuresOf(cell)));
		return figures;
	}

	/** The filter's terms, as Elasticsearch's term queries apply them to the document. */
	private static boolean holds(Map<String, String> filter, ProjectDocument document) {
		StockCell stock = document.stock();
		return stock != null && filter.entrySet().stream().allMatch((term) -> switch (term.getKey()) {
			case "stock.investmentType" -> stock.investmentType().equals(term.getValue());
			default -> term.getValue().equals(stock.cell().get(term.getKey().substring("stock.cell.".length())));
		});
	}

	@Provide
	Arbitrary<ProjectState> states() {
		// Hải Dương (30) until Hải Phòng (31) absorbed it on 1 July 2025; Hưng Yên (33),
		// Hải Phòng and Hà Nội (01) throughout
		Arbitrary<String> province = Arbitraries.of("01", "30", "31", "33");
		Arbitrary<LocalDate> licensed = Arbitraries.integers()
			.between(0, 365 * 7)
			.map((day) -> LocalDate.of(2019, 1, 1).plusDays(day));
		Arbitrary<String> country = Arbitraries.of("KR", "JP", "VN").injectNull(0.3);
		Arbitrary<String> sector = Arbitraries.of("C", "K", "F").injectNull(0.3);
		Arbitrary<ProjectStatus> status = Arbitraries.of(ProjectStatus.class);
		Arbitrary<InvestmentType> type = Arbitraries.of(InvestmentType.class);
		Arbitrary<Boolean> zoned = Arbitraries.of(true, false);
		return Combinators.combine(province, licensed, country, sector, status, type, zoned)
			.as((p, day, c, s, st, t, z) -> {
				// Hải Dương's projects are written by Hải Phòng after the merger
				String code = (p.equals("30") && !day.isBefore(LocalDate.of(2025, 7, 1))) ? "31" : p;
				return state(code, day, z ? "HP-DEEP-C" : null, c, s, st, t);
			});
	}

	private static ProjectState state(String province, LocalDate licensedOn, String zone, String country, String sector,
			ProjectStatus status, InvestmentType type) {
		Money registered = (type == InvestmentType.FDI) ? Money.usd("1500000.25") : Money.vnd(9_000_000_000L);
		Money realised = (type == InvestmentType.FDI) ? Money.usd("1000") : null;
		// VSIC 2018's K (finance) is named with a division, which 2025's restatement
		// needs
		String division = "K".equals(sector) ? "64" : null;
		return new ProjectState("P-1", 3, province, List.of(), type, province, "Dự án", List.of("Công ty"), zone,
				country, sector, division, licensedOn, licensedOn, status, registered, null, realised,
				Instant.parse("2026-01-01T00:00:00Z"));
	}

}
