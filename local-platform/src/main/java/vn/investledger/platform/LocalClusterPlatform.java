package vn.investledger.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import vn.investledger.access.MetricsScraper;
import vn.investledger.cluster.Principals;
import vn.investledger.producers.simulator.Simulator;

/**
 * Runs the platform on the local three-node cluster ({@code ./mvnw -B -Prun-cluster
 * -DskipTests verify}): three authenticated Kafka nodes set up by the cluster-setup
 * command, one Elasticsearch node, two stream processor and two indexer instances, the
 * console, each in its own JVM, the gateway, and the simulator, whose province systems
 * each sign in as their own principal; prints the addresses, where each principal's
 * password is and where the metrics scraper's is, and runs until Ctrl-C. Settings, as
 * system properties or environment variables:
 * <ul>
 * <li>{@code PROCESSOR_PORTS} (8081,8091), {@code INDEXER_PORTS} (8084,8094),
 * {@code CONSOLE_PORTS} (8082: one instance per port), {@code GATEWAY_PORT} (8083), all
 * on 127.0.0.1</li>
 * <li>{@code GATEWAY_KEY_<province>}: a seed province's gateway key
 * ({@code local-<province>} unless set)</li>
 * <li>{@code SIMULATOR_RATE} events per second (20), {@code SIMULATOR_SEED} (2024),
 * {@code SIMULATOR_COUNT} (0: no limit)</li>
 * </ul>
 */
public final class LocalClusterPlatform {

	private LocalClusterPlatform() {
	}

	public static void main(String[] args) throws Exception {
		Instant started = Instant.now();
		Map<String, String> keys = new TreeMap<>();
		LocalPlatform.SEED_PROVINCES
			.forEach((code) -> keys.put(code, System.getenv().getOrDefault("GATEWAY_KEY_" + code, "local-" + code)));
		ClusterPlatform.Settings settings = new ClusterPlatform.Settings("ledger", "ledger",
				ports("PROCESSOR_PORTS", "8081,8091"), ports("INDEXER_PORTS", "8084,8094"),
				ports("CONSOLE_PORTS", "8082"), Integer.parseInt(setting("GATEWAY_PORT", "8083")), keys);
		ClusterPlatform platform = ClusterPlatform.start(settings);
		Simulator simulator = new Simulator(platform.cluster().bootstrapServers(), "ledger",
				Long.parseLong(setting("SIMULATOR_SEED", "2024")), Double.parseDouble(setting("SIMULATOR_RATE", "20")),
				Long.parseLong(setting("SIMULATOR_COUNT", "0")),
				(province) -> platform.signInSettings(Principals.province(province)));
		Thread feeding = Thread.ofPlatform().name("simulator").daemon().start(simulator);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			simulator.close();
			feeding.interrupt();
			platform.close();
		}, "local-cluster-shutdown"));
		List<ServiceJvm> processors = platform.processors();
		List<ServiceJvm> indexers = platform.indexers();
		String p = processors.get(0).url();
		String c = platform.consoles().get(0).url();
		String g = platform.gateway().url();
		List<ServiceJvm> services = new ArrayList<>(
				List.of(processors.get(0), processors.get(1), indexers.get(0), indexers.get(1)));
		services.addAll(platform.consoles());
		services.add(platform.gateway());
		StringBuilder logs = new StringBuilder();
		for (ServiceJvm service : services) {
			logs.append(String.format("    %-12s %s  (log: %s, pid %s)%n", service.name(), service.url(), service.log(),
					service.jvm().map((jvm) -> Long.toString(jvm.pid())).orElse("?")));
		}
		System.out.printf("""

				Investment Ledger is running on a three-node cluster (ready in %d s).
				  Officials' console      : %s/  (sign in as official / local-official, or admin / local-admin)
				  Ingestion gateway       : %s/api/v1/events  (header X-API-Key: local-31 for Hải Phòng)
				  Kafka bootstrap servers : %s  (SASL_PLAINTEXT, SCRAM-SHA-512)
				  Kafka credentials       : %s  (<principal>.password, mode 600: admin, the services, province-NN)
				  Cluster setup           : %d principals, %d topics created, %d ACL bindings
				  Elasticsearch           : %s
				  Running totals (exact)  : %s/api/totals/provinces/31?type=FDI  (or the other instance: %s)
				  Search projects         : %s/api/search/projects?q=LG&province=31  (same accounts, HTTP Basic)
				  Indexed province total  : %s/api/search/totals/provinces/31?type=DDI
				  Health                  : <service>/actuator/health
				  Metrics (Prometheus)    : <service>/actuator/prometheus  (HTTP Basic as %s, password in %s, mode 400)
				  Services, each in its own JVM, signed in as its own principal:
				%s\
				The simulator publishes events of every kind for provinces %s, each as its own principal.
				Press Ctrl-C to stop; the cluster's data and credentials are deleted.
				%n""", Duration.between(started, Instant.now()).toSeconds(), c, g,
				platform.cluster().bootstrapServers(), platform.cluster().credentials().directory(),
				platform.setup().principals().size(), platform.setup().topicsCreated(), platform.setup().acls(),
				platform.elasticsearch().url(), p, processors.get(1).url(), c, c, MetricsScraper.DEFAULT_NAME,
				platform.scraperPasswordFile(), logs, LocalPlatform.SEED_PROVINCES);
		Thread.currentThread().join();
	}

	private static List<Integer> ports(String name, String defaultValue) {
		return List.of(setting(name, defaultValue).split(","))
			.stream()
			.map(String::trim)
			.map(Integer::valueOf)
			.toList();
	}

	private static String setting(String name, String defaultValue) {
		String value = System.getProperty(name, System.getenv(name));
		return (value == null || value.isBlank()) ? defaultValue : value.trim();
	}

}
