package vn.investledger.platform;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import vn.investledger.events.reference.ProvinceUnit;
import vn.investledger.events.reference.Provinces;
import vn.investledger.producers.gateway.security.ApiKeys;
import vn.investledger.producers.gateway.system.GatewayProperties;

import static java.nio.file.attribute.PosixFilePermission.OWNER_READ;
import static java.nio.file.attribute.PosixFilePermission.OWNER_WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The compose files of {@code docker/}, which no Docker engine runs here: Compose itself
 * checks them ({@code docker-compose config}, Debian's package, which {@code .ci/run}
 * installs), and this test checks what Compose does not: pinned images, healthchecks,
 * secrets only from the environment, every mounted file present, and Kafka passwords that
 * are random per principal. The scripts that generate and hand out those passwords run
 * here for real, on directories standing in for the compose volumes.
 */
class DockerComposeTests {

	private static final Path DOCKER = Path.of("..", "docker");

	private static final Path COMPOSE = DOCKER.resolve("compose.yaml");

	private static final Path GENERATE = DOCKER.resolve("kafka/generate-credentials.sh");

	/** The platform's services that are Kafka clients; each signs in as its own name. */
	private static final List<String> KAFKA_CLIENTS = List.of("stream-processor", "indexer", "gateway", "console");

	private static final List<String> SERVICE_PRINCIPALS = List.of("admin", "stream-processor", "indexer", "gateway",
			"console");

	private static final List<String> BROKERS = List.of("kafka-1", "kafka-2", "kafka-3");

	/** A variable joined to another, as in {@code ${PREFIX}-$code}. */
	private static final Pattern JOINED_VARIABLES = Pattern.compile("\\$\\{?[A-Za-z_]\\w*}?[-_]?\\$\\{?\\w+");

	/** 32 bytes, as the scripts write them. */
	private static final String PASSWORD = "[0-9a-f]{64}";

	@Test
	void shouldBeAValidComposeFileForCompose() throws Exception {
		assumeTrue(onPath("docker-compose"), "docker-compose is not installed (apt install docker-compose)");

		Result valid = run("docker-compose", "--env-file", DOCKER.resolve(".env.example").toString(), "-f",
				COMPOSE.toString(), "config", "-q");
		Path empty = Files.createTempFile("compose", ".env");
		Result withoutSecrets = run("docker-compose", "--env-file", empty.toString(), "-f", COMPOSE.toString(),
				"config", "-q");
		Files.delete(empty);

		assertThat(valid.status()).as(valid.output()).isZero();
		assertThat(withoutSecrets.status()).isNotZero();
		assertThat(withoutSecrets.output()).contains("set KAFKA_CLUSTER_ID in docker/.env");
	}

	@Test
	@SuppressWarnings("unchecked")
	void shouldPinEveryImageCheckHealthAndTakeSecretsFromTheEnvironment() throws IOException {
		Map<String, Map<String, Object>> services = services();

		assertThat(services).containsKeys("kafka-1", "kafka-2", "kafka-3", "credentials-init", "kafka-config",
				"kafka-init", "elasticsearch", "elasticsearch-init", "kibana", "scrape-credentials-init", "prometheus",
				"grafana", "stream-processor", "indexer", "console", "gateway");
		services.forEach((name, service) -> {
			String image = (String) service.get("image");
			assertThat(image).as(name + "'s image").isNotBlank().contains(":").doesNotEndWith(":latest");
			// the init containers run once and exit
			if (!"no".equals(service.get("restart"))) {
				assertThat(service).as(name + " has a healthcheck").containsKey("healthcheck");
			}
			environment(service).forEach((key, value) -> {
				if (key.matches(".*(PASSWORD|SECRET).*")) {
					assertThat(value).as(name + "." + key).startsWith("${").contains(":?");
				}
			});
			mounts(service).stream()
				.filter((mount) -> mount.source().startsWith("./"))
				.forEach((mount) -> assertThat(DOCKER.resolve(mount.source())).as(name + " mounts " + mount.source())
					.exists());
		});
		// users, ACLs and topics come from the cluster-setup command
		// (ComposeTemplateTests)
		assertThat((List<String>) services.get("kafka-init").get("command")).startsWith("apply");
		assertThat(DOCKER.resolve("grafana/dashboards/investledger.json")).exists();
		assertThat(Files.readString(DOCKER.resolve("prometheus/prometheus.yml"))).contains("stream-processor:8081",
				"indexer:8084", "console:8082", "gateway:8083");
		// officials reach the figures through the console's login only; the indexer's
		// admins, who may rebuild, are accounts of the same file
		assertThat(services.get("stream-processor")).as("the processor publishes no port").doesNotContainKey("ports");
		assertThat((List<String>) services.get("console").get("ports")).containsExactly("8082:8082");
		for (String reader : List.of("console", "indexer")) {
			assertThat(String.valueOf(services.get(reader).get("volumes"))).as(reader)
				.contains("${CONSOLE_USERS_FILE:-./console-users.example.yml}:/etc/investledger/console-users.yml:ro");
		}
		assertThat(Files.readString(DOCKER.resolve("console-users.example.yml"))).contains("roles: [OFFICIAL]",
				"roles: [ADMIN]");
	}

	@Nested
	class HealthAndStartOrder {

		@Test
		@SuppressWarnings("unchecked")
		void shouldCheckTheHealthOfEveryServiceThatKeepsRunning() throws IOException {
			Map<String, Map<String, Object>> services = services();

			assertThat(longRunning(services)).containsExactlyInAnyOrder("kafka-1", "kafka-2", "kafka-3",
					"elasticsearch", "kibana", "stream-processor", "indexer", "console", "gateway", "prometheus",
					"grafana");
			for (String name : longRunning(services)) {
				Map<String, Object> healthcheck = (Map<String, Object>) services.get(name).get("healthcheck");
				assertThat(healthcheck).as(name).isNotNull().containsKeys("interval", "retries");
				List<?> test = (List<?>) healthcheck.get("test");
				assertThat(test).as(name).hasSize(2);
				assertThat(test.get(0)).as(name).isIn("CMD", "CMD-SHELL");
				assertThat(test.get(1).toString()).as(name).isNotBlank();
			}
			// Kibana's status API needs a login once security is on; its login redirect
			// does not
			assertThat(healthcheck(services.get("kibana"))).doesNotContain("/api/status").contains("302");
			assertThat(healthcheck(services.get("stream-processor"))).contains("/actuator/health");
			assertThat(healthcheck(services.get("indexer"))).contains("localhost:8084/actuator/health");
			assertThat(healthcheck(services.get("console"))).contains("localhost:8082/actuator/health");
			assertThat(healthcheck(services.get("gateway"))).contains("localhost:8083/actuator/health");
		}

		@Test
		void shouldStartEachServiceAfterWhatItNeedsIsHealthyOrDone() throws IOException {
			Map<String, Map<String, Object>> services = services();
			List<String> longRunning = longRunning(services);

			// a running service is waited for until healthy, an init container until it
			// exited with 0
			services.forEach((name, service) -> dependencies(service).forEach((dependency, condition) -> {
				assertThat(services).as(name + " depends on " + dependency).containsKey(dependency);
				assertThat(condition).as(name + " waits for " + dependency)
					.isEqualTo(longRunning.contains(dependency) ? "service_healthy" : "service_completed_successfully");
			}));
			assertThat(dependencies(services.get("elasticsearch-init"))).containsOnlyKeys("elasticsearch");
			assertThat(dependencies(services.get("kibana"))).containsOnlyKeys("elasticsearch", "elasticsearch-init");
			assertThat(dependencies(services.get("indexer"))).containsOnlyKeys("kafka-init", "elasticsearch",
					"elasticsearch-init");
			// the console reads the indices the indexer creates
			assertThat(dependencies(services.get("console"))).containsOnlyKeys("kafka-init", "elasticsearch",
					"elasticsearch-init", "indexer");
			assertThat(dependencies(services.get("gateway"))).containsOnlyKeys("kafka-init", "scrape-credentials-init");
			assertThat(dependencies(services.get("stream-processor"))).containsOnlyKeys("kafka-init");
			assertThat(dependencies(services.get("prometheus"))).containsOnlyKeys("scrape-credentials-init");
			assertThat(dependencies(services.get("grafana"))).containsOnlyKeys("prometheus");
		}

		private static String healthcheck(Map<String, Object> service) {
			return String.valueOf(((Map<?, ?>) service.get("healthcheck")).get("test"));
		}

	}

	@Nested
	class MetricsScrape {

		@TempDir
		Path temp;

		@Test
		@SuppressWarnings("unchecked")
		void shouldScrapeEveryServiceAndTheGatewayWithTheAccountItKnows() throws IOException {
			Map<String, Map<String, Object>> services = services();
			Map<String, Map<String, Object>> jobs = new TreeMap<>();
			for (Map<String, Object> job : (List<Map<String, Object>>) prometheus().get("scrape_configs")) {
				jobs.put((String) job.get("job_name"), job);
			}

			assertThat(jobs).containsOnlyKeys(KAFKA_CLIENTS);
			jobs.forEach((name, job) -> {
				assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
				assertThat(String.valueOf(job.get("static_configs"))).contains(name + ":" + port(services.get(name)));
			});
			Map<String, Object> gateway = environmentObjects(services.get("gateway"));
			Map<String, Object> basic = (Map<String, Object>) jobs.get("gateway").get("basic_auth");
			assertThat(basic).as("the gateway answers 401 without its account").isNotNull();
			assertThat(basic).containsOnlyKeys("username", "password_file");
			assertThat(basic.get("username")).isEqualTo(gateway.get("INVESTLEDGER_METRICS_SCRAPER_NAME"));
			// the file is in Prometheus's own volume, which scrape-credentials-init fills
			assertThat(mounts(services.get("prometheus")))
				.contains(new Mount("metrics-scrape-prometheus", "/run/secrets/metrics-scrape", true));
			assertThat((String) basic.get("password_file")).isEqualTo("/run/secrets/metrics-scrape/password");
		}

		@Test
		void shouldGiveThePasswordToPrometheusAndOnlyItsHashToTheGateway() throws Exception {
			Map<String, Map<String, Object>> services = services();
			Path volumes = this.temp.resolve("volumes");
			int uid = (Integer) Files.getAttribute(this.temp, "unix:uid");
			Map<String, String> owners = Map.of("PROMETHEUS_UID", String.valueOf(uid), "SERVICE_UID",
					String.valueOf(uid));

			Result first = start(this.temp, "scrape-credentials-init", services.get("scrape-credentials-init"), volumes,
					owners);
			Path passwordFile = volumes.resolve("metrics-scrape-prometheus/password");
			String password = Files.readString(passwordFile);
			Result second = start(this.temp, "scrape-credentials-init", services.get("scrape-credentials-init"),
					volumes, owners);

			assertThat(first.status()).as(first.output()).isZero();
			assertThat(second.status()).as(second.output()).isZero();
			assertThat(password).matches(PASSWORD);
			assertThat(passwordFile).as("kept on the next start").hasContent(password);
			assertThat(Files.getPosixFilePermissions(passwordFile)).containsExactly(OWNER_READ);
			// the gateway binds the SHA-256 of Prometheus's password, from its own volume
			Path gatewayRoot = container(this.temp, "gateway", services.get("gateway"), volumes);
			GatewayProperties.MetricsScraper scraper = Binder
				.get(springEnvironment(environment(services.get("gateway")), gatewayRoot))
				.bindOrCreate("investledger.metrics-scraper", GatewayProperties.MetricsScraper.class);
			assertThat(scraper.name()).isEqualTo("prometheus");
			assertThat(scraper.sha256()).isEqualTo(ApiKeys.sha256Hex(password));
			assertThat(passwordsUnder(gatewayRoot, List.of(password))).as("the gateway never sees the password")
				.isEmpty();
			// and Prometheus reads the password where its scrape config says
			Path prometheusRoot = container(this.temp, "prometheus", services.get("prometheus"), volumes);
			assertThat(prometheusRoot.resolve("run/secrets/metrics-scrape/password")).hasContent(password);
		}

		@Test
		void shouldReplaceThePasswordOnlyWhenRotated() throws Exception {
			Map<String, Map<String, Object>> services = services();
			Path volumes = this.temp.resolve("volumes");
			int uid = (Integer) Files.getAttribute(this.temp, "unix:uid");
			Map<String, String> owners = Map.of("PROMETHEUS_UID", String.valueOf(uid), "SERVICE_UID",
					String.valueOf(uid));
			start(this.temp, "scrape-credentials-init", services.get("scrape-credentials-init"), volumes, owners);
			String before = Files.readString(volumes.resolve("metrics-scrape-prometheus/password"));

			Result rotated = run(List.of("bash", DOCKER.resolve("prometheus/scrape-credentials.sh").toString(),
					volumes.resolve("metrics-scrape-prometheus").toString(),
					volumes.resolve("metrics-scrape-gateway").toString(), "--rotate"), owners);

			assertThat(rotated.status()).as(rotated.output()).isZero();
			String after = Files.readString(volumes.resolve("metrics-scrape-prometheus/password"));
			assertThat(after).matches(PASSWORD).isNotEqualTo(before);
			assertThat(volumes.resolve("metrics-scrape-gateway/sha256")).hasContent(ApiKeys.sha256Hex(after));
		}

		private static int port(Map<String, Object> service) {
			Object port = environmentObjects(service).get("PORT");
			return (port != null) ? Integer.parseInt(port.toString()) : 8081;
		}

	}

	@Nested
	class ElasticsearchUsers {

		/**
		 * What the indexer calls, by Elasticsearch's privilege names (docker/README.md):
		 * it writes and never searches.
		 */
		private static final List<String> INDEXER_CLUSTER_PRIVILEGES = List.of("monitor", "manage_index_templates");

		private static final List<String> INDEXER_INDEX_PRIVILEGES = List.of("create_index", "manage", "write");

		/**
		 * What the console calls: the cluster's health, and searches, gets and points in
		 * time on the aliases.
		 */
		private static final List<String> CONSOLE_CLUSTER_PRIVILEGES = List.of("monitor");

		private static final List<String> CONSOLE_INDEX_PRIVILEGES = List.of("read");

		@TempDir
		Path temp;

		@ParameterizedTest
		@ValueSource(strings = { "indexer", "console" })
		@SuppressWarnings("unchecked")
		void shouldSignEachServiceInWithItsOwnUserWhoseRoleGrantsOnlyWhatItCalls(String name) throws IOException {
			Map<String, Map<String, Object>> services = services();
			Map<String, String> service = environment(services.get(name));
			Map<String, String> init = environment(services.get("elasticsearch-init"));
			String variable = name.toUpperCase(Locale.ROOT) + "_ELASTIC_";

			assertThat(service.get("SPRING_ELASTICSEARCH_USERNAME")).isNotEqualTo("elastic")
				.isEqualTo(init.get(variable + "USER"))
				.isEqualTo("investledger-" + name);
			assertThat(service.get("SPRING_ELASTICSEARCH_PASSWORD")).isEqualTo(init.get(variable + "PASSWORD"))
				.isNotEqualTo(init.get("ELASTIC_PASSWORD"))
				.startsWith("${" + variable + "PASSWORD:?");
			// only the init container knows the superuser's password
			services.forEach((other, definition) -> {
				if (environment(definition).values()
					.stream()
					.anyMatch((value) -> value.contains("${ELASTIC_PASSWORD"))) {
					assertThat(other).isIn("elasticsearch", "elasticsearch-init");
				}
			});

			Map<String, Object> role = role(name);
			boolean indexer = "indexer".equals(name);
			assertThat(role).containsOnlyKeys("cluster", "indices", "metadata");
			assertThat((List<String>) role.get("cluster"))
				.containsExactlyInAnyOrderElementsOf(indexer ? INDEXER_CLUSTER_PRIVILEGES : CONSOLE_CLUSTER_PRIVILEGES);
			List<Map<String, Object>> indices = (List<Map<String, Object>>) role.get("indices");
			assertThat(indices).hasSize(1);
			assertThat(indices.get(0)).containsOnlyKeys("names", "privileges", "allow_restricted_indices");
			// the indexer's templates, versioned indices and aliases all start with its
			// prefix, which the console reads
			assertThat((List<String>) indices.get(0).get("names")).containsExactly(service.get("INDEX_PREFIX") + "-*");
			assertThat((List<String>) indices.get(0).get("privileges"))
				.containsExactlyInAnyOrderElementsOf(indexer ? INDEXER_INDEX_PRIVILEGES : CONSOLE_INDEX_PRIVILEGES);
			assertThat(indices.get(0).get("allow_restricted_indices")).isEqualTo(false);
		}

		@Test
		void shouldLetKibanaSignInAsKibanaSystemWithThePasswordTheInitStepSets() throws IOException {
			Map<String, Map<String, Object>> services = services();
			Map<String, String> kibana = environment(services.get("kibana"));

			assertThat(kibana.get("ELASTICSEARCH_USERNAME")).isEqualTo("kibana_system");
			assertThat(kibana.get("ELASTICSEARCH_PASSWORD"))
				.isEqualTo(environment(services.get("elasticsearch-init")).get("KIBANA_PASSWORD"))
				.startsWith("${KIBANA_PASSWORD:?");
			assertThat(dependencies(services.get("kibana"))).containsEntry("elasticsearch-init",
					"service_completed_successfully");
		}

		@Test
		@SuppressWarnings("unchecked")
		void shouldSetKibanasPasswordAndCreateTheIndexersRoleAndUserAsTheSuperuser() throws Exception {
			Map<String, Object> service = services().get("elasticsearch-init");
			List<String> requests = new ArrayList<>();
			Map<String, Object> bodies = new LinkedHashMap<>();
			String elastic = "elastic \"quoted\" \\ password";
			HttpServer server = fakeElasticsearch(elastic, requests, bodies, 200);
			try {
				Map<String, String> environment = Map.of("ELASTICSEARCH_URL",
						"http://127.0.0.1:" + server.getAddress().getPort(), "ELASTIC_PASSWORD", elastic,
						"KIBANA_PASSWORD", "kibana \"quoted\"", "INDEXER_ELASTIC_PASSWORD", "indexer-secret",
						"CONSOLE_ELASTIC_PASSWORD", "console \"secret\"");

				Result result = start(this.temp, "elasticsearch-init", service, this.temp.resolve("volumes"),
						environment);

				assertThat(result.status()).as(result.output()).isZero();
				assertThat(result.output()).doesNotContain(elastic, "indexer-secret", "console \"secret\"");
			}
			finally {
				server.stop(0);
			}
			String user = environment(service).get("INDEXER_ELASTIC_USER");
			String consoleUser = environment(service).get("CONSOLE_ELASTIC_USER");
			assertThat(requests).containsExactly("POST /_security/user/kibana_system/_password",
					"PUT /_security/role/investledger-indexer", "PUT /_security/user/" + user,
					"PUT /_security/role/investledger-console", "PUT /_security/user/" + consoleUser);
			assertThat(bodies.get("POST /_security/user/kibana_system/_password"))
				.isEqualTo(Map.of("password", "kibana \"quoted\""));
			assertThat(bodies.get("PUT /_security/role/investledger-indexer")).isEqualTo(role("indexer"));
			Map<String, Object> indexer = (Map<String, Object>) bodies.get("PUT /_security/user/" + user);
			assertThat(indexer).containsEntry("password", "indexer-secret")
				.containsEntry("roles", List.of("investledger-indexer"));
			assertThat(bodies.get("PUT /_security/role/investledger-console")).isEqualTo(role("console"));
			Map<String, Object> console = (Map<String, Object>) bodies.get("PUT /_security/user/" + consoleUser);
			assertThat(console).containsEntry("password", "console \"secret\"")
				.containsEntry("roles", List.of("investledger-console"));
		}

		@Test
		void shouldFailWhenElasticsearchRefuses() throws Exception {
			Map<String, Object> service = services().get("elasticsearch-init");
			HttpServer server = fakeElasticsearch("elastic-password", new ArrayList<>(), new LinkedHashMap<>(), 403);
			try {
				Result result = start(this.temp, "elasticsearch-init", service, this.temp.resolve("volumes"),
						Map.of("ELASTICSEARCH_URL", "http://127.0.0.1:" + server.getAddress().getPort(),
								"ELASTIC_PASSWORD", "elastic-password", "KIBANA_PASSWORD", "k",
								"INDEXER_ELASTIC_PASSWORD", "i", "CONSOLE_ELASTIC_PASSWORD", "c"));

				assertThat(result.status()).isNotZero();
				assertThat(result.output()).contains("POST /_security/user/kibana_system/_password answered 403");
			}
			finally {
				server.stop(0);
			}
		}

		/**
		 * Answers every request signed in as elastic with the password with
		 * {@code status}, and every other with 401, recording each signed-in one.
		 */
		private static HttpServer fakeElasticsearch(String password, List<String> requests, Map<String, Object> bodies,
				int status) throws IOException {
			String expected = "Basic "
					+ Base64.getEncoder().encodeToString(("elastic:" + password).getBytes(StandardCharsets.UTF_8));
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/", (exchange) -> {
				String request = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
				byte[] body = exchange.getRequestBody().readAllBytes();
				int answer = 401;
				if (expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
					requests.add(request);
					bodies.put(request, JSON.load(new String(body, StandardCharsets.UTF_8)));
					answer = status;
				}
				byte[] response = "{}".getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(answer, response.length);
				exchange.getResponseBody().write(response);
				exchange.close();
			});
			server.start();
			return server;
		}

		private static Map<String, Object> role(String service) throws IOException {
			return JSON.load(Files.readString(DOCKER.resolve("elasticsearch/" + service + "-role.json")));
		}

	}

	@Nested
	class KafkaCredentialsInTheFiles {

		@Test
		void shouldDeriveNoPasswordFromAnotherInAnyFile() throws IOException {
			List<Path> files;
			try (Stream<Path> walk = Files.walk(DOCKER)) {
				// docker/.env is the operator's own and never committed
				files = walk.filter(Files::isRegularFile)
					.filter((file) -> !file.getFileName().toString().equals(".env"))
					.toList();
			}

			assertThat(files).contains(COMPOSE, DOCKER.resolve(".env.example"), DOCKER.resolve("README.md"),
					DOCKER.resolve("kafka/scram-bootstrap.sh"), GENERATE);
			for (Path file : files) {
				String text = Files.readString(file, StandardCharsets.UTF_8);
				assertThat(text).as(file.toString())
					.doesNotContainPattern("(?i)password_?prefix")
					.doesNotContainPattern(JOINED_VARIABLES);
				text.lines()
					.filter((line) -> line.toLowerCase().contains("passw"))
					.forEach((line) -> assertThat(line).as(file + ": " + line)
						.doesNotContainPattern("(?i)<\\w*prefix\\w*>"));
			}
			// no Kafka password for the operator to choose
			assertThat(Files.readString(DOCKER.resolve(".env.example")))
				.doesNotContainPattern("(?m)^KAFKA_\\w*PASSWORD");
			assertThat(Files.readString(COMPOSE)).doesNotContainPattern("\\$\\{KAFKA_\\w*PASSWORD");
		}

		@Test
		@SuppressWarnings("unchecked")
		void shouldGiveEachKafkaPrincipalTheFileOfItsOwnPassword() throws IOException {
			Map<String, Map<String, Object>> services = services();

			// the brokers talk to each other as admin
			for (String broker : BROKERS) {
				assertThat(mounts(services.get(broker)))
					.filteredOn((mount) -> mount.source().startsWith("kafka-secret"))
					.containsExactly(new Mount("kafka-secret-admin", "/run/secrets/kafka-sasl", true));
			}
			assertThat(Files.readString(DOCKER.resolve("kafka/scram-bootstrap.sh")))
				.contains("admin_password=\"$(< /run/secrets/kafka-sasl/password)\"");
			for (String client : KAFKA_CLIENTS) {
				Map<String, String> environment = environment(services.get(client));
				assertThat(environment.get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"))
					.contains("username=\"" + client + "\" password=\"$${kafka-sasl.password}\";");
				assertThat(environment.get("SPRING_CONFIG_IMPORT")).isEqualTo("configtree:/run/secrets/");
				assertThat(mounts(services.get(client))).filteredOn((mount) -> mount.source().startsWith("kafka-"))
					.containsExactly(new Mount("kafka-secret-" + client, "/run/secrets/kafka-sasl", true));
			}
			// credentials-init fills each service's volume with the password of its
			// principal
			List<Mount> credentialsInit = mounts(services.get("credentials-init"));
			for (String principal : SERVICE_PRINCIPALS) {
				assertThat(credentialsInit)
					.contains(new Mount("kafka-secret-" + principal, "/secrets/services/" + principal, false));
			}
			// every password together only where the users are created
			services.forEach((name, service) -> {
				if (mounts(service).stream().anyMatch((mount) -> mount.source().equals("kafka-credentials"))) {
					assertThat(name).isIn("credentials-init", "kafka-config", "kafka-init");
				}
			});
			assertThat(mounts(services.get("kafka-init")))
				.contains(new Mount("kafka-credentials", "/secrets/kafka", false));
			// cluster-setup gives each user the password of its own file there
			// (LocalKafkaClusterTests)
			assertThat((List<String>) services.get("kafka-init").get("command")).containsSubsequence("--credentials",
					"/secrets/kafka");
		}

		@Test
		@SuppressWarnings("unchecked")
		void shouldGenerateFromTheKernelsRandomSourceBeforeTheBrokersStart() throws IOException {
			Map<String, Map<String, Object>> services = services();

			assertThat(Files.readString(GENERATE)).contains("/dev/urandom")
				.doesNotContain("$RANDOM")
				// a password that exists is kept
				.contains("[ -s \"$file\" ] && continue");
			assertThat(Files.readString(DOCKER.resolve("kafka/credentials-init.sh")))
				.contains("generate-credentials.sh\" \"$store\" \"$@\"");
			assertThat((List<String>) services.get("credentials-init").get("entrypoint"))
				.contains("/opt/investledger/kafka/credentials-init.sh");
			for (String broker : BROKERS) {
				assertThat(services.get(broker).get("depends_on"))
					.isEqualTo(Map.of("kafka-config", Map.of("condition", "service_completed_successfully")));
			}
			assertThat(services.get("kafka-config").get("depends_on"))
				.isEqualTo(Map.of("credentials-init", Map.of("condition", "service_completed_successfully")));
			// the published files belong to the user the services' image runs as
			assertThat(Files.readString(DOCKER.resolve("Dockerfile")))
				.contains("--uid " + environment(services.get("credentials-init")).get("SERVICE_UID") + " ");
		}

		@Test
		void shouldHaveAPrincipalForEveryProvinceInForce() throws IOException {
			assertThat(provincesOfTheScripts()).hasSize(34).isEqualTo(provincesInForce());
		}

	}

	@Nested
	class KafkaCredentialsGenerated {

		@TempDir
		Path temp;

		@Test
		void shouldWriteOneRandomPasswordPerPrincipalThatOnlyItsOwnerReads() throws Exception {
			Path store = this.temp.resolve("kafka");

			Result result = generate(store);

			assertThat(result.status()).as(result.output()).isZero();
			Map<String, String> passwords = passwords(store);
			assertThat(passwords).containsOnlyKeys(expectedFiles()).hasSize(40);
			assertThat(passwords.values()).allSatisfy((password) -> assertThat(password).matches(PASSWORD));
			assertThat(new HashSet<>(passwords.values())).as("all distinct").hasSize(passwords.size());
			for (String file : passwords.keySet()) {
				assertThat(Files.getPosixFilePermissions(store.resolve(file))).as(file)
					.containsExactlyInAnyOrder(OWNER_READ, OWNER_WRITE);
			}
		}

		@Test
		void shouldKeepEveryPasswordOnTheNextRunAndWriteOnlyADeletedOneAgain() throws Exception {
			Path store = this.temp.resolve("kafka");
			generate(store);
			Map<String, String> first = passwords(store);
			Map<String, FileTime> written = modified(store);

			Result second = generate(store);
			Map<String, String> afterSecond = passwords(store);
			Files.delete(store.resolve("province-31.password"));
			Result third = generate(store);
			Map<String, String> afterThird = passwords(store);

			assertThat(second.status()).as(second.output()).isZero();
			assertThat(afterSecond).isEqualTo(first);
			assertThat(modified(store)).containsAllEntriesOf(withoutKey(written, "province-31.password"));
			assertThat(third.status()).as(third.output()).isZero();
			assertThat(afterThird.get("province-31.password")).matches(PASSWORD)
				.isNotEqualTo(first.get("province-31.password"));
			assertThat(withoutKey(afterThird, "province-31.password"))
				.isEqualTo(withoutKey(first, "province-31.password"));
		}

		@Test
		void shouldRotateOnePrincipalAndKeepAdminsPreviousPasswordUntilKafkaInitHasUsedIt() throws Exception {
			Path store = this.temp.resolve("kafka");
			generate(store);
			Map<String, String> first = passwords(store);

			Result gateway = generate(store, "--rotate", "gateway");
			Map<String, String> afterGateway = passwords(store);
			Result admin = generate(store, "--rotate", "admin");
			Map<String, String> afterAdmin = passwords(store);
			Result adminAgain = generate(store, "--rotate", "admin");

			assertThat(gateway.status()).as(gateway.output()).isZero();
			assertThat(afterGateway.get("gateway.password")).matches(PASSWORD)
				.isNotEqualTo(first.get("gateway.password"));
			assertThat(withoutKey(afterGateway, "gateway.password")).isEqualTo(withoutKey(first, "gateway.password"));
			assertThat(admin.status()).as(admin.output()).isZero();
			assertThat(afterAdmin.get("admin.password")).matches(PASSWORD).isNotEqualTo(first.get("admin.password"));
			assertThat(afterAdmin.get("admin.password.previous")).isEqualTo(first.get("admin.password"));
			// a second rotation would lose the password the cluster still knows
			assertThat(adminAgain.status()).isNotZero();
			assertThat(adminAgain.output()).contains("run kafka-init before rotating admin again");
			assertThat(passwords(store)).isEqualTo(afterAdmin);
		}

		@Test
		void shouldRefuseToReplaceAMissingAdminPasswordThatTheBrokersWereFormattedWith() throws Exception {
			Path store = this.temp.resolve("kafka");
			generate(store);
			Files.delete(store.resolve("admin.password"));

			Result result = generate(store);

			assertThat(result.status()).isNotZero();
			assertThat(result.output()).contains("admin.password is missing while other passwords exist");
			assertThat(store.resolve("admin.password")).doesNotExist();
		}

		@Test
		void shouldGiveEachServiceItsOwnPasswordWhichItsKafkaClientsSignInWith() throws Exception {
			Map<String, Map<String, Object>> services = services();
			Path volumes = this.temp.resolve("volumes");
			int uid = (Integer) Files.getAttribute(this.temp, "unix:uid");

			// credentials-init as compose starts it, its volumes being directories here
			Result init = start(this.temp, "credentials-init", services.get("credentials-init"), volumes,
					Map.of("BROKER_UID", String.valueOf(uid), "SERVICE_UID", String.valueOf(uid)));

			assertThat(init.status()).as(init.output()).isZero();
			Map<String, String> store = passwords(volumes.resolve("kafka-credentials"));
			assertThat(store).containsOnlyKeys(expectedFiles());
			Path admin = volumes.resolve("kafka-secret-admin/password");
			assertThat(admin).hasContent(store.get("admin.password"));
			for (String client : KAFKA_CLIENTS) {
				Path root = container(this.temp, client, services.get(client), volumes);
				Map<String, Object> producer = kafkaClientProperties(environment(services.get(client)), root);
				assertThat(producer.get("sasl.jaas.config")).as(client)
					.asString()
					.contains("username=\"" + client + "\"")
					.contains("password=\"" + store.get(client + ".password") + "\"");
				// nothing in the service's file system holds another principal's password
				assertThat(passwordsUnder(root, store.values())).as(client)
					.containsExactly(store.get(client + ".password"));
			}
			for (String principal : SERVICE_PRINCIPALS) {
				Path published = volumes.resolve("kafka-secret-" + principal).resolve("password");
				assertThat(Files.getPosixFilePermissions(published)).as(principal).containsExactly(OWNER_READ);
				assertThat(Files.getAttribute(published, "unix:uid")).as(principal).isEqualTo(uid);
			}
		}

	}

	private static Result start(Path temp, String name, Map<String, Object> service, Path volumes,
			Map<String, String> owners) throws Exception {
		Path root = container(temp, name, service, volumes);
		List<String> command = new ArrayList<>();
		for (Object argument : (List<?>) service.get("entrypoint")) {
			String value = argument.toString();
			command.add(value.equals("/bin/bash") ? "bash"
					: (value.startsWith("/") ? inside(root, value).toString() : value));
		}
		Map<String, String> environment = new LinkedHashMap<>(environment(service));
		environment.putAll(owners);
		return run(command, environment);
	}

	/**
	 * A directory standing in for a container's file system: each of the service's named
	 * volumes and files of docker/ linked in at its mount point.
	 */
	private static Path container(Path temp, String name, Map<String, Object> service, Path volumes)
			throws IOException {
		Path root = temp.resolve("containers").resolve(name);
		if (Files.isDirectory(root)) {
			return root;
		}
		Files.createDirectories(root);
		for (Mount mount : mounts(service)) {
			if (mount.source().startsWith("${")) {
				// a file of the operator's choosing, holding no generated secret
				continue;
			}
			Path source = mount.source().startsWith("./") ? DOCKER.resolve(mount.source()).toAbsolutePath().normalize()
					: Files.createDirectories(volumes.resolve(mount.source()));
			Path target = inside(root, mount.target());
			Files.createDirectories(target.getParent());
			Files.createSymbolicLink(target, source);
		}
		return root;
	}

	private static Path inside(Path root, String path) {
		return root.resolve(path.substring(1));
	}

	/**
	 * The Kafka client properties a service's Spring Boot builds from the environment
	 * compose gives it, its file system being under {@code root}.
	 */
	private static Map<String, Object> kafkaClientProperties(Map<String, String> composeEnvironment, Path root) {
		return Binder.get(springEnvironment(composeEnvironment, root))
			.bindOrCreate("spring.kafka", KafkaProperties.class)
			.buildProducerProperties();
	}

	/**
	 * The environment a service's Spring Boot sees from the variables compose gives it,
	 * its file system being under {@code root}.
	 */
	private static StandardEnvironment springEnvironment(Map<String, String> composeEnvironment, Path root) {
		Map<String, Object> variables = new LinkedHashMap<>();
		composeEnvironment.forEach((key, value) -> {
			// Compose's escape for a literal $
			String unescaped = value.replace("$$", "$");
			variables.put(key, key.equals("SPRING_CONFIG_IMPORT")
					? unescaped.replace("configtree:/", "configtree:" + root.toAbsolutePath() + "/") : unescaped);
		});
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		ConfigDataEnvironmentPostProcessor.applyTo(environment);
		return environment;
	}

	private static Set<String> passwordsUnder(Path root, Iterable<String> passwords) throws IOException {
		Set<String> found = new HashSet<>();
		try (Stream<Path> walk = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
			for (Path file : walk.filter(Files::isRegularFile).toList()) {
				String text = Files.readString(file, StandardCharsets.UTF_8);
				passwords.forEach((password) -> {
					if (text.contains(password)) {
						found.add(password);
					}
				});
			}
		}
		return found;
	}

	private static Result generate(Path store, String... options) throws Exception {
		List<String> command = new ArrayList<>(List.of("bash", GENERATE.toString(), store.toString()));
		command.addAll(List.of(options));
		return run(command, Map.of());
	}

	/** Every file of the store with its content. */
	private static Map<String, String> passwords(Path store) throws IOException {
		Map<String, String> passwords = new TreeMap<>();
		try (Stream<Path> files = Files.list(store)) {
			for (Path file : files.toList()) {
				passwords.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.US_ASCII));
			}
		}
		return passwords;
	}

	private static Map<String, FileTime> modified(Path store) throws IOException {
		Map<String, FileTime> modified = new TreeMap<>();
		try (Stream<Path> files = Files.list(store)) {
			for (Path file : files.toList()) {
				modified.put(file.getFileName().toString(), Files.getLastModifiedTime(file));
			}
		}
		return modified;
	}

	private static <V> Map<String, V> withoutKey(Map<String, V> map, String key) {
		Map<String, V> copy = new TreeMap<>(map);
		copy.remove(key);
		return copy;
	}

	private static List<String> expectedFiles() {
		return Stream
			.concat(Stream.concat(SERVICE_PRINCIPALS.stream(), Stream.of("controller")),
					provincesInForce().stream().map((code) -> "province-" + code))
			.map((principal) -> principal + ".password")
			.toList();
	}

	/** The units with an empty valid_to in the reference data. */
	private static List<String> provincesInForce() {
		return Provinces.standard()
			.all()
			.stream()
			.filter((unit) -> unit.validTo() == null)
			.map(ProvinceUnit::code)
			.sorted()
			.toList();
	}

	private static List<String> provincesOfTheScripts() throws IOException {
		return Files.readAllLines(DOCKER.resolve("kafka/provinces"))
			.stream()
			.filter((line) -> !line.isBlank() && !line.startsWith("#"))
			.map((line) -> line.split(" ")[0])
			.sorted()
			.toList();
	}

	private static final Yaml JSON = new Yaml(new SafeConstructor(new LoaderOptions()));

	/** The services that keep running, as opposed to init containers, which exit. */
	private static List<String> longRunning(Map<String, Map<String, Object>> services) {
		return services.entrySet()
			.stream()
			.filter((service) -> !"no".equals(service.getValue().get("restart")))
			.map(Map.Entry::getKey)
			.toList();
	}

	/** What a service waits for, and the condition of each. */
	private static Map<String, String> dependencies(Map<String, Object> service) {
		Map<String, String> dependencies = new TreeMap<>();
		if (service.get("depends_on") instanceof Map<?, ?> map) {
			map.forEach((name, condition) -> dependencies.put(name.toString(),
					String.valueOf(((Map<?, ?>) condition).get("condition"))));
		}
		return dependencies;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> prometheus() throws IOException {
		return (Map<String, Object>) JSON.load(Files.readString(DOCKER.resolve("prometheus/prometheus.yml")));
	}

	private static Map<String, Object> environmentObjects(Map<String, Object> service) {
		Map<String, Object> environment = new LinkedHashMap<>();
		if (service.get("environment") instanceof Map<?, ?> variables) {
			variables.forEach((key, value) -> environment.put(key.toString(), value));
		}
		return environment;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> services() throws IOException {
		Map<String, Object> compose = new Yaml(new SafeConstructor(new LoaderOptions()))
			.load(Files.readString(COMPOSE, StandardCharsets.UTF_8));
		return (Map<String, Map<String, Object>>) compose.get("services");
	}

	private static Map<String, String> environment(Map<String, Object> service) {
		Map<String, String> environment = new LinkedHashMap<>();
		if (service.get("environment") instanceof Map<?, ?> variables) {
			variables.forEach((key, value) -> environment.put(key.toString(), String.valueOf(value)));
		}
		return environment;
	}

	private record Mount(String source, String target, boolean readOnly) {

		private static final Pattern SYNTAX = Pattern.compile("(.+?):(/[^:]*)(?::(ro|rw))?");

		static Mount parse(String mount) {
			Matcher matcher = SYNTAX.matcher(mount);
			assertThat(matcher.matches()).as(mount).isTrue();
			return new Mount(matcher.group(1), matcher.group(2), "ro".equals(matcher.group(3)));
		}

	}

	private static List<Mount> mounts(Map<String, Object> service) {
		if (service.get("volumes") instanceof List<?> volumes) {
			return volumes.stream().map((volume) -> Mount.parse(volume.toString())).toList();
		}
		return List.of();
	}

	private static boolean onPath(String command) {
		return List.of(System.getenv().getOrDefault("PATH", "").split(":"))
			.stream()
			.anyMatch((dir) -> Files.isExecutable(Path.of(dir, command)));
	}

	private record Result(int status, String output) {

	}

	private static Result run(String... command) throws Exception {
		return run(List.of(command), Map.of());
	}

	private static Result run(List<String> command, Map<String, String> environment) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(environment);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new Result(process.exitValue(), output);
	}

}
