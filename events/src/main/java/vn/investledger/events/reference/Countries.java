package vn.investledger.events.reference;

import java.util.Locale;
import java.util.Set;

/**
 * Countries and territories by ISO 3166-1 alpha-2 code, from the JDK's list (Hong Kong
 * HK, Taiwan TW and Samoa WS are their own entries).
 */
public final class Countries {

	private static final Set<String> CODES = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);

	private Countries() {
	}

	public static boolean isKnown(String code) {
		return code != null && CODES.contains(code);
	}

	/**
	 * The English name of a country, e.g. {@code Korea} or {@code Hong Kong SAR China}.
	 * @param code an alpha-2 code
	 * @return the name, or the code if unknown
	 */
	public static String name(String code) {
		return isKnown(code) ? Locale.of("", code).getDisplayCountry(Locale.ENGLISH) : code;
	}

	/**
	 * The name of a country in a language, e.g. {@code Hàn Quốc} in Vietnamese.
	 * @param code an alpha-2 code
	 * @param language the language
	 * @return the name, or the code if unknown
	 */
	public static String name(String code, Locale language) {
		return isKnown(code) ? Locale.of("", code).getDisplayCountry(language) : code;
	}

	public static Set<String> codes() {
		return CODES;
	}

}
