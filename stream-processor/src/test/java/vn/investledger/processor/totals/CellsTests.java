package vn.investledger.processor.totals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import vn.investledger.events.EventEnvelope;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Licensed;
import vn.investledger.events.Money;
import vn.investledger.events.ProjectState;
import vn.investledger.events.ProjectStatus;
import vn.investledger.events.Sector;
import vn.investledger.events.Stock;
import vn.investledger.events.Total;
import vn.investledger.events.rulebook.Cell;
import vn.investledger.events.rulebook.Flows;
import vn.investledger.events.rulebook.ReportCalendar;
import vn.investledger.events.rulebook.Rules;
import vn.investledger.events.rulebook.StockParts;
import vn.investledger.testsupport.SampleEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cells {@link PendingChanges} sums: what an event puts in its cell, and the figures
 * a cell's sum spreads over.
 */
class CellsTests {

	@Test
	void shouldPutAnEventInOneCellNamingEveryDimensionAndItsPartOfTheMonth() {
		// Hải Dương licensed this in 2024; its restated unit is Hải Phòng
		Licensed licence = SampleEvents.fdiLicence("HD-1", "30", Money.usd("680000000"));

		List<Total> cells = Flows.cellOf(licence, null, Rules.standard()).stream().toList();

		assertThat(cells).singleElement().satisfies((cell) -> {
			assertThat(cell.cuboid()).isEqualTo(Cell.CUBOID);
			// 15 March is before the cut-off day: its part of March starts on the 1st
			assertThat(cell.period()).isEqualTo("2024-03-01");
			assertThat(cell.dimensions()).containsEntry("province", "30")
				.containsEntry("restated", "31")
				.containsEntry("zone", licence.zoneCode())
				.containsEntry("country", "KR")
				.containsEntry("sector", "C");
			assertThat(cell.newCapital()).isEqualTo(Money.usd("680000000"));
			assertThat(cell.newProjects()).isEqualTo(1);
		});
	}

	@Test
	void shouldPutEventsAfterTheCutOffDayInTheCellOfThatPartOfTheMonth() {
		Licensed licence = SampleEvents.fdiLicence("HP-1", "31", Money.usd("100"));
		for (int day : new int[] { 21, 30 }) {
			EventEnvelope e = licence.envelope();
			Licensed late = SampleEvents.withEnvelope(licence, new EventEnvelope(e.schemaVersion(), e.eventId(),
					e.projectCode(), e.revision(), e.provinceCode(), LocalDate.of(2024, 11, day), e.emittedAt()));

			Total cell = Flows.cellOf(late, null, Rules.standard()).orElseThrow();

			// November 2024's release ran to the 20th: the 21st on is in December's
			assertThat(cell.period()).isEqualTo("2024-11-21");
			assertThat(Flows.figuresOf(cell, ReportCalendar.standard())).extracting(Total::period)
				.containsOnly("all", "2024", "2024-Q4", "2024-11", "2024-R12");
		}
	}

	@Test
	void shouldSpreadACellOverEveryCuboidAndPeriodOfItsDate() {
		Licensed licence = SampleEvents.fdiLicence("HD-1", "30", Money.usd("680000000"));
		Total cell = Flows.cellOf(licence, null, Rules.standard()).stream().toList().get(0);
		Total sum = cell.plus(cell);

		List<Total> figures = Flows.figuresOf(sum, ReportCalendar.standard());

		String zone = licence.zoneCode();
		assertThat(figures).extracting(Total::key)
			.hasSize(8 * 5)
			.contains("national||all|FDI", "province|province=30|2024|FDI", "province-restated|province=31|2024-Q1|FDI",
					"province+zone|province=30,zone=" + zone + "|2024-03|FDI",
					"province+country|country=KR,province=30|2024-R03|FDI",
					"province+sector|province=30,sector=C|all|FDI", "country|country=KR|2024|FDI",
					"sector|sector=C|2024-R03|FDI")
			.doesNotHaveDuplicates();
		assertThat(figures).allSatisfy((figure) -> {
			assertThat(figure.newCapital()).isEqualTo(Money.usd("1360000000"));
			assertThat(figure.newProjects()).isEqualTo(2);
			assertThat(figure.usdEquivalent().newCapital()).isEqualTo(Money.usd("1360000000"));
		});
	}

	@Test
	void shouldCountACellWithoutZoneCountryOrSectorOnlyNationallyAndByProvince() {
		Total cell = Total
			.builder(Cell.CUBOID, Map.of("province", "31", "restated", "31"), "2025-10-01", InvestmentType.DDI)
			.adjustments(1, Money.vnd(-5_000_000_000L))
			.newestEventAt(Instant.parse("2025-10-21T03:00:00Z"))
			.build();

		assertThat(Flows.figuresOf(cell, ReportCalendar.standard())).extracting(Total::key)
			.containsExactlyInAnyOrder("national||all|DDI", "national||2025|DDI", "national||2025-Q4|DDI",
					"national||2025-10|DDI", "national||2025-R10|DDI", "province|province=31|all|DDI",
					"province|province=31|2025|DDI", "province|province=31|2025-Q4|DDI",
					"province|province=31|2025-10|DDI", "province|province=31|2025-R10|DDI",
					"province-restated|province=31|all|DDI", "province-restated|province=31|2025|DDI",
					"province-restated|province=31|2025-Q4|DDI", "province-restated|province=31|2025-10|DDI",
					"province-restated|province=31|2025-R10|DDI");
	}

	@Test
	void shouldPutAProjectInItsStockCellAndSpreadTheCellOverEveryCuboid() {
		ProjectState licensed = state(ProjectStatus.VALID, Money.usd("100"));

		List<Stock> cells = StockParts.cellsOf(null, licensed, Rules.standard());

		assertThat(cells).singleElement().satisfies((cell) -> {
			assertThat(cell.cuboid()).isEqualTo(Cell.CUBOID);
			assertThat(cell.validProjects()).isEqualTo(1);
			assertThat(cell.registeredCapital()).isEqualTo(Money.usd("100"));
			assertThat(StockParts.figuresOf(cell)).extracting(Stock::key)
				.containsExactlyInAnyOrder("national||stock|FDI", "province|province=30|stock|FDI",
						"province-restated|province=31|stock|FDI", "province+zone|province=30,zone=HD-KCN|stock|FDI",
						"province+country|country=KR,province=30|stock|FDI",
						"province+sector|province=30,sector=C|stock|FDI", "country|country=KR|stock|FDI",
						"sector|sector=C|stock|FDI");
		});
	}

	@Test
	void shouldSumBothPartsOfAProjectThatStaysInItsCell() {
		ProjectState before = state(ProjectStatus.VALID, Money.usd("100"));
		ProjectState after = state(ProjectStatus.SUSPENDED, Money.usd("250"));

		List<Stock> cells = StockParts.cellsOf(before, after, Rules.standard());

		assertThat(cells).singleElement().satisfies((cell) -> {
			assertThat(cell.validProjects()).isZero();
			assertThat(cell.suspendedProjects()).isEqualTo(1);
			assertThat(cell.registeredCapital()).isEqualTo(Money.usd("150"));
			assertThat(cell.newestEventAt()).isEqualTo(after.newestEventAt());
		});
	}

	private static ProjectState state(ProjectStatus status, Money capital) {
		return ProjectState.builder("HD-1")
			.revision(1)
			.ownerUnit("31")
			.investmentType(InvestmentType.FDI)
			.provinceCode("30")
			.projectName("Nhà máy HD-1")
			.investorNames(List.of("LG Innotek Co., Ltd."))
			.zoneCode("HD-KCN")
			.partnerCountry("KR")
			.sector(new Sector("C", "26"), LocalDate.of(2024, 3, 15))
			.licensedOn(LocalDate.of(2024, 3, 15))
			.status(status)
			.registeredCapital(capital)
			.contributedCapital(Money.usd("0"))
			.realisedCapital(Money.usd("0"))
			.newestEventAt(Instant.parse("2024-03-15T02:00:00Z").plusSeconds(capital.minorUnits()))
			.build();
	}

}
