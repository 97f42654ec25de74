package vn.investledger.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import vn.investledger.access.MetricsScraper;
import vn.investledger.cluster.ScraperPassword;
import vn.investledger.localstack.LocalStack;
import vn.investledger.producers.simulator.Simulator;

/**
 * Runs the whole platform on this machine: a real Kafka broker and Elasticsearch node,
 * the stream processor, the indexer, the console with the search API, the gateway, and
 * the simulator feeding them; prints the addresses and where the password of the metrics
 * scraper, which alone reads every service's Prometheus metrics, was written (a random
 * one each run); runs until Ctrl-C. Settings come from system properties or environment
 * variables:
 * <ul>
 * <li>{@code CONSOLE_PORT} (8082), {@code GATEWAY_PORT} (8083), {@code PROCESSOR_PORT}
 * (8081), {@code INDEXER_PORT} (8084)</li>
 * <li>{@code BIND_ADDRESS}: where those four listen ({@code 127.0.0.1}, this machine
 * only; {@code 0.0.0.0} for every interface)</li>
 * <li>{@code GATEWAY_KEY_<province>}: the gateway key of a seed province
 * ({@code local-<province>} unless set)</li>
 * <li>{@code SIMULATOR_RATE} events per second (20), {@code SIMULATOR_SEED} (2024),
 * {@code SIMULATOR_COUNT} (0: no limit)</li>
 * </ul>
 */
public final class LocalPlatform {

	/**
	 * The current provinces of the seeds: Quảng Ninh, Hải Phòng, Hưng Yên, Quảng Ngãi.
	 */
	static final List<String> SEED_PROVINCES = List.of("22", "31", "33", "51");

	private LocalPlatform() {
	}

	public static void main(String[] args) throws Exception {
		Instant started = Instant.now();
		LocalStack stack = LocalStack.start();
		Path stateDir = Files.createTempDirectory("investledger-streams");
		// Prometheus's password, for every service's /actuator/prometheus: random, in a
		// file only this user reads; the services get its SHA-256
		Path scraperDir = Files.createTempDirectory("investledger-metrics-scraper");
		Path scraperFile = scraperDir.resolve(MetricsScraper.DEFAULT_NAME + ".password");
		String scraperPassword = ScraperPassword.ensure(scraperFile, false, null);
		Map<String, String> keys = new TreeMap<>();
		SEED_PROVINCES
			.forEach((code) -> keys.put(code, System.getenv().getOrDefault("GATEWAY_KEY_" + code, "local-" + code)));
		PlatformServices services = PlatformServices
			.start(new PlatformServices.Settings(stack.kafka().bootstrapServers(), stack.elasticsearch().url(),
					"ledger", "ledger", intSetting("GATEWAY_PORT", 8083), intSetting("PROCESSOR_PORT", 8081),
					intSetting("INDEXER_PORT", 8084), intSetting("CONSOLE_PORT", 8082), stateDir, keys)
				.withBindAddress(setting("BIND_ADDRESS", PlatformServices.LOOPBACK))
				.withMetricsScraper(scraperPassword), SEED_PROVINCES);
		Simulator simulator = new Simulator(stack.kafka().bootstrapServers(), "ledger",
				intSetting("SIMULATOR_SEED", 2024), intSetting("SIMULATOR_RATE", 20), intSetting("SIMULATOR_COUNT", 0));
		Thread feeding = Thread.ofPlatform().name("simulator").daemon().start(simulator);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			simulator.close();
			feeding.interrupt();
			services.close();
			stack.close();
			try {
				Files.deleteIfExists(scraperFile);
				Files.deleteIfExists(scraperDir);
			}
			catch (IOException ex) {
				// left for the temporary directory's own cleaning
			}
		}, "local-platform-shutdown"));
		String p = services.processorUrl();
		String c = services.consoleUrl();
		String i = services.indexerUrl();
		System.out.printf("""

				Investment Ledger is running (ready in %d s).
				  Officials' console      : %s/  (sign in as official / local-official, or admin / local-admin)
				  Ingestion gateway       : %s/api/v1/events  (header X-API-Key: local-31 for Hải Phòng)
				  Kafka bootstrap servers : %s
				  Elasticsearch           : %s
				  Running totals (exact)  : %s/api/totals/provinces/31?type=FDI
				  Search projects         : %s/api/search/projects?q=LG&province=31  (same accounts, HTTP Basic)
				  Indexed province total  : %s/api/search/totals/provinces/31?type=DDI
				  Processor API docs      : %s/swagger-ui.html
				  Search API docs         : %s/swagger-ui.html
				  Gateway API docs        : %s/swagger-ui.html  (schemas at /api/v1/schemas)
				  Index rebuilds (admin)  : %s/api/admin/rebuilds  (admin / local-admin, HTTP Basic)
				  Health                  : %s/actuator/health, %s/actuator/health and %s/actuator/health
				  Metrics (Prometheus)    : <service>/actuator/prometheus  (HTTP Basic as %s, password in %s, mode 400)
				The simulator publishes events of every kind for provinces %s. Press Ctrl-C to stop.
				%n""", Duration.between(started, Instant.now()).toSeconds(), c, services.gatewayUrl(),
				stack.kafka().bootstrapServers(), stack.elasticsearch().url(), p, c, c, p, c, services.gatewayUrl(), i,
				p, i, c, MetricsScraper.DEFAULT_NAME, scraperFile, SEED_PROVINCES);
		Thread.currentThread().join();
	}

	private static int intSetting(String name, int defaultValue) {
		return Integer.parseInt(setting(name, Integer.toString(defaultValue)));
	}

	private static String setting(String name, String defaultValue) {
		String value = System.getProperty(name, System.getenv(name));
		return (value == null || value.isBlank()) ? defaultValue : value.trim();
	}

}
