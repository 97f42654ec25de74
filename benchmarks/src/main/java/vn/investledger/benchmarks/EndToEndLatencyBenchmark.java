package vn.investledger.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

import vn.investledger.cluster.Principals;
import vn.investledger.events.EventJson;
import vn.investledger.events.Licensed;
import vn.investledger.events.Money;
import vn.investledger.events.Topics;
import vn.investledger.localstack.LocalStack;
import vn.investledger.platform.ClusterPlatform;
import vn.investledger.platform.PlatformServices;
import vn.investledger.producers.publisher.LicensingEventPublisher;
import vn.investledger.producers.publisher.PublisherSettings;
import vn.investledger.testsupport.SampleEvents;

/**
 * Publish → searchable through the whole platform (event topic → stream processor →
 * project-state topic → indexer → Elasticsearch refresh) at a steady rate. Each event
 * licenses a new project and is published as a province publishes, through the producer
 * library ({@link LicensingEventPublisher}). Every 20 ms a poller searches Elasticsearch
 * for the projects not seen yet whose state the processor has committed (a project cannot
 * be searchable before), and for any sent more than {@value #SEARCH_ANYWAY_SECONDS} s
 * ago; a latency is the time from the publish call to the first search that finds the
 * project. A warm-up phase of the same load comes first and is not measured; it ends when
 * every project it published is searchable. Settings (system properties): {@code rate}
 * (1000 events/s), {@code seconds} (70, measured), {@code warmUp} (60 s),
 * {@code topology} ({@code single}: command 1's layout on one broker; {@code cluster}:
 * the three-node authenticated cluster with two instances of each service; {@code both},
 * the default, one after the other in the same run).
 */
public final class EndToEndLatencyBenchmark {

	/** Ids per search, below Elasticsearch's result window of 10,000. */
	private static final int MAX_IDS = 5000;

	private static final String PREFIX = "e2e";

	/** The unit whose licences the benchmark publishes. */
	private static final String PROVINCE = "31";

	/**
	 * A project not yet seen on the project-state topic is searched for all the same once
	 * this old, so that none is missed if the watch missed its state.
	 */
	private static final int SEARCH_ANYWAY_SECONDS = 3;

	private EndToEndLatencyBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int rate = Integer.getInteger("rate", 1000);
		int seconds = Integer.getInteger("seconds", 70);
		int warmUp = Integer.getInteger("warmUp", 60);
		String topology = System.getProperty("topology", "both");
		List<String> tables = new ArrayList<>();
		if (!topology.equals("cluster")) {
			tables.add(onOneBroker(rate, seconds, warmUp));
		}
		if (!topology.equals("single")) {
			tables.add(onTheCluster(rate, seconds, warmUp));
		}
		tables.forEach(System.out::println);
		System.exit(0);
	}

	/**
	 * Command 1's layout: one broker without authentication, one Elasticsearch node, and
	 * the processor, the indexer and the gateway in this JVM.
	 */
	private static String onOneBroker(int rate, int seconds, int warmUp) throws Exception {
		Path state = Files.createTempDirectory("e2e-bench");
		try (LocalStack stack = LocalStack.start();
				PlatformServices services = PlatformServices
					.start(new PlatformServices.Settings(stack.kafka().bootstrapServers(), stack.elasticsearch().url(),
							PREFIX, PREFIX, 0, 0, 0, 0, state, Map.of()), List.of(PROVINCE));
				LicensingEventPublisher publisher = LicensingEventPublisher
					.create(PublisherSettings.of(stack.kafka().bootstrapServers(), PROVINCE).withTopicPrefix(PREFIX))) {
			return measure("one broker; processor, indexer and gateway in one JVM", publisher,
					Map.of("bootstrap.servers", stack.kafka().bootstrapServers()), stack.elasticsearch().url(), rate,
					seconds, warmUp);
		}
	}

	/**
	 * The proven cluster's layout ({@code -Prun-cluster}): three KRaft nodes with
	 * SASL/SCRAM and ACLs, every topic replicated three times with two in sync, two
	 * processor and two indexer instances and the gateway in JVMs of their own; the
	 * province publishes as its own principal.
	 */
	private static String onTheCluster(int rate, int seconds, int warmUp) throws Exception {
		try (ClusterPlatform platform = ClusterPlatform
			.start(ClusterPlatform.Settings.onFreePorts(PREFIX, Map.of(PROVINCE, "e2e-" + PROVINCE)));
				LicensingEventPublisher publisher = LicensingEventPublisher
					.create(new PublisherSettings(platform.cluster().bootstrapServers(), PROVINCE, PREFIX,
							platform.signInSettings(Principals.province(PROVINCE))))) {
			return measure("three brokers (SASL/SCRAM, replication 3, min.insync 2); two processors, two indexers",
					publisher, platform.cluster().adminSettings(), platform.elasticsearch().url(), rate, seconds,
					warmUp);
		}
	}

	/**
	 * Waits for a first project to be searchable, warms up, measures, and returns the
	 * table of what it measured.
	 * @param clientSettings the servers and the sign-in of a client that may read every
	 * topic and group
	 */
	private static String measure(String layout, LicensingEventPublisher publisher, Map<String, Object> clientSettings,
			String elasticsearch, int rate, int seconds, int warmUp) throws Exception {
		Topics topics = Topics.withPrefix(PREFIX);
		HttpClient http = HttpClient.newHttpClient();
		String search = elasticsearch + "/" + PREFIX + "-projects/_search";
		// the platform is up once a first project is searchable
		String probe = "E2E-PROBE";
		long probeSent = System.nanoTime();
		publisher.publish(SampleEvents.fdiLicence(probe, PROVINCE, Money.usd("1")));
		while (found(http, search, List.of(probe)).isEmpty()) {
			if (System.nanoTime() - probeSent > TimeUnit.SECONDS.toNanos(120)) {
				throw new IllegalStateException("The first project was not searchable within 120 s");
			}
			Thread.sleep(100);
		}
		System.out.printf("%s: first project searchable after %.1f s%n", layout, (System.nanoTime() - probeSent) / 1e9);
		try (Admin admin = Admin.create(clientSettings);
				StateWatch states = StateWatch.start(clientSettings, topics.projectState().name())) {
			// the same load, not measured, until every project of it is searchable: the
			// JIT has compiled the hot paths and any backlog it left is gone
			Phase warm = publishAndWait(publisher, http, search, admin, states, "E2E-WARM-", rate, warmUp, 180);
			System.out.printf("warm-up: %,d events at %,d/s for %d s, all searchable: %s%n", warm.published(), rate,
					warmUp, warm.pending().isEmpty());
			Phase measured = publishAndWait(publisher, http, search, admin, states, "E2E-", rate, seconds, 30);
			long lost = measured.pending().size();
			List<Long> sorted = new ArrayList<>(measured.latencies());
			Collections.sort(sorted);
			List<Long> toState = new ArrayList<>(measured.toState());
			Collections.sort(toState);
			System.out.printf(
					"published %,d events at %,d/s for %d s after a %d s warm-up; measured %,d; %d never found%n",
					measured.published(), rate, seconds, warmUp, sorted.size(), lost);
			return String.format("""

					%s
					| measure (%,d events/s for %d s, %,d measured, %d never found) | ms |
					|---|---:|
					| p50 publish → searchable | %,.0f |
					| p99 publish → searchable | %,.0f |
					| max | %,.0f |
					| p50 publish → project state committed (%,d seen) | %,.0f |
					| p99 publish → project state committed | %,.0f |
					""", layout, rate, seconds, sorted.size(), lost, percentile(sorted, 0.50), percentile(sorted, 0.99),
					sorted.isEmpty() ? 0.0 : sorted.get(sorted.size() - 1) / 1e6, toState.size(),
					percentile(toState, 0.50), percentile(toState, 0.99));
		}
	}

	/**
	 * Publishes licences of new projects at a steady rate, searching every 20 ms for
	 * those not found yet, until each is found or {@code patience} seconds after the last
	 * send.
	 */
	private static Phase publishAndWait(LicensingEventPublisher publisher, HttpClient http, String search, Admin admin,
			StateWatch states, String codePrefix, int rate, int seconds, int patience) throws Exception {
		Map<String, Long> pending = new ConcurrentHashMap<>();
		Map<String, Long> sent = new ConcurrentHashMap<>();
		List<Long> latencies = new ArrayList<>();
		AtomicInteger published = new AtomicInteger();
		long start = System.nanoTime();
		int perTick = Math.max(1, rate / 100);
		ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
		ticks.scheduleAtFixedRate(() -> {
			for (int i = 0; i < perTick; i++) {
				String code = codePrefix + published.incrementAndGet();
				Licensed licence = SampleEvents.fdiLicence(code, PROVINCE, Money.usd("1000000"));
				long now = System.nanoTime();
				publisher.publishAsync(licence).whenComplete((result, failure) -> {
					if (failure != null) {
						System.out.println("publish of " + code + " failed: " + failure);
					}
				});
				pending.put(code, now);
				sent.put(code, now);
			}
		}, 0, 10, TimeUnit.MILLISECONDS);
		long nextLagReport = start + TimeUnit.SECONDS.toNanos(10);
		long stopSending = start + TimeUnit.SECONDS.toNanos(seconds);
		long giveUp = stopSending + TimeUnit.SECONDS.toNanos(patience);
		boolean stopped = false;
		while (System.nanoTime() < giveUp && (!stopped || !pending.isEmpty())) {
			if (!stopped && System.nanoTime() >= stopSending) {
				ticks.shutdown();
				ticks.awaitTermination(5, TimeUnit.SECONDS);
				stopped = true;
			}
			long searchAnyway = System.nanoTime() - TimeUnit.SECONDS.toNanos(SEARCH_ANYWAY_SECONDS);
			List<String> codes = pending.entrySet()
				.stream()
				.filter((entry) -> states.committedAt(entry.getKey()) != null || entry.getValue() < searchAnyway)
				.map(Map.Entry::getKey)
				.limit(MAX_IDS)
				.toList();
			if (!codes.isEmpty()) {
				List<String> hits = found(http, search, codes);
				long seenAt = System.nanoTime();
				for (String code : hits) {
					Long sentAt = pending.remove(code);
					if (sentAt != null) {
						latencies.add(seenAt - sentAt);
					}
				}
			}
			if (System.nanoTime() >= nextLagReport) {
				System.out.println(codePrefix + " lag after " + (System.nanoTime() - start) / 1_000_000_000L + " s: "
						+ lags(admin));
				nextLagReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			}
			Thread.sleep(20);
		}
		ticks.shutdownNow();
		List<Long> toState = new ArrayList<>();
		sent.forEach((code, sentAt) -> {
			Long seen = states.committedAt(code);
			if (seen != null) {
				toState.add(seen - sentAt);
			}
		});
		return new Phase(published.get(), latencies, toState, pending);
	}

	/**
	 * What one phase measured.
	 *
	 * @param published the licences sent
	 * @param latencies each found project's publish → searchable time, ns
	 * @param toState each project's publish → project state committed time, ns
	 * @param pending the projects not found when the phase stopped looking
	 */
	private record Phase(int published, List<Long> latencies, List<Long> toState, Map<String, Long> pending) {

	}

	/**
	 * When each project's state first became readable downstream: a
	 * {@code read_committed} consumer of the project-state topic, as the indexer is, but
	 * fetching with a short wait so that it sees a transaction's records as soon as it
	 * commits.
	 */
	private static final class StateWatch implements AutoCloseable {

		private final Map<String, Long> seen = new ConcurrentHashMap<>();

		private final Thread thread;

		private volatile boolean running = true;

		private StateWatch(Map<String, Object> clientSettings, String topic) {
			Map<String, Object> settings = new HashMap<>(clientSettings);
			settings.put("isolation.level", "read_committed");
			settings.put("fetch.max.wait.ms", 10);
			this.thread = new Thread(() -> {
				try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
						new ByteArrayDeserializer())) {
					List<TopicPartition> partitions = consumer.partitionsFor(topic)
						.stream()
						.map((info) -> new TopicPartition(topic, info.partition()))
						.toList();
					consumer.assign(partitions);
					consumer.seekToEnd(partitions);
					while (this.running) {
						for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
							this.seen.putIfAbsent(record.key(), System.nanoTime());
						}
					}
				}
			}, "project-state-watch");
			this.thread.start();
		}

		static StateWatch start(Map<String, Object> clientSettings, String topic) {
			return new StateWatch(clientSettings, topic);
		}

		Long committedAt(String projectCode) {
			return this.seen.get(projectCode);
		}

		@Override
		public void close() throws InterruptedException {
			this.running = false;
			this.thread.join();
		}

	}

	/** Each consumer group's records not yet committed, over all its partitions. */
	private static Map<String, Long> lags(Admin admin) throws Exception {
		Map<String, Long> lags = new java.util.TreeMap<>();
		for (var group : admin.listGroups().all().get(10, TimeUnit.SECONDS)) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
				.partitionsToOffsetAndMetadata()
				.get(10, TimeUnit.SECONDS);
			Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
			committed.keySet().forEach((p) -> request.put(p, OffsetSpec.latest()));
			var ends = admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
			committed.forEach((partition, at) -> lags.merge(
					group.groupId().replace(PREFIX + "-", "") + ":" + partition.topic().replace(PREFIX + ".", ""),
					Math.max(0, ends.get(partition).offset() - at.offset()), Long::sum));
		}
		return lags;
	}

	/** The projects of a list that a search finds now. */
	private static List<String> found(HttpClient http, String search, List<String> codes) throws Exception {
		String body = "{\"size\":" + codes.size() + ",\"_source\":false,\"query\":{\"ids\":{\"values\":"
				+ EventJson.toJson(codes) + "}}}";
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(search))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() == 404) {
			return List.of();
		}
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Search failed: " + response.statusCode() + " " + response.body());
		}
		List<String> found = new ArrayList<>();
		for (JsonNode hit : EventJson.mapper().readTree(response.body()).get("hits").get("hits")) {
			found.add(hit.get("_id").asString());
		}
		return found;
	}

	private static double percentile(List<Long> sorted, double p) {
		if (sorted.isEmpty()) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(p * sorted.size()) - 1;
		return sorted.get(Math.max(0, index)) / 1e6;
	}

}
