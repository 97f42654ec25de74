package vn.investledger.events.reference;

import java.time.LocalDate;
import java.util.Objects;

import vn.investledger.events.Currency;
import vn.investledger.events.Money;

/**
 * A province's investment target for a year (kế hoạch năm), as set from a date: each
 * target is measured against the year's total registered capital (new, adjusted and
 * contributed).
 *
 * @param province the code of today's unit it was set for
 * @param year the year
 * @param from the date it was set (a later row of the same province and year revises it)
 * @param fdi FDI registered capital in USD, or {@code null} for no FDI target
 * @param ddi DDI registered capital in VND, or {@code null} for no DDI target
 * @param total FDI and DDI together in USD, or {@code null} for no combined target
 * @param source the decision or document that set it
 */
public record InvestmentTarget(String province, int year, LocalDate from, Money fdi, Money ddi, Money total,
		String source) {

	public InvestmentTarget {
		Objects.requireNonNull(province, "province");
		Objects.requireNonNull(from, "from");
		if (fdi == null && ddi == null && total == null) {
			throw new IllegalArgumentException("no target: give fdi_million_usd, ddi_billion_vnd or total_million_usd");
		}
		requirePositive(fdi, Currency.USD, "fdi_million_usd");
		requirePositive(ddi, Currency.VND, "ddi_billion_vnd");
		requirePositive(total, Currency.USD, "total_million_usd");
		if (from.getYear() > year) {
			throw new IllegalArgumentException("a target of " + year + " set on " + from + ", after its year");
		}
		if (source == null || source.isBlank()) {
			throw new IllegalArgumentException("a target needs its source");
		}
	}

	private static void requirePositive(Money amount, Currency currency, String column) {
		if (amount != null && (amount.currency() != currency || amount.minorUnits() <= 0)) {
			throw new IllegalArgumentException(
					column + " must be a positive amount in " + currency + ", was " + amount);
		}
	}

}
