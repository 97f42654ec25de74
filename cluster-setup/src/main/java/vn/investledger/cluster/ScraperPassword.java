package vn.investledger.cluster;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * The password of the metrics scraper, the one account that reads the services'
 * Prometheus metrics ({@code investledger.metrics-scraper}): Prometheus holds the
 * password, the services only its SHA-256. Generated as the Kafka passwords are
 * ({@link Credentials}), by the local platforms and by docker/
 * ({@code cluster-setup metrics-scraper}).
 */
public final class ScraperPassword {

	private static final Set<PosixFilePermission> OWNER_READ_ONLY_FILE = PosixFilePermissions.fromString("r--------");

	private ScraperPassword() {
	}

	/**
	 * The password in a file, written there first if the file has none (32 random bytes,
	 * 64 hex digits, readable by its owner only); kept on later calls.
	 * @param file the file
	 * @param rotate whether to replace a password that is there
	 * @param owner the numeric user (and group) id to give a new file to, or {@code null}
	 * for this process's
	 * @return the password
	 */
	public static String ensure(Path file, boolean rotate, Integer owner) {
		if (rotate) {
			// the new one replaces the old at once: no moment without a password file
			String password = Credentials.newPassword();
			Credentials.write(file, password, OWNER_READ_ONLY_FILE, owner);
			return password;
		}
		return Credentials.read(file).orElseGet(() -> {
			String password = Credentials.newPassword();
			Credentials.write(file, password, OWNER_READ_ONLY_FILE, owner);
			return password;
		});
	}

	/**
	 * Writes what a service is configured with
	 * ({@code investledger.metrics-scraper.sha256}): the SHA-256 of the password, never
	 * the password, readable by its owner only.
	 * @param password the password
	 * @param file the file
	 * @param owner the numeric user (and group) id to give it to, or {@code null} for
	 * this process's
	 */
	public static void writeSha256(String password, Path file, Integer owner) {
		Credentials.write(file, sha256Hex(password), OWNER_READ_ONLY_FILE, owner);
	}

	/**
	 * The SHA-256 of a password as the services compare it.
	 * @param password the password
	 * @return 64 lowercase hex digits (what {@code sha256sum} prints)
	 */
	public static String sha256Hex(String password) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}
