package vn.investledger.events.rulebook;

import java.time.LocalDate;
import java.util.Map;

import vn.investledger.events.Sector;
import vn.investledger.events.Total;
import vn.investledger.events.reference.VsicEditions;

/**
 * The finest grain of the figures: every dimension an event counts in (the province as
 * licensed and restated, zone, partner country, sector) and, for flows, the first day of
 * the part of the month its effective date is in ({@link ReportCalendar#partOfMonth}). A
 * cell is kept as a figure of the internal cuboid {@link #CUBOID}; each {@link Cuboid}
 * takes its coordinates from it, and each {@link Periods period} of the part's first day
 * holds it.
 */
public final class Cell {

	/** The cuboid name of a cell, never published. */
	public static final String CUBOID = "cell";

	private Cell() {
	}

	/**
	 * A cell's dimensions: those given, the province restated to the unit in force today
	 * and the sector restated to VSIC 2025.
	 * @param province the province as licensed
	 * @param restatedFrom the date the province is restated from
	 * @param zone a zone code, or {@code null}
	 * @param country a partner country, or {@code null}
	 * @param sector a sector, or {@code null}
	 * @param classifiedOn the effective date of the event that named the sector
	 * @param vsic the VSIC editions
	 * @return the dimensions, by {@link Cuboid.Dimension#cellKey()}
	 */
	public static Map<String, String> dimensions(String province, LocalDate restatedFrom, String zone, String country,
			Sector sector, LocalDate classifiedOn, VsicEditions vsic) {
		Map<String, String> dimensions = Total.dimensions(province, zone, country,
				Restatement.sectorToday(sector, classifiedOn, vsic).orElse(null));
		dimensions.put(Cuboid.Dimension.RESTATED_PROVINCE.cellKey(), Restatement.unitToday(province, restatedFrom));
		return dimensions;
	}

}
