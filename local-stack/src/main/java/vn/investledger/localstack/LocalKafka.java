package vn.investledger.localstack;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka broker in KRaft mode (broker and controller in one process), in its
 * own JVM, on free loopback ports. Its log goes to {@code kafka.log} in its instance
 * directory.
 */
public final class LocalKafka extends LocalServer {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

	private final String bootstrapServers;

	private final List<String> command;

	private LocalKafka(Path instance, GuardedProcess process, String bootstrapServers, List<String> command) {
		super(instance, process);
		this.bootstrapServers = bootstrapServers;
		this.command = List.copyOf(command);
	}

	/**
	 * Starts a broker and waits until it answers.
	 * @param workspace where to put its data
	 * @param jdk the JDK to run it with
	 * @param heap the maximum heap, e.g. {@code 512m}
	 * @return the running broker
	 */
	static LocalKafka start(Workspace workspace, Jdk jdk, String heap) {
		return PortRace.retried("Kafka", () -> startOnce(workspace, jdk, heap));
	}

	private static LocalKafka startOnce(Workspace workspace, Jdk jdk, String heap) {
		Instant started = Instant.now();
		Path instance = workspace.newInstance("kafka");
		int port = FreePorts.next();
		int controllerPort = FreePorts.next();
		try {
			Path config = writeConfig(instance, port, controllerPort);
			LocalKafka kafka = launch(workspace, jdk, heap, instance, config, Uuid.randomUuid().toString(), List.of(),
					"127.0.0.1:" + port);
			kafka.awaitReady(started, Map.of());
			return kafka;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Formats a node's storage and starts it, without waiting: a node of a cluster serves
	 * only once a quorum of its controllers runs.
	 * @param workspace where the broker's classpath is
	 * @param jdk the JDK to run it with
	 * @param heap the maximum heap
	 * @param instance its instance directory
	 * @param config its properties file
	 * @param clusterId the cluster's id, the same for every node
	 * @param formatOptions more options of {@code kafka-storage format}, e.g.
	 * {@code --add-scram}
	 * @param bootstrap the address of its client listener
	 * @return the starting node
	 */
	static LocalKafka launch(Workspace workspace, Jdk jdk, String heap, Path instance, Path config, String clusterId,
			List<String> formatOptions, String bootstrap) throws IOException {
		Path log = instance.resolve("kafka.log");
		Path logback = instance.resolve("logback-broker.xml");
		try (InputStream in = LocalKafka.class.getResourceAsStream("/local-stack/logback-broker.xml")) {
			Files.copy(in, logback);
		}
		List<String> java = new ArrayList<>(List.of(jdk.java().toString(), "-Xms" + heap, "-Xmx" + heap, "-XX:+UseG1GC",
				"-XX:MaxGCPauseMillis=20", "-Djava.awt.headless=true", "-Dlogback.configurationFile=" + logback, "-cp",
				workspace.brokerClasspath()));
		List<String> formatArguments = new ArrayList<>(List.of("kafka.tools.StorageTool", "format", "-t", clusterId,
				"-c", config.toString(), "--ignore-formatted"));
		formatArguments.addAll(formatOptions);
		// the options may hold a password: they go to the tool in an argument file only
		// its owner reads, not on a command line that every local user can list
		Path argumentFile = instance.resolve("storage-format.args");
		Files.createFile(argumentFile,
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		try {
			Files.writeString(argumentFile, argumentFile(formatArguments), StandardCharsets.UTF_8);
			List<String> format = new ArrayList<>(java);
			format.add("@" + argumentFile);
			GuardedProcess.run("Kafka storage format", format, instance, log, Duration.ofSeconds(60));
		}
		finally {
			Files.deleteIfExists(argumentFile);
		}
		List<String> server = new ArrayList<>(java);
		server.addAll(List.of("kafka.Kafka", config.toString()));
		GuardedProcess process = GuardedProcess.start("Kafka broker", server, Map.of(), instance, log);
		return new LocalKafka(instance, process, bootstrap, server);
	}

	/**
	 * A Java launcher argument file: one argument per line, each quoted, with backslashes
	 * and quotes escaped.
	 */
	static String argumentFile(List<String> arguments) {
		StringBuilder file = new StringBuilder();
		for (String argument : arguments) {
			if (argument.indexOf('\n') >= 0 || argument.indexOf('\r') >= 0) {
				throw new IllegalArgumentException("An argument cannot span lines: " + argument.length() + " chars");
			}
			file.append('"').append(argument.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
		}
		return file.toString();
	}

	private static Path writeConfig(Path instance, int port, int controllerPort) throws IOException {
		Path data = instance.resolve("data");
		Files.createDirectories(data);
		Properties props = new Properties();
		props.setProperty("process.roles", "broker,controller");
		props.setProperty("node.id", "1");
		props.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
		props.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
		props.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
		props.setProperty("controller.listener.names", "CONTROLLER");
		props.setProperty("inter.broker.listener.name", "PLAINTEXT");
		props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		props.setProperty("log.dirs", data.toString());
		// One broker: every internal topic has one replica. Few partitions keep group and
		// transaction
		// coordinators quick to load on a 2-core machine.
		props.setProperty("offsets.topic.replication.factor", "1");
		props.setProperty("offsets.topic.num.partitions", "6");
		props.setProperty("transaction.state.log.replication.factor", "1");
		props.setProperty("transaction.state.log.min.isr", "1");
		props.setProperty("transaction.state.log.num.partitions", "6");
		props.setProperty("share.coordinator.state.topic.replication.factor", "1");
		props.setProperty("share.coordinator.state.topic.min.isr", "1");
		props.setProperty("group.initial.rebalance.delay.ms", "0");
		props.setProperty("num.partitions", "6");
		props.setProperty("default.replication.factor", "1");
		props.setProperty("min.insync.replicas", "1");
		// Local data is disposable, but within a run the ledger must not expire.
		props.setProperty("log.retention.ms", "-1");
		props.setProperty("auto.create.topics.enable", "true");
		Path config = instance.resolve("server.properties");
		try (var out = Files.newBufferedWriter(config)) {
			props.store(out, "Local single-node KRaft broker");
		}
		return config;
	}

	/**
	 * Waits until an Admin client can describe the cluster through this node.
	 * @param started when its start began
	 * @param clientSecurity the client settings that sign in, if the listener asks
	 */
	void awaitReady(Instant started, Map<String, Object> clientSecurity) {
		awaitReady(started, clientSecurity, STARTUP_TIMEOUT);
	}

	/**
	 * Waits until an Admin client can describe the cluster through this node.
	 * @param started when its start began
	 * @param clientSecurity the client settings that sign in, if the listener asks
	 * @param timeout how long it may take from {@code started}
	 */
	void awaitReady(Instant started, Map<String, Object> clientSecurity, Duration timeout) {
		Map<String, Object> config = new HashMap<>(clientSecurity);
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
		try (Admin admin = Admin.create(config)) {
			awaitReady("Kafka broker", this.bootstrapServers, started, timeout,
					() -> !admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000))
						.nodes()
						.get(3, TimeUnit.SECONDS)
						.isEmpty());
		}
	}

	/**
	 * Stops the broker (if it still runs) and starts it again on the same data and ports,
	 * without waiting for it to serve.
	 */
	public void restart() {
		stopProcess();
		restarted(GuardedProcess.start("Kafka broker", this.command, Map.of(), instance(),
				instance().resolve("kafka.log")));
	}

	/**
	 * The address clients connect to.
	 * @return e.g. {@code 127.0.0.1:40123}
	 */
	public String bootstrapServers() {
		return this.bootstrapServers;
	}

}
