package vn.investledger.console.search;

import java.util.Set;

import vn.investledger.events.reference.Countries;
import vn.investledger.events.reference.Provinces;
import vn.investledger.events.reference.Zone;
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

	/**
	 * Checks that a zone can have a figure or a project under a unit: the unit is the
	 * zone's province, or the unit that absorbed it ({@link Zone#unitsThatMayNameIt()}).
	 * The ledger refuses an event naming a zone of another province, so under any other
	 * unit the zone's figure is a zero by construction, which reads as no investment.
	 * @param province the unit's code as given, or {@code null}
	 * @param zone the zone's code as given, or {@code null}; known to the reference list
	 * @throws BadSearchException if the zone lies in neither
	 */
	static void requireZoneUnder(String province, String zone) {
		if (province == null || zone == null) {
			return;
		}
		Zone found = Zones.standard().find(zone).orElseThrow();
		Set<String> units = found.unitsThatMayNameIt();
		if (!units.contains(province)) {
			throw new BadSearchException("zone " + zone + " (" + found.name() + ") lies in province "
					+ found.provinceCode() + " (" + unitName(found.provinceCode()) + "): its events name "
					+ String.join(" or ", units) + ", never province " + province);
		}
	}

	/**
	 * Checks that a zone's territory is in a unit of today, for a restated filter.
	 * @param restated the unit of today as given, or {@code null}
	 * @param zone the zone's code as given, or {@code null}; known to the reference list
	 * @throws BadSearchException if the zone's territory is in another unit today
	 */
	static void requireZoneRestatedUnder(String restated, String zone) {
		if (restated == null || zone == null) {
			return;
		}
		Zone found = Zones.standard().find(zone).orElseThrow();
		String today = Provinces.standard().currentUnitOf(found.provinceCode()).orElseThrow();
		if (!today.equals(restated)) {
			throw new BadSearchException("zone " + zone + " (" + found.name() + ") lies in " + today + " ("
					+ unitName(today) + ") today, never in restatedProvince " + restated);
		}
	}

	private static String unitName(String code) {
		return Provinces.standard().unitsOf(code).getLast().name();
	}

}
