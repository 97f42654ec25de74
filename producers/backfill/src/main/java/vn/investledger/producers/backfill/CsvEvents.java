package vn.investledger.producers.backfill;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVRecord;

import vn.investledger.events.CapitalAdjusted;
import vn.investledger.events.CapitalContributed;
import vn.investledger.events.ContributionForm;
import vn.investledger.events.Currency;
import vn.investledger.events.Disbursed;
import vn.investledger.events.EventEnvelope;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Investor;
import vn.investledger.events.Licensed;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Limits;
import vn.investledger.events.Money;
import vn.investledger.events.Resumed;
import vn.investledger.events.Sector;
import vn.investledger.events.Suspended;
import vn.investledger.events.Terminated;
import vn.investledger.events.TerminationReason;

/**
 * Turns a row of the backfill CSV into an event. The columns are documented in the
 * README; a blank cell is an absent value. Amounts are decimals in major units (dollars,
 * đồng) and must be exact in minor units. Without an {@code event_id}, the id is derived
 * from the project code and revision, so that importing a row twice yields the same
 * event, which the processor applies once. A whole number above its column's limit is
 * refused here with the column and the limit, also one too large for the event's field.
 */
final class CsvEvents {

	/**
	 * The longest text a numeric cell may hold: 40 characters, as the events' numbers.
	 */
	static final int MAX_NUMBER_LENGTH = 40;

	private static final Pattern CANONICAL_UUID = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	/** The columns, in the order a template file lists them. */
	static final String[] COLUMNS = { "kind", "event_id", "project_code", "revision", "province_code", "effective_date",
			"emitted_at", "investment_type", "project_name", "irc_number", "enterprise_code", "enterprise_name",
			"investors", "zone_code", "sector", "amount", "currency", "new_registered_capital", "adjustment_number",
			"form", "raises_charter_capital", "land_area_ha", "planned_employment", "duration_years", "reason", "until",
			"decision_number" };

	private static final Set<String> KNOWN = Set.of(COLUMNS);

	/**
	 * The columns any row may fill: the envelope's, and what names the project, which a
	 * register may repeat on every row of it (its type, currency, name, certificate,
	 * enterprise, investors, zone and sector). The rest hold what one kind of event
	 * states: a value there in a row of another kind is refused.
	 */
	private static final Set<String> ENVELOPE = Set.of("kind", "event_id", "project_code", "revision", "province_code",
			"effective_date", "emitted_at", "investment_type", "currency", "project_name", "irc_number",
			"enterprise_code", "enterprise_name", "investors", "zone_code", "sector");

	/** The columns each kind reads beyond the envelope's. */
	private static final Map<String, Set<String>> KIND_COLUMNS = Map.of("licensed",
			Set.of("investment_type", "project_name", "irc_number", "enterprise_code", "investors", "zone_code",
					"sector", "amount", "currency", "land_area_ha", "planned_employment", "duration_years"),
			"capital-adjusted",
			Set.of("investment_type", "adjustment_number", "irc_number", "amount", "currency",
					"new_registered_capital"),
			"capital-contributed",
			Set.of("investment_type", "form", "raises_charter_capital", "enterprise_code", "enterprise_name",
					"irc_number", "investors", "zone_code", "sector", "amount", "currency"),
			"disbursed", Set.of("investment_type", "amount", "currency"), "suspended", Set.of("reason", "until"),
			"resumed", Set.of("reason"), "terminated", Set.of("reason", "decision_number"));

	private CsvEvents() {
	}

	/**
	 * Reads one row.
	 * @param row the row
	 * @param now the time of reading, the latest a blank {@code emitted_at} can stand for
	 * @return the event, not yet validated
	 * @throws IllegalArgumentException naming the column that cannot be read
	 */
	static LicensingEvent read(CSVRecord row, Instant now) {
		String kind = required(row, "kind");
		unusedColumnsEmpty(row, kind);
		EventEnvelope envelope = envelope(row, now);
		return switch (kind) {
			case "licensed" -> new Licensed(envelope, type(row), text(row, "project_name"), text(row, "irc_number"),
					text(row, "enterprise_code"), investors(row), text(row, "zone_code"), sector(row),
					money(row, "amount"), decimal(row, "land_area_ha"),
					integer(row, "planned_employment", Limits.MAX_EMPLOYMENT),
					integer(row, "duration_years", Limits.MAX_DURATION_YEARS));
			case "capital-adjusted" ->
				new CapitalAdjusted(envelope, type(row), integer(row, "adjustment_number", Limits.MAX_REVISION),
						text(row, "irc_number"), money(row, "amount"), money(row, "new_registered_capital"));
			case "capital-contributed" -> new CapitalContributed(envelope, type(row),
					enumValue(row, "form", ContributionForm.class), bool(row, "raises_charter_capital"),
					text(row, "enterprise_code"), text(row, "enterprise_name"), text(row, "irc_number"), investors(row),
					text(row, "zone_code"), sector(row), money(row, "amount"));
			case "disbursed" -> new Disbursed(envelope, type(row), money(row, "amount"));
			case "suspended" -> new Suspended(envelope, text(row, "reason"), date(row, "until"));
			case "resumed" -> new Resumed(envelope, text(row, "reason"));
			case "terminated" -> new Terminated(envelope, enumValue(row, "reason", TerminationReason.class),
					text(row, "decision_number"));
			default -> throw new IllegalArgumentException("kind: unknown kind \"" + kind + "\"");
		};
	}

	/**
	 * A value in a column the row's kind has none of is refused, not left out: most
	 * likely an unquoted comma split a cell of the row and moved the rest of it there
	 * ({@code Đã có vốn, hoạt động lại} in a resumption's reason would otherwise be read
	 * as {@code Đã có vốn}).
	 */
	private static void unusedColumnsEmpty(CSVRecord row, String kind) {
		Set<String> used = KIND_COLUMNS.get(kind);
		if (used == null) {
			return;
		}
		for (Map.Entry<String, String> cell : row.toMap().entrySet()) {
			String column = cell.getKey();
			String value = cell.getValue();
			// a column of the file's own (notes, say) is not the importer's to judge
			if (ENVELOPE.contains(column) || used.contains(column) || !KNOWN.contains(column)) {
				continue;
			}
			if (value != null && !value.isBlank()) {
				throw new IllegalArgumentException(
						column + ": a " + kind + " row has no " + column + ", yet it holds \"" + value.strip()
								+ "\". A cell with a comma must be quoted (\"Đã có vốn, hoạt động lại\"), or"
								+ " the rest of it moves to the next columns");
			}
		}
	}

	private static EventEnvelope envelope(CSVRecord row, Instant now) {
		String projectCode = text(row, "project_code");
		Long revision = longValue(row, "revision", Limits.MAX_REVISION);
		LocalDate effective = date(row, "effective_date");
		requireNoSpreadsheetWrapper(projectCode, "project_code");
		requireNoSpreadsheetWrapper(text(row, "irc_number"), "irc_number");
		String id = text(row, "event_id");
		UUID eventId;
		try {
			// the canonical 36 characters, as JSON reads them: UUID.fromString would read
			// 1-1-1-1-1 as 00000001-0001-0001-0001-000000000001
			if (id != null && !CANONICAL_UUID.matcher(id).matches()) {
				throw new IllegalArgumentException(id);
			}
			eventId = (id != null) ? UUID.fromString(id) : derivedId(projectCode, revision);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("event_id: not a UUID in its 36 characters (8-4-4-4-12 hexadecimal"
					+ " digits): \"" + shortened(id) + "\"");
		}
		Instant emitted;
		try {
			String text = text(row, "emitted_at");
			emitted = (text != null) ? Instant.parse(text) : defaultEmission(effective, now);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(
					"emitted_at: not an ISO-8601 instant: \"" + text(row, "emitted_at") + "\"");
		}
		return new EventEnvelope(1, eventId, projectCode, revision, text(row, "province_code"), effective, emitted);
	}

	/**
	 * When a row without {@code emitted_at} was emitted: at the start of its effective
	 * day in Vietnam, the same at every run, so that a row sent again after a crash is a
	 * copy of the first, applied once (the ledger tells a copy from a conflict by its
	 * content, the emission included). A day that has not begun cannot be the default: an
	 * effective date may lie up to {@value Limits#MAX_EFFECTIVE_DAYS_AHEAD} days ahead,
	 * an emission may not, and "now" would differ between runs; such a row is refused,
	 * asking for {@code emitted_at}.
	 * @param effective the effective date
	 * @param now the time of reading
	 * @return the emission time, or {@code null} without an effective date
	 * @throws IllegalArgumentException if the effective day has not begun in Vietnam
	 */
	static Instant defaultEmission(LocalDate effective, Instant now) {
		if (effective == null) {
			return null;
		}
		Instant startOfDay = effective.atStartOfDay(Limits.VIETNAM).toInstant();
		if (startOfDay.isAfter(now)) {
			throw new IllegalArgumentException("emitted_at: required when effective_date (" + effective
					+ ") has not begun in Vietnam: give the time the decision was recorded");
		}
		return startOfDay;
	}

	static UUID derivedId(String projectCode, Long revision) {
		if (projectCode == null || revision == null) {
			return null;
		}
		return UUID.nameUUIDFromBytes(("backfill:" + projectCode + ":" + revision).getBytes(StandardCharsets.UTF_8));
	}

	private static InvestmentType type(CSVRecord row) {
		return enumValue(row, "investment_type", InvestmentType.class);
	}

	/**
	 * {@code Name|CC; Name|CC}: investors separated by semicolons, each with its country
	 * after a bar.
	 */
	private static List<Investor> investors(CSVRecord row) {
		String text = text(row, "investors");
		if (text == null) {
			return List.of();
		}
		List<Investor> investors = new ArrayList<>();
		for (String part : text.split(";")) {
			int bar = part.lastIndexOf('|');
			if (bar < 0) {
				throw new IllegalArgumentException("investors: \"" + part.strip() + "\" lacks \"|country\"");
			}
			investors.add(new Investor(part.substring(0, bar).strip(), part.substring(bar + 1).strip()));
		}
		return investors;
	}

	/** {@code C} or {@code C/26}: the VSIC section and an optional division. */
	private static Sector sector(CSVRecord row) {
		String text = text(row, "sector");
		if (text == null) {
			return null;
		}
		int slash = text.indexOf('/');
		return (slash < 0) ? new Sector(text, null) : new Sector(text.substring(0, slash), text.substring(slash + 1));
	}

	private static Money money(CSVRecord row, String column) {
		String text = numberText(row, column);
		if (text == null) {
			return null;
		}
		Currency currency = enumValue(row, "currency", Currency.class);
		if (currency == null) {
			throw new IllegalArgumentException("currency: required with " + column);
		}
		if (text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
			throw new IllegalArgumentException(column + ": \"" + text + "\" is in scientific notation, which a"
					+ " spreadsheet writes for a number it shows rounded (2.65123E+11 for 265123456789): the digits"
					+ " after the sixth are lost. Format the column as a number without exponent (or as text) and"
					+ " export again");
		}
		try {
			return Money.ofMajor(new BigDecimal(text), currency);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(column + ": not a number: \"" + text + "\"");
		}
		catch (ArithmeticException ex) {
			// 750.000 is refused, not read as 750: most likely 750,000 with a thousands
			// separator
			throw new IllegalArgumentException(column + ": \"" + text + "\" is not an amount of " + currency + ": "
					+ (currency == Currency.USD ? "at most 2 decimals, for cents" : "whole đồng, no decimals")
					+ ", within the largest amount, without thousands separators (750000, not 750.000 or 750,000)");
		}
	}

	private static String required(CSVRecord row, String column) {
		String text = text(row, column);
		if (text == null) {
			throw new IllegalArgumentException(column + ": is required");
		}
		return text;
	}

	private static String text(CSVRecord row, String column) {
		if (!row.isMapped(column)) {
			throw new IllegalArgumentException("the file has no column \"" + column + "\"");
		}
		String value = row.isSet(column) ? row.get(column) : null;
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private static Long longValue(CSVRecord row, String column, long max) {
		BigInteger value = wholeNumber(row, column, max);
		return (value != null) ? value.longValue() : null;
	}

	private static Integer integer(CSVRecord row, String column, long max) {
		BigInteger value = wholeNumber(row, column, max);
		return (value != null) ? value.intValue() : null;
	}

	/**
	 * A whole number of the column, at most {@code max}. One below the range of
	 * {@code int} is refused too; any other negative one is left to the event's
	 * validation, which names the field's minimum.
	 */
	private static BigInteger wholeNumber(CSVRecord row, String column, long max) {
		String text = numberText(row, column);
		if (text == null) {
			return null;
		}
		BigInteger value;
		try {
			value = new BigInteger(text);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(column + ": not a whole number: \"" + text + "\"");
		}
		if (value.compareTo(BigInteger.valueOf(max)) > 0) {
			throw new IllegalArgumentException(column + ": must be at most " + max + ", was " + text);
		}
		if (value.compareTo(BigInteger.valueOf(Integer.MIN_VALUE)) < 0) {
			throw new IllegalArgumentException(column + ": must not be negative, was " + text);
		}
		return value;
	}

	/**
	 * A number with a fraction, as the amounts are written: no exponent, and not exactly
	 * three decimals ({@code 1.500} is 1,500 with a thousands separator as often as one
	 * and a half).
	 */
	private static BigDecimal decimal(CSVRecord row, String column) {
		String text = numberText(row, column);
		if (text == null) {
			return null;
		}
		if (text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
			throw new IllegalArgumentException(column + ": \"" + text + "\" is in scientific notation, which a"
					+ " spreadsheet writes for a number it shows rounded: format the column as a number without"
					+ " exponent and export again");
		}
		int point = text.indexOf('.');
		if (point >= 0 && text.length() - point - 1 == 3) {
			throw new IllegalArgumentException(column + ": \"" + text + "\" has three decimals, which read as a"
					+ " thousands separator as often as decimals: write 1500 for one thousand five hundred, 1.5 or"
					+ " 1.50 for one and a half");
		}
		try {
			return new BigDecimal(text);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(column + ": not a number: \"" + text + "\"");
		}
	}

	/**
	 * A numeric cell's text, refused past {@value #MAX_NUMBER_LENGTH} characters before
	 * it is parsed: a cell of a million digits took some 16 s to refuse.
	 */
	private static String numberText(CSVRecord row, String column) {
		String text = text(row, column);
		if (text != null && text.length() > MAX_NUMBER_LENGTH) {
			throw new IllegalArgumentException(column + ": " + text.length() + " characters, where a number has at"
					+ " most " + MAX_NUMBER_LENGTH + ": \"" + shortened(text) + "\"");
		}
		return text;
	}

	/**
	 * Refuses a code wrapped as a spreadsheet keeps text it would otherwise take for a
	 * number ({@code ="0201000005"}, {@code '0201000005}): read as written, it would be a
	 * second project beside {@code 0201000005}.
	 */
	private static void requireNoSpreadsheetWrapper(String code, String column) {
		if (code != null && (code.startsWith("=\"") || code.startsWith("'"))) {
			throw new IllegalArgumentException(column + ": \"" + shortened(code) + "\" is wrapped as a spreadsheet"
					+ " keeps text (=\"…\" or a leading '): the code is what is inside; format the column as text and"
					+ " export again");
		}
	}

	private static String shortened(String text) {
		return (text != null && text.length() > 60) ? text.substring(0, 60) + "…" : text;
	}

	private static Boolean bool(CSVRecord row, String column) {
		String text = text(row, column);
		if (text == null) {
			return null;
		}
		// composed, so that "có" typed with its accent as a separate mark reads as "có"
		return switch (Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT)) {
			case "true", "yes", "1", "có" -> true;
			case "false", "no", "0", "không" -> false;
			default -> throw new IllegalArgumentException(column + ": not true or false: \"" + text + "\"");
		};
	}

	private static LocalDate date(CSVRecord row, String column) {
		String text = text(row, column);
		try {
			return (text != null) ? LocalDate.parse(text) : null;
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(column + ": not a date (yyyy-mm-dd): \"" + text + "\"");
		}
	}

	private static <E extends Enum<E>> E enumValue(CSVRecord row, String column, Class<E> type) {
		String text = text(row, column);
		if (text == null) {
			return null;
		}
		try {
			return Enum.valueOf(type, text.toUpperCase().replace('-', '_'));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(column + ": unknown value \"" + text + "\"");
		}
	}

}
