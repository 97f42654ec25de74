package vn.investledger.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

import vn.investledger.access.MetricsScraper;
import vn.investledger.cluster.ClusterSetup;
import vn.investledger.cluster.Principals;
import vn.investledger.cluster.ScraperPassword;
import vn.investledger.console.ConsoleApplication;
import vn.investledger.events.Topics;
import vn.investledger.indexer.IndexerApplication;
import vn.investledger.localstack.FreePorts;
import vn.investledger.localstack.LocalElasticsearch;
import vn.investledger.localstack.LocalKafkaCluster;
import vn.investledger.localstack.LocalStack;
import vn.investledger.processor.StreamProcessorApplication;
import vn.investledger.producers.gateway.GatewayApplication;
import vn.investledger.producers.gateway.security.ApiKeys;

/**
 * The platform on the local three-node cluster: the authenticated Kafka cluster set up by
 * the cluster-setup command, one Elasticsearch node, two stream processor instances and
 * two indexer instances, each in a JVM of its own so that one can be killed, the
 * console's instances and the gateway. Each service signs in with its own principal's
 * SCRAM credential, which it receives in its environment, so the brokers authorise it by
 * the access policy alone, and serves its Prometheus metrics to the metrics scraper only,
 * whose random password is written into the platform's directory.
 */
public final class ClusterPlatform implements AutoCloseable {

	/** Instances of the processor and of the indexer. */
	public static final int INSTANCES = 2;

	private static final Duration SERVICE_START = Duration.ofMinutes(4);

	private final LocalKafkaCluster kafka;

	private final LocalElasticsearch elasticsearch;

	private final ClusterSetup.Report setup;

	private final Settings settings;

	private final Path work;

	private final Path scraperPasswordFile;

	private final String scraperPassword;

	private final List<ServiceJvm> processors = new ArrayList<>();

	private final List<ServiceJvm> indexers = new ArrayList<>();

	private final List<ServiceJvm> consoles = new ArrayList<>();

	private ServiceJvm gateway;

	/**
	 * Where the services listen and what they are called.
	 *
	 * @param topicPrefix the topic prefix (the access policy's)
	 * @param indexPrefix the index prefix
	 * @param processorPorts the processor instances' HTTP ports, one each
	 * @param indexerPorts the indexer instances' HTTP ports, one each
	 * @param consolePorts the console instances' HTTP ports, one each: as many instances
	 * as ports, at least one
	 * @param gatewayPort the gateway's HTTP port
	 * @param apiKeys each province's gateway key
	 */
	public record Settings(String topicPrefix, String indexPrefix, List<Integer> processorPorts,
			List<Integer> indexerPorts, List<Integer> consolePorts, int gatewayPort, Map<String, String> apiKeys) {

		public Settings {
			processorPorts = List.copyOf(processorPorts);
			indexerPorts = List.copyOf(indexerPorts);
			consolePorts = List.copyOf(consolePorts);
			apiKeys = Map.copyOf(apiKeys);
			if (processorPorts.size() != INSTANCES || indexerPorts.size() != INSTANCES) {
				throw new IllegalArgumentException(
						"One port per instance: " + INSTANCES + " of the processor and of the indexer");
			}
			if (consolePorts.isEmpty()) {
				throw new IllegalArgumentException("One port per console instance, at least one");
			}
		}

		/**
		 * Settings on free loopback ports, for tests.
		 * @param topicPrefix the topic prefix
		 * @param apiKeys each province's gateway key
		 * @return the settings
		 */
		public static Settings onFreePorts(String topicPrefix, Map<String, String> apiKeys) {
			return new Settings(topicPrefix, topicPrefix, List.of(FreePorts.next(), FreePorts.next()),
					List.of(FreePorts.next(), FreePorts.next()), List.of(FreePorts.next()), FreePorts.next(), apiKeys);
		}

	}

	private ClusterPlatform(LocalKafkaCluster kafka, LocalElasticsearch elasticsearch, ClusterSetup.Report setup,
			Settings settings, Path work) {
		this.kafka = kafka;
		this.elasticsearch = elasticsearch;
		this.setup = setup;
		this.settings = settings;
		this.work = work;
		// Prometheus's password, for every service's /actuator/prometheus: random, in a
		// file only this user reads; the services get its SHA-256
		this.scraperPasswordFile = work.resolve(MetricsScraper.DEFAULT_NAME + ".password");
		this.scraperPassword = ScraperPassword.ensure(this.scraperPasswordFile, false, null);
	}

	/**
	 * Starts the cluster and the node, sets the cluster up, then starts the services and
	 * waits until each is healthy.
	 * @param settings where the services listen
	 * @return the running platform; the caller closes it
	 */
	public static ClusterPlatform start(Settings settings) {
		CompletableFuture<LocalKafkaCluster> kafka = CompletableFuture.supplyAsync(LocalKafkaCluster::start);
		CompletableFuture<LocalElasticsearch> elasticsearch = CompletableFuture
			.supplyAsync(LocalStack::startElasticsearch);
		ClusterPlatform platform;
		try {
			CompletableFuture.allOf(kafka, elasticsearch).join();
			LocalKafkaCluster cluster = kafka.join();
			ClusterSetup.Report setup = cluster.setUp(Topics.withPrefix(settings.topicPrefix()));
			platform = new ClusterPlatform(cluster, elasticsearch.join(), setup, settings,
					Files.createTempDirectory("investledger-cluster"));
		}
		catch (CompletionException | IOException ex) {
			kafka.thenAccept(LocalKafkaCluster::close);
			elasticsearch.thenAccept(LocalElasticsearch::close);
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : new IllegalStateException(ex);
		}
		catch (RuntimeException ex) {
			kafka.thenAccept(LocalKafkaCluster::close);
			elasticsearch.thenAccept(LocalElasticsearch::close);
			throw ex;
		}
		try {
			platform.startServices();
			return platform;
		}
		catch (RuntimeException ex) {
			platform.close();
			throw ex;
		}
	}

	/**
	 * The first instance of each service first, since each creates what it finds missing
	 * (the indexer its indices), then the second ones, the consoles, which read those
	 * indices, and the gateway.
	 */
	private void startServices() {
		this.processors.add(processor(0));
		this.indexers.add(indexer(0));
		awaitHealthy(List.of(this.processors.get(0), this.indexers.get(0)));
		this.processors.add(processor(1));
		this.indexers.add(indexer(1));
		for (int instance = 0; instance < this.settings.consolePorts().size(); instance++) {
			this.consoles.add(console(instance));
		}
		this.gateway = startGateway();
		List<ServiceJvm> rest = new ArrayList<>(List.of(this.processors.get(1), this.indexers.get(1), this.gateway));
		rest.addAll(this.consoles);
		awaitHealthy(rest);
	}

	private static void awaitHealthy(List<ServiceJvm> services) {
		CompletableFuture<?>[] healthy = services.stream()
			.map((service) -> CompletableFuture.runAsync(() -> service.awaitHealthy(SERVICE_START)))
			.toArray(CompletableFuture[]::new);
		try {
			CompletableFuture.allOf(healthy).join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
	}

	private ServiceJvm processor(int instance) {
		int port = this.settings.processorPorts().get(instance);
		String name = "processor-" + (instance + 1);
		Path dir = this.work.resolve(name);
		List<String> arguments = new ArrayList<>(common(port));
		arguments.addAll(List.of("--spring.kafka.streams.state-dir=" + dir.resolve("state"),
				"--investledger.topic-replicas=" + cluster().nodes().size(),
				// each instance keeps a warm copy of the other's stores
				"--spring.kafka.streams.properties.num.standby.replicas=1",
				// the indexer's Elasticsearch client is on the shared class path
				"--management.health.elasticsearch.enabled=false"));
		return ServiceJvm.start(name, StreamProcessorApplication.class, "512m", arguments,
				signIn(Principals.STREAM_PROCESSOR), dir, url(port));
	}

	private ServiceJvm indexer(int instance) {
		int port = this.settings.indexerPorts().get(instance);
		String name = "indexer-" + (instance + 1);
		List<String> arguments = new ArrayList<>(common(port));
		arguments.addAll(List.of("--spring.elasticsearch.uris=" + this.elasticsearch.url(),
				"--investledger.index-prefix=" + this.settings.indexPrefix()));
		arguments.addAll(PlatformServices.Account.arguments(PlatformServices.LOCAL_ACCOUNTS));
		return ServiceJvm.start(name, IndexerApplication.class, "384m", arguments, signIn(Principals.INDEXER),
				this.work.resolve(name), url(port));
	}

	private ServiceJvm console(int instance) {
		int port = this.settings.consolePorts().get(instance);
		String name = "console-" + (instance + 1);
		List<String> arguments = new ArrayList<>(common(port));
		arguments.addAll(List.of("--spring.elasticsearch.uris=" + this.elasticsearch.url(),
				"--investledger.index-prefix=" + this.settings.indexPrefix()));
		arguments.addAll(PlatformServices.Account.arguments(PlatformServices.LOCAL_ACCOUNTS));
		return ServiceJvm.start(name, ConsoleApplication.class, "384m", arguments, signIn(Principals.CONSOLE),
				this.work.resolve(name), url(port));
	}

	private ServiceJvm startGateway() {
		int port = this.settings.gatewayPort();
		List<String> arguments = new ArrayList<>(common(port));
		int i = 0;
		for (Map.Entry<String, String> key : new TreeMap<>(this.settings.apiKeys()).entrySet()) {
			arguments.add("--investledger.api-keys[" + i + "].province=" + key.getKey());
			arguments.add("--investledger.api-keys[" + i + "].sha256=" + ApiKeys.sha256Hex(key.getValue()));
			i++;
		}
		arguments.add("--management.health.elasticsearch.enabled=false");
		// who owns a project: another unit's event is refused at once (the processor
		// refuses it anyway)
		arguments.add("--investledger.processor-url=" + this.processors.get(0).url());
		return ServiceJvm.start("gateway", GatewayApplication.class, "384m", arguments, signIn(Principals.GATEWAY),
				this.work.resolve("gateway"), url(port));
	}

	/**
	 * Every service's: where it listens, Kafka, the topics, the metrics scraper's
	 * account.
	 */
	private List<String> common(int port) {
		List<String> arguments = new ArrayList<>(List.of("--server.address=" + PlatformServices.LOOPBACK,
				"--server.port=" + port, "--spring.kafka.bootstrap-servers=" + this.kafka.bootstrapServers(),
				"--investledger.topic-prefix=" + this.settings.topicPrefix()));
		arguments.addAll(PlatformServices.scraperArguments(this.scraperPassword));
		return arguments;
	}

	/**
	 * The environment that signs a service in as its principal: Spring Boot's
	 * {@code spring.kafka.properties.*}, which every Kafka client of the service (its
	 * producers, consumers, admin and streams) takes, as in {@code docker/compose.yaml}.
	 */
	private Map<String, String> signIn(String principal) {
		Map<String, Object> login = this.kafka.clientSettings(principal);
		Map<String, String> environment = new HashMap<>();
		environment.put("SPRING_KAFKA_PROPERTIES_SECURITY_PROTOCOL",
				(String) login.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG));
		environment.put("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", (String) login.get(SaslConfigs.SASL_MECHANISM));
		environment.put("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", (String) login.get(SaslConfigs.SASL_JAAS_CONFIG));
		return environment;
	}

	private static String url(int port) {
		return "http://" + PlatformServices.LOOPBACK + ":" + port;
	}

	/**
	 * A principal's producer settings, without the servers: what a province system's
	 * publisher adds to sign in as itself.
	 * @param principal e.g. {@code province-31}
	 * @return its security settings
	 */
	public Map<String, Object> signInSettings(String principal) {
		Map<String, Object> settings = new HashMap<>(this.kafka.clientSettings(principal));
		settings.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
		return settings;
	}

	public LocalKafkaCluster cluster() {
		return this.kafka;
	}

	public LocalElasticsearch elasticsearch() {
		return this.elasticsearch;
	}

	/**
	 * What the cluster-setup command did.
	 * @return its report
	 */
	public ClusterSetup.Report setup() {
		return this.setup;
	}

	public List<ServiceJvm> processors() {
		return List.copyOf(this.processors);
	}

	public List<ServiceJvm> indexers() {
		return List.copyOf(this.indexers);
	}

	/**
	 * The console's instances, where officials search and read the figures.
	 * @return the instances
	 */
	public List<ServiceJvm> consoles() {
		return List.copyOf(this.consoles);
	}

	public ServiceJvm gateway() {
		return this.gateway;
	}

	/**
	 * Where the password of the metrics scraper is, the one account that reads each
	 * service's {@code /actuator/prometheus} (mode 400; deleted with the platform).
	 * @return the file
	 */
	public Path scraperPasswordFile() {
		return this.scraperPasswordFile;
	}

	/**
	 * The directory of the services' logs and the processors' state.
	 * @return the directory
	 */
	public Path work() {
		return this.work;
	}

	public Settings settings() {
		return this.settings;
	}

	/**
	 * The arguments and environment of one more processor run beside the others (e.g. a
	 * replay, {@code --investledger.replay=true}), or of an indexer command (e.g.
	 * {@code --investledger.rebuild=all}), signed in as that service.
	 * @param name its name, for its directory and log
	 * @param mainClass {@code StreamProcessorApplication} or {@code IndexerApplication}
	 * @param more further arguments
	 * @return the starting JVM
	 */
	public ServiceJvm run(String name, Class<?> mainClass, List<String> more) {
		int port = FreePorts.next();
		Path dir = this.work.resolve(name);
		List<String> arguments = new ArrayList<>(common(port));
		String principal;
		if (mainClass == StreamProcessorApplication.class) {
			principal = Principals.STREAM_PROCESSOR;
			arguments.addAll(List.of("--spring.kafka.streams.state-dir=" + dir.resolve("state"),
					"--investledger.topic-replicas=" + cluster().nodes().size(),
					// each instance keeps a warm copy of the other's stores
					"--spring.kafka.streams.properties.num.standby.replicas=1",
					"--management.health.elasticsearch.enabled=false"));
		}
		else {
			principal = Principals.INDEXER;
			arguments.addAll(List.of("--spring.elasticsearch.uris=" + this.elasticsearch.url(),
					"--investledger.index-prefix=" + this.settings.indexPrefix()));
			arguments.addAll(PlatformServices.Account.arguments(PlatformServices.LOCAL_ACCOUNTS));
		}
		arguments.addAll(more);
		return ServiceJvm.start(name, mainClass, "512m", arguments, signIn(principal), dir, url(port));
	}

	@Override
	public void close() {
		List<ServiceJvm> services = new ArrayList<>();
		if (this.gateway != null) {
			services.add(this.gateway);
		}
		services.addAll(this.consoles);
		services.addAll(this.indexers);
		services.addAll(this.processors);
		CompletableFuture
			.allOf(services.stream()
				.map((service) -> CompletableFuture.runAsync(service::close))
				.toArray(CompletableFuture[]::new))
			.join();
		CompletableFuture<Void> kafkaStopped = CompletableFuture.runAsync(this.kafka::close);
		this.elasticsearch.close();
		kafkaStopped.join();
		deleteTree(this.work);
	}

	private static void deleteTree(Path root) {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> {
				try {
					Files.deleteIfExists(path);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (IOException | UncheckedIOException ex) {
			// left for the temporary directory's own cleaning
		}
	}

}
