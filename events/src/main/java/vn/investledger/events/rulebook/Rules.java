package vn.investledger.events.rulebook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import vn.investledger.events.reference.Provinces;
import vn.investledger.events.reference.TableFingerprint;
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

	/**
	 * Each table's fingerprint: figures counted under one set of fingerprints are the
	 * figures of those tables, and a table whose fingerprint changed needs a replay.
	 * @return the SHA-256 of each table's rows, hexadecimal, by {@code calendar},
	 * {@code rates} and {@code vsic}
	 */
	public Map<String, String> fingerprints() {
		Map<String, String> fingerprints = new LinkedHashMap<>();
		fingerprints.put("calendar", TableFingerprint.of(this.calendar.rows()));
		fingerprints.put("rates", TableFingerprint.of(this.rates.rows()));
		fingerprints.put("vsic", this.vsic.fingerprint());
		// shipped, not the deployment's: a release that changes it changes the restated
		// units of every figure
		fingerprints.put("provinces", Provinces.standard().fingerprint());
		return fingerprints;
	}

}
