package vn.investledger.console.release;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import vn.investledger.events.Currency;

/**
 * The one rule by which a release's exact figures are written for people, in its text and
 * beside each number of its tables (README, "Official releases", "Display rule"). Every
 * figure is kept exact; only its display is rounded, half-up (a half goes away from
 * zero), from the exact integers, never through a double:
 * <ul>
 * <li>USD: in tỷ USD (US$ billion) with 2 decimals when the amount rounds to 999.95
 * million or more, otherwise in triệu USD (US$ million) with 1 decimal;</li>
 * <li>VND: in tỷ đồng (VND billion) with 1 decimal;</li>
 * <li>a non-zero amount that rounds to zero is written "&lt; 0,1 triệu USD";</li>
 * <li>a percentage (a change on a year earlier, a share) with 1 decimal, and a ratio
 * ("gấp 6,1 lần") with 1 decimal;</li>
 * <li>counts in full; Vietnamese groups digits with "." and writes decimals after ",",
 * English the other way round.</li>
 * </ul>
 * The console's pages round amounts by the same rule ({@code console.js}, {@code money}).
 */
public final class DisplayRule {

	private static final BigInteger TWO = BigInteger.TWO;

	private static final DateTimeFormatter VI_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

	private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

	private DisplayRule() {
	}

	/**
	 * The languages of a release.
	 */
	public enum Language {

		VI('.', ','), EN(',', '.');

		private final char group;

		private final char decimal;

		Language(char group, char decimal) {
			this.group = group;
			this.decimal = decimal;
		}

	}

	/**
	 * An amount in the officials' units.
	 * @param minorUnits the exact amount in minor units
	 * @param currency its currency
	 * @param language the language
	 * @return e.g. {@code 31,52 tỷ USD}, {@code US$350.4 million},
	 * {@code 4.507,0 tỷ đồng}
	 */
	public static String money(long minorUnits, Currency currency, Language language) {
		BigInteger magnitude = BigInteger.valueOf(minorUnits).abs();
		String sign = (minorUnits < 0) ? "-" : "";
		if (currency == Currency.USD) {
			// cents: 10^7 of them are 0.1 triệu USD, 10^9 are 0.01 tỷ USD
			BigInteger tenthsOfMillion = roundHalfUp(magnitude, BigInteger.TEN.pow(7));
			if (tenthsOfMillion.compareTo(BigInteger.valueOf(10_000)) >= 0) {
				return sign + usdBillion(decimal(roundHalfUp(magnitude, BigInteger.TEN.pow(9)), 2, language), language);
			}
			if (tenthsOfMillion.signum() == 0 && magnitude.signum() > 0) {
				return ((minorUnits < 0) ? "> -" : "< ") + usdMillion(decimal(BigInteger.ONE, 1, language), language);
			}
			return sign + usdMillion(decimal(tenthsOfMillion, 1, language), language);
		}
		// đồng: 10^8 of them are 0.1 tỷ đồng
		BigInteger tenthsOfBillion = roundHalfUp(magnitude, BigInteger.TEN.pow(8));
		if (tenthsOfBillion.signum() == 0 && magnitude.signum() > 0) {
			return ((minorUnits < 0) ? "> -" : "< ") + vndBillion(decimal(BigInteger.ONE, 1, language), language);
		}
		return sign + vndBillion(decimal(tenthsOfBillion, 1, language), language);
	}

	/**
	 * A count.
	 * @param count the count
	 * @param language the language
	 * @return e.g. {@code 3.321} in Vietnamese, {@code 3,321} in English
	 */
	public static String count(long count, Language language) {
		String digits = decimal(BigInteger.valueOf(count).abs(), 0, language);
		return (count < 0) ? "-" + digits : digits;
	}

	/**
	 * A number with one decimal, as percentages and ratios are written.
	 * @param value the rounded value, scale 1
	 * @param language the language
	 * @return e.g. {@code 15,6} in Vietnamese
	 */
	public static String oneDecimal(BigDecimal value, Language language) {
		BigInteger units = value.setScale(1, RoundingMode.UNNECESSARY).unscaledValue();
		String digits = decimal(units.abs(), 1, language);
		return (units.signum() < 0) ? "-" + digits : digits;
	}

	/**
	 * {@code 100 × part / whole}, rounded half-up to one decimal.
	 * @param part the part
	 * @param whole the whole, not zero
	 * @return the percentage, scale 1
	 */
	public static BigDecimal percent(long part, long whole) {
		return new BigDecimal(BigInteger.valueOf(part).multiply(BigInteger.valueOf(100)))
			.divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
	}

	/**
	 * {@code 100 × (current − previous) / previous}, rounded half-up to one decimal.
	 * @param current this year's figure
	 * @param previous a year earlier's, positive
	 * @return the change in percent, scale 1
	 */
	static BigDecimal change(long current, long previous) {
		BigInteger difference = BigInteger.valueOf(current).subtract(BigInteger.valueOf(previous));
		return new BigDecimal(difference.multiply(BigInteger.valueOf(100))).divide(BigDecimal.valueOf(previous), 1,
				RoundingMode.HALF_UP);
	}

	/**
	 * {@code current / previous}, rounded half-up to one decimal.
	 * @param current this year's figure
	 * @param previous a year earlier's, positive
	 * @return the ratio, scale 1
	 */
	static BigDecimal ratio(long current, long previous) {
		return BigDecimal.valueOf(current).divide(BigDecimal.valueOf(previous), 1, RoundingMode.HALF_UP);
	}

	/**
	 * A day.
	 * @param date the day
	 * @param language the language
	 * @return {@code 31/10/2025} in Vietnamese, {@code 31 October 2025} in English
	 */
	public static String date(LocalDate date, Language language) {
		return ((language == Language.VI) ? VI_DATE : EN_DATE).format(date);
	}

	private static String usdBillion(String number, Language language) {
		return (language == Language.VI) ? number + " tỷ USD" : "US$" + number + " billion";
	}

	private static String usdMillion(String number, Language language) {
		return (language == Language.VI) ? number + " triệu USD" : "US$" + number + " million";
	}

	private static String vndBillion(String number, Language language) {
		return (language == Language.VI) ? number + " tỷ đồng" : "VND " + number + " billion";
	}

	/** A non-negative magnitude divided by a divisor, rounded half-up. */
	private static BigInteger roundHalfUp(BigInteger magnitude, BigInteger divisor) {
		return magnitude.multiply(TWO).add(divisor).divide(divisor.multiply(TWO));
	}

	/** A non-negative number of units of 10^-scale, with the language's separators. */
	private static String decimal(BigInteger units, int scale, Language language) {
		StringBuilder digits = new StringBuilder(units.toString());
		while (digits.length() < scale + 1) {
			digits.insert(0, '0');
		}
		String whole = digits.substring(0, digits.length() - scale);
		StringBuilder grouped = new StringBuilder();
		for (int i = 0; i < whole.length(); i++) {
			if (i > 0 && (whole.length() - i) % 3 == 0) {
				grouped.append(language.group);
			}
			grouped.append(whole.charAt(i));
		}
		if (scale > 0) {
			grouped.append(language.decimal).append(digits.substring(digits.length() - scale));
		}
		return grouped.toString();
	}

}
