package vn.investledger.platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.quota.ClientQuotaFilter;
import org.apache.kafka.common.quota.ClientQuotaFilterComponent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import vn.investledger.cluster.Principals;
import vn.investledger.events.EventJson;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Topics;
import vn.investledger.indexer.IndexerApplication;
import vn.investledger.localstack.LocalKafka;
import vn.investledger.processor.StreamProcessorApplication;
import vn.investledger.producers.publisher.LicensingEventPublisher;
import vn.investledger.producers.publisher.PublisherSettings;
import vn.investledger.producers.simulator.EventGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults on real processes, on one local three-node cluster for the whole class: a broker
 * killed under load, a processor instance killed, an indexer instance killed in the
 * middle of its batches, and the replay and the index rebuild, all signed in as the
 * services' own principals under the access policy's ACLs. After each, every figure of
 * both processor instances and of the index equals a plain recomputation over the events
 * written, each once. What a unit may write and read is checked on the same kind of
 * cluster by {@code LocalKafkaClusterTests} (local-stack).
 * <p>
 * Tagged {@code cluster}: {@code ./mvnw -B verify -Pcluster} runs it, alone; the suite
 * leaves it out.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 9, unit = TimeUnit.MINUTES)
class ClusterFaultTests {

	/**
	 * How long the figures may take to become exact after a fault: Kafka Streams retries
	 * a task's calls that time out for {@code task.timeout.ms} (5 minutes) before it
	 * fails them, and a broker's failover can hold up a transaction that long.
	 */
	private static final Duration SETTLE = Duration.ofMinutes(5);

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final String PREFIX = "ledger";

	private static final Topics topics = Topics.withPrefix(PREFIX);

	/** Hưng Yên's events go through the gateway, the other units' through Kafka. */
	private static final String THROUGH_THE_GATEWAY = "33";

	private static final Map<String, String> KEYS = Map.of("22", "fault-22", "31", "fault-31", "33", "fault-33", "51",
			"fault-51");

	private static final long SEED = 16;

	private static ClusterPlatform platform;

	private static EventGenerator generator;

	private static final Map<String, LicensingEventPublisher> publishers = new ConcurrentHashMap<>();

	/** Every event written and acknowledged, by event id. */
	private static final Map<String, LicensingEvent> written = new ConcurrentHashMap<>();

	private static final List<String> failures = Collections.synchronizedList(new ArrayList<>());

	/** How many times an event is posted to the gateway while it answers 503. */
	private static final int GATEWAY_ATTEMPTS = 5;

	/** The gateway's 503s that were sent again, as its contract says. */
	private static final AtomicInteger gatewayRetries = new AtomicInteger();

	/** What each test measured, printed at the end. */
	private static final Map<String, String> measured = new LinkedHashMap<>();

	@BeforeAll
	static void start() {
		Instant started = Instant.now();
		platform = ClusterPlatform.start(ClusterPlatform.Settings.onFreePorts(PREFIX, KEYS));
		measured.put("cluster, setup and services ready", seconds(started));
		generator = new EventGenerator(SEED, LocalDate.of(2024, 1, 2), LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")), 40,
				Instant::now);
	}

	@AfterAll
	static void stop() {
		publishers.values().forEach(LicensingEventPublisher::close);
		measured.forEach((what, value) -> System.out.printf("Measured: %s: %s%n", what, value));
		if (platform != null) {
			platform.close();
		}
	}

	/**
	 * The event topics are kept forever: a unit's system gone wrong (or its stolen
	 * password) may produce only so fast, so that it cannot fill the brokers' disks for
	 * every unit; the services are not limited.
	 */
	@Test
	@Order(0)
	void shouldLimitWhatEachUnitMayProduce() throws Exception {
		assertThat(platform.setup().unitQuotas()).isEqualTo(Principals.units().size());
		try (Admin admin = Admin.create(platform.cluster().clientSettings(Principals.ADMIN))) {
			Map<ClientQuotaEntity, Map<String, Double>> quotas = admin
				.describeClientQuotas(ClientQuotaFilter
					.contains(List.of(ClientQuotaFilterComponent.ofEntityType(ClientQuotaEntity.USER))))
				.entities()
				.get(30, TimeUnit.SECONDS);
			for (String unit : Principals.units()) {
				assertThat(quotas.get(new ClientQuotaEntity(Map.of(ClientQuotaEntity.USER, Principals.province(unit)))))
					.as(unit)
					.containsEntry("producer_byte_rate", (double) (1 << 20));
			}
			assertThat(quotas).hasSize(Principals.units().size());
		}
	}

	@Test
	@Order(1)
	void shouldLoseAndDoubleNothingWhenABrokerIsKilledUnderLoad() throws Exception {
		// Given a steady load of 100 events/s for 30 s
		CompletableFuture<Void> load = CompletableFuture.runAsync(() -> publish(3000, 100));

		// When node 2 is killed with SIGKILL 8 s in, and started again 10 s later
		Thread.sleep(8000);
		LocalKafka node = platform.cluster().nodes().get(1);
		node.kill();
		Instant killed = Instant.now();
		Thread.sleep(10_000);
		node.restart();
		Instant restarted = Instant.now();
		platform.cluster().awaitBrokers(Duration.ofSeconds(120));
		measured.put("broker back in the cluster after its restart", seconds(restarted));
		load.get(3, TimeUnit.MINUTES);
		measured.put("broker down, under load", Duration.between(killed, restarted).toSeconds() + " s");

		// Then every event was acknowledged, and every figure is exact
		assertThat(failures).as("failed writes").isEmpty();
		Instant loadDone = Instant.now();
		awaitEveryFigureExact("after the broker's kill");
		measured.put("every figure exact in both processors and the index, after the load ended", seconds(loadDone));
		measured.put("events written during the broker test", Integer.toString(written.size()));
		measured.put("gateway 503s sent again with the same event id, broker test", gatewayRetries.toString());
	}

	@Test
	@Order(2)
	void shouldServeEveryFigureFromTheSurvivorWhenAProcessorIsKilled() throws Exception {
		ServiceJvm victim = platform.processors().get(1);
		ServiceJvm survivor = platform.processors().get(0);
		Map<String, long[]> expectedBefore = expected();

		// When one instance is killed with SIGKILL while events arrive
		CompletableFuture<Void> load = CompletableFuture.runAsync(() -> publish(1000, 100));
		Thread.sleep(3000);
		victim.kill();
		Instant killed = Instant.now();

		// Then the survivor serves every figure through interactive queries (those it
		// routed to the dead instance fail until the group gives it the tasks)
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
			for (String key : expectedBefore.keySet()) {
				if (figure(survivor.url(), key) == null) {
					return false;
				}
			}
			return true;
		});
		Duration recovery = Duration.between(killed, Instant.now());
		measured.put("survivor serves every figure after a processor's SIGKILL",
				recovery.toMillis() + " ms (" + expectedBefore.size() + " figures)");
		assertThat(recovery).as("time to serve every figure from the survivor").isLessThan(Duration.ofSeconds(90));
		load.get(3, TimeUnit.MINUTES);
		assertThat(failures).as("failed writes").isEmpty();
		awaitEveryFigureExact(survivor.url(), "from the survivor");

		// and after the killed one restarts on its state, both serve exact figures
		Instant restarting = Instant.now();
		victim.restart();
		victim.awaitHealthy(Duration.ofMinutes(3));
		measured.put("killed processor healthy again after its restart", seconds(restarting));
		awaitEveryFigureExact("after the processor's restart");
	}

	@Test
	@Order(3)
	void shouldIndexEveryDocumentAtItsNewestRevisionWhenAnIndexerIsKilledMidBatch() throws Exception {
		ServiceJvm victim = platform.indexers().get(0);

		// When an indexer instance is killed with SIGKILL while a burst is being indexed
		CompletableFuture<Void> load = CompletableFuture.runAsync(() -> publish(2000, 400));
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> lag(PREFIX + "-projects-indexer") > 0 || lag(PREFIX + "-history-indexer") > 0);
		long lagAtKill = lag(PREFIX + "-projects-indexer");
		victim.kill();
		measured.put("projects not yet indexed when the indexer was killed", Long.toString(lagAtKill));
		load.get(3, TimeUnit.MINUTES);
		assertThat(failures).as("failed writes").isEmpty();

		// Then the survivor takes its partitions: every project at its newest revision
		Instant killed = Instant.now();
		awaitEveryProjectIndexed();
		measured.put("every project indexed at its newest revision, by the survivor", seconds(killed));
		awaitEveryFigureExact("after the indexer's kill");

		// and the restarted one joins without changing a document
		victim.restart();
		victim.awaitHealthy(Duration.ofMinutes(3));
		awaitEveryProjectIndexed();
	}

	@Test
	@Order(4)
	// its waits in turn (the replay 5 min, its figures, each processor's restart, the
	// rebuild) add up to more than the class's 9 minutes
	@Timeout(value = 20, unit = TimeUnit.MINUTES)
	void shouldReplayAndRebuildOnTheAuthenticatedCluster() throws Exception {
		// Given every processor instance stopped
		for (ServiceJvm processor : platform.processors()) {
			processor.close();
		}
		// When a replay runs, signed in as the processor
		Instant started = Instant.now();
		try (ServiceJvm replay = platform.run("replay", StreamProcessorApplication.class,
				List.of("--investledger.replay=true"))) {
			await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
				String log = Files.readString(replay.log());
				// on a timeout, the replay's own progress lines say where it stood
				assertThat(log.contains("Replay complete")).as("replay complete; its log ends with:%n%s", tail(log, 40))
					.isTrue();
			});
			measured.put("replay of " + written.size() + " events, from start to complete", seconds(started));
			// Then its figures are exact
			awaitEveryFigureExact(replay.url(), "after the replay");
		}
		for (ServiceJvm processor : platform.processors()) {
			deleteState(processor);
			processor.restart();
		}
		for (ServiceJvm processor : platform.processors()) {
			processor.awaitHealthy(Duration.ofMinutes(3));
		}

		// When the indices are rebuilt from the log, signed in as the indexer
		Instant rebuilding = Instant.now();
		try (ServiceJvm rebuild = platform.run("rebuild", IndexerApplication.class,
				List.of("--investledger.rebuild=all"))) {
			assertThat(rebuild.awaitExit(Duration.ofMinutes(4)))
				.as("rebuild's exit code%n%s", Files.readString(rebuild.log()))
				.isZero();
		}
		measured.put("index rebuild (all kinds)", seconds(rebuilding));
		JsonNode aliases = json(platform.elasticsearch().url() + "/_alias/" + PREFIX + "-projects", false);
		assertThat(aliases.propertyNames()).containsExactly(PREFIX + "-projects-v2");
		awaitEveryProjectIndexed();
		awaitEveryFigureExact("after the replay and the rebuild");
	}

	/**
	 * Publishes generated events at a rate, each unit's as that unit: Hưng Yên's through
	 * the gateway with its key, the others' with their own principal's publisher; then
	 * whatever the generator held back.
	 */
	private static void publish(int count, int perSecond) {
		long interval = 1_000_000_000L / perSecond;
		long next = System.nanoTime();
		List<CompletableFuture<?>> sends = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			sends.add(send(generator.next()));
			next += interval;
			long sleep = next - System.nanoTime();
			if (sleep > 0) {
				try {
					Thread.sleep(Duration.ofNanos(sleep));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
		generator.releaseHeldBack().forEach((event) -> sends.add(send(event)));
		CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).exceptionally((ex) -> null).join();
	}

	private static CompletableFuture<?> send(LicensingEvent event) {
		String unit = generator.publishingProvince(event);
		CompletableFuture<?> sent;
		if (THROUGH_THE_GATEWAY.equals(unit)) {
			sent = postToGateway(event, unit, 1);
		}
		else {
			sent = publishers.computeIfAbsent(unit,
					(code) -> LicensingEventPublisher
						.create(new PublisherSettings(platform.cluster().bootstrapServers(), code, PREFIX,
								platform.signInSettings(Principals.province(code)))))
				.publishAsync(event);
		}
		return sent.whenComplete((done, failure) -> {
			if (failure != null) {
				failures.add(event.envelope().eventId() + ": " + failure);
			}
			else {
				written.put(event.envelope().eventId().toString(), event);
			}
		});
	}

	/**
	 * Posts an event to the gateway as its unit's system does: a 503 (Kafka did not
	 * acknowledge in time) is sent again with the same event id after its
	 * {@code Retry-After}, at most {@value #GATEWAY_ATTEMPTS} times; any other answer but
	 * 2xx fails the write.
	 */
	private static CompletableFuture<?> postToGateway(LicensingEvent event, String unit, int attempt) {
		return http
			.sendAsync(HttpRequest.newBuilder(URI.create(platform.gateway().url() + "/api/v1/events"))
				.header("Content-Type", "application/json")
				.header("X-API-Key", KEYS.get(unit))
				.timeout(Duration.ofSeconds(60))
				.POST(HttpRequest.BodyPublishers.ofByteArray(EventJson.toBytes(event)))
				.build(), HttpResponse.BodyHandlers.ofString())
			.thenCompose((response) -> {
				if (response.statusCode() == 503 && attempt < GATEWAY_ATTEMPTS) {
					gatewayRetries.incrementAndGet();
					long wait = response.headers().firstValueAsLong("Retry-After").orElse(5);
					return CompletableFuture
						.supplyAsync(() -> null, CompletableFuture.delayedExecutor(wait, TimeUnit.SECONDS))
						.thenCompose((ignored) -> postToGateway(event, unit, attempt + 1));
				}
				if (response.statusCode() / 100 != 2) {
					throw new IllegalStateException("gateway: " + response.statusCode() + " " + response.body());
				}
				return CompletableFuture.completedFuture(null);
			});
	}

	/**
	 * The figures the events written add up to: each event once, each project's in
	 * revision order, as the ledger applies them.
	 */
	private static Map<String, long[]> expected() {
		List<LicensingEvent> events = new ArrayList<>(written.values());
		events.sort(Comparator.comparing((LicensingEvent event) -> event.envelope().projectCode())
			.thenComparing((event) -> event.envelope().revision()));
		return FlowRecomputation.flows(events);
	}

	private static void awaitEveryFigureExact(String when) {
		for (ServiceJvm processor : platform.processors()) {
			awaitEveryFigureExact(processor.url(), when + ", " + processor.name());
		}
		Map<String, long[]> expected = expected();
		await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			for (Map.Entry<String, long[]> figure : expected.entrySet()) {
				String[] key = figure.getKey().split("\\|");
				String url = platform.consoles().get(0).url() + "/api/search/totals?period=all&type=" + key[1]
						+ (key[0].isEmpty() ? "&cuboid=national" : "&cuboid=province&province=" + key[0]);
				FlowRecomputation.assertFigure(json(url, true), figure.getValue(),
						when + ", indexed " + figure.getKey());
			}
		});
	}

	private static void awaitEveryFigureExact(String processorUrl, String when) {
		Map<String, long[]> expected = expected();
		await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			for (Map.Entry<String, long[]> figure : expected.entrySet()) {
				FlowRecomputation.assertFigure(figure(processorUrl, figure.getKey()), figure.getValue(),
						when + ": " + figure.getKey());
			}
		});
	}

	/**
	 * Every project written is in the index at its newest revision.
	 */
	private static void awaitEveryProjectIndexed() {
		Map<String, Long> revisions = new TreeMap<>();
		written.values()
			.forEach(
					(event) -> revisions.merge(event.envelope().projectCode(), event.envelope().revision(), Math::max));
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			JsonNode stats = json(
					platform.elasticsearch().url() + "/" + PREFIX
							+ "-projects/_search?size=0&track_total_hits=true&filter_path=hits.total,aggregations"
							+ "&source_content_type=application/json&source="
							+ PlatformProbe.encode("{\"aggs\":{\"revisions\":{\"sum\":{\"field\":\"revision\"}}}}"),
					false);
			assertThat(stats.get("hits").get("total").get("value").asLong()).as("projects indexed")
				.isEqualTo(revisions.size());
			assertThat(stats.get("aggregations").get("revisions").get("value").asLong()).as("sum of indexed revisions")
				.isEqualTo(revisions.values().stream().mapToLong(Long::longValue).sum());
		});
	}

	/**
	 * One figure from a processor instance's interactive queries, or {@code null} while
	 * it cannot serve it.
	 */
	private static JsonNode figure(String processorUrl, String key) throws Exception {
		String[] parts = key.split("\\|");
		String url = processorUrl + "/api/totals?period=all&type=" + parts[1]
				+ (parts[0].isEmpty() ? "&cuboid=national" : "&cuboid=province&province=" + parts[0]);
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		return (response.statusCode() == 200) ? EventJson.mapper().readTree(response.body()) : null;
	}

	private static JsonNode json(String url, boolean signedIn) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
		if (signedIn) {
			request.header("Authorization", PlatformServices.LOCAL_ACCOUNTS.get(0).authorization());
		}
		HttpResponse<String> response = http.send(request.build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
		return EventJson.mapper().readTree(response.body());
	}

	/**
	 * The records a group has not committed yet.
	 */
	private static long lag(String group) throws Exception {
		try (Admin admin = Admin.create(platform.cluster().adminSettings())) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get(30, TimeUnit.SECONDS);
			Map<TopicPartition, OffsetSpec> request = new HashMap<>();
			committed.keySet().forEach((partition) -> request.put(partition, OffsetSpec.latest()));
			var ends = admin.listOffsets(request).all().get(30, TimeUnit.SECONDS);
			long lag = 0;
			for (var entry : committed.entrySet()) {
				long at = (entry.getValue() != null) ? entry.getValue().offset() : 0;
				lag += Math.max(0, ends.get(entry.getKey()).offset() - at - 1);
			}
			return lag;
		}
	}

	private static void deleteState(ServiceJvm processor) throws Exception {
		var state = processor.log().resolveSibling("state");
		if (Files.exists(state)) {
			try (var paths = Files.walk(state)) {
				paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
		}
	}

	private static String tail(String log, int lines) {
		List<String> all = log.lines().toList();
		return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
	}

	private static String seconds(Instant since) {
		return String.format("%.1f s", Duration.between(since, Instant.now()).toMillis() / 1000.0);
	}

}
