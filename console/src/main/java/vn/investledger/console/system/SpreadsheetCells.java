package vn.investledger.console.system;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * Cells of the files officials open in a spreadsheet (the project export, the monthly
 * report), written so that no text runs as a formula (OWASP "CSV Injection"). Names come
 * from province systems and may begin with {@code =}, {@code +}, {@code -}, {@code @}, a
 * tab or a carriage return, which Excel and LibreOffice read as the start of a formula: a
 * name such as {@code =HYPERLINK("http://…","…")} would become a live link, or worse.
 * <p>
 * Such a text gets a single quote in front, which spreadsheets take as "this is text"; so
 * does a text that begins with a quote itself, so that removing one leading quote always
 * gives the original back. Numbers are left as they are: an amount stays a number, exact,
 * and a negative one is not mistaken for a formula.
 */
public final class SpreadsheetCells {

	private static final String FORMULA_TRIGGERS = "=+-@\t\r";

	private static final char QUOTE = '\'';

	private SpreadsheetCells() {
	}

	/**
	 * A text as it may be written to a cell.
	 * @param text the text, or {@code null}
	 * @return the text, with a single quote in front when it begins with a formula
	 * trigger or a single quote; {@code null} for {@code null}
	 */
	public static String text(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		char first = text.charAt(0);
		return (first == QUOTE || FORMULA_TRIGGERS.indexOf(first) >= 0) ? QUOTE + text : text;
	}

	/**
	 * The text a {@link #text neutralised} one stands for: one leading quote removed
	 * where {@link #text} put it.
	 * @param cell a text as written to a cell
	 * @return the original text
	 */
	public static String original(String cell) {
		if (cell == null || cell.length() < 2 || cell.charAt(0) != QUOTE) {
			return cell;
		}
		char second = cell.charAt(1);
		return (second == QUOTE || FORMULA_TRIGGERS.indexOf(second) >= 0) ? cell.substring(1) : cell;
	}

	/**
	 * A CSV record's values: numbers as they are, everything else as {@link #text text}.
	 * @param values the values, in column order; {@code null} for an empty cell
	 * @return the values to print
	 */
	public static List<Object> record(Object... values) {
		List<Object> cells = new ArrayList<>(values.length);
		for (Object value : values) {
			cells.add((value == null || value instanceof Number) ? value : text(value.toString()));
		}
		return cells;
	}

	/**
	 * The CSV format of these files: RFC 4180 with every value but a number in quotes, so
	 * that a spreadsheet splitting on another separator (a semicolon where the decimal
	 * separator is a comma, as in Vietnamese) cannot start a new cell inside a text.
	 * Amounts must be passed as numbers ({@link java.math.BigDecimal}) to stay unquoted
	 * numbers.
	 * @param header the column names
	 * @return the format
	 */
	public static CSVFormat csv(String... header) {
		return CSVFormat.RFC4180.builder().setHeader(header).setQuoteMode(QuoteMode.NON_NUMERIC).get();
	}

}
