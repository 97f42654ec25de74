package vn.investledger.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A directory of Kafka passwords, one file per principal ({@code <principal>.password},
 * mode 600, the directory 700): the platform's one generator of them, for the local
 * cluster and for docker/ ({@code cluster-setup credentials}) alike. Each password is 32
 * bytes from a {@link SecureRandom}, as 64 hex digits: none is derived from another, so
 * knowing one tells nothing about the rest.
 */
public final class Credentials {

	private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

	/** A copy handed to the one user who reads it, who never changes it. */
	private static final Set<PosixFilePermission> OWNER_READ_ONLY_FILE = PosixFilePermissions.fromString("r--------");

	private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private static final Pattern PASSWORD = Pattern.compile("[0-9a-f]{64}");

	private static final String SUFFIX = ".password";

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
		return this.directory.resolve(principal + SUFFIX);
	}

	/**
	 * Writes a random password for each principal that has none; keeps those that exist.
	 * Admin's is never written anew while other passwords exist: the brokers' storage was
	 * formatted with it, and a new one would lock the brokers and cluster-setup out of
	 * the cluster ({@link #rotate} replaces it safely).
	 * @param principals the principals
	 * @return the principals whose password was written now
	 * @throws IllegalStateException if admin's password is missing while others exist
	 */
	public List<String> ensure(List<String> principals) {
		if (principals.contains(Principals.ADMIN) && read(file(Principals.ADMIN)).isEmpty()
				&& previousAdminPassword().isEmpty() && anyPassword()) {
			throw new IllegalStateException(file(Principals.ADMIN) + " is missing while other passwords exist; "
					+ "restore it (or rotate admin to replace it)");
		}
		List<String> written = new ArrayList<>();
		for (String principal : principals) {
			if (read(file(principal)).isPresent()) {
				continue;
			}
			write(file(principal), newPassword(), OWNER_ONLY_FILE, null);
			written.add(principal);
		}
		return written;
	}

	/**
	 * Drops a principal's password, so that {@link #ensure} writes a new one. Admin's is
	 * kept as {@code admin.password.previous}, which cluster-setup signs in with to give
	 * the cluster the new one, then deletes.
	 * @param principal the principal
	 * @throws IllegalStateException for admin, if it has no password yet or its last
	 * rotation has not reached the cluster
	 */
	public void rotate(String principal) {
		try {
			if (!Principals.ADMIN.equals(principal)) {
				Files.deleteIfExists(file(principal));
				return;
			}
			if (previousAdminPassword().isPresent()) {
				throw new IllegalStateException("admin's last rotation is not applied yet: run cluster-setup apply "
						+ "(kafka-init) before rotating admin again");
			}
			if (read(file(Principals.ADMIN)).isEmpty()) {
				throw new IllegalStateException("admin has no password to rotate yet");
			}
			Files.move(file(Principals.ADMIN), previousAdminFile(), StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Hands a principal its own password: a copy as {@code password} in a directory of
	 * that principal's alone (a service's volume), readable by its user only.
	 * @param principal the principal
	 * @param directory the directory, which must exist
	 * @param owner the numeric user (and group) id the copy belongs to
	 */
	public void publish(String principal, Path directory, int owner) {
		if (!Files.isDirectory(directory)) {
			throw new IllegalStateException("No directory (volume) at " + directory + " for " + principal);
		}
		write(directory.resolve("password"), password(principal), OWNER_READ_ONLY_FILE, owner);
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
	 * The password admin had before {@link #rotate its rotation}, which the cluster knows
	 * until cluster-setup has set the new one.
	 * @return the previous password, if a rotation is pending
	 */
	Optional<String> previousAdminPassword() {
		return read(previousAdminFile());
	}

	void previousAdminPasswordApplied() {
		try {
			Files.deleteIfExists(previousAdminFile());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Path previousAdminFile() {
		return this.directory.resolve(Principals.ADMIN + SUFFIX + ".previous");
	}

	private boolean anyPassword() {
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.anyMatch((file) -> file.getFileName().toString().endsWith(SUFFIX));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A password's file content, if it holds one.
	 * @param file the file
	 * @return the password, empty if the file is missing or empty
	 * @throws IllegalStateException if it holds something else than a password
	 */
	static Optional<String> read(Path file) {
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		try {
			String password = Files.readString(file, StandardCharsets.US_ASCII).trim();
			if (password.isEmpty()) {
				// never taken as missing: a new password would be made and applied, and
				// whoever holds the old one locked out
				throw new IllegalStateException(file + " is empty (a write cut short by a crash?): restore it from"
						+ " where the principal's client reads it, or delete it to make a new password for it");
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

	/**
	 * A new password: 32 bytes from a {@link SecureRandom} as 64 hex digits, which need
	 * no quoting in a JAAS line, a properties file or a shell.
	 * @return the password
	 */
	static String newPassword() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	/**
	 * Writes a file in place at once: a temporary file beside it, of the given mode and
	 * owner from the start, flushed to the disk, moved over it (UTF-8).
	 * @param file the file
	 * @param content its content
	 * @param mode its permissions
	 * @param owner the numeric user (and group) id to give it to, or {@code null} to keep
	 * this process's
	 */
	static void write(Path file, String content, Set<PosixFilePermission> mode, Integer owner) {
		Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
		try {
			Files.deleteIfExists(temporary);
			Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
			Files.writeString(temporary, content, StandardCharsets.UTF_8);
			// on the disk before it takes the name: a crash never leaves the name on an
			// empty file
			try (FileChannel written = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
				written.force(true);
			}
			Files.setPosixFilePermissions(temporary, mode);
			if (owner != null) {
				Files.setAttribute(temporary, "unix:uid", owner);
				Files.setAttribute(temporary, "unix:gid", owner);
			}
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			try (FileChannel directory = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
				directory.force(true);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write " + file, ex);
		}
	}

}
