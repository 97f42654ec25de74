package vn.investledger.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A directory of Kafka passwords, one file per principal ({@code <principal>.password},
 * mode 600, the directory 700), in the layout
 * {@code docker/kafka/generate-credentials.sh} writes too. Each password is 32 bytes from
 * a {@link SecureRandom}, as 64 hex digits: none is derived from another, so knowing one
 * tells nothing about the rest.
 */
public final class Credentials {

	private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private static final Pattern PASSWORD = Pattern.compile("[0-9a-f]{64}");

	private static final SecureRandom random = new SecureRandom();

	private final Path directory;

	private Credentials(Path directory) {
		this.directory = directory;
	}

	/**
	 * The credentials in a directory, created (mode 700) if missing.
	 * @param directory the directory
	 * @return the credentials
	 */
	public static Credentials in(Path directory) {
		try {
			if (!Files.isDirectory(directory)) {
				Files.createDirectories(directory);
				Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
			}
			return new Credentials(directory.toAbsolutePath());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Path directory() {
		return this.directory;
	}

	/**
	 * Where a principal's password is.
	 * @param principal e.g. {@code province-31}
	 * @return the file
	 */
	public Path file(String principal) {
		return this.directory.resolve(principal + ".password");
	}

	/**
	 * Writes a random password for each principal that has none; keeps those that exist.
	 * @param principals the principals
	 * @return the principals whose password was written now
	 */
	public List<String> ensure(List<String> principals) {
		List<String> written = new ArrayList<>();
		for (String principal : principals) {
			Path file = file(principal);
			if (Files.isRegularFile(file) && fileSize(file) > 0) {
				continue;
			}
			write(file, newPassword());
			written.add(principal);
		}
		return written;
	}

	/**
	 * A principal's password.
	 * @param principal the principal
	 * @return its password
	 * @throws IllegalStateException if it has none
	 */
	public String password(String principal) {
		return read(file(principal)).orElseThrow(() -> new IllegalStateException(
				"No password for " + principal + " in " + this.directory + " (" + file(principal) + ")"));
	}

	/**
	 * The password admin had before {@code generate-credentials.sh --rotate admin}, which
	 * the cluster knows until cluster-setup has set the new one.
	 * @return the previous password, if a rotation is pending
	 */
	Optional<String> previousAdminPassword() {
		return read(this.directory.resolve(Principals.ADMIN + ".password.previous"));
	}

	void previousAdminPasswordApplied() {
		try {
			Files.deleteIfExists(this.directory.resolve(Principals.ADMIN + ".password.previous"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Optional<String> read(Path file) {
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		try {
			String password = Files.readString(file, StandardCharsets.US_ASCII).trim();
			if (password.isEmpty()) {
				return Optional.empty();
			}
			if (!PASSWORD.matcher(password).matches()) {
				throw new IllegalStateException(file + " does not hold 64 hex digits");
			}
			return Optional.of(password);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String newPassword() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	private static void write(Path file, String password) {
		Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
		try {
			Files.deleteIfExists(temporary);
			Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
			Files.writeString(temporary, password, StandardCharsets.US_ASCII);
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write " + file, ex);
		}
	}

	private static long fileSize(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
