package vn.investledger.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The compose files of {@code docker/}, which no Docker engine runs here: Compose itself
 * checks them ({@code docker-compose config}, Debian's package, which {@code .ci/run}
 * installs), and this test checks what Compose does not: pinned images, healthchecks,
 * secrets only from the environment, and every mounted file present.
 */
class DockerComposeTests {

	private static final Path DOCKER = Path.of("..", "docker");

	private static final Path COMPOSE = DOCKER.resolve("compose.yaml");

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
		assertThat(withoutSecrets.output()).contains("set KAFKA_ADMIN_PASSWORD in docker/.env");
	}

	@Test
	@SuppressWarnings("unchecked")
	void shouldPinEveryImageCheckHealthAndTakeSecretsFromTheEnvironment() throws IOException {
		Map<String, Object> compose = new Yaml(new SafeConstructor(new LoaderOptions()))
			.load(Files.readString(COMPOSE, StandardCharsets.UTF_8));
		Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");

		assertThat(services).containsKeys("kafka-1", "kafka-2", "kafka-3", "kafka-init", "elasticsearch", "kibana",
				"prometheus", "grafana", "stream-processor", "indexer", "gateway");
		services.forEach((name, service) -> {
			String image = (String) service.get("image");
			assertThat(image).as(name + "'s image").isNotBlank().contains(":").doesNotEndWith(":latest");
			if (!"kafka-init".equals(name)) {
				assertThat(service).as(name + " has a healthcheck").containsKey("healthcheck");
			}
			Object environment = service.get("environment");
			if (environment instanceof Map<?, ?> variables) {
				variables.forEach((key, value) -> {
					if (key.toString().matches(".*(PASSWORD|SECRET).*")) {
						assertThat(String.valueOf(value)).as(name + "." + key).startsWith("${").contains(":?");
					}
				});
			}
			Object volumes = service.get("volumes");
			if (volumes instanceof List<?> mounts) {
				mounts.stream()
					.map(Object::toString)
					.filter((mount) -> mount.startsWith("./"))
					.map((mount) -> mount.substring(0, mount.indexOf(':')))
					.forEach((file) -> assertThat(DOCKER.resolve(file)).as(name + " mounts " + file).exists());
			}
		});
		assertThat(Files.readString(DOCKER.resolve("kafka/init.sh")))
			.contains("--producer --topic \"$prefix.events.$code\"");
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

	private static boolean onPath(String command) {
		return List.of(System.getenv().getOrDefault("PATH", "").split(":"))
			.stream()
			.anyMatch((dir) -> Files.isExecutable(Path.of(dir, command)));
	}

	private record Result(int status, String output) {

	}

	private static Result run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new Result(process.exitValue(), output);
	}

}
