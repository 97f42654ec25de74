package vn.investledger.localstack;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.investledger.cluster.BrokerTemplate;
import vn.investledger.cluster.ClusterNodes;
import vn.investledger.cluster.ClusterSetup;
import vn.investledger.cluster.Credentials;
import vn.investledger.cluster.KafkaLogin;
import vn.investledger.cluster.Principals;
import vn.investledger.events.Topics;

/**
 * Three real Kafka nodes (each broker and controller, KRaft) on loopback ports,
 * configured from the broker template that {@code docker/} renders too:
 * SASL/SCRAM-SHA-512 on the client listener, SASL/PLAIN as the super user
 * {@code controller} on the controller listener, StandardAuthorizer with no access
 * without an ACL, three replicas and two in sync for every topic. The passwords are in
 * {@link #credentials()}; the super user admin's is written before the storage is
 * formatted, the other principals' by {@link #setUp(Topics)}, which runs the
 * {@code cluster-setup} command.
 *
 * <pre>{@code
 * try (LocalKafkaCluster cluster = LocalKafkaCluster.start()) {
 *     cluster.setUp(Topics.withPrefix("ledger"));
 *     Map<String, Object> asProvince31 = cluster.clientSettings("province-31");
 * }
 * }</pre>
 */
public final class LocalKafkaCluster implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(LocalKafkaCluster.class);

	/** Nodes of the cluster: a quorum of three survives the loss of one. */
	public static final int NODES = 3;

	/**
	 * Three JVMs start at once and none serves until two controllers agree: ≈ 35 s on a
	 * 2-core machine, much longer when it is busy.
	 */
	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);

	private final Path home;

	private final Credentials credentials;

	private final ClusterNodes layout;

	private final List<LocalKafka> nodes;

	private LocalKafkaCluster(Path home, Credentials credentials, ClusterNodes layout, List<LocalKafka> nodes) {
		this.home = home;
		this.credentials = credentials;
		this.layout = layout;
		this.nodes = List.copyOf(nodes);
	}

	/**
	 * Starts three nodes and waits until every one serves as a broker of the cluster.
	 * @return the running cluster; the caller closes it
	 */
	public static LocalKafkaCluster start() {
		return start(Workspace.create(), Jdk.find(),
				System.getProperty("local-stack.kafka.heap", LocalStack.DEFAULT_KAFKA_HEAP));
	}

	static LocalKafkaCluster start(Workspace workspace, Jdk jdk, String heap) {
		// its six ports are probed before any node binds them: another process may take
		// one meanwhile, as for a single broker
		return PortRace.retried("Kafka cluster", () -> startOnce(workspace, jdk, heap));
	}

	private static LocalKafkaCluster startOnce(Workspace workspace, Jdk jdk, String heap) {
		Instant started = Instant.now();
		Path home = workspace.newInstance("kafka-cluster");
		Credentials credentials = Credentials.in(home.resolve("credentials"));
		credentials.ensure(List.of(Principals.ADMIN, Principals.CONTROLLER));
		List<ClusterNodes.Node> layoutNodes = new ArrayList<>();
		for (int id = 1; id <= NODES; id++) {
			layoutNodes.add(new ClusterNodes.Node(id, "127.0.0.1", FreePorts.next(), FreePorts.next()));
		}
		ClusterNodes layout = new ClusterNodes(layoutNodes);
		BrokerTemplate template = BrokerTemplate.standard();
		BrokerTemplate.BrokerSecrets secrets = BrokerTemplate.BrokerSecrets.from(credentials);
		String clusterId = Uuid.randomUuid().toString();
		// KRaft takes SCRAM credentials only from its metadata: admin's, which the
		// brokers
		// sign in to each other with, is written when the storage is formatted
		List<String> addAdmin = List.of("--add-scram",
				"SCRAM-SHA-512=[name=" + Principals.ADMIN + ",password=" + secrets.adminPassword() + "]");
		List<CompletableFuture<LocalKafka>> starting = new ArrayList<>();
		for (ClusterNodes.Node node : layout.nodes()) {
			starting.add(CompletableFuture.supplyAsync(() -> {
				Path instance = workspace.newInstance("kafka-" + node.id());
				try {
					Path data = instance.resolve("data");
					Files.createDirectories(data);
					Path config = instance.resolve("server.properties");
					// it holds the super users' passwords
					Files.createFile(config,
							PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
					Files.writeString(config, template.render(layout, node, "127.0.0.1", data.toString(), secrets),
							StandardCharsets.UTF_8);
					return LocalKafka.launch(workspace, jdk, heap, instance, config, clusterId, addAdmin,
							node.host() + ":" + node.clientPort());
				}
				catch (IOException ex) {
					Workspace.deleteTree(instance);
					throw new UncheckedIOException(ex);
				}
			}));
		}
		Map<String, Object> asAdmin = KafkaLogin.scram(Principals.ADMIN, secrets.adminPassword());
		try {
			CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
			List<LocalKafka> nodes = starting.stream().map(CompletableFuture::join).toList();
			LocalKafkaCluster cluster = new LocalKafkaCluster(home, credentials, layout, nodes);
			try {
				// the first node that fails fails the start at once: the others would
				// wait
				// in vain for a quorum
				CompletableFuture<Void> failure = new CompletableFuture<>();
				CompletableFuture<?>[] ready = nodes.stream()
					.map((node) -> CompletableFuture.runAsync(() -> node.awaitReady(started, asAdmin, STARTUP_TIMEOUT))
						.whenComplete((done, ex) -> {
							if (ex != null) {
								failure.completeExceptionally(ex);
							}
						}))
					.toArray(CompletableFuture[]::new);
				CompletableFuture.anyOf(CompletableFuture.allOf(ready), failure).join();
				cluster.awaitBrokers(started);
			}
			catch (CompletionException ex) {
				cluster.close();
				throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
			}
			catch (RuntimeException ex) {
				cluster.close();
				throw ex;
			}
			logger.info("Kafka cluster of {} nodes ready at {} in {} ms (credentials: {})", NODES,
					layout.bootstrapServers(), Duration.between(started, Instant.now()).toMillis(),
					credentials.directory());
			return cluster;
		}
		catch (CompletionException ex) {
			starting.forEach((node) -> node.thenAccept(LocalKafka::close));
			Workspace.deleteTree(home);
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	/**
	 * Waits until every node serves as a broker of the cluster again, e.g. after one was
	 * {@linkplain LocalKafka#restart() restarted}.
	 * @param timeout how long it may take
	 */
	public void awaitBrokers(Duration timeout) {
		awaitBrokers(Instant.now(), timeout);
	}

	private void awaitBrokers(Instant started) {
		awaitBrokers(started, STARTUP_TIMEOUT);
	}

	private void awaitBrokers(Instant started, Duration timeout) {
		Instant deadline = started.plus(timeout);
		try (Admin admin = Admin.create(adminSettings())) {
			while (true) {
				int brokers = 0;
				try {
					brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000))
						.nodes()
						.get(3, TimeUnit.SECONDS)
						.size();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new LocalStackException("Interrupted while waiting for the Kafka cluster");
				}
				catch (Exception ex) {
					// not serving yet
				}
				if (brokers == NODES) {
					return;
				}
				if (Instant.now().isAfter(deadline)) {
					throw new LocalStackException(
							"Only " + brokers + " of " + NODES + " Kafka brokers registered within " + timeout
									+ this.nodes.stream().map((node) -> node.logFile().toString()).toList());
				}
				Thread.sleep(250);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LocalStackException("Interrupted while waiting for the Kafka cluster");
		}
	}

	/**
	 * Runs the {@code cluster-setup} command against this cluster: every principal's
	 * password (into {@link #credentials()}), SCRAM user and ACLs, and the platform's
	 * topics.
	 * @param topics the topic registry
	 * @return what it did
	 */
	public ClusterSetup.Report setUp(Topics topics) {
		return ClusterSetup.apply(bootstrapServers(), topics, this.credentials);
	}

	/**
	 * The address clients connect to: every node's client listener.
	 * @return e.g. {@code 127.0.0.1:40123,127.0.0.1:40125,127.0.0.1:40127}
	 */
	public String bootstrapServers() {
		return this.layout.bootstrapServers();
	}

	/**
	 * Where each principal's password is, one file each.
	 * @return the credentials
	 */
	public Credentials credentials() {
		return this.credentials;
	}

	/**
	 * Client settings that connect and sign in as a principal.
	 * @param principal e.g. {@code province-31}, or {@code admin}
	 * @return bootstrap servers and SASL settings
	 */
	public Map<String, Object> clientSettings(String principal) {
		Map<String, Object> settings = new HashMap<>(KafkaLogin.scram(principal, this.credentials.password(principal)));
		settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
		return settings;
	}

	/**
	 * Client settings of the super user admin.
	 * @return bootstrap servers and SASL settings
	 */
	public Map<String, Object> adminSettings() {
		return clientSettings(Principals.ADMIN);
	}

	/**
	 * The nodes, node 1 first.
	 * @return the nodes
	 */
	public List<LocalKafka> nodes() {
		return this.nodes;
	}

	/**
	 * Stops every node and deletes the cluster's data and credentials. The nodes are
	 * killed: the data goes anyway, and the last node to stop in order would wait in vain
	 * for a quorum of controllers.
	 */
	@Override
	public void close() {
		logger.info("Stopping the local Kafka cluster");
		this.nodes.forEach(LocalKafka::killAndDelete);
		Workspace.deleteTree(this.home);
	}

}
