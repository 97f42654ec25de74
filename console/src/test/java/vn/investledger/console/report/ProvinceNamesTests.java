package vn.investledger.console.report;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import vn.investledger.events.reference.ProvinceUnit;
import vn.investledger.events.reference.Provinces;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A report's province line is named after the units its code denoted on the report's days
 * as licensed, and after today's unit restated.
 */
class ProvinceNamesTests {

	private static final LocalDate JANUARY = LocalDate.of(2025, 1, 1);

	@Test
	void shouldNameALicensedLineAfterEachUnitItsCodeDenotedInTheReport() {
		// to 20 June 2025: Bắc Giang alone; to 20 July 2025: its code's new unit too
		assertThat(MonthlyReports.provinceName("24", false, JANUARY, LocalDate.of(2025, 6, 20))).isEqualTo("Bắc Giang");
		assertThat(MonthlyReports.provinceName("24", false, JANUARY, LocalDate.of(2025, 7, 20)))
			.isEqualTo("Bắc Giang / Bắc Ninh");
		assertThat(MonthlyReports.provinceName("24", false, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 20)))
			.isEqualTo("Bắc Ninh");
		// renamed on 1 January 2025
		assertThat(MonthlyReports.provinceName("46", false, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)))
			.isEqualTo("Thừa Thiên Huế");
		assertThat(MonthlyReports.provinceName("46", false, JANUARY, LocalDate.of(2025, 12, 31))).isEqualTo("Huế");
		// merged away: its own name, in its last year and after
		assertThat(MonthlyReports.provinceName("27", false, JANUARY, LocalDate.of(2025, 12, 31))).isEqualTo("Bắc Ninh");
		assertThat(MonthlyReports.provinceName("30", false, JANUARY, LocalDate.of(2025, 12, 31)))
			.isEqualTo("Hải Dương");
	}

	@Test
	void shouldNameARestatedLineAfterTodaysUnit() {
		assertThat(MonthlyReports.provinceName("24", true, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 3, 20)))
			.isEqualTo("Bắc Ninh");
		assertThat(MonthlyReports.provinceName("46", true, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)))
			.isEqualTo("Huế");
		assertThat(MonthlyReports.provinceName("52", true, JANUARY, LocalDate.of(2025, 6, 20))).isEqualTo("Gia Lai");
	}

	@Test
	void shouldNameEveryUnitOfTheReferenceInItsYearsAndAnUnknownCodeByItself() {
		for (ProvinceUnit unit : Provinces.standard().all()) {
			for (int year = 2023; year <= 2027; year++) {
				LocalDate from = LocalDate.of(year, 1, 1);
				LocalDate to = LocalDate.of(year, 12, 31);
				String licensed = MonthlyReports.provinceName(unit.code(), false, from, to);
				String restated = MonthlyReports.provinceName(unit.code(), true, from, to);
				if (unit.inForceDuring(from, to)) {
					assertThat(licensed.split(" / ")).as("%s in %d", unit.code(), year).contains(unit.name());
				}
				assertThat(restated).as("%s restated", unit.code())
					.isEqualTo(Provinces.standard().unitsOf(unit.code()).getLast().name());
			}
		}
		assertThat(MonthlyReports.provinceName("99", false, JANUARY, LocalDate.of(2025, 12, 31))).isEqualTo("99");
	}

}
