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
	 * The version of the counting rules this code applies: how an applied event becomes
	 * flow and stock figures (the flows, the stock's parts, the cuboids, the periods).
	 * Figures counted by one version are not those of another, as with a table: a version
	 * that counts otherwise sets a new one, and its deployments count again (a recount,
	 * or a replay for the history's flows). {@code CountingRulesVersionTests} fails when
	 * the figures of a fixed ledger change while this stays.
	 */
	public static final String COUNTING_VERSION = "2026-12-07";

	/**
	 * The counting rules' version of figures recorded before the fingerprints named one:
	 * the rules the first version that named one counted by, unchanged since the version
	 * before it.
	 */
	public static final String UNNAMED_COUNTING_VERSION = "2026-12-06";

	/** The fingerprints' name of the counting rules' version. */
	public static final String COUNTING = "counting";

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
	 * {@code rates}, {@code vsic} and {@code provinces}, and of the counting rules'
	 * version ({@code counting})
	 */
	public Map<String, String> fingerprints() {
		Map<String, String> fingerprints = new LinkedHashMap<>();
		fingerprints.put("calendar", TableFingerprint.of(this.calendar.rows()));
		fingerprints.put("rates", TableFingerprint.of(this.rates.rows()));
		fingerprints.put("vsic", this.vsic.fingerprint());
		// shipped, not the deployment's: a release that changes it changes the restated
		// units of every figure
		fingerprints.put("provinces", Provinces.standard().fingerprint());
		// the code's own rules, by their version
		fingerprints.put(COUNTING, counting(COUNTING_VERSION));
		return fingerprints;
	}

	/**
	 * Fingerprints as recorded, with those of a record written before they named the
	 * counting rules' version taken as of {@link #UNNAMED_COUNTING_VERSION}: an upgrade
	 * to the version that began to name it is not a change of the counting rules.
	 * @param recorded fingerprints as a record holds them, or {@code null}
	 * @return the same, naming the counting rules' version
	 */
	public static Map<String, String> namingCounting(Map<String, String> recorded) {
		if (recorded == null || recorded.containsKey(COUNTING)) {
			return recorded;
		}
		Map<String, String> named = new LinkedHashMap<>(recorded);
		named.put(COUNTING, counting(UNNAMED_COUNTING_VERSION));
		return named;
	}

	private static String counting(String version) {
		return TableFingerprint.of(List.of("counting " + version));
	}

}
