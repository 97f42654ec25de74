package vn.investledger.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.TopicExistsException;

import vn.investledger.events.Topics;

/**
 * The {@code cluster-setup} command: gives a cluster rendered from the
 * {@link BrokerTemplate} the platform's principals, ACLs and topics, on Kafka's Admin
 * API, signed in as the super user admin.
 *
 * <pre>
 * cluster-setup apply --bootstrap-servers HOST:PORT,... --credentials DIR [--prefix ledger]
 * cluster-setup broker-config --nodes HOST,HOST,HOST --credentials DIR --out DIR
 *     [--client-port 9092] [--controller-port 9093] [--listen-host 0.0.0.0]
 *     [--log-dirs /var/lib/kafka/data] [--owner UID]
 * </pre>
 *
 * {@code apply} writes a random password for every principal that has none in the
 * credentials directory (mode 600 each), sets each principal's SCRAM credential to its
 * password, creates the topics that are missing ({@link TopicPlan}), and makes the ACLs
 * of the platform's principals exactly those of the {@link AccessPolicy} (it adds the
 * missing ones and removes any other of theirs). Running it again changes nothing but the
 * SCRAM salts, so a password replaced in its file takes effect. {@code broker-config}
 * writes each node's {@code node-<id>/server.properties} from the template.
 */
public final class ClusterSetup {

	private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

	private static final int SCRAM_ITERATIONS = 8192;

	private ClusterSetup() {
	}

	/**
	 * What {@link #apply} did.
	 *
	 * @param credentials where the passwords are
	 * @param principals every principal with a password
	 * @param passwordsWritten the principals whose password was written now
	 * @param scramUsers the principals whose SCRAM credential was set
	 * @param topicsCreated topics created now
	 * @param topicsExisting topics that were there
	 * @param aclsAdded ACL bindings added now
	 * @param aclsRemoved ACL bindings of the platform's principals that the policy does
	 * not have, removed
	 * @param acls the policy's ACL bindings
	 */
	public record Report(Path credentials, List<String> principals, List<String> passwordsWritten,
			List<String> scramUsers, int topicsCreated, int topicsExisting, int aclsAdded, int aclsRemoved, int acls) {

		String summary() {
			return String.join("\n",
					"Credentials: " + this.credentials + " (one <principal>.password file each, mode 600): "
							+ this.principals.size() + " principals, written now: "
							+ (this.passwordsWritten.isEmpty() ? "none" : String.join(" ", this.passwordsWritten)),
					"SCRAM-SHA-512 users: " + this.scramUsers.size(),
					"Topics: " + this.topicsCreated + " created, " + this.topicsExisting + " already there", "ACLs: "
							+ this.acls + " bindings (" + this.aclsAdded + " added, " + this.aclsRemoved + " removed)");
		}

	}

	/**
	 * Sets up a cluster for the units in force.
	 * @param bootstrapServers the cluster's client listeners
	 * @param topics the topic registry
	 * @param credentials where the passwords are and go
	 * @return what was done
	 */
	public static Report apply(String bootstrapServers, Topics topics, Credentials credentials) {
		return apply(bootstrapServers, topics, credentials, Principals.units());
	}

	static Report apply(String bootstrapServers, Topics topics, Credentials credentials, List<String> units) {
		List<String> principals = Principals.all(units);
		List<String> written = credentials.ensure(principals);
		try {
			credentials.previousAdminPassword().ifPresent((previous) -> {
				// admin was rotated: the cluster knows the previous password until this
				// sets
				// the new one
				try (Admin admin = admin(bootstrapServers, previous)) {
					upsert(admin, credentials, List.of(Principals.ADMIN));
				}
				credentials.previousAdminPasswordApplied();
			});
			try (Admin admin = admin(bootstrapServers, credentials.password(Principals.ADMIN))) {
				List<String> users = Principals.scramUsers(units);
				upsert(admin, credentials, users);
				int[] created = createTopics(admin, TopicPlan.topics(topics, units));
				AccessPolicy policy = new AccessPolicy(topics, units);
				int[] acls = reconcileAcls(admin, policy.bindings(), users);
				return new Report(credentials.directory(), principals, written, users, created[0], created[1], acls[0],
						acls[1], policy.bindings().size());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while setting up the cluster", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not set up the cluster at " + bootstrapServers + ": " + ex, ex);
		}
	}

	private static Admin admin(String bootstrapServers, String adminPassword) {
		Map<String, Object> config = new HashMap<>(KafkaLogin.scram(Principals.ADMIN, adminPassword));
		config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) STEP_TIMEOUT.toMillis());
		return Admin.create(config);
	}

	private static void upsert(Admin admin, Credentials credentials, List<String> users) {
		List<UserScramCredentialAlteration> upsertions = new ArrayList<>();
		for (String user : users) {
			upsertions.add(new UserScramCredentialUpsertion(user,
					new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS),
					credentials.password(user)));
		}
		get(() -> admin.alterUserScramCredentials(upsertions)
			.all()
			.get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
	}

	/**
	 * @return created, existing
	 */
	private static int[] createTopics(Admin admin, List<NewTopic> planned)
			throws InterruptedException, ExecutionException, TimeoutException {
		Set<String> existing = admin.listTopics().names().get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		List<NewTopic> missing = planned.stream().filter((topic) -> !existing.contains(topic.name())).toList();
		int created = 0;
		if (!missing.isEmpty()) {
			var results = admin.createTopics(missing).values();
			for (var result : results.values()) {
				try {
					result.get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
					created++;
				}
				catch (ExecutionException ex) {
					if (!(ex.getCause() instanceof TopicExistsException)) {
						throw ex;
					}
				}
			}
		}
		return new int[] { created, planned.size() - created };
	}

	/**
	 * Makes the platform principals' ACLs those of the policy, then reads them back until
	 * the cluster shows every one: a creation the controller acknowledged has been seen
	 * missing right after a large batch of topics, so the command checks rather than
	 * trusts.
	 * @return added, removed
	 */
	private static int[] reconcileAcls(Admin admin, List<AclBinding> planned, List<String> users)
			throws InterruptedException, ExecutionException, TimeoutException {
		Set<String> managed = new HashSet<>();
		users.stream().filter((user) -> !Principals.ADMIN.equals(user)).forEach((user) -> managed.add("User:" + user));
		Set<AclBinding> wanted = new HashSet<>(planned);
		Set<AclBinding> added = new HashSet<>();
		int removed = 0;
		Instant deadline = Instant.now().plus(STEP_TIMEOUT);
		while (true) {
			Set<AclBinding> present = new HashSet<>(admin.describeAcls(AclBindingFilter.ANY)
				.values()
				.get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
			List<AclBinding> missing = planned.stream().filter((binding) -> !present.contains(binding)).toList();
			List<AclBindingFilter> extra = present.stream()
				.filter((binding) -> managed.contains(binding.entry().principal()) && !wanted.contains(binding))
				.map(AclBinding::toFilter)
				.toList();
			if (missing.isEmpty() && extra.isEmpty()) {
				return new int[] { added.size(), removed };
			}
			if (Instant.now().isAfter(deadline)) {
				throw new TimeoutException("The cluster still lacks " + missing.size()
						+ " of the policy's ACLs and has " + extra.size() + " others after " + STEP_TIMEOUT);
			}
			if (!missing.isEmpty()) {
				admin.createAcls(missing).all().get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
				added.addAll(missing);
			}
			if (!extra.isEmpty()) {
				removed += admin.deleteAcls(extra).all().get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
			}
			Thread.sleep(500);
		}
	}

	/**
	 * Writes each node's properties file from the template.
	 * @param nodes the cluster's nodes
	 * @param listenHost the address the listeners bind
	 * @param logDirs each node's data directory
	 * @param credentials where admin's and controller's passwords are
	 * @param out the directory that receives {@code node-<id>/server.properties}
	 * @param owner the numeric user id to give the files to, or {@code null}
	 * @return the files
	 */
	public static List<Path> writeBrokerConfigs(ClusterNodes nodes, String listenHost, String logDirs,
			Credentials credentials, Path out, Integer owner) {
		credentials.ensure(List.of(Principals.ADMIN, Principals.CONTROLLER));
		BrokerTemplate template = BrokerTemplate.standard();
		BrokerTemplate.BrokerSecrets secrets = BrokerTemplate.BrokerSecrets.from(credentials);
		List<Path> files = new ArrayList<>();
		try {
			for (ClusterNodes.Node node : nodes.nodes()) {
				Path dir = out.resolve("node-" + node.id());
				Files.createDirectories(dir);
				Path file = dir.resolve("server.properties");
				Files.deleteIfExists(file);
				Files.createFile(file,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
				Files.writeString(file, template.render(nodes, node, listenHost, logDirs, secrets),
						StandardCharsets.UTF_8);
				if (owner != null) {
					Files.setAttribute(dir, "unix:uid", owner);
					Files.setAttribute(file, "unix:uid", owner);
				}
				files.add(file);
			}
			return files;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Runs the command.
	 * @param args {@code apply …} or {@code broker-config …}, see the class description
	 */
	public static void main(String[] args) {
		// the command prints what it did; the Kafka clients' log only what goes wrong
		if (System.getProperty("logback.configurationFile") == null) {
			System.setProperty("logback.configurationFile", "cluster/logback-command.xml");
		}
		if (args.length == 0 || !List.of("apply", "broker-config").contains(args[0])) {
			usage("a command: apply or broker-config");
		}
		Map<String, String> options = options(args);
		Credentials credentials = Credentials.in(Path.of(required(options, "credentials")));
		Instant started = Instant.now();
		if ("apply".equals(args[0])) {
			Report report = apply(required(options, "bootstrap-servers"),
					Topics.withPrefix(options.getOrDefault("prefix", Topics.DEFAULT_PREFIX)), credentials);
			System.out.println(report.summary());
			System.out.println("Done in " + Duration.between(started, Instant.now()).toMillis() + " ms.");
		}
		else {
			ClusterNodes nodes = ClusterNodes.onHosts(List.of(required(options, "nodes").split(",")),
					Integer.parseInt(options.getOrDefault("client-port", "9092")),
					Integer.parseInt(options.getOrDefault("controller-port", "9093")));
			String owner = options.get("owner");
			List<Path> files = writeBrokerConfigs(nodes, options.getOrDefault("listen-host", "0.0.0.0"),
					options.getOrDefault("log-dirs", "/var/lib/kafka/data"), credentials,
					Path.of(required(options, "out")), (owner != null) ? Integer.valueOf(owner) : null);
			files.forEach((file) -> System.out.println("Broker properties: " + file + " (mode 600)"));
		}
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 1; i < args.length; i += 2) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				usage("--name value pairs, not " + args[i]);
			}
			options.put(args[i].substring(2), args[i + 1]);
		}
		return options;
	}

	private static String required(Map<String, String> options, String name) {
		String value = options.get(name);
		if (value == null || value.isBlank()) {
			usage("--" + name);
		}
		return value;
	}

	private static void usage(String missing) {
		System.err.println("cluster-setup: expected " + missing);
		System.err.println("usage: cluster-setup apply --bootstrap-servers HOST:PORT,... --credentials DIR"
				+ " [--prefix ledger]");
		System.err.println("       cluster-setup broker-config --nodes HOST,HOST,HOST --credentials DIR --out DIR"
				+ " [--client-port 9092] [--controller-port 9093] [--listen-host 0.0.0.0]"
				+ " [--log-dirs /var/lib/kafka/data] [--owner UID]");
		System.exit(2);
	}

	@FunctionalInterface
	private interface Step {

		void run() throws InterruptedException, ExecutionException, TimeoutException;

	}

	private static void get(Step step) {
		try {
			step.run();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while setting up the cluster", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not set up the cluster: " + ex, ex);
		}
	}

}
