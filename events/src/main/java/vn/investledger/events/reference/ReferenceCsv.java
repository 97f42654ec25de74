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
		try (InputStream in = ReferenceCsv.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("Missing reference data " + resource);
			}
			return read(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static List<String[]> read(InputStream in) {
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
				rows.add(line.split(",", -1));
			}
			return rows;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
