package vn.investledger.events.rulebook;

import vn.investledger.events.reference.UsdRates;
import vn.investledger.events.reference.VsicEditions;

/**
 * The dated tables the rules read: the report calendar, the reference rates of the USD
 * equivalents and the VSIC editions. A deployment may replace each with its own file;
 * figures counted under one set of tables are restated under another by a replay.
 *
 * @param calendar the report calendar
 * @param rates the VND/USD reference rates
 * @param vsic the VSIC editions and their correspondence
 */
public record Rules(ReportCalendar calendar, UsdRates rates, VsicEditions vsic) {

	/**
	 * The tables shipped with the platform.
	 * @return the shipped tables
	 */
	public static Rules standard() {
		return new Rules(ReportCalendar.standard(), UsdRates.standard(), VsicEditions.standard());
	}

}
