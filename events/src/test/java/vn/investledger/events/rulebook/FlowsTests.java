package vn.investledger.events.rulebook;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import vn.investledger.events.CapitalAdjusted;
import vn.investledger.events.CapitalContributed;
import vn.investledger.events.ContributionForm;
import vn.investledger.events.Disbursed;
import vn.investledger.events.EventEnvelope;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Investor;
import vn.investledger.events.Licensed;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Money;
import vn.investledger.events.ProjectState;
import vn.investledger.events.Sector;
import vn.investledger.events.Suspended;
import vn.investledger.events.Total;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flow each kind of event makes, and FIA's definition of an adjustment: as the
 * releases word it, "lượt dự án đã cấp phép từ các năm trước đăng ký điều chỉnh vốn đầu
 * tư tăng thêm".
 */
class FlowsTests {

	private static final LocalDate LICENSED_ON = LocalDate.of(2024, 3, 15);

	@Nested
	class AnAdjustment {

		@Test
		void shouldCountAnIncreaseOfAProjectOfAnEarlierYearAsOneAdjustment() {
			Total cell = flowAfterLicence(adjustment(LocalDate.of(2025, 6, 10), "250000000", "1250000000"));

			assertThat(cell.adjustments()).isEqualTo(1);
			assertThat(cell.adjustedCapital()).isEqualTo(Money.usd("250000000"));
			assertThat(cell.newProjects()).isZero();
			assertThat(cell.newCapital()).isEqualTo(Money.usd("0"));
		}

		@Test
		void shouldLowerTheAdjustedCapitalByADecreaseWithoutCountingAnAdjustment() {
			Total cell = flowAfterLicence(adjustment(LocalDate.of(2025, 6, 10), "-50000000", "950000000"));

			assertThat(cell.adjustments()).isZero();
			assertThat(cell.adjustedCapital()).isEqualTo(Money.usd("-50000000"));
			assertThat(cell.newCapital()).isEqualTo(Money.usd("0"));
		}

		@Test
		void shouldAddAnIncreaseOfAProjectOfTheSameYearToTheNewCapital() {
			Total cell = flowAfterLicence(adjustment(LocalDate.of(2024, 9, 10), "250000000", "1250000000"));

			assertThat(cell.newCapital()).isEqualTo(Money.usd("250000000"));
			assertThat(cell.newProjects()).isZero();
			assertThat(cell.adjustments()).isZero();
			assertThat(cell.adjustedCapital()).isEqualTo(Money.usd("0"));
			// in the adjustment's own period, not the licence's
			assertThat(cell.period()).isEqualTo("2024-09-01");
		}

		@Test
		void shouldTakeADecreaseOfAProjectOfTheSameYearFromTheNewCapital() {
			Total cell = flowAfterLicence(adjustment(LocalDate.of(2024, 12, 30), "-50000000", "950000000"));

			assertThat(cell.newCapital()).isEqualTo(Money.usd("-50000000"));
			assertThat(cell.adjustments()).isZero();
		}

		@Test
		void shouldCountAnAdjustmentOfAProjectWhoseLicenceIsUnknownAsOfAnEarlierYear() {
			CapitalAdjusted adjustment = adjustment(LICENSED_ON.plusMonths(1), "250000000", "1250000000");
			ProjectState after = StateTransitions.apply(ProjectState.none("2104567890"), adjustment, "31", true, true,
					List.of(1L));

			Total cell = Flows.cellOf(adjustment, after, Rules.standard()).orElseThrow();

			assertThat(cell.adjustments()).isEqualTo(1);
			assertThat(cell.adjustedCapital()).isEqualTo(Money.usd("250000000"));
			// nothing names its zone, country or sector yet: national and province only
			assertThat(cell.dimensions()).containsOnlyKeys("province", "restated");
		}

	}

	@Test
	void shouldCountALicenceAsOneNewProject() {
		Licensed licence = licence();

		Total cell = Flows.cellOf(licence, after(ProjectState.none("2104567890"), licence), Rules.standard())
			.orElseThrow();

		assertThat(cell.newProjects()).isEqualTo(1);
		assertThat(cell.newCapital()).isEqualTo(Money.usd("1000000000"));
		assertThat(cell.dimensions()).containsEntry("province", "31")
			.containsEntry("restated", "31")
			.containsEntry("zone", "HP-TRANG-DUE")
			.containsEntry("country", "KR")
			.containsEntry("sector", "C");
	}

	@Nested
	class TheSectorOfAFigure {

		@ParameterizedTest(name = "{0}/{1} dated {2} counts in VSIC 2025 section {3}")
		@CsvSource(nullValues = "none", textBlock = """
				# VSIC 2018 finance (K) is L in VSIC 2025, real estate (L) is M
				K, 64, 2024-03-15, L
				L, 68, 2025-11-14, M
				# VSIC 2018 information and communication (J) split by division
				J, 62, 2024-03-15, K
				J, 58, 2024-03-15, J
				# a VSIC 2018 J without its division cannot be restated: no sector figure
				J, none, 2024-03-15, none
				# VSIC 2025 as it is
				K, 62, 2025-11-15, K
				V, 99, 2026-01-05, V
				# A to I did not move
				C, 26, 2020-01-01, C
				""")
		void shouldCountInTheSectionOfVsic2025(String section, String division, LocalDate date, String today) {
			Licensed licence = withSector(new Sector(section, division), date);

			Total cell = Flows.cellOf(licence, after(ProjectState.none("2104567890"), licence), Rules.standard())
				.orElseThrow();

			assertThat(cell.dimensions().get("sector")).isEqualTo(today);
		}

		@Test
		void shouldRestateAnAdjustmentByTheEditionItsLicenceWasClassifiedIn() {
			// licensed as VSIC 2018 K (finance), adjusted after VSIC 2025 came into force
			Licensed licence = withSector(new Sector("K", "64"), LocalDate.of(2025, 3, 1));
			ProjectState licensed = after(ProjectState.none("2104567890"), licence);
			CapitalAdjusted adjustment = adjustment(LocalDate.of(2026, 2, 1), "1", "1000000001");

			Total cell = Flows.cellOf(adjustment, after(licensed, adjustment), Rules.standard()).orElseThrow();

			assertThat(cell.dimensions()).containsEntry("sector", "L");
		}

		private static Licensed withSector(Sector sector, LocalDate date) {
			Licensed licence = licence();
			return new Licensed(envelope(1, date), licence.investmentType(), licence.projectName(), licence.ircNumber(),
					licence.enterpriseCode(), licence.investors(), licence.zoneCode(), sector,
					licence.registeredCapital(), licence.landAreaHa(), licence.plannedEmployment(),
					licence.durationYears());
		}

	}

	@Test
	void shouldCountAContributionAsOneTransaction() {
		CapitalContributed contribution = new CapitalContributed(envelope(1, LICENSED_ON), InvestmentType.FDI,
				ContributionForm.SHARE_PURCHASE, true, "0201234567-001", "Công ty CP Cảng Nam Đình Vũ", null,
				List.of(new Investor("Kyocera Corporation", "JP")), "HP-NAM-DINH-VU", new Sector("H", "5222"),
				Money.usd("12500000"));

		Total cell = Flows.cellOf(contribution, after(ProjectState.none("2104567890"), contribution), Rules.standard())
			.orElseThrow();

		assertThat(cell.contributions()).isEqualTo(1);
		assertThat(cell.contributionCapital()).isEqualTo(Money.usd("12500000"));
		assertThat(cell.dimensions()).containsEntry("country", "JP").containsEntry("sector", "H");
	}

	@Test
	void shouldCountADisbursementAsRealisedCapitalOnly() {
		Total cell = flowAfterLicence(
				new Disbursed(envelope(2, LocalDate.of(2025, 1, 5)), InvestmentType.FDI, Money.usd("80000000")));

		assertThat(cell.realisedCapital()).isEqualTo(Money.usd("80000000"));
		assertThat(cell.newProjects() + cell.adjustments() + cell.contributions()).isZero();
	}

	@Test
	void shouldMakeNoFlowOfASuspension() {
		Suspended suspension = new Suspended(envelope(2, LocalDate.of(2025, 1, 5)), "Tạm ngừng", null);

		assertThat(Flows.cellOf(suspension, after(licensed(), suspension), Rules.standard())).isEmpty();
	}

	/**
	 * Whatever a project's adjustments, the new and adjusted capital its events add up to
	 * is its registered capital: the flows and the stock tell one story.
	 */
	@Property
	void shouldAddUpToTheRegisteredCapital(
			@ForAll @Size(max = 12) List<@LongRange(min = -1_000_000_00L, max = 5_000_000_00L) Long> changes,
			@ForAll @IntRange(min = 0, max = 1000) int daysBetween) {
		Licensed licence = licence();
		ProjectState state = after(ProjectState.none("2104567890"), licence);
		Money flows = Flows.cellOf(licence, state, Rules.standard()).orElseThrow().registeredCapital();
		long registered = licence.registeredCapital().minorUnits();
		LocalDate date = LICENSED_ON;
		List<Total> cells = new ArrayList<>();
		for (long change : changes) {
			if (registered + change <= 0) {
				continue;
			}
			registered += change;
			date = date.plusDays(daysBetween);
			CapitalAdjusted adjustment = new CapitalAdjusted(envelope(cells.size() + 2, date), InvestmentType.FDI,
					cells.size() + 1, "2104567890", new Money(change, licence.registeredCapital().currency()),
					new Money(registered, licence.registeredCapital().currency()));
			state = after(state, adjustment);
			Total cell = Flows.cellOf(adjustment, state, Rules.standard()).orElseThrow();
			cells.add(cell);
			flows = flows.plus(cell.newCapital()).plus(cell.adjustedCapital());
			assertThat(cell.adjustments()).isEqualTo((cell.adjustedCapital().minorUnits() > 0) ? 1 : 0);
		}

		assertThat(flows).isEqualTo(state.registeredCapital());
	}

	private static Total flowAfterLicence(LicensingEvent event) {
		return Flows.cellOf(event, after(licensed(), event), Rules.standard()).orElseThrow();
	}

	private static ProjectState licensed() {
		return after(ProjectState.none("2104567890"), licence());
	}

	private static ProjectState after(ProjectState before, LicensingEvent event) {
		return StateTransitions.apply(before, event, "31", true, true, List.of());
	}

	private static Licensed licence() {
		return new Licensed(envelope(1, LICENSED_ON), InvestmentType.FDI, "Nhà máy linh kiện LG Innotek Hải Phòng",
				"2104567890", "0201234567", List.of(new Investor("LG Innotek Co., Ltd.", "KR")), "HP-TRANG-DUE",
				new Sector("C", "26"), Money.usd("1000000000"), new BigDecimal("40.5"), 3000, 50);
	}

	private static CapitalAdjusted adjustment(LocalDate on, String change, String registered) {
		return new CapitalAdjusted(envelope(2, on), InvestmentType.FDI, 1, "2104567890", Money.usd(change),
				Money.usd(registered));
	}

	private static EventEnvelope envelope(long revision, LocalDate effectiveDate) {
		return new EventEnvelope(EventEnvelope.CURRENT_SCHEMA_VERSION, UUID.randomUUID(), "2104567890", revision, "31",
				effectiveDate, Instant.parse("2026-01-05T03:00:00Z").plusSeconds(revision));
	}

}
