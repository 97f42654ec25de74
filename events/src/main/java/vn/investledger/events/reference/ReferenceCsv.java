package vn.investledger.events.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the reference CSV files, shipped in this jar or an operator's: UTF-8 (a byte
 * order mark allowed), {@code #} comments, no quoting, and a header row that must name
 * the table's columns: a file without it (its first row of data taken for a header and
 * dropped) or with its columns in another order is refused, naming what was expected. A
 * file that is not UTF-8 (a spreadsheet's "CSV (ANSI)", Windows-1258) is refused, naming
 * its line, rather than read with its Vietnamese letters replaced, and so is a file of
 * more than {@value #MAX_BYTES} bytes.
 */
public final class ReferenceCsv {

	/** The largest table read: 16 MiB, some 300,000 rows of daily rates. */
	static final int MAX_BYTES = 16 * 1024 * 1024;

	private static final Pattern PLAIN_NUMBER = Pattern.compile("[0-9]+(\\.[0-9]+)?");

	private static final Pattern SHIFTED_NUMBER = Pattern.compile("([0-9][0-9.]*)?\\s*(,|$)");

	private ReferenceCsv() {
	}

	/**
	 * Reads a shipped table.
	 * @param resource the resource
	 * @param header its columns, comma-separated
	 * @return the rows
	 */
	public static List<String[]> read(String resource, String header) {
		return read(resource, -1, header);
	}

	/**
	 * Reads a shipped table whose last column may hold commas.
	 * @param resource the resource
	 * @param columns the number of columns: the last takes the rest of the line
	 * @param header its columns, comma-separated
	 * @return the rows
	 */
	static List<String[]> read(String resource, int columns, String header) {
		try (InputStream in = ReferenceCsv.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("Missing reference data " + resource);
			}
			return read(in, columns, header, resource);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Reads a table.
	 * @param in the file's bytes
	 * @param header its columns, comma-separated
	 * @param source the file, as errors name it
	 * @return the rows
	 * @throws IllegalArgumentException if the header is not the table's
	 */
	public static List<String[]> read(InputStream in, String header, String source) {
		return read(in, -1, header, source);
	}

	static List<String[]> read(InputStream in, int columns, String header, String source) {
		List<String[]> rows = new ArrayList<>();
		boolean first = true;
		for (String line : (Iterable<String>) text(in, source).lines()::iterator) {
			if (first && line.startsWith("\uFEFF")) {
				line = line.substring(1);
			}
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			if (first) {
				first = false;
				requireHeader(line, header, source);
				continue;
			}
			rows.add(line.split(",", columns));
		}
		if (first) {
			throw new IllegalArgumentException(
					source + " has no header row: its first row must be \"" + header + "\", the table's columns");
		}
		return rows;
	}

	/** The file's text, if it is UTF-8 and at most {@value #MAX_BYTES} bytes. */
	private static String text(InputStream in, String source) {
		byte[] bytes;
		try {
			bytes = in.readNBytes(MAX_BYTES + 1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (bytes.length > MAX_BYTES) {
			throw new IllegalArgumentException(source + " is larger than a table may be (" + MAX_BYTES + " bytes)");
		}
		try {
			return strictUtf8().decode(ByteBuffer.wrap(bytes)).toString();
		}
		catch (CharacterCodingException ex) {
			// lines end as String.lines() ends them: \n, \r\n, or \r alone
			int line = 1;
			int start = 0;
			for (int i = 0; i <= bytes.length; i++) {
				if (i == bytes.length || bytes[i] == '\n' || bytes[i] == '\r') {
					try {
						strictUtf8().decode(ByteBuffer.wrap(bytes, start, i - start));
					}
					catch (CharacterCodingException notThisLine) {
						break;
					}
					line++;
					if (i < bytes.length - 1 && bytes[i] == '\r' && bytes[i + 1] == '\n') {
						i++;
					}
					start = i + 1;
				}
			}
			throw new IllegalArgumentException(source + " is not UTF-8: line " + line
					+ " holds bytes that are not (saved as \"CSV (ANSI)\", in Windows-1258?); save it as"
					+ " \"CSV UTF-8\"", ex);
		}
	}

	private static CharsetDecoder strictUtf8() {
		return StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
	}

	/**
	 * A number as the tables write it: ASCII digits, and a dot before at most
	 * {@code maxDecimals} decimals; no sign, exponent, space or thousands separator.
	 * @param text the cell
	 * @param maxDecimals the decimals it may have
	 * @param column the column, as the refusal names it
	 * @return the number
	 * @throws IllegalArgumentException if it is written otherwise
	 */
	static BigDecimal plainNumber(String text, int maxDecimals, String column) {
		String number = text.strip();
		if (number.startsWith("-") && PLAIN_NUMBER.matcher(number.substring(1)).matches()) {
			throw new IllegalArgumentException(column + " must be positive, was " + abbreviated(number));
		}
		if (!PLAIN_NUMBER.matcher(number).matches() || number.length() > 40
				|| (number.indexOf('.') >= 0 && number.length() - number.indexOf('.') - 1 > maxDecimals)) {
			throw new IllegalArgumentException(
					column + " \"" + abbreviated(number) + "\" is not a plain number: digits and a dot before at most "
							+ maxDecimals + " decimals, no thousands separator (1200.5, not 1,200.5 or 1.200,5)");
		}
		return new BigDecimal(number);
	}

	/**
	 * Refuses a last column that takes the rest of the line and begins with a number and
	 * a comma: a number before it written with a comma (1,200.5 or 4,507) has moved its
	 * digits after the comma into this column, and the row would be read with another
	 * value.
	 * @param text the last column
	 * @param column its name
	 * @throws IllegalArgumentException if it begins so
	 */
	static void requireNoNumberMovedInto(String text, String column) {
		if (SHIFTED_NUMBER.matcher(text.strip()).lookingAt()) {
			throw new IllegalArgumentException(column + " \"" + abbreviated(text.strip())
					+ "\" begins with a comma or a number and a comma, or is a number: was a number before it written with a comma"
					+ " (1,200.5)? Write numbers without separators, and begin the " + column + " with a word");
		}
	}

	/**
	 * A row as a refusal quotes it: at most 120 characters.
	 * @param row the row's cells
	 * @return the row, shortened with an ellipsis past 120 characters
	 */
	static String shown(String[] row) {
		String text = String.join(",", row);
		return (text.length() > 120) ? text.substring(0, 120) + "…" : text;
	}

	/**
	 * A number as a refusal names it: written out up to 40 digits, else its count of
	 * digits (an exponent written out could take a gigabyte).
	 * @param number the number
	 * @return e.g. {@code 234000}, or {@code a number of 1000000001 digits}
	 */
	static String shown(BigDecimal number) {
		long digits = (long) number.precision() - number.scale();
		return (digits > 40 || number.scale() > 40)
				? "a number of " + Math.max(digits, (long) number.scale()) + " digits" : number.toPlainString();
	}

	private static String abbreviated(String text) {
		return (text.length() > 40) ? text.substring(0, 40) + "…" : text;
	}

	private static void requireHeader(String line, String header, String source) {
		List<String> found = Arrays.stream(line.split(",", -1)).map(String::strip).toList();
		if (!found.equals(List.of(header.split(",")))) {
			throw new IllegalArgumentException(source + ": the first row must be the header \"" + header
					+ "\", the table's columns in this order; it is \""
					+ ((line.length() > 120) ? line.substring(0, 120) + "…" : line)
					+ "\" (a file without its header would lose its first row)");
		}
	}

}
