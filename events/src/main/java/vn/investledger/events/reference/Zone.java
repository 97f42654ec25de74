package vn.investledger.events.reference;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;

/**
 * A zone from the reference list.
 *
 * @param code the zone's code, used in events
 * @param name its name, UTF-8
 * @param type KKT, KCN, CCN or other
 * @param provinceCode the province that established it, as licensed
 * @param areaHa its area in hectares, or {@code null} where not published
 */
public record Zone(String code, String name, ZoneType type, String provinceCode, BigDecimal areaHa) {

	/**
	 * The units an event in this zone may name, on any date ({@code EventRules}): the
	 * province it lies in, and the unit that absorbed that province, if one did (31 Hải
	 * Phòng for a zone of 30 Hải Dương). A figure of the zone, and a project in it, are
	 * counted under these units only: under any other unit the zone has none.
	 * @return their codes, sorted
	 */
	public Set<String> unitsThatMayNameIt() {
		Provinces provinces = Provinces.standard();
		Set<String> units = new TreeSet<>();
		units.add(this.provinceCode);
		LocalDate lastDayBefore = Provinces.REORGANISATION.minusDays(1);
		if (provinces.inForce(this.provinceCode, lastDayBefore)) {
			units.add(provinces.latestUnitOf(this.provinceCode, lastDayBefore));
		}
		return units;
	}

}
