package vn.investledger.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Elasticsearch node (the minimal {@code integ-test-zip} distribution from Maven
 * Central), unpacked once into the workspace and run from a fresh instance directory with
 * a pinned heap, single-node discovery, on free loopback ports; security off, or on with
 * users of its file realm and roles given ({@link #startSecured}), to prove the roles a
 * deployment gives each service. Elasticsearch refuses to run as root: when this JVM is
 * root, the node runs as {@code nobody} through {@code setpriv}.
 */
public final class LocalElasticsearch extends LocalServer {

	private static final Logger logger = LoggerFactory.getLogger(LocalElasticsearch.class);

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

	private final String url;

	private final List<String> command;

	private final Map<String, String> environment;

	/** The credentials the readiness check signs in with, when security is on. */
	private final String authorization;

	private LocalElasticsearch(Path instance, GuardedProcess process, String url, List<String> command,
			Map<String, String> environment, String authorization) {
		super(instance, process);
		this.url = url;
		this.command = command;
		this.environment = environment;
		this.authorization = authorization;
	}

	/**
	 * A user of the node's file realm.
	 *
	 * @param name the user name
	 * @param password the password (6 characters or more)
	 * @param roles the roles, defined in the roles given or built in ({@code superuser})
	 */
	public record User(String name, String password, List<String> roles) {

		public User {
			roles = List.copyOf(roles);
		}

		@Override
		public String toString() {
			return "User[" + this.name + ", " + this.roles + "]";
		}

	}

	/**
	 * Stops the node, as an outage would, keeping its data, address and settings.
	 */
	public void stop() {
		logger.info("Stopping Elasticsearch at {}", this.url);
		stopProcess();
	}

	/**
	 * Starts a node and waits until its cluster health answers.
	 * @param workspace where to unpack and run it
	 * @param jdk the JDK to run it with (21+)
	 * @param heap the heap, e.g. {@code 512m}
	 * @return the running node
	 */
	static LocalElasticsearch start(Workspace workspace, Jdk jdk, String heap) {
		return PortRace.retried("Elasticsearch", () -> startOnce(workspace, jdk, heap, null, List.of()));
	}

	/**
	 * Starts a node with security on (HTTP without TLS, on loopback) and waits until its
	 * cluster health answers the first user.
	 * @param workspace where to unpack and run it
	 * @param jdk the JDK to run it with (21+)
	 * @param heap the heap, e.g. {@code 512m}
	 * @param roles the roles, as Elasticsearch's {@code roles.yml} (a role's JSON, as the
	 * role API takes it, under its name)
	 * @param users the users of its file realm, the first of them allowed the cluster's
	 * health
	 * @return the running node
	 */
	static LocalElasticsearch startSecured(Workspace workspace, Jdk jdk, String heap, String roles, List<User> users) {
		if (users.isEmpty()) {
			throw new IllegalArgumentException("A node with security on needs a user");
		}
		return PortRace.retried("Elasticsearch", () -> startOnce(workspace, jdk, heap, roles, users));
	}

	private static LocalElasticsearch startOnce(Workspace workspace, Jdk jdk, String heap, String roles,
			List<User> users) {
		Instant started = Instant.now();
		Path home = unpack(workspace);
		Path instance = workspace.newInstance("elasticsearch");
		int httpPort = FreePorts.next();
		int transportPort = FreePorts.next();
		try {
			Path config = instance.resolve("config");
			copyTree(home.resolve("config"), config);
			List<String> security = (roles != null) ? List.of("xpack.security.enabled: true",
					"xpack.security.http.ssl.enabled: false", "xpack.security.transport.ssl.enabled: false")
					: List.of("xpack.security.enabled: false");
			List<String> settings = new ArrayList<>(List.of("cluster.name: investledger-local", "node.name: local",
					"path.data: " + instance.resolve("data"), "path.logs: " + instance.resolve("logs"),
					"discovery.type: single-node", "network.host: 127.0.0.1", "http.port: " + httpPort,
					"transport.port: " + transportPort, "cluster.routing.allocation.disk.threshold_enabled: false"));
			settings.addAll(security);
			settings.add("");
			Files.writeString(config.resolve("elasticsearch.yml"), String.join("\n", settings));
			if (roles != null) {
				Files.writeString(config.resolve("roles.yml"), roles);
			}
			for (String dir : List.of("data", "logs", "tmp")) {
				Files.createDirectories(instance.resolve(dir));
			}
			for (User user : users) {
				addUser(home, config, jdk, instance, user);
			}
			Path log = instance.resolve("elasticsearch.log");
			Files.createFile(log);
			boolean root = Workspace.runningAsRoot();
			if (root) {
				Workspace.giveToUnprivilegedUser(instance);
			}
			Map<String, String> env = new HashMap<>();
			env.put("HOME", instance.toString());
			env.put("ES_PATH_CONF", config.toString());
			env.put("ES_TMPDIR", instance.resolve("tmp").toString());
			env.put("ES_JAVA_HOME", jdk.home().toString());
			env.put("JAVA_HOME", null);
			// Without a pinned heap the node takes half of the machine's memory.
			env.put("ES_JAVA_OPTS", "-Xms" + heap + " -Xmx" + heap);
			// The launcher's own JVM would otherwise leave temporary folders in /tmp.
			env.put("CLI_JAVA_OPTS", "-Djava.io.tmpdir=" + instance.resolve("tmp"));
			List<String> command = new ArrayList<>();
			if (root) {
				command.addAll(List.of("setpriv", "--reuid=" + Workspace.UNPRIVILEGED_USER,
						"--regid=" + Workspace.UNPRIVILEGED_GROUP, "--clear-groups", "--"));
			}
			command.addAll(List.of("bash", home.resolve("bin").resolve("elasticsearch").toString()));
			GuardedProcess process = GuardedProcess.start("Elasticsearch", command, env, instance, log);
			String authorization = (roles != null) ? "Basic " + java.util.Base64.getEncoder()
				.encodeToString((users.get(0).name() + ":" + users.get(0).password())
					.getBytes(java.nio.charset.StandardCharsets.UTF_8)) : null;
			LocalElasticsearch node = new LocalElasticsearch(instance, process, "http://127.0.0.1:" + httpPort,
					List.copyOf(command), env, authorization);
			node.awaitReady(started);
			return node;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Unpacks the distribution once per version; a half-written copy is never used. Test
	 * JVMs of two modules may ask at once ({@code ./mvnw -T 2}): the first to take the
	 * workspace's lock file unpacks, the other waits for it and uses its copy.
	 */
	private static synchronized Path unpack(Workspace workspace) {
		String version = workspace.buildProperty("elasticsearch.version");
		Path home = workspace.root().resolve("elasticsearch-" + version);
		if (Files.exists(home.resolve(".complete"))) {
			return home;
		}
		try (FileChannel channel = FileChannel.open(workspace.root().resolve(".unpack-elasticsearch.lock"),
				StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock lock = lock(channel, home)) {
			if (Files.exists(home.resolve(".complete"))) {
				return home;
			}
			return unpackLocked(workspace, version, home);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not lock the workspace to unpack Elasticsearch", ex);
		}
	}

	/** Takes the unpacking lock, waiting up to 5 minutes for another JVM's unpacking. */
	private static FileLock lock(FileChannel channel, Path home) throws IOException {
		long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
		FileLock lock = channel.tryLock();
		if (lock == null) {
			logger.info("Waiting for another process to unpack Elasticsearch into {}", home);
		}
		while (lock == null) {
			if (System.nanoTime() - deadline > 0) {
				throw new LocalStackException("Another process held the lock to unpack Elasticsearch into " + home
						+ " for 5 minutes (another test or platform JVM); stop it and try again");
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new LocalStackException("Interrupted while waiting to unpack Elasticsearch");
			}
			lock = channel.tryLock();
		}
		return lock;
	}

	private static Path unpackLocked(Workspace workspace, String version, Path home) {
		Path zip = Path.of(workspace.buildProperty("elasticsearch.zip"));
		if (!Files.isRegularFile(zip)) {
			throw new LocalStackException(
					"The Elasticsearch distribution is missing at " + zip + "; run ./mvnw install");
		}
		Path staging = workspace.root().resolve(".unpack-" + UUID.randomUUID());
		logger.info("Unpacking Elasticsearch {} into {}", version, home);
		try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
			ZipEntry entry;
			while ((entry = in.getNextEntry()) != null) {
				Path target = staging.resolve(entry.getName()).normalize();
				if (!target.startsWith(staging)) {
					throw new LocalStackException("Unexpected path in " + zip + ": " + entry.getName());
				}
				if (entry.isDirectory()) {
					Files.createDirectories(target);
				}
				else {
					Files.createDirectories(target.getParent());
					Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
			Path unpacked;
			try (Stream<Path> children = Files.list(staging)) {
				unpacked = children.filter(Files::isDirectory)
					.findFirst()
					.orElseThrow(() -> new LocalStackException(zip + " holds no directory"));
			}
			makeReadableByAll(unpacked);
			try (Stream<Path> scripts = Files.list(unpacked.resolve("bin"))) {
				for (Path script : (Iterable<Path>) scripts::iterator) {
					Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
				}
			}
			Files.createFile(unpacked.resolve(".complete"));
			Workspace.deleteTree(home);
			Files.move(unpacked, home, StandardCopyOption.ATOMIC_MOVE);
			return home;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not unpack " + zip, ex);
		}
		finally {
			Workspace.deleteTree(staging);
		}
	}

	private static void makeReadableByAll(Path dir) throws IOException {
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : (Iterable<Path>) paths::iterator) {
				Files.setPosixFilePermissions(path,
						PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
			}
		}
	}

	private static void copyTree(Path from, Path to) throws IOException {
		try (Stream<Path> paths = Files.walk(from)) {
			for (Path path : (Iterable<Path>) paths::iterator) {
				Path target = to.resolve(from.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

	/**
	 * Adds a user to the file realm of a node not yet started, with Elasticsearch's own
	 * command.
	 */
	private static void addUser(Path home, Path config, Jdk jdk, Path instance, User user) throws IOException {
		ProcessBuilder builder = new ProcessBuilder("bash",
				home.resolve("bin").resolve("elasticsearch-users").toString(), "useradd", user.name(), "-p",
				user.password(), "-r", String.join(",", user.roles()))
			.redirectErrorStream(true)
			.redirectOutput(instance.resolve("elasticsearch-users.log").toFile());
		builder.environment().put("ES_PATH_CONF", config.toString());
		builder.environment().put("ES_JAVA_HOME", jdk.home().toString());
		builder.environment().remove("JAVA_HOME");
		builder.environment().put("CLI_JAVA_OPTS", "-Djava.io.tmpdir=" + instance.resolve("tmp"));
		try {
			Process process = builder.start();
			if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
				// the script's JVM first, then the script
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
				throw new LocalStackException("elasticsearch-users did not add " + user.name() + " within 60 s");
			}
			if (process.exitValue() != 0) {
				throw new LocalStackException("elasticsearch-users could not add " + user.name() + ": "
						+ Files.readString(instance.resolve("elasticsearch-users.log")));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LocalStackException("Interrupted while adding " + user.name());
		}
	}

	private void awaitReady(Instant started) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		// GET / is missing from this distribution: cluster health is the readiness check.
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(this.url + "/_cluster/health?wait_for_status=yellow&timeout=2s"))
			.timeout(Duration.ofSeconds(5));
		if (this.authorization != null) {
			request.header("Authorization", this.authorization);
		}
		HttpRequest health = request.build();
		awaitReady("Elasticsearch", this.url, started, STARTUP_TIMEOUT,
				() -> http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
	}

	/**
	 * The HTTP address of the node.
	 * @return e.g. {@code http://127.0.0.1:41234}
	 */
	public String url() {
		return this.url;
	}

}
