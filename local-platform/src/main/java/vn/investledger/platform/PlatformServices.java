package vn.investledger.platform;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.springframework.context.ConfigurableApplicationContext;

import vn.investledger.access.MetricsScraper;
import vn.investledger.access.PasswordHash;
import vn.investledger.console.ConsoleApplication;
import vn.investledger.events.Topics;
import vn.investledger.indexer.IndexerApplication;
import vn.investledger.processor.StreamProcessorApplication;
import vn.investledger.producers.gateway.GatewayApplication;
import vn.investledger.producers.gateway.security.ApiKeys;

/**
 * The platform's services started in this JVM against given Kafka and Elasticsearch
 * servers: what the local run and the end-to-end tests share.
 *
 * @param gateway the ingestion gateway's context
 * @param processor the stream processor's context
 * @param indexer the indexer's context
 * @param console the console's context
 * @param gatewayUrl the ingestion gateway's HTTP address
 * @param processorUrl the stream processor's HTTP address
 * @param indexerUrl the indexer's HTTP address (its admin API and metrics)
 * @param consoleUrl the officials' console's and search API's HTTP address
 */
public record PlatformServices(ConfigurableApplicationContext gateway, ConfigurableApplicationContext processor,
		ConfigurableApplicationContext indexer, ConfigurableApplicationContext console, String gatewayUrl,
		String processorUrl, String indexerUrl, String consoleUrl) implements AutoCloseable {

	/**
	 * The accounts of the local platform's console and search API, and of the indexer's
	 * admin API (the admin). Local defaults, documented in the README; a deployment
	 * configures its own (see {@code docker/console-users.example.yml}).
	 */
	public static final List<Account> LOCAL_ACCOUNTS = List.of(new Account("official", "local-official", "OFFICIAL"),
			new Account("admin", "local-admin", "ADMIN"));

	/**
	 * An account of the console and search API.
	 *
	 * @param name the sign-in name
	 * @param password the password
	 * @param role {@code OFFICIAL} or {@code ADMIN}
	 */
	public record Account(String name, String password, String role) {

		/**
		 * The HTTP Basic {@code Authorization} header of this account, as an API client
		 * sends it.
		 * @return {@code Basic …}
		 */
		public String authorization() {
			return "Basic " + Base64.getEncoder()
				.encodeToString((this.name + ":" + this.password).getBytes(StandardCharsets.UTF_8));
		}

		/**
		 * The console's and the indexer's arguments that configure accounts, with
		 * password hashes.
		 * @param accounts the accounts
		 * @return {@code --investledger.access.users[n]…} arguments
		 */
		public static List<String> arguments(List<Account> accounts) {
			List<String> arguments = new ArrayList<>();
			for (int i = 0; i < accounts.size(); i++) {
				Account account = accounts.get(i);
				String user = "--investledger.access.users[" + i + "].";
				arguments.add(user + "name=" + account.name());
				arguments.add(user + "password=" + PasswordHash.of(account.password()));
				arguments.add(user + "roles=" + account.role());
			}
			return arguments;
		}

	}

	/**
	 * The HTTP Basic {@code Authorization} header with which Prometheus, the metrics
	 * scraper, reads a service's {@code /actuator/prometheus}.
	 * @param password the scraper's password
	 * @return {@code Basic …}
	 */
	public static String scraperAuthorization(String password) {
		return "Basic " + Base64.getEncoder()
			.encodeToString((MetricsScraper.DEFAULT_NAME + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The arguments that give a service the metrics scraper's account: the SHA-256 of its
	 * password, never the password.
	 * @param password the scraper's password, or {@code null} for no account (then nobody
	 * reads the metrics)
	 * @return {@code --investledger.metrics-scraper.sha256=…}, or none
	 */
	public static List<String> scraperArguments(String password) {
		return (password != null)
				? List.of("--investledger.metrics-scraper.sha256=" + MetricsScraper.sha256Hex(password)) : List.of();
	}

	/**
	 * The address the services listen on unless told otherwise: this machine only. The
	 * processor's figures API has no login, and the local accounts' passwords are printed
	 * in the README.
	 */
	public static final String LOOPBACK = "127.0.0.1";

	/**
	 * Where the services connect and listen.
	 *
	 * @param bootstrapServers Kafka
	 * @param elasticsearchUrl Elasticsearch
	 * @param topicPrefix the topic prefix
	 * @param indexPrefix the index prefix
	 * @param gatewayPort the gateway's HTTP port (0 for any free port)
	 * @param processorPort the processor's HTTP port (0 for any free port)
	 * @param indexerPort the indexer's HTTP port (0 for any free port)
	 * @param consolePort the console's HTTP port (0 for any free port)
	 * @param stateDir the processor's state directory
	 * @param apiKeys each province's gateway key
	 * @param bindAddress the address the four HTTP servers listen on
	 * ({@value PlatformServices#LOOPBACK} unless set with {@link #withBindAddress};
	 * {@code 0.0.0.0} for every interface)
	 * @param scraperPassword the password of the metrics scraper, the one account that
	 * reads each service's {@code /actuator/prometheus} (set with
	 * {@link #withMetricsScraper}; the services get only its SHA-256), or {@code null}
	 * for none: then nobody reads them
	 * @param indexerElasticsearchUser the user and password the indexer signs in to
	 * Elasticsearch with, or {@code null} for none (a node with security off)
	 * @param consoleElasticsearchUser the console's, the same way
	 */
	public record Settings(String bootstrapServers, String elasticsearchUrl, String topicPrefix, String indexPrefix,
			int gatewayPort, int processorPort, int indexerPort, int consolePort, Path stateDir,
			Map<String, String> apiKeys, String bindAddress, String scraperPassword,
			ElasticsearchUser indexerElasticsearchUser, ElasticsearchUser consoleElasticsearchUser) {

		/**
		 * Settings whose services listen on {@value PlatformServices#LOOPBACK} only, and
		 * serve their metrics to nobody.
		 */
		public Settings(String bootstrapServers, String elasticsearchUrl, String topicPrefix, String indexPrefix,
				int gatewayPort, int processorPort, int indexerPort, int consolePort, Path stateDir,
				Map<String, String> apiKeys) {
			this(bootstrapServers, elasticsearchUrl, topicPrefix, indexPrefix, gatewayPort, processorPort, indexerPort,
					consolePort, stateDir, apiKeys, LOOPBACK, null, null, null);
		}

		/**
		 * These settings with the services listening on another address.
		 * @param address an IP address or host name of this machine, or {@code 0.0.0.0}
		 * @return the settings
		 */
		public Settings withBindAddress(String address) {
			return new Settings(this.bootstrapServers, this.elasticsearchUrl, this.topicPrefix, this.indexPrefix,
					this.gatewayPort, this.processorPort, this.indexerPort, this.consolePort, this.stateDir,
					this.apiKeys, address, this.scraperPassword, this.indexerElasticsearchUser,
					this.consoleElasticsearchUser);
		}

		/**
		 * These settings with a metrics scraper's account on every service.
		 * @param password its password
		 * @return the settings
		 */
		public Settings withMetricsScraper(String password) {
			return new Settings(this.bootstrapServers, this.elasticsearchUrl, this.topicPrefix, this.indexPrefix,
					this.gatewayPort, this.processorPort, this.indexerPort, this.consolePort, this.stateDir,
					this.apiKeys, this.bindAddress, password, this.indexerElasticsearchUser,
					this.consoleElasticsearchUser);
		}

		/**
		 * These settings with the indexer and the console signing in to Elasticsearch,
		 * each as its own user (docker/ gives each its own role).
		 * @param indexer the indexer's user
		 * @param console the console's user
		 * @return the settings
		 */
		public Settings withElasticsearchUsers(ElasticsearchUser indexer, ElasticsearchUser console) {
			return new Settings(this.bootstrapServers, this.elasticsearchUrl, this.topicPrefix, this.indexPrefix,
					this.gatewayPort, this.processorPort, this.indexerPort, this.consolePort, this.stateDir,
					this.apiKeys, this.bindAddress, this.scraperPassword, indexer, console);
		}

	}

	/**
	 * A user a service signs in to Elasticsearch with.
	 *
	 * @param name the user name
	 * @param password the password
	 */
	public record ElasticsearchUser(String name, String password) {

		List<String> arguments() {
			return List.of("--spring.elasticsearch.username=" + this.name,
					"--spring.elasticsearch.password=" + this.password);
		}

		@Override
		public String toString() {
			return "ElasticsearchUser[" + this.name + "]";
		}

	}

	/**
	 * Creates the event topics of the given provinces, then starts the processor, the
	 * indexer, the console and the gateway.
	 * @param settings where they connect and listen
	 * @param provinces the province codes whose event topics to create
	 * @return the running services
	 */
	public static PlatformServices start(Settings settings, List<String> provinces) {
		return start(settings, provinces, List.of());
	}

	/**
	 * Creates the event topics of the given provinces, then starts the processor, with
	 * settings of its own, the indexer, the console and the gateway.
	 * @param settings where they connect and listen
	 * @param provinces the province codes whose event topics to create
	 * @param processorArguments more of the processor's settings, as arguments
	 * ({@code --investledger.gap-timeout=2s})
	 * @return the running services
	 */
	public static PlatformServices start(Settings settings, List<String> provinces, List<String> processorArguments) {
		createEventTopics(settings.bootstrapServers(), Topics.withPrefix(settings.topicPrefix()), provinces);
		List<String> processorSettings = new ArrayList<>(
				List.of("--spring.kafka.streams.state-dir=" + settings.stateDir().toAbsolutePath(),
						// This JVM also holds the indexer's and the console's
						// Elasticsearch
						// client, which the processor does not use.
						"--management.health.elasticsearch.enabled=false"));
		processorSettings.addAll(processorArguments);
		ConfigurableApplicationContext processor = StreamProcessorApplication.application()
			.run(common(settings, settings.processorPort(), processorSettings.toArray(String[]::new)));
		ConfigurableApplicationContext indexer;
		ConfigurableApplicationContext console;
		ConfigurableApplicationContext gateway;
		try {
			indexer = IndexerApplication.application()
				.run(common(settings, settings.indexerPort(),
						indexArguments(settings, settings.indexerElasticsearchUser())));
		}
		catch (RuntimeException ex) {
			processor.close();
			throw ex;
		}
		try {
			// after the indexer, which creates the indices the console reads
			console = ConsoleApplication.application()
				.run(common(settings, settings.consolePort(),
						indexArguments(settings, settings.consoleElasticsearchUser())));
		}
		catch (RuntimeException ex) {
			indexer.close();
			processor.close();
			throw ex;
		}
		try {
			List<String> keys = new ArrayList<>();
			int i = 0;
			for (Map.Entry<String, String> key : new TreeMap<>(settings.apiKeys()).entrySet()) {
				keys.add("--investledger.api-keys[" + i + "].province=" + key.getKey());
				keys.add("--investledger.api-keys[" + i + "].sha256=" + ApiKeys.sha256Hex(key.getValue()));
				i++;
			}
			keys.add("--management.health.elasticsearch.enabled=false");
			// the gateway asks the processor who owns a project, to refuse another unit's
			// event at once (the processor refuses it anyway)
			keys.add("--investledger.processor-url=" + url(settings, processor));
			gateway = GatewayApplication.application()
				.run(common(settings, settings.gatewayPort(), keys.toArray(String[]::new)));
		}
		catch (RuntimeException ex) {
			console.close();
			indexer.close();
			processor.close();
			throw ex;
		}
		return new PlatformServices(gateway, processor, indexer, console, url(settings, gateway),
				url(settings, processor), url(settings, indexer), url(settings, console));
	}

	/**
	 * Creates each province's event topic with the partitions the topology expects, no
	 * retention limit (the ledger is the source of truth) and the broker's append time as
	 * each record's timestamp (the ledger judges dates against it). The processor creates
	 * every current unit's topic the same way at start.
	 * @param bootstrapServers Kafka
	 * @param topics the registry
	 * @param provinces the province codes
	 */
	public static void createEventTopics(String bootstrapServers, Topics topics, List<String> provinces) {
		List<NewTopic> newTopics = provinces.stream()
			.map((code) -> new NewTopic(topics.events(code).name(), Topics.EVENT_PARTITIONS, (short) 1)
				.configs(Topics.EVENT_TOPIC_CONFIGS))
			.toList();
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
			for (var entry : admin.createTopics(newTopics).values().entrySet()) {
				try {
					entry.getValue().get(30, TimeUnit.SECONDS);
				}
				catch (java.util.concurrent.ExecutionException ex) {
					if (!(ex.getCause() instanceof TopicExistsException)) {
						throw new IllegalStateException("Could not create " + entry.getKey(), ex.getCause());
					}
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating topics", ex);
		}
		catch (java.util.concurrent.TimeoutException ex) {
			throw new IllegalStateException("Kafka did not create the event topics in time", ex);
		}
	}

	/**
	 * The indexer's and the console's: the indices, the user they sign in to
	 * Elasticsearch with, and the accounts.
	 */
	private static String[] indexArguments(Settings settings, ElasticsearchUser user) {
		List<String> arguments = new ArrayList<>(List.of("--spring.elasticsearch.uris=" + settings.elasticsearchUrl(),
				"--investledger.index-prefix=" + settings.indexPrefix()));
		if (user != null) {
			arguments.addAll(user.arguments());
		}
		arguments.addAll(Account.arguments(LOCAL_ACCOUNTS));
		return arguments.toArray(String[]::new);
	}

	/**
	 * Every service's: where it listens, Kafka, the topics, the metrics scraper's
	 * account.
	 */
	private static String[] common(Settings settings, int port, String... more) {
		List<String> args = new ArrayList<>(List.of("--server.address=" + settings.bindAddress(),
				"--server.port=" + port, "--spring.kafka.bootstrap-servers=" + settings.bootstrapServers(),
				"--investledger.topic-prefix=" + settings.topicPrefix()));
		args.addAll(scraperArguments(settings.scraperPassword()));
		args.addAll(List.of(more));
		return args.toArray(String[]::new);
	}

	/**
	 * The address to call a service at: the one it listens on, or loopback when it
	 * listens on every interface.
	 */
	private static String url(Settings settings, ConfigurableApplicationContext context) {
		String address = settings.bindAddress();
		String host = ("0.0.0.0".equals(address) || "::".equals(address)) ? LOOPBACK
				: address.contains(":") ? "[" + address + "]" : address;
		return "http://" + host + ":" + context.getEnvironment().getProperty("local.server.port");
	}

	@Override
	public void close() {
		try {
			this.gateway.close();
			this.console.close();
			this.indexer.close();
		}
		finally {
			this.processor.close();
		}
	}

}
