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
	 * Converts an amount in major units to minor units, refusing an amount written with
	 * more decimals than the currency has, even zeros: {@code 750.000} dollars is most
	 * likely US$750,000 written with a thousands separator, never to be read as US$750,
	 * and {@code 500.000} đồng likewise.
	 * @param major the amount in major units (dollars, đồng)
	 * @param currency the currency
	 * @return the exact amount
	 * @throws ArithmeticException if the amount is written with more decimals than the
	 * currency has, or overflows
	 */
	public static Money ofMajor(BigDecimal major, Currency currency) {
		if (major.scale() > currency.minorUnitDigits()) {
			throw new ArithmeticException("An amount of " + currency + " has at most " + currency.minorUnitDigits()
					+ " decimals; this one is written with " + major.scale());
		}
		return new Money(major.movePointRight(currency.minorUnitDigits()).longValueExact(), currency);
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
