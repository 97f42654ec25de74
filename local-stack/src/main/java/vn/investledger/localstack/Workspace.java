package vn.investledger.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.Comparator;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the local servers live on disk: a cache root ({@code LOCAL_STACK_HOME}, or
 * {@code <java.io.tmpdir>/investledger-local-stack}) holding unpacked distributions, and
 * one fresh instance directory per started server, deleted when the server stops.
 * Directories left by a parent that died are deleted on the next start.
 */
final class Workspace {

	private static final Logger logger = LoggerFactory.getLogger(Workspace.class);

	static final String UNPRIVILEGED_USER = "nobody";

	static final String UNPRIVILEGED_GROUP = "nogroup";

	private final Path root;

	private final Properties build;

	private Workspace(Path root, Properties build) {
		this.root = root;
		this.build = build;
	}

	static Workspace create() {
		String configured = System.getenv("LOCAL_STACK_HOME");
		if (configured == null || configured.isBlank()) {
			configured = System.getProperty("local-stack.home");
		}
		Path root = (configured != null && !configured.isBlank()) ? Path.of(configured)
				: Path.of(System.getProperty("java.io.tmpdir"), "investledger-local-stack");
		Properties build = new Properties();
		try (InputStream in = Workspace.class.getResourceAsStream("/local-stack/local-stack.properties")) {
			build.load(in);
			createTraversable(root);
			createTraversable(root.resolve("instances"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Workspace workspace = new Workspace(root.toAbsolutePath(), build);
		workspace.deleteOrphanedInstances();
		return workspace;
	}

	Path root() {
		return this.root;
	}

	String buildProperty(String name) {
		String value = this.build.getProperty(name);
		if (value == null || value.isBlank() || value.startsWith("@")) {
			throw new LocalStackException("local-stack was built without " + name + "; rebuild it with ./mvnw");
		}
		return value;
	}

	/**
	 * The classpath of the Kafka broker's JVM, as the build resolved it.
	 * @return a classpath string
	 */
	String brokerClasspath() {
		try (InputStream in = Workspace.class.getResourceAsStream("/local-stack/broker.classpath")) {
			if (in == null) {
				throw new LocalStackException("local-stack was built without broker.classpath; rebuild it with ./mvnw");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Creates a fresh directory for one server, marked with this JVM's pid.
	 * @param kind e.g. {@code kafka}
	 * @return the directory
	 */
	Path newInstance(String kind) {
		Path dir = this.root.resolve("instances").resolve(kind + "-" + UUID.randomUUID().toString().substring(0, 8));
		try {
			createTraversable(dir);
			Files.writeString(dir.resolve("owner.pid"), Long.toString(ProcessHandle.current().pid()));
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static boolean runningAsRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	/**
	 * Gives a directory tree to the unprivileged user that Elasticsearch runs as when
	 * this JVM is root.
	 * @param dir the directory
	 */
	static void giveToUnprivilegedUser(Path dir) {
		UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
		try (Stream<Path> paths = Files.walk(dir)) {
			UserPrincipal user = lookup.lookupPrincipalByName(UNPRIVILEGED_USER);
			GroupPrincipal group = lookup.lookupPrincipalByGroupName(UNPRIVILEGED_GROUP);
			for (Path path : (Iterable<Path>) paths::iterator) {
				PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
				view.setOwner(user);
				view.setGroup(group);
			}
		}
		catch (IOException ex) {
			throw new LocalStackException("Could not give " + dir + " to " + UNPRIVILEGED_USER + ":"
					+ UNPRIVILEGED_GROUP + " (Elasticsearch refuses to run as root)", ex);
		}
	}

	static void deleteTree(Path dir) {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> {
				try {
					Files.deleteIfExists(path);
				}
				catch (IOException ex) {
					logger.debug("Could not delete {}", path, ex);
				}
			});
		}
		catch (IOException ex) {
			logger.debug("Could not delete {}", dir, ex);
		}
	}

	private void deleteOrphanedInstances() {
		try (Stream<Path> instances = Files.list(this.root.resolve("instances"))) {
			instances.filter(this::isOrphaned).forEach((dir) -> {
				logger.info("Deleting {}, left by a process that is gone", dir);
				deleteTree(dir);
			});
		}
		catch (IOException ex) {
			logger.debug("Could not list instances", ex);
		}
	}

	private boolean isOrphaned(Path dir) {
		try {
			long owner = Long.parseLong(Files.readString(dir.resolve("owner.pid")).trim());
			return ProcessHandle.of(owner).map((handle) -> !handle.isAlive()).orElse(true);
		}
		catch (IOException | NumberFormatException ex) {
			return false;
		}
	}

	private static void createTraversable(Path dir) throws IOException {
		Files.createDirectories(dir);
		// Elasticsearch runs as another user when this JVM is root: it must be able to
		// reach its directories.
		Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
	}

}
