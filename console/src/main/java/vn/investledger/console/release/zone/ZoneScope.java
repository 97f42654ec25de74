package vn.investledger.console.release.zone;

import java.util.List;
import java.util.Optional;

import vn.investledger.events.reference.ProvinceUnit;
import vn.investledger.events.reference.Provinces;
import vn.investledger.events.reference.Zone;
import vn.investledger.events.reference.ZoneType;

/**
 * What a zone-board release covers: one zone, or the zones a province's management board
 * runs, with today's unit of that province restated over the units it absorbed (Hải
 * Phòng's release holds Hải Dương's zones). A board runs the economic zones (KKT), the
 * industrial zones (KCN) and the export-processing and other special zones; industrial
 * clusters (CCN) are licensed by the province's investment registration office, so a
 * province's release leaves them out and names them, and a cluster has a release of its
 * own. A project belongs to the zone its licence (or, without one, its first
 * contribution) names.
 *
 * @param kind {@code province} or {@code zone}
 * @param code today's unit's code, or the zone's code
 * @param name the unit's or zone's name
 * @param province today's unit the zones are in
 * @param zones the zones covered, in the reference list's order
 * @param excluded the province's clusters, not covered; empty for a zone
 */
record ZoneScope(String kind, String code, String name, String province, List<Zone> zones, List<Zone> excluded) {

	static final String PROVINCE = "province";

	static final String ZONE = "zone";

	ZoneScope {
		zones = List.copyOf(zones);
		excluded = List.copyOf(excluded);
	}

	/**
	 * The zones a province's board runs.
	 * @param code the code of a unit in force today
	 * @param zones the reference list of zones
	 * @return the scope
	 * @throws UnknownScopeException if the code is not a unit in force today
	 */
	static ZoneScope province(String code, List<Zone> zones) {
		Provinces provinces = Provinces.standard();
		if (!provinces.currentCodes().contains(code)) {
			Optional<String> today = provinces.currentUnitOf(code);
			throw new UnknownScopeException("province", code, today
				.map((unit) -> code + " (" + provinces.unitsOf(code).getLast().name()
						+ ") is no longer a unit: its territory is in " + unit + " (" + unitName(unit)
						+ "), whose release holds its zones")
				.orElse(code
						+ " is not a province's code: a release is of a unit in force today, e.g. 31 (Hải Phòng)"));
		}
		List<Zone> inUnit = zones.stream()
			.filter((zone) -> provinces.currentUnitOf(zone.provinceCode()).orElse("").equals(code))
			.toList();
		return new ZoneScope(PROVINCE, code, unitName(code), code,
				inUnit.stream().filter((zone) -> zone.type() != ZoneType.CCN).toList(),
				inUnit.stream().filter((zone) -> zone.type() == ZoneType.CCN).toList());
	}

	/**
	 * One zone.
	 * @param code a zone's code
	 * @param zones the reference list of zones
	 * @return the scope
	 * @throws UnknownScopeException if the zone is not in the list
	 */
	static ZoneScope zone(String code, List<Zone> zones) {
		Zone zone = zones.stream()
			.filter((listed) -> listed.code().equals(code))
			.findFirst()
			.orElseThrow(() -> new UnknownScopeException("zone", code,
					code + " is not in the reference list of zones (GET /api/console/names lists them)"));
		String unit = Provinces.standard().currentUnitOf(zone.provinceCode()).orElse(zone.provinceCode());
		return new ZoneScope(ZONE, code, zone.name(), unit, List.of(zone), List.of());
	}

	/**
	 * Whether a project in a zone counts.
	 * @param zone the project's zone, or {@code null}
	 * @return whether the zone is covered
	 */
	boolean covers(String zone) {
		return zone != null && this.zones.stream().anyMatch((covered) -> covered.code().equals(zone));
	}

	static String unitName(String code) {
		List<ProvinceUnit> units = Provinces.standard().unitsOf(code);
		return units.isEmpty() ? code : units.getLast().name();
	}

	/**
	 * A release asked for a province or zone the reference data does not know.
	 */
	static final class UnknownScopeException extends RuntimeException {

		private final String parameter;

		UnknownScopeException(String parameter, String value, String detail) {
			super(parameter + ": " + detail + ", was \"" + value + "\"");
			this.parameter = parameter;
		}

		String parameter() {
			return this.parameter;
		}

	}

	/**
	 * The scope as a publication names it.
	 * @return {@code province:31} or {@code zone:HP-DEEP-C}
	 */
	String id() {
		return this.kind + ":" + this.code;
	}

}
