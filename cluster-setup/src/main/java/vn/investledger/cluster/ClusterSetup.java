package vn.investledger.cluster;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import vn.investledger.events.Topics;

/**
 * The {@code cluster-setup} command: gives a cluster rendered from the
 * {@link BrokerTemplate} the platform's principals, ACLs and topics, on Kafka's Admin
 * API, signed in as the super user admin; and generates the platform's passwords, the
 * Kafka principals' and the metrics scraper's, for docker/ as for the local cluster.
 *
 * <pre>
 * cluster-setup apply --bootstrap-servers HOST:PORT,... --credentials DIR [--prefix ledger]
 * cluster-setup broker-config --nodes HOST,HOST,HOST --credentials DIR --out DIR
 *     [--client-port 9092] [--controller-port 9093] [--listen-host 0.0.0.0]
 *     [--log-dirs /var/lib/kafka/data] [--owner UID]
 * cluster-setup credentials --credentials DIR [--rotate PRINCIPAL]...
 *     [--publish DIR --owner UID --admin-owner UID]
 * cluster-setup metrics-scraper --password-file FILE [--owner UID]
 *     [--sha256-file FILE --sha256-owner UID] [--rotate]
 * </pre>
 *
 * {@code apply} writes a random password for every principal that has none in the
 * credentials directory (mode 600 each), sets each principal's SCRAM credential to its
 * password, creates the topics that are missing ({@link TopicPlan}), and makes the ACLs
 * of the platform's principals exactly those of the {@link AccessPolicy} (it adds the
 * missing ones and removes any other of theirs). Running it again changes nothing but the
 * SCRAM salts, so a password replaced in its file takes effect. {@code broker-config}
 * writes each node's {@code node-<id>/server.properties} from the template.
 * {@code credentials} writes the passwords that are missing ({@link Credentials}), after
 * dropping those to rotate, and with {@code --publish} copies admin's and each service's
 * own into {@code DIR/<principal>/password}, for the user that reads it.
 * {@code metrics-scraper} writes Prometheus's password once ({@link ScraperPassword}) and
 * its SHA-256, which the services are configured with.
 */
public final class ClusterSetup {

	private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

	private static final int SCRAM_ITERATIONS = 8192;

	private static final String USAGE = String.join("\n",
			"usage: cluster-setup apply --bootstrap-servers HOST:PORT,... --credentials DIR [--prefix ledger]",
			"       cluster-setup broker-config --nodes HOST,HOST,HOST --credentials DIR --out DIR"
					+ " [--client-port 9092] [--controller-port 9093] [--listen-host 0.0.0.0]"
					+ " [--log-dirs /var/lib/kafka/data] [--owner UID]",
			"       cluster-setup credentials --credentials DIR [--rotate PRINCIPAL]..."
					+ " [--publish DIR --owner UID --admin-owner UID]",
			"       cluster-setup metrics-scraper --password-file FILE [--owner UID]"
					+ " [--sha256-file FILE --sha256-owner UID] [--rotate]");

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
	 * @param unitQuotas the units given their produce quota
	 */
	public record Report(Path credentials, List<String> principals, List<String> passwordsWritten,
			List<String> scramUsers, int topicsCreated, int topicsExisting, int aclsAdded, int aclsRemoved, int acls,
			int unitQuotas) {

		String summary() {
			return String.join("\n",
					"Credentials: " + this.credentials + " (one <principal>.password file each, mode 600): "
							+ this.principals.size() + " principals, written now: "
							+ (this.passwordsWritten.isEmpty() ? "none" : String.join(" ", this.passwordsWritten)),
					"SCRAM-SHA-512 users: " + this.scramUsers.size(),
					"Topics: " + this.topicsCreated + " created, " + this.topicsExisting + " already there",
					"ACLs: " + this.acls + " bindings (" + this.aclsAdded + " added, " + this.aclsRemoved + " removed)",
					"Quotas: " + this.unitQuotas + " units may produce at most " + UNIT_PRODUCE_BYTES_PER_SECOND
							+ " bytes/s each");
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
				List<NewTopic> plan = TopicPlan.topics(topics, units);
				int[] created = createTopics(admin, plan);
				alignTopics(admin,
						plan.stream()
							.filter((topic) -> topics.eventTopicPattern().matcher(topic.name()).matches())
							.toList(),
						plan.stream()
							.filter((topic) -> !topics.eventTopicPattern().matcher(topic.name()).matches())
							.filter((topic) -> topic.configs().containsKey(TopicConfig.MAX_MESSAGE_BYTES_CONFIG))
							.toList());
				AccessPolicy policy = new AccessPolicy(topics, units);
				int[] acls = reconcileAcls(admin, policy.bindings(), users);
				int quotas = limitUnits(admin, units);
				return new Report(credentials.directory(), principals, written, users, created[0], created[1], acls[0],
						acls[1], policy.bindings().size(), quotas);
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

	/**
	 * What each unit's principal may produce, in bytes a second across the cluster's
	 * brokers: 1 MiB/s, some 2,000 events a second (a backfill of 100,000 historical
	 * licences in under a minute). The event topics are kept forever (they are the
	 * ledger), so a unit's system gone wrong, or its stolen password, could otherwise
	 * fill the brokers' disks and stop every unit; past the quota the broker slows that
	 * unit's producer down, and no other's. The operations view's events-per-minute check
	 * raises the alarm long before.
	 */
	static final long UNIT_PRODUCE_BYTES_PER_SECOND = 1L << 20;

	/** Kafka's name of a principal's produce quota. */
	static final String PRODUCER_BYTE_RATE = "producer_byte_rate";

	/**
	 * Gives every unit's principal its produce quota.
	 * @return the units given it
	 */
	private static int limitUnits(Admin admin, List<String> units)
			throws InterruptedException, ExecutionException, TimeoutException {
		List<ClientQuotaAlteration> alterations = new ArrayList<>();
		for (String unit : units) {
			alterations.add(new ClientQuotaAlteration(
					new ClientQuotaEntity(Map.of(ClientQuotaEntity.USER, Principals.province(unit))),
					List.of(new ClientQuotaAlteration.Op(PRODUCER_BYTE_RATE, (double) UNIT_PRODUCE_BYTES_PER_SECOND))));
		}
		admin.alterClientQuotas(alterations).all().get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		return alterations.size();
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
	 * Gives event topics created by an earlier version the settings of today's
	 * ({@code Topics.EVENT_TOPIC_CONFIGS}): the processor, which may only read them,
	 * checks them at start. The other topics the plan sizes (the rejections, the dead
	 * letters, the indexer's dead letters) are raised to the plan's largest record if
	 * they take less: one made by an earlier version with Kafka's 1 MiB could not take a
	 * record its writer makes, and that record would stop its partition.
	 */
	private static void alignTopics(Admin admin, List<NewTopic> eventTopics, List<NewTopic> sizedTopics)
			throws InterruptedException, ExecutionException, TimeoutException {
		Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
		for (NewTopic topic : eventTopics) {
			changes.put(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()),
					topic.configs()
						.entrySet()
						.stream()
						.map((entry) -> new AlterConfigOp(new ConfigEntry(entry.getKey(), entry.getValue()),
								AlterConfigOp.OpType.SET))
						.toList());
		}
		Map<ConfigResource, NewTopic> sized = new HashMap<>();
		sizedTopics.forEach((topic) -> sized.put(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()), topic));
		if (!sized.isEmpty()) {
			// raised only: one an operator made larger (with its writers' request size)
			// stays so
			var current = onceTopicsKnown(() -> admin.describeConfigs(sized.keySet())
				.all()
				.get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
			sized.forEach((resource, topic) -> {
				String planned = topic.configs().get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
				ConfigEntry now = current.get(resource).get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
				if (now == null || now.value() == null || Long.parseLong(now.value()) < Long.parseLong(planned)) {
					changes.put(resource,
							List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, planned),
									AlterConfigOp.OpType.SET)));
				}
			});
		}
		if (!changes.isEmpty()) {
			onceTopicsKnown(() -> admin.incrementalAlterConfigs(changes)
				.all()
				.get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
		}
	}

	/**
	 * A request about topics, sent again while the broker that answers it does not know
	 * one of them yet: a topic the controller has just created reaches each broker a
	 * moment later, and a broker that has not learnt of it answers "unknown topic" (seen
	 * on the local cluster straight after the creation). Up to {@link #STEP_TIMEOUT}.
	 */
	private static <T> T onceTopicsKnown(TopicRequest<T> request)
			throws InterruptedException, ExecutionException, TimeoutException {
		Instant deadline = Instant.now().plus(STEP_TIMEOUT);
		while (true) {
			try {
				return request.send();
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof UnknownTopicOrPartitionException) || Instant.now().isAfter(deadline)) {
					throw ex;
				}
				Thread.sleep(500);
			}
		}
	}

	/**
	 * One request of the admin client about topics.
	 *
	 * @param <T> its answer
	 */
	@FunctionalInterface
	private interface TopicRequest<T> {

		T send() throws InterruptedException, ExecutionException, TimeoutException;

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
				// whole or not at all: a file cut short would lack the authorizer's lines
				// at its end, and a broker started from it would let every principal do
				// everything
				Credentials.write(file, template.render(nodes, node, listenHost, logDirs, secrets),
						PosixFilePermissions.fromString("rw-------"), owner);
				if (owner != null) {
					Files.setAttribute(dir, "unix:uid", owner);
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
	 * Runs the command; prints what it did, or what was wrong and how to call it.
	 * @param args a command and its options, see the class description
	 */
	public static void main(String[] args) {
		// the command prints what it did; the Kafka clients' log only what goes wrong
		if (System.getProperty("logback.configurationFile") == null) {
			System.setProperty("logback.configurationFile", "cluster/logback-command.xml");
		}
		try {
			run(args, System.out);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("cluster-setup: expected " + ex.getMessage());
			System.err.println(USAGE);
			System.exit(2);
		}
		catch (IllegalStateException | UncheckedIOException ex) {
			System.err.println("cluster-setup: " + ex.getMessage());
			System.exit(1);
		}
	}

	/**
	 * Runs one command, as {@link #main} does, without leaving the JVM.
	 * @param args a command and its options, see the class description
	 * @param out where it says what it did
	 * @throws IllegalArgumentException naming what is missing or wrong in the arguments
	 * @throws IllegalStateException if the command cannot do what it is asked
	 */
	public static void run(String[] args, PrintStream out) {
		if (args.length == 0
				|| !List.of("apply", "broker-config", "credentials", "metrics-scraper").contains(args[0])) {
			throw new IllegalArgumentException("a command: apply, broker-config, credentials or metrics-scraper");
		}
		Options options = Options.parse(args);
		Instant started = Instant.now();
		switch (args[0]) {
			case "apply" -> {
				Report report = apply(options.required("bootstrap-servers"),
						Topics.withPrefix(options.get("prefix", Topics.DEFAULT_PREFIX)),
						Credentials.in(Path.of(options.required("credentials"))));
				out.println(report.summary());
				out.println("Done in " + Duration.between(started, Instant.now()).toMillis() + " ms.");
			}
			case "broker-config" -> {
				ClusterNodes nodes = ClusterNodes.onHosts(List.of(options.required("nodes").split(",")),
						Integer.parseInt(options.get("client-port", "9092")),
						Integer.parseInt(options.get("controller-port", "9093")));
				List<Path> files = writeBrokerConfigs(nodes, options.get("listen-host", "0.0.0.0"),
						options.get("log-dirs", "/var/lib/kafka/data"),
						Credentials.in(Path.of(options.required("credentials"))), Path.of(options.required("out")),
						options.uid("owner"));
				files.forEach((file) -> out.println("Broker properties: " + file + " (mode 600)"));
			}
			case "credentials" -> credentials(options, out);
			default -> metricsScraper(options, out);
		}
	}

	/**
	 * The Kafka passwords: drops those to rotate, writes the missing ones, and hands
	 * admin's (the brokers') and each service's own to its directory.
	 */
	private static void credentials(Options options, PrintStream out) {
		Credentials credentials = Credentials.in(Path.of(options.required("credentials")));
		List<String> principals = Principals.all(Principals.units());
		for (String principal : options.all("rotate")) {
			if (!principals.contains(principal)) {
				throw new IllegalArgumentException("--rotate with a principal of the platform, not " + principal);
			}
			credentials.rotate(principal);
		}
		List<String> written = credentials.ensure(principals);
		out.println("Kafka passwords in " + credentials.directory() + ": " + principals.size()
				+ " principals, written now: " + (written.isEmpty() ? "none" : String.join(" ", written)));
		String publish = options.get("publish", null);
		if (publish != null) {
			int owner = options.requiredUid("owner");
			int adminOwner = options.requiredUid("admin-owner");
			for (String principal : List.of(Principals.ADMIN, Principals.STREAM_PROCESSOR, Principals.INDEXER,
					Principals.GATEWAY, Principals.CONSOLE)) {
				credentials.publish(principal, Path.of(publish, principal),
						Principals.ADMIN.equals(principal) ? adminOwner : owner);
			}
			out.println("Each service's directory under " + publish + " holds its own password (mode 400),"
					+ " admin's the brokers'.");
		}
	}

	/**
	 * Prometheus's password, written once, and its SHA-256 for the services.
	 */
	private static void metricsScraper(Options options, PrintStream out) {
		Path passwordFile = Path.of(options.required("password-file"));
		boolean existed = !options.flag("rotate") && Credentials.read(passwordFile).isPresent();
		String password = ScraperPassword.ensure(passwordFile, options.flag("rotate"), options.uid("owner"));
		out.println((existed ? "The metrics scraper's password is kept: " : "A new metrics scraper's password: ")
				+ passwordFile + " (mode 400)");
		String sha256File = options.get("sha256-file", null);
		if (sha256File != null) {
			ScraperPassword.writeSha256(password, Path.of(sha256File), options.requiredUid("sha256-owner"));
			out.println("Its SHA-256, for the services: " + sha256File + " (mode 400)");
		}
	}

	/**
	 * The {@code --name value} options after the command; a name may repeat, and one
	 * without a value is a flag.
	 */
	private record Options(Map<String, List<String>> values) {

		static Options parse(String[] args) {
			Map<String, List<String>> values = new LinkedHashMap<>();
			int i = 1;
			while (i < args.length) {
				if (!args[i].startsWith("--") || args[i].length() == 2) {
					throw new IllegalArgumentException("--name value options, not " + args[i]);
				}
				String name = args[i].substring(2);
				boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
				values.computeIfAbsent(name, (key) -> new ArrayList<>()).add(hasValue ? args[i + 1] : "");
				i += hasValue ? 2 : 1;
			}
			return new Options(values);
		}

		String get(String name, String defaultValue) {
			List<String> given = this.values.getOrDefault(name, List.of());
			if (given.size() > 1) {
				throw new IllegalArgumentException("--" + name + " once");
			}
			if (!given.isEmpty() && given.get(0).isEmpty()) {
				throw new IllegalArgumentException("--" + name + " with a value");
			}
			return given.isEmpty() ? defaultValue : given.get(0);
		}

		String required(String name) {
			String value = get(name, null);
			if (value == null || value.isBlank()) {
				throw new IllegalArgumentException("--" + name);
			}
			return value;
		}

		List<String> all(String name) {
			List<String> given = this.values.getOrDefault(name, List.of());
			if (given.contains("")) {
				throw new IllegalArgumentException("--" + name + " with a value");
			}
			return given;
		}

		boolean flag(String name) {
			List<String> given = this.values.getOrDefault(name, List.of());
			if (given.stream().anyMatch((value) -> !value.isEmpty())) {
				throw new IllegalArgumentException("--" + name + " without a value");
			}
			return !given.isEmpty();
		}

		Integer uid(String name) {
			String value = get(name, null);
			try {
				return (value != null) ? Integer.valueOf(value) : null;
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("--" + name + " with a numeric user id, not " + value);
			}
		}

		int requiredUid(String name) {
			required(name);
			return uid(name);
		}

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
