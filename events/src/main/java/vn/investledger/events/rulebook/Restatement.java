package vn.investledger.events.rulebook;

import java.time.LocalDate;

import vn.investledger.events.reference.Provinces;

/**
 * How figures are restated to today's reference data (DOMAIN.md, "Provinces: the 2025
 * reorganisation"): a province as licensed becomes the unit that governs its territory
 * today, through the merger mapping. Figures keep the province as licensed too
 * ({@link Cuboid#PROVINCE}); the restated one is {@link Cuboid#PROVINCE_RESTATED}.
 */
public final class Restatement {

	private Restatement() {
	}

	/**
	 * Today's unit of a province.
	 * @param province a province code as licensed
	 * @param on the date it was named on
	 * @return the code of the unit in force today that took it over (itself if it still
	 * stands)
	 */
	public static String unitToday(String province, LocalDate on) {
		return Provinces.standard().latestUnitOf(province, on);
	}

}
