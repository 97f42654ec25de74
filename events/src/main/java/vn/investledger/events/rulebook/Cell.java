package vn.investledger.events.rulebook;

import java.time.LocalDate;
import java.util.Map;

import vn.investledger.events.Total;

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
	 * A cell's dimensions: those given, and the province restated to the unit in force
	 * today.
	 * @param province the province as licensed
	 * @param restatedFrom the date the province is restated from
	 * @param zone a zone code, or {@code null}
	 * @param country a partner country, or {@code null}
	 * @param sector a VSIC section, or {@code null}
	 * @return the dimensions, by {@link Cuboid.Dimension#cellKey()}
	 */
	public static Map<String, String> dimensions(String province, LocalDate restatedFrom, String zone, String country,
			String sector) {
		Map<String, String> dimensions = Total.dimensions(province, zone, country, sector);
		dimensions.put(Cuboid.Dimension.RESTATED_PROVINCE.cellKey(), Restatement.unitToday(province, restatedFrom));
		return dimensions;
	}

}
