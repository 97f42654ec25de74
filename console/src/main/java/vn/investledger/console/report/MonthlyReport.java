package vn.investledger.console.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import vn.investledger.events.Currency;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Money;

/**
 * The monthly release in FIA's layout: flows from 1 January to the cut-off day of a month
 * (the sum of the year's report months to this one), nationally and by province, partner
 * country and sector, for FDI and for DDI apart.
 *
 * @param year the year
 * @param month the report's month
 * @param from the first day covered, 1 January
 * @param to the cut-off day of the month, by the report calendar of its year: the 20th up
 * to 2023, December's too; the 20th in 2024 but 31 December; the month's end from 2025
 * @param provinces {@code restated} (today's units, as FIA publishes) or {@code licensed}
 * @param asOf the emission time of the newest event the figures reflect
 * @param sections FDI, then DDI
 */
public record MonthlyReport(int year, int month, LocalDate from, LocalDate to, String provinces, Instant asOf,
		List<Section> sections) {

	/**
	 * One investment type's part.
	 *
	 * @param type FDI or DDI
	 * @param national the whole country
	 * @param byProvince by province, largest total registered capital first
	 * @param byCountry by partner country or territory
	 * @param bySector by VSIC section
	 */
	public record Section(InvestmentType type, Row national, List<Row> byProvince, List<Row> byCountry,
			List<Row> bySector) {

	}

	/**
	 * One line of a table: what FIA reports for a province, country or sector.
	 *
	 * @param code the province code, country code or VSIC section; empty for the nation
	 * @param name its name
	 * @param newProjects new projects (số dự án cấp mới)
	 * @param newCapital their registered capital (vốn đăng ký cấp mới)
	 * @param adjustments adjustment events (số lượt điều chỉnh vốn)
	 * @param adjustedCapital the signed sum of adjustments (vốn đăng ký điều chỉnh)
	 * @param contributions contribution and share purchase transactions (số lượt góp vốn,
	 * mua cổ phần)
	 * @param contributionCapital their value (giá trị góp vốn, mua cổ phần)
	 * @param registeredCapital the three together (tổng vốn đăng ký)
	 * @param realisedCapital capital disbursed (vốn thực hiện)
	 */
	public record Row(String code, String name, long newProjects, Money newCapital, long adjustments,
			Money adjustedCapital, long contributions, Money contributionCapital, Money registeredCapital,
			Money realisedCapital) {

		static Row zero(String code, String name, Currency currency) {
			Money zero = Money.zero(currency);
			return new Row(code, name, 0, zero, 0, zero, 0, zero, zero, zero);
		}

		Row plus(long newProjects, Money newCapital, long adjustments, Money adjustedCapital, long contributions,
				Money contributionCapital, Money realisedCapital) {
			Money newSum = this.newCapital.plus(newCapital);
			Money adjustedSum = this.adjustedCapital.plus(adjustedCapital);
			Money contributionSum = this.contributionCapital.plus(contributionCapital);
			return new Row(this.code, this.name, this.newProjects + newProjects, newSum, this.adjustments + adjustments,
					adjustedSum, this.contributions + contributions, contributionSum,
					newSum.plus(adjustedSum).plus(contributionSum), this.realisedCapital.plus(realisedCapital));
		}

	}

}
