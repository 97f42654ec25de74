package vn.investledger.processor.totals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import vn.investledger.events.CapitalAdjusted;
import vn.investledger.events.CapitalContributed;
import vn.investledger.events.ContributionForm;
import vn.investledger.events.Disbursed;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Investor;
import vn.investledger.events.Licensed;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Money;
import vn.investledger.events.Resumed;
import vn.investledger.events.Sector;
import vn.investledger.events.Suspended;
import vn.investledger.events.Terminated;
import vn.investledger.events.TerminationReason;
import vn.investledger.events.Topics;
import vn.investledger.events.Total;
import vn.investledger.testsupport.SampleEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Figures counted by hand for rules {@link RandomLedger} never generates. No production
 * rule code (Flows, Periods, ReportCalendar, Restatement, Provinces, VsicEditions,
 * UsdEquivalent.of) is called to compute an expectation; keys are written out by hand.
 */
class HandCountedFiguresTests {

	private static Licensed licence(String code, String province, LocalDate on, InvestmentType type, Sector sector,
			String country, Money capital) {
		return new Licensed(SampleEvents.envelope(code, 1, province, on), type, "Dự án " + code,
				(type == InvestmentType.FDI) ? "IRC-" + code : null, null,
				List.of(new Investor("NĐT " + country, country)), null, sector, capital, null, null, null);
	}

	private static Total flow(TotalsPropertyTests.Figures figures, String cuboid, Map<String, String> dims,
			String period, InvestmentType type) {
		return figures.totals()
			.values()
			.stream()
			.filter((t) -> t.cuboid().equals(cuboid) && t.dimensions().equals(dims) && t.period().equals(period)
					&& t.investmentType() == type)
			.findFirst()
			.orElse(null);
	}

	/** [valid, suspended, registered, realised] of national FDI stock, or null. */
	private static List<Object> nationalStock(TotalsPropertyTests.Figures figures, InvestmentType type) {
		return figures.stock().get("national||stock|" + type);
	}

	// --- 1. a termination, then a resumption dated after it (reinstates), then a flow

	@Test
	void aResumptionDatedAfterTheEndReinstatesTheProjectAndItsLaterFlowsCount() {
		String c = "RV-REIN";
		List<LicensingEvent> life = List.of(
				licence(c, "31", LocalDate.of(2024, 3, 15), InvestmentType.FDI, new Sector("C", "26"), "KR",
						Money.usd("1000")),
				new Terminated(SampleEvents.envelope(c, 2, "31", LocalDate.of(2024, 6, 10)),
						TerminationReason.INVESTOR_DECISION, "1/QĐ"),
				new Resumed(SampleEvents.envelope(c, 3, "31", LocalDate.of(2024, 7, 10)), null),
				new Disbursed(SampleEvents.envelope(c, 4, "31", LocalDate.of(2024, 8, 10)), InvestmentType.FDI,
						Money.usd("100")));
		TotalsPropertyTests.Figures figures = TotalsPropertyTests.run(life);
		assertThat(figures.applied()).as("every event applied").hasSize(4);
		assertThat(nationalStock(figures, InvestmentType.FDI)).containsExactly(1L, 0L, Money.usd("1000"),
				Money.usd("100"));
		assertThat(flow(figures, "national", Map.of(), "2024-R08", InvestmentType.FDI).realisedCapital())
			.isEqualTo(Money.usd("100"));
	}

	// --- 2. a termination, then late: a disbursement and a suspension dated before the
	// end

	@Test
	void aProjectStaysEndedWhatIsDatedBeforeTheEndCountsAsFlow() {
		String c = "RV-END";
		List<LicensingEvent> life = List.of(
				licence(c, "31", LocalDate.of(2024, 3, 15), InvestmentType.FDI, new Sector("C", "26"), "KR",
						Money.usd("1000")),
				new Terminated(SampleEvents.envelope(c, 2, "31", LocalDate.of(2024, 6, 10)),
						TerminationReason.INVESTOR_DECISION, "1/QĐ"),
				new Suspended(SampleEvents.envelope(c, 3, "31", LocalDate.of(2024, 6, 1)), "Tạm ngừng", null),
				new Disbursed(SampleEvents.envelope(c, 4, "31", LocalDate.of(2024, 6, 5)), InvestmentType.FDI,
						Money.usd("100")));
		TotalsPropertyTests.Figures figures = TotalsPropertyTests.run(life);
		assertThat(figures.applied()).hasSize(4);
		List<Object> stock = nationalStock(figures, InvestmentType.FDI);
		assertThat(stock == null || ((long) stock.get(0) == 0 && (long) stock.get(1) == 0)).as("stock %s", stock)
			.isTrue();
		assertThat(flow(figures, "national", Map.of(), "2024-R06", InvestmentType.FDI).realisedCapital())
			.isEqualTo(Money.usd("100"));
	}

	// --- 3. VSIC 2018 J split by division, U -> V, across 15 November 2025

	@Test
	void vsic2018SectorsAreRestatedByDivisionAcrossTheEdition() {
		List<LicensingEvent> events = new ArrayList<>();
		events.add(licence("RV-J62", "31", LocalDate.of(2025, 11, 14), InvestmentType.FDI, new Sector("J", "62"), "JP",
				Money.usd("100")));
		events.add(licence("RV-J6201", "31", LocalDate.of(2025, 11, 14), InvestmentType.FDI, new Sector("J", "6201"),
				"JP", Money.usd("1000")));
		events.add(licence("RV-J58", "31", LocalDate.of(2025, 11, 14), InvestmentType.FDI, new Sector("J", "58"), "JP",
				Money.usd("10")));
		events.add(licence("RV-K62", "31", LocalDate.of(2025, 11, 15), InvestmentType.FDI, new Sector("K", "62"), "JP",
				Money.usd("1")));
		events.add(licence("RV-U", "31", LocalDate.of(2025, 11, 14), InvestmentType.FDI, new Sector("U", null), "JP",
				Money.usd("7")));
		// an adjustment of the J 62 project in 2026: an earlier year's, in K
		events.add(new CapitalAdjusted(SampleEvents.envelope("RV-J62", 2, "31", LocalDate.of(2026, 1, 10)),
				InvestmentType.FDI, 1, "IRC-RV-J62", Money.usd("50"), Money.usd("150")));
		TotalsPropertyTests.Figures figures = TotalsPropertyTests.run(events);
		assertThat(figures.applied()).hasSize(6);
		Total k2025 = flow(figures, "sector", Map.of("sector", "K"), "2025", InvestmentType.FDI);
		assertThat(k2025.newProjects()).isEqualTo(3);
		assertThat(k2025.newCapital()).isEqualTo(Money.usd("1101"));
		assertThat(flow(figures, "sector", Map.of("sector", "J"), "2025", InvestmentType.FDI).newCapital())
			.isEqualTo(Money.usd("10"));
		assertThat(flow(figures, "sector", Map.of("sector", "V"), "2025", InvestmentType.FDI).newCapital())
			.isEqualTo(Money.usd("7"));
		Total k2026 = flow(figures, "sector", Map.of("sector", "K"), "2026", InvestmentType.FDI);
		assertThat(k2026.adjustments()).isEqualTo(1);
		assertThat(k2026.adjustedCapital()).isEqualTo(Money.usd("50"));
		assertThat(figures.stock().get("sector|sector=K|stock|FDI").get(2)).isEqualTo(Money.usd("1151"));
	}

	// --- 4. a correction dated in a closed month, revisions out of date order

	@Test
	void aLaterRevisionDatedInAnEarlierYearCountsByItsOwnDate() {
		String c = "RV-OOO";
		List<LicensingEvent> life = List.of(
				licence(c, "31", LocalDate.of(2024, 3, 5), InvestmentType.FDI, new Sector("C", "26"), "KR",
						Money.usd("1000")),
				new CapitalAdjusted(SampleEvents.envelope(c, 2, "31", LocalDate.of(2025, 2, 10)), InvestmentType.FDI, 1,
						"IRC-" + c, Money.usd("500"), Money.usd("1500")),
				// revision 3, dated in December 2024: the licence's year
				new CapitalAdjusted(SampleEvents.envelope(c, 3, "31", LocalDate.of(2024, 12, 30)), InvestmentType.FDI,
						2, "IRC-" + c, Money.usd("-200"), Money.usd("1300")));
		TotalsPropertyTests.Figures figures = TotalsPropertyTests.run(life);
		assertThat(figures.applied()).hasSize(3);
		Total y2024 = flow(figures, "national", Map.of(), "2024", InvestmentType.FDI);
		assertThat(y2024.newCapital()).isEqualTo(Money.usd("800"));
		assertThat(y2024.adjustments()).isZero();
		// December 2024's release runs to 31 December
		assertThat(flow(figures, "national", Map.of(), "2024-R12", InvestmentType.FDI).newCapital())
			.isEqualTo(Money.usd("-200"));
		Total y2025 = flow(figures, "national", Map.of(), "2025", InvestmentType.FDI);
		assertThat(y2025.adjustedCapital()).isEqualTo(Money.usd("500"));
		assertThat(y2025.adjustments()).isEqualTo(1);
		assertThat(nationalStock(figures, InvestmentType.FDI).get(2)).isEqualTo(Money.usd("1300"));
	}

	// --- 5. an enterprise known from contributions, later licensed

	@Test
	void aProjectLicensedAfterItsContributionsTakesTheLicencesBreakdown() {
		String c = "RV-ENT";
		List<LicensingEvent> life = new ArrayList<>();
		life.add(new CapitalContributed(SampleEvents.envelope(c, 1, "31", LocalDate.of(2024, 2, 1)), InvestmentType.FDI,
				ContributionForm.SHARE_PURCHASE, true, "0201234567", "Công ty " + c, null,
				List.of(new Investor("NĐT JP", "JP")), null, new Sector("G", "46"), Money.usd("30")));
		Licensed l = licence(c, "31", LocalDate.of(2024, 5, 2), InvestmentType.FDI, new Sector("F", "41"), "KR",
				Money.usd("1000"));
		life.add(new Licensed(SampleEvents.envelope(c, 2, "31", LocalDate.of(2024, 5, 2)), l.investmentType(),
				l.projectName(), l.ircNumber(), null, l.investors(), null, l.sector(), l.registeredCapital(), null,
				null, null));
		life.add(new CapitalAdjusted(SampleEvents.envelope(c, 3, "31", LocalDate.of(2024, 9, 3)), InvestmentType.FDI, 1,
				"IRC-" + c, Money.usd("100"), Money.usd("1100")));
		TotalsPropertyTests.Figures figures = TotalsPropertyTests.run(life);
		assertThat(figures.applied()).hasSize(3);
		// same-year adjustment: new capital, partner KR, sector F
		Total kr = flow(figures, "country", Map.of("country", "KR"), "2024", InvestmentType.FDI);
		assertThat(kr.newCapital()).isEqualTo(Money.usd("1100"));
		assertThat(kr.newProjects()).isEqualTo(1);
		assertThat(figures.stock().get("country|country=KR|stock|FDI").get(2)).isEqualTo(Money.usd("1100"));
	}

	// --- 6. a gap that timed out: revisions 3 and 4 applied without 2, then 2 late

	@Test
	void revisionsAppliedAfterTheGapTimeoutAndTheMissingOneLateEachCountByTheirOwnDates() {
		String c = "RV-GAP";
		Licensed licence = licence(c, "31", LocalDate.of(2024, 3, 15), InvestmentType.FDI, new Sector("C", "26"), "KR",
				Money.usd("1000"));
		CapitalAdjusted third = new CapitalAdjusted(SampleEvents.envelope(c, 3, "31", LocalDate.of(2024, 5, 10)),
				InvestmentType.FDI, 1, "IRC-" + c, Money.usd("500"), Money.usd("1500"));
		Disbursed fourth = new Disbursed(SampleEvents.envelope(c, 4, "31", LocalDate.of(2024, 6, 10)),
				InvestmentType.FDI, Money.usd("100"));
		Disbursed second = new Disbursed(SampleEvents.envelope(c, 2, "31", LocalDate.of(2024, 4, 10)),
				InvestmentType.FDI, Money.usd("50"));
		// revision 2 comes six minutes later, past the five minutes' gap timeout
		TotalsPropertyTests.Figures figures = TotalsPropertyTests.run(List.of(licence, third, fourth),
				java.time.Duration.ofMinutes(6), List.of(second));
		assertThat(figures.applied()).as("every event applied, the missing one last").hasSize(4);
		assertThat(figures.applied())
			.extracting((entry) -> Topics.appliedEntrySerde().deserializer().deserialize("", entry.value).revision())
			.containsExactly(1L, 3L, 4L, 2L);
		Total y2024 = flow(figures, "national", Map.of(), "2024", InvestmentType.FDI);
		// the adjustment in the licence's year is new capital (README "Counting rules")
		assertThat(y2024.newProjects()).isEqualTo(1);
		assertThat(y2024.newCapital()).isEqualTo(Money.usd("1500"));
		assertThat(y2024.adjustments()).isZero();
		assertThat(y2024.realisedCapital()).isEqualTo(Money.usd("150"));
		// each in the release of its own date: 10 April in April's (to the 20th)
		assertThat(flow(figures, "national", Map.of(), "2024-R03", InvestmentType.FDI).newCapital())
			.isEqualTo(Money.usd("1000"));
		assertThat(flow(figures, "national", Map.of(), "2024-R04", InvestmentType.FDI).realisedCapital())
			.isEqualTo(Money.usd("50"));
		assertThat(flow(figures, "national", Map.of(), "2024-R05", InvestmentType.FDI).newCapital())
			.isEqualTo(Money.usd("500"));
		assertThat(flow(figures, "national", Map.of(), "2024-R06", InvestmentType.FDI).realisedCapital())
			.isEqualTo(Money.usd("100"));
		assertThat(nationalStock(figures, InvestmentType.FDI)).containsExactly(1L, 0L, Money.usd("1500"),
				Money.usd("150"));
	}

}
