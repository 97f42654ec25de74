package vn.investledger.events;

import java.math.BigDecimal;
import java.math.RoundingMode;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An amount in major units is read exactly, or refused: never read as a thousandth of
 * what a clerk meant by writing a thousands separator.
 */
class MoneyTests {

	@Property
	void shouldReadAnAmountWrittenWithAtMostItsCurrencysDecimalsExactly(
			@ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long minorUnits,
			@ForAll Currency currency, @ForAll @IntRange(min = 0, max = 2) int decimals) {
		int shown = Math.min(decimals, currency.minorUnitDigits());
		BigDecimal major = BigDecimal.valueOf(minorUnits, currency.minorUnitDigits())
			.setScale(shown, RoundingMode.DOWN);
		Money money = Money.ofMajor(major, currency);
		assertThat(money.currency()).isEqualTo(currency);
		assertThat(BigDecimal.valueOf(money.minorUnits(), currency.minorUnitDigits())).isEqualByComparingTo(major);
	}

	@Property
	void shouldRefuseAnAmountWrittenWithMoreDecimalsThanItsCurrencyHasEvenZeros(
			@ForAll @LongRange(min = 0, max = 1_000_000_000L) long whole, @ForAll Currency currency,
			@ForAll @IntRange(min = 1, max = 3) int extra) {
		// 750.000 dollars, 500.000 đồng: a thousands separator, not a fraction
		BigDecimal major = BigDecimal.valueOf(whole).setScale(currency.minorUnitDigits() + extra);
		assertThatExceptionOfType(ArithmeticException.class).isThrownBy(() -> Money.ofMajor(major, currency))
			.withMessageContaining("at most " + currency.minorUnitDigits() + " decimals");
	}

	@Property
	void shouldReadATwoDecimalDollarAmountAsCents(@ForAll @LongRange(min = 0, max = 999_999) long dollars) {
		assertThat(Money.usd(dollars + ".00").minorUnits()).isEqualTo(dollars * 100);
		assertThat(Money.usd(dollars + ".5").minorUnits()).isEqualTo(dollars * 100 + 50);
	}

}
