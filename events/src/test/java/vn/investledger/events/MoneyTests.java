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
	void shouldRefuseAnAmountWrittenWithThreeDecimalsAsAThousandsGroup(
			@ForAll @LongRange(min = 0, max = 1_000_000_000L) long whole, @ForAll Currency currency,
			@ForAll @IntRange(min = 0, max = 999) int group) {
		// 750.000 dollars, 1.500 dollars, 500.000 đồng: a thousands separator, not a
		// fraction
		BigDecimal major = BigDecimal.valueOf(whole * 1000 + group, 3);
		assertThatExceptionOfType(ArithmeticException.class).isThrownBy(() -> Money.ofMajor(major, currency))
			.withMessageContaining("three are a thousands group");
	}

	@Property
	void shouldTakeTrailingZerosOtherwise(@ForAll @LongRange(min = 0, max = 1_000_000_000L) long whole,
			@ForAll Currency currency, @ForAll @IntRange(min = 1, max = 6) int zeros) {
		int scale = currency.minorUnitDigits() + zeros;
		if (scale == 3) {
			return;
		}
		// 265000000000.00 đồng, as a spreadsheet formats it
		BigDecimal major = BigDecimal.valueOf(whole).setScale(scale);
		assertThat(Money.ofMajor(major, currency).minorUnits())
			.isEqualTo(BigDecimal.valueOf(whole).movePointRight(currency.minorUnitDigits()).longValueExact());
	}

	@Property
	void shouldRefuseAFractionFinerThanTheMinorUnit(@ForAll @LongRange(min = 0, max = 1_000_000_000L) long whole,
			@ForAll Currency currency) {
		BigDecimal major = BigDecimal.valueOf(whole * 10 + 1, currency.minorUnitDigits() + 1);
		assertThatExceptionOfType(ArithmeticException.class).isThrownBy(() -> Money.ofMajor(major, currency));
	}

	@Property
	void shouldReadATwoDecimalDollarAmountAsCents(@ForAll @LongRange(min = 0, max = 999_999) long dollars) {
		assertThat(Money.usd(dollars + ".00").minorUnits()).isEqualTo(dollars * 100);
		assertThat(Money.usd(dollars + ".5").minorUnits()).isEqualTo(dollars * 100 + 50);
	}

}
