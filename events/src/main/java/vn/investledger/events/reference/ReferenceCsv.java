package vn.investledger.events.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the reference CSV files, shipped in this jar or an operator's: UTF-8 (a byte
 * order mark allowed), {@code #} comments, no quoting, and a header row that must name
 * the table's columns: a file without it (its first row of data taken for a header and
 * dropped) or with its columns in another order is refused, naming what was expected.
 */
public final class ReferenceCsv {

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
		try {
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			List<String[]> rows = new ArrayList<>();
			boolean first = true;
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
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
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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
