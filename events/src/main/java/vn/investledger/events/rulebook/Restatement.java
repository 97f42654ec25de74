package vn.investledger.events.rulebook;

import java.time.LocalDate;

import java.util.Optional;

import vn.investledger.events.Sector;
import vn.investledger.events.reference.Provinces;
import vn.investledger.events.reference.VsicEditions;
import vn.investledger.events.reference.VsicSection;

/**
 * How figures are restated to today's reference data:
 * <ul>
 * <li>a province as licensed becomes the unit that governs its territory today, through
 * the merger mapping (DOMAIN.md, "Provinces: the 2025 reorganisation"); figures keep the
 * province as licensed too ({@link Cuboid#PROVINCE}) beside the restated one
 * ({@link Cuboid#PROVINCE_RESTATED});</li>
 * <li>a sector classified in VSIC 2018 becomes its VSIC 2025 section through the
 * correspondence table (old J split by division into J and K, old K to U one letter on),
 * so that a sector series runs across the change of edition on 15 November 2025. The
 * sector figures are in the newest edition's terms (VSIC 2025 in the shipped tables); a
 * project keeps its sector as classified.</li>
 * </ul>
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

	/**
	 * A sector's section in the newest edition of the tables (VSIC 2025 in the shipped
	 * ones).
	 * @param sector a section and, optionally, its division or class
	 * @param classifiedOn the effective date of the event that named it, which decides
	 * its edition
	 * @param vsic the VSIC editions
	 * @return the newest edition's section letter; empty if there is no sector, or it
	 * cannot be restated (a VSIC 2018 J without a division: its divisions went to J and
	 * K)
	 */
	public static Optional<String> sectorToday(Sector sector, LocalDate classifiedOn, VsicEditions vsic) {
		if (sector == null || sector.section() == null || classifiedOn == null) {
			return Optional.empty();
		}
		return vsic.restatedToNewest(vsic.inForceOn(classifiedOn), sector.section(), sector.division())
			.map(VsicSection::letter);
	}

}
