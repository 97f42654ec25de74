package vn.investledger.events.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the reference CSV files shipped in this jar: UTF-8, a header row, {@code #}
 * comments, no quoting.
 */
public final class ReferenceCsv {

	private ReferenceCsv() {
	}

	public static List<String[]> read(String resource) {
		return read(resource, -1);
	}

	/**
	 * Reads a shipped table whose last column may hold commas.
	 * @param resource the resource
	 * @param columns the number of columns: the last takes the rest of the line
	 * @return the rows
	 */
	static List<String[]> read(String resource, int columns) {
		try (InputStream in = ReferenceCsv.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("Missing reference data " + resource);
			}
			return read(in, columns);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static List<String[]> read(InputStream in) {
		return read(in, -1);
	}

	static List<String[]> read(InputStream in, int columns) {
		try {
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			List<String[]> rows = new ArrayList<>();
			boolean header = true;
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				if (header) {
					header = false;
					continue;
				}
				rows.add(line.split(",", columns));
			}
			return rows;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
