package vn.investledger.console.search;

import vn.investledger.events.reference.Countries;
import vn.investledger.events.reference.Zones;

/**
 * The reference data a partner country or a zone given to the search API must be in. The
 * ledger refuses an event naming a country or a zone its reference data does not know
 * ({@code EventRules}), so a figure of such a code, or projects filtered by it, would be
 * a zero or an empty page by construction, which reads as no investment: such a code is
 * refused with what to ask instead. {@code GET /api/console/names} lists every code
 * known.
 */
final class ReferenceCodes {

	private ReferenceCodes() {
	}

	/**
	 * Checks that a country is an assigned ISO 3166-1 alpha-2 code.
	 * @param parameter the parameter that gave it, to name in the refusal
	 * @param code the code, or {@code null} if none was given
	 * @throws BadSearchException if no country or territory has the code
	 */
	static void requireCountry(String parameter, String code) {
		if (code != null && !Countries.isKnown(code)) {
			throw new BadSearchException(parameter + " " + code
					+ " is no country's or territory's ISO 3166-1 alpha-2 code (GET /api/console/names lists them):"
					+ " e.g. KR (Korea), GB (United Kingdom), HK (Hong Kong)");
		}
	}

	/**
	 * Checks that a zone is in the reference list of zones.
	 * @param parameter the parameter that gave it, to name in the refusal
	 * @param code the zone's code, or {@code null} if none was given
	 * @throws BadSearchException if the list has no zone of the code
	 */
	static void requireZone(String parameter, String code) {
		if (code != null && Zones.standard().find(code).isEmpty()) {
			throw new BadSearchException(parameter + " " + code
					+ " is no zone's code in the reference list of zones (GET /api/console/names lists them):"
					+ " e.g. HP-DEEP-C (Khu công nghiệp DEEP C)");
		}
	}

}
