package vn.investledger.events.reference;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The fingerprint of a reference table: the SHA-256 of its rows, each followed by a line
 * feed, in hexadecimal. The same table gives the same fingerprint whatever file it was
 * read from.
 */
public final class TableFingerprint {

	private TableFingerprint() {
	}

	/**
	 * The fingerprint of a table's rows.
	 * @param rows the rows, in the table's order
	 * @return 64 hexadecimal digits
	 */
	public static String of(List<String> rows) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (String row : rows) {
				digest.update(row.getBytes(StandardCharsets.UTF_8));
				digest.update((byte) '\n');
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}
