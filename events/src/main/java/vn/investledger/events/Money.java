package vn.investledger.events;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An exact amount of money: a whole number of the currency's minor units (US cents,
 * đồng). Never a floating-point number.
 *
 * @param minorUnits the amount in minor units; negative for a reduction
 * @param currency the ISO 4217 currency
 */
public record Money(long minorUnits, Currency currency) {

	public Money {
		Objects.requireNonNull(currency, "currency");
	}

	public static Money zero(Currency currency) {
		return new Money(0, currency);
	}

	public static Money usd(String major) {
		return ofMajor(new BigDecimal(major), Currency.USD);
	}

	public static Money vnd(long dong) {
		return new Money(dong, Currency.VND);
	}

	/**
	 * Converts an amount in major units to minor units, exactly or not at all: refusing a
	 * fraction finer than the minor unit, and an amount written with three decimals in a
	 * currency that has fewer. {@code 750.000} dollars and {@code 1.500} dollars are most
	 * likely US$750,000 and US$1,500 written with a thousands separator, as Vietnamese
	 * writes them, never to be read as US$750 and US$1.50; {@code 500.000} đồng likewise.
	 * Trailing zeros otherwise are taken ({@code 265000000000.00} đồng).
	 * @param major the amount in major units (dollars, đồng)
	 * @param currency the currency
	 * @return the exact amount
	 * @throws ArithmeticException if the amount is written as a thousands group, is finer
	 * than the minor unit, or overflows
	 */
	public static Money ofMajor(BigDecimal major, Currency currency) {
		if (looksLikeThousands(major, currency)) {
			throw new ArithmeticException("An amount of " + currency + " has at most " + currency.minorUnitDigits()
					+ " decimals; three are a thousands group (750.000 is 750000)");
		}
		return new Money(major.movePointRight(currency.minorUnitDigits()).longValueExact(), currency);
	}

	/**
	 * Whether an amount is written as a number with a thousands separator would be read:
	 * with exactly three decimals, in a currency that has fewer.
	 * @param major the amount as written
	 * @param currency the currency
	 * @return whether it is ambiguous so
	 */
	public static boolean looksLikeThousands(BigDecimal major, Currency currency) {
		return major.scale() == 3 && currency.minorUnitDigits() < 3;
	}

	public Money plus(Money other) {
		requireSameCurrency(other);
		return new Money(Math.addExact(this.minorUnits, other.minorUnits), this.currency);
	}

	public Money minus(Money other) {
		requireSameCurrency(other);
		return new Money(Math.subtractExact(this.minorUnits, other.minorUnits), this.currency);
	}

	/**
	 * The amount in major units, exact.
	 * @return dollars or đồng as a decimal
	 */
	public BigDecimal toMajor() {
		return BigDecimal.valueOf(this.minorUnits, this.currency.minorUnitDigits());
	}

	private void requireSameCurrency(Money other) {
		if (other.currency != this.currency) {
			throw new IllegalArgumentException("Cannot combine " + this.currency + " with " + other.currency);
		}
	}

	@Override
	public String toString() {
		return toMajor().toPlainString() + " " + this.currency;
	}

}
