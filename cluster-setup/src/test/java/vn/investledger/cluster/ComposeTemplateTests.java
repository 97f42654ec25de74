package vn.investledger.cluster;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker/compose.yaml} runs its brokers on the broker template and its setup on
 * the cluster-setup command: the nodes it renders are the brokers it runs, what its
 * clients connect to is what the template makes the brokers listen on, and the passwords
 * come from this command too. Fails when compose and the template disagree, or when
 * compose generates the passwords with anything else.
 */
class ComposeTemplateTests {

	private static final Path DOCKER = Path.of("..", "docker");

	private static final BrokerTemplate.BrokerSecrets SECRETS = new BrokerTemplate.BrokerSecrets("a".repeat(64),
			"b".repeat(64));

	@Test
	void shouldRunTheBrokersOnTheTemplateRenderedForExactlyTheseNodes() throws IOException {
		Map<String, Map<String, Object>> services = services();
		Map<String, String> render = options(services.get("kafka-config"), "broker-config");
		Map<String, Map<String, Object>> brokers = brokers(services);
		assertThat(brokers).hasSize(3);

		// kafka-config renders one file per broker that compose runs, node ids in order
		List<String> hosts = List.of(render.get("nodes").split(","));
		List<String> brokerHosts = brokers.values()
			.stream()
			.sorted(Comparator.comparing((broker) -> nodeId(broker)))
			.map((broker) -> (String) broker.get("hostname"))
			.toList();
		assertThat(hosts).isEqualTo(brokerHosts);
		ClusterNodes nodes = ClusterNodes.onHosts(hosts, Integer.parseInt(render.get("client-port")),
				Integer.parseInt(render.get("controller-port")));
		BrokerTemplate template = BrokerTemplate.standard();
		String script = Files.readString(DOCKER.resolve("kafka/scram-bootstrap.sh"));
		for (Map.Entry<String, Map<String, Object>> broker : brokers.entrySet()) {
			Map<String, Object> service = broker.getValue();
			ClusterNodes.Node node = nodes.nodes().get(nodeId(service) - 1);
			Properties rendered = BrokerTemplate
				.parse(template.render(nodes, node, render.get("listen-host"), render.get("log-dirs"), SECRETS));
			// no broker setting besides the template's: the image would turn KAFKA_* into
			// settings of its own
			assertThat(environment(service).keySet()).as(broker.getKey())
				.noneMatch((name) -> name.startsWith("KAFKA_"));
			// the rendered file is where the start script reads it, and the data where
			// the
			// template puts the log
			assertThat(volumes(service)).as(broker.getKey())
				.contains("kafka-config:/etc/investledger/kafka:ro",
						broker.getKey() + ":" + rendered.getProperty("log.dirs"));
			assertThat(script).contains("/etc/investledger/kafka/node-${NODE_ID:?}/server.properties");
			assertThat(rendered.getProperty("advertised.listeners"))
				.isEqualTo("SASL_PLAINTEXT://" + service.get("hostname") + ":" + node.clientPort());
			assertThat(rendered.getProperty("controller.quorum.voters"))
				.isEqualTo("1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093");
			// the healthcheck asks the client listener
			assertThat(String.join(" ", healthcheck(service))).contains("localhost:" + node.clientPort());
		}
	}

	@Test
	void shouldConnectEveryClientTheWayTheTemplateListens() throws IOException {
		Map<String, Map<String, Object>> services = services();
		Map<String, String> render = options(services.get("kafka-config"), "broker-config");
		ClusterNodes nodes = ClusterNodes.onHosts(List.of(render.get("nodes").split(",")),
				Integer.parseInt(render.get("client-port")), Integer.parseInt(render.get("controller-port")));
		Properties rendered = BrokerTemplate.parse(BrokerTemplate.standard()
			.render(nodes, nodes.nodes().get(0), render.get("listen-host"), render.get("log-dirs"), SECRETS));
		String protocol = rendered.getProperty("advertised.listeners").split(":")[0];

		// kafka-init runs the cluster-setup command against those brokers
		Map<String, String> apply = options(services.get("kafka-init"), "apply");
		assertThat(apply.get("bootstrap-servers")).isEqualTo(nodes.bootstrapServers());
		assertThat(apply.get("credentials")).isEqualTo(render.get("credentials"));
		assertThat(services.get("kafka-init").get("image")).isEqualTo(services.get("kafka-config").get("image"));

		// and every service connects to them as the client listener expects
		for (String name : List.of("stream-processor", "indexer", "gateway", "console")) {
			Map<String, Object> environment = environment(services.get(name));
			assertThat(environment.get("KAFKA_BOOTSTRAP_SERVERS")).as(name).isEqualTo(nodes.bootstrapServers());
			assertThat(environment.get("SPRING_KAFKA_PROPERTIES_SECURITY_PROTOCOL")).as(name)
				.isEqualTo(protocol)
				.isEqualTo(KafkaLogin.SECURITY_PROTOCOL);
			assertThat(environment.get("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM")).as(name)
				.isEqualTo(rendered.getProperty("sasl.enabled.mechanisms"))
				.isEqualTo(KafkaLogin.MECHANISM);
			assertThat(String.valueOf(environment.get("TOPIC_REPLICAS"))).as(name)
				.isEqualTo(rendered.getProperty("default.replication.factor"));
			assertThat(environment.get("TOPIC_PREFIX")).as(name).isEqualTo(apply.get("prefix"));
		}
		assertThat(rendered.getProperty("min.insync.replicas")).isEqualTo(TopicPlan.MIN_IN_SYNC);
		assertThat(rendered.getProperty("default.replication.factor")).isEqualTo(Short.toString(TopicPlan.REPLICAS));
	}

	@Test
	@SuppressWarnings("unchecked")
	void shouldGenerateThePasswordsWithThisCommandWhereTheBrokersAndTheSetupReadThem() throws IOException {
		Map<String, Map<String, Object>> services = services();
		Map<String, Object> init = services.get("credentials-init");
		List<String> entrypoint = (List<String>) init.get("entrypoint");

		// credentials-init is this command, in the image the other two run, from this
		// module's jar
		assertThat(init.get("image")).isEqualTo(services.get("kafka-config").get("image"))
			.isEqualTo(services.get("kafka-init").get("image"));
		assertThat(String.valueOf(init.get("build"))).contains("cluster-setup/target/cluster-setup-");
		assertThat(entrypoint).containsSubsequence("-jar", "/opt/investledger/app.jar", "credentials");
		Map<String, String> generate = options(entrypoint.subList(entrypoint.indexOf("credentials"), entrypoint.size()),
				"credentials");
		// and writes where the broker files are rendered from and the users are set from
		assertThat(generate.get("credentials"))
			.isEqualTo(options(services.get("kafka-config"), "broker-config").get("credentials"))
			.isEqualTo(options(services.get("kafka-init"), "apply").get("credentials"));
		assertThat(volumes(init)).contains("kafka-credentials:" + generate.get("credentials"));
		// the scraper's password too, in the same image
		List<String> scrape = (List<String>) services.get("scrape-credentials-init").get("entrypoint");
		assertThat(services.get("scrape-credentials-init").get("image")).isEqualTo(init.get("image"));
		assertThat(scrape).containsSubsequence("-jar", "/opt/investledger/app.jar", "metrics-scraper");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> services() throws IOException {
		try (Reader in = Files.newBufferedReader(DOCKER.resolve("compose.yaml"))) {
			Map<String, Object> compose = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
			return (Map<String, Map<String, Object>>) compose.get("services");
		}
	}

	private static Map<String, Map<String, Object>> brokers(Map<String, Map<String, Object>> services) {
		Map<String, Map<String, Object>> brokers = new LinkedHashMap<>();
		services.forEach((name, service) -> {
			if (String.valueOf(service.get("image")).startsWith("apache/kafka")
					&& environment(service).containsKey("NODE_ID")) {
				brokers.put(name, service);
			}
		});
		return brokers;
	}

	private static int nodeId(Map<String, Object> broker) {
		return Integer.parseInt(String.valueOf(environment(broker).get("NODE_ID")));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> environment(Map<String, Object> service) {
		Object environment = service.get("environment");
		return (environment instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

	@SuppressWarnings("unchecked")
	private static List<String> volumes(Map<String, Object> service) {
		return (List<String>) service.getOrDefault("volumes", List.of());
	}

	@SuppressWarnings("unchecked")
	private static List<String> healthcheck(Map<String, Object> service) {
		return (List<String>) ((Map<String, Object>) service.get("healthcheck")).get("test");
	}

	/** The {@code --name value} options of a cluster-setup service's command. */
	@SuppressWarnings("unchecked")
	private static Map<String, String> options(Map<String, Object> service, String command) {
		return options((List<String>) service.get("command"), command);
	}

	/** The {@code --name value} options of a cluster-setup command line. */
	private static Map<String, String> options(List<String> commandLine, String command) {
		List<String> args = new ArrayList<>(commandLine);
		assertThat(args.get(0)).isEqualTo(command);
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 1; i + 1 < args.size(); i += 2) {
			options.put(args.get(i).substring(2), args.get(i + 1));
		}
		return options;
	}

}
