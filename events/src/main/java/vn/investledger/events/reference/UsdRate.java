package vn.investledger.events.reference;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Objects;

import vn.investledger.events.Currency;
import vn.investledger.events.Money;

/**
 * One dated VND/USD reference rate, applied to events effective from its date until the
 * next rate's.
 *
 * @param from the first effective date it applies to
 * @param vndPerUsd đồng per US dollar, at least {@value #MIN_VND_PER_USD} (the real rate
 * has been above 10,000 since 1994): converting đồng to cents then never enlarges an
 * amount, which the processor's bound on its sums relies on; at most
 * {@value #MAX_VND_PER_USD} (it was some 26,000 in 2025): a rate with a digit too many
 * would make every dollar figure ten times too small
 * @param name what the rate is, as officials will read it beside a combined figure: at
 * most {@value #MAX_NAME_LENGTH} characters, none of them a control character
 */
public record UsdRate(LocalDate from, BigDecimal vndPerUsd, String name) {

	/** The lowest rate a table may hold, in đồng per dollar. */
	public static final int MIN_VND_PER_USD = 1000;

	/** The highest rate a table may hold, in đồng per dollar. */
	public static final int MAX_VND_PER_USD = 100_000;

	/** The longest name of a rate, in characters. */
	public static final int MAX_NAME_LENGTH = 200;

	public UsdRate {
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(vndPerUsd, "vndPerUsd");
		if (vndPerUsd.compareTo(BigDecimal.valueOf(MIN_VND_PER_USD)) < 0
				|| vndPerUsd.compareTo(BigDecimal.valueOf(MAX_VND_PER_USD)) > 0) {
			throw new IllegalArgumentException("A VND/USD rate is at least " + MIN_VND_PER_USD + " and at most "
					+ MAX_VND_PER_USD + " đồng per dollar, was " + ReferenceCsv.shown(vndPerUsd));
		}
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("The rate from " + from + " has no name");
		}
		if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH
				|| name.codePoints().anyMatch(Character::isISOControl)) {
			throw new IllegalArgumentException("The name of the rate from " + from + " is longer than "
					+ MAX_NAME_LENGTH + " characters or holds a control character");
		}
	}

	/**
	 * An amount in US dollars: đồng divided by the rate and rounded half-even to the
	 * cent; dollars unchanged.
	 * @param amount an amount in VND or USD
	 * @return the amount in USD
	 */
	public Money toUsd(Money amount) {
		if (amount.currency() == Currency.USD) {
			return amount;
		}
		BigDecimal cents = amount.toMajor()
			.movePointRight(Currency.USD.minorUnitDigits())
			.divide(this.vndPerUsd, 0, RoundingMode.HALF_EVEN);
		return new Money(cents.longValueExact(), Currency.USD);
	}

	/**
	 * The rate as it is named beside a figure, its rate written as the table's
	 * fingerprint writes it ({@code 24360.0} as {@code 24360}): two tables with the same
	 * fingerprint name their rates alike.
	 * @return e.g. {@code press-implied 2024: 24360 VND/USD from 2024-01-01}
	 */
	public String label() {
		return this.name + ": " + plain(this.vndPerUsd) + " VND/USD from " + this.from;
	}

	/**
	 * A rate as the tables' fingerprints and labels write it: no trailing zeros.
	 * @param vndPerUsd a rate
	 * @return e.g. {@code 24360} for {@code 24360.00}
	 */
	static String plain(BigDecimal vndPerUsd) {
		return vndPerUsd.stripTrailingZeros().toPlainString();
	}

}
