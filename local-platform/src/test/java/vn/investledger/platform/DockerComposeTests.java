package vn.investledger.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
	private static final List<String> KAFKA_CLIENTS = List.of("stream-processor", "indexer", "gateway");

	private static final List<String> SERVICE_PRINCIPALS = List.of("admin", "stream-processor", "indexer", "gateway");

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
				"kafka-init", "elasticsearch", "kibana", "prometheus", "grafana", "stream-processor", "indexer",
				"gateway");
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
				"indexer:8082", "gateway:8083");
		// officials reach the figures through the indexer's login only
		assertThat(services.get("stream-processor")).as("the processor publishes no port").doesNotContainKey("ports");
		assertThat(String.valueOf(services.get("indexer").get("volumes")))
			.contains("${CONSOLE_USERS_FILE:-./console-users.example.yml}:/etc/investledger/console-users.yml:ro");
		assertThat(Files.readString(DOCKER.resolve("console-users.example.yml"))).contains("roles: [OFFICIAL]",
				"roles: [ADMIN]");
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
			assertThat(passwords).containsOnlyKeys(expectedFiles()).hasSize(39);
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
			Result init = start("credentials-init", services.get("credentials-init"), volumes,
					Map.of("BROKER_UID", String.valueOf(uid), "SERVICE_UID", String.valueOf(uid)));

			assertThat(init.status()).as(init.output()).isZero();
			Map<String, String> store = passwords(volumes.resolve("kafka-credentials"));
			assertThat(store).containsOnlyKeys(expectedFiles());
			Path admin = volumes.resolve("kafka-secret-admin/password");
			assertThat(admin).hasContent(store.get("admin.password"));
			for (String client : KAFKA_CLIENTS) {
				Path root = container(client, services.get(client), volumes);
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

		private Result start(String name, Map<String, Object> service, Path volumes, Map<String, String> owners)
				throws Exception {
			Path root = container(name, service, volumes);
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
		 * A directory standing in for a container's file system: each of the service's
		 * named volumes and files of docker/ linked in at its mount point.
		 */
		private Path container(String name, Map<String, Object> service, Path volumes) throws IOException {
			Path root = Files.createDirectories(this.temp.resolve("containers").resolve(name));
			for (Mount mount : mounts(service)) {
				if (mount.source().startsWith("${")) {
					// a file of the operator's choosing, holding no Kafka password
					continue;
				}
				Path source = mount.source().startsWith("./")
						? DOCKER.resolve(mount.source()).toAbsolutePath().normalize()
						: Files.createDirectories(volumes.resolve(mount.source()));
				Path target = inside(root, mount.target());
				Files.createDirectories(target.getParent());
				Files.createSymbolicLink(target, source);
			}
			return root;
		}

		private Path inside(Path root, String path) {
			return root.resolve(path.substring(1));
		}

	}

	/**
	 * The Kafka client properties a service's Spring Boot builds from the environment
	 * compose gives it, its file system being under {@code root}.
	 */
	private static Map<String, Object> kafkaClientProperties(Map<String, String> composeEnvironment, Path root) {
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
		return Binder.get(environment).bindOrCreate("spring.kafka", KafkaProperties.class).buildProducerProperties();
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
