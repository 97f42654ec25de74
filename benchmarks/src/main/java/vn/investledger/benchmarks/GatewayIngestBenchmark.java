package vn.investledger.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.ConfigurableApplicationContext;

import vn.investledger.events.EventJson;
import vn.investledger.events.LicensingEvent;
import vn.investledger.localstack.LocalKafka;
import vn.investledger.localstack.LocalStack;
import vn.investledger.producers.gateway.GatewayApplication;
import vn.investledger.producers.gateway.security.ApiKeys;
import vn.investledger.producers.simulator.EventGenerator;

/**
 * Gateway batched ingest against the raw Kafka producer, in one run on one local broker:
 * first {@code ProducerPerformance} (acks=all, idempotent, the events' mean JSON size),
 * then clients posting batches of 1,000 simulator events to the gateway. Prints a
 * Markdown table for BENCHMARKS.md. Settings (system properties): {@code events}
 * (300000), {@code clients} (8), {@code batch} (1000).
 */
public final class GatewayIngestBenchmark {

	private static final Pattern RATE = Pattern.compile("([0-9.]+) records/sec \\(([0-9.]+) MB/sec\\)");

	private GatewayIngestBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int events = Integer.getInteger("events", 300_000);
		int clients = Integer.getInteger("clients", 8);
		int batchSize = Integer.getInteger("batch", 1000);
		List<String> bodies = batches(Math.max(clients * 4, 40), batchSize);
		int recordSize = (int) bodies.stream().mapToLong((b) -> b.getBytes(StandardCharsets.UTF_8).length).sum()
				/ (bodies.size() * batchSize);
		try (LocalKafka kafka = LocalStack.startKafka()) {
			createTopic(kafka, "raw-producer");
			createTopic(kafka, "bench.events.31");
			double raw = producerPerformance(kafka, "raw-producer", events, recordSize);
			String key = "bench-key";
			try (ConfigurableApplicationContext gateway = GatewayApplication.application()
				.run("--server.port=0", "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
						"--investledger.topic-prefix=bench", "--investledger.api-keys[0].province=31",
						"--investledger.api-keys[0].sha256=" + ApiKeys.sha256Hex(key), "--logging.level.root=WARN")) {
				String url = "http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port")
						+ "/api/v1/events/batch";
				// warm-up: the JIT compiles the request path before anything is measured
				post(url, key, bodies, clients, Math.max(100, events / batchSize / 3));
				Result result = post(url, key, bodies, clients, events / batchSize);
				print(events, recordSize, raw, clients, batchSize, result);
			}
		}
		System.exit(0);
	}

	/** Events of Hải Phòng as the simulator makes them, already JSON, in batches. */
	private static List<String> batches(int count, int size) {
		EventGenerator generator = new EventGenerator(2024, LocalDate.of(2024, 1, 2), LocalDate.now(), 40,
				Instant::now);
		List<String> bodies = new ArrayList<>();
		List<String> batch = new ArrayList<>(size);
		while (bodies.size() < count) {
			LicensingEvent event = generator.next();
			if (!generator.publishingProvince(event).equals("31")) {
				continue;
			}
			batch.add(EventJson.toJson(event));
			if (batch.size() == size) {
				bodies.add(batch.stream().collect(Collectors.joining(",", "[", "]")));
				batch.clear();
			}
		}
		return bodies;
	}

	record Result(long events, double seconds, List<Long> latenciesMicros, int failures) {

		double eventsPerSecond() {
			return this.events / this.seconds;
		}

		double percentileMillis(double p) {
			List<Long> sorted = new ArrayList<>(this.latenciesMicros);
			Collections.sort(sorted);
			return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)) / 1000.0;
		}

	}

	private static Result post(String url, String key, List<String> texts, int clients, int requests) throws Exception {
		// bodies as bytes, and only the counts read from each answer: the client spends
		// as little of the
		// machine's two cores as it can
		List<byte[]> bodies = texts.stream().map((t) -> t.getBytes(StandardCharsets.UTF_8)).toList();
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		AtomicInteger next = new AtomicInteger();
		AtomicInteger failures = new AtomicInteger();
		ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
		AtomicInteger accepted = new AtomicInteger();
		long start = System.nanoTime();
		try (var pool = Executors.newFixedThreadPool(clients)) {
			for (int c = 0; c < clients; c++) {
				pool.submit(() -> {
					int i;
					while ((i = next.getAndIncrement()) < requests) {
						HttpRequest request = HttpRequest.newBuilder(URI.create(url))
							.header("Content-Type", "application/json")
							.header("X-API-Key", key)
							.POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i % bodies.size())))
							.build();
						long sent = System.nanoTime();
						try {
							HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
							latencies.add((System.nanoTime() - sent) / 1000);
							if (response.statusCode() == 202) {
								int[] counts = counts(response.body());
								accepted.addAndGet(counts[0]);
								failures.addAndGet(counts[1]);
							}
							else {
								failures.incrementAndGet();
							}
						}
						catch (Exception ex) {
							failures.incrementAndGet();
						}
					}
					return null;
				});
			}
			pool.shutdown();
			pool.awaitTermination(1, TimeUnit.HOURS);
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		return new Result(accepted.get(), seconds, List.copyOf(latencies), failures.get());
	}

	/** The {@code accepted} and {@code rejected} counts at the head of a batch answer. */
	private static int[] counts(byte[] body) throws Exception {
		int[] counts = new int[2];
		try (var parser = EventJson.mapper().createParser(body)) {
			parser.nextToken();
			for (int found = 0; found < 2 && parser.nextToken() == tools.jackson.core.JsonToken.PROPERTY_NAME;) {
				String name = parser.currentName();
				parser.nextToken();
				if (name.equals("accepted")) {
					counts[0] = parser.getIntValue();
					found++;
				}
				else if (name.equals("rejected")) {
					counts[1] = parser.getIntValue();
					found++;
				}
				else {
					parser.skipChildren();
				}
			}
		}
		return counts;
	}

	/** Runs ProducerPerformance in its own JVM and returns its records/s. */
	private static double producerPerformance(LocalKafka kafka, String topic, int records, int recordSize)
			throws Exception {
		Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx1g", "-cp",
				System.getProperty("java.class.path"), "org.apache.kafka.tools.ProducerPerformance", "--topic", topic,
				"--num-records", Integer.toString(records), "--record-size", Integer.toString(recordSize),
				"--throughput", "-1", "--producer-props", "bootstrap.servers=" + kafka.bootstrapServers(), "acks=all",
				"enable.idempotence=true", "linger.ms=5", "batch.size=262144", "compression.type=lz4")
			.redirectErrorStream(true)
			.start();
		String last = null;
		try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
			for (String line = out.readLine(); line != null; line = out.readLine()) {
				if (line.contains("records sent")) {
					last = line;
				}
			}
		}
		process.waitFor();
		Matcher matcher = (last != null) ? RATE.matcher(last) : null;
		if (matcher == null || !matcher.find()) {
			throw new IllegalStateException("ProducerPerformance printed no rate; last line: " + last);
		}
		System.out.println("ProducerPerformance: " + last);
		return Double.parseDouble(matcher.group(1));
	}

	private static void createTopic(LocalKafka kafka, String name) throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(name, 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
	}

	private static void print(int events, int recordSize, double raw, int clients, int batch, Result gateway) {
		System.out.printf("""

				| measure (%d events, ~%d B each) | events/s | p50 batch latency | p99 batch latency |
				|---|---:|---:|---:|
				| raw ProducerPerformance (acks=all, idempotent, lz4) | %,.0f | – | – |
				| gateway, %d clients × batches of %d | %,.0f | %.0f ms | %.0f ms |

				gateway / raw = %.2f; rejected or failed: %d
				%n""", events, recordSize, raw, clients, batch, gateway.eventsPerSecond(),
				gateway.percentileMillis(0.50), gateway.percentileMillis(0.99), gateway.eventsPerSecond() / raw,
				gateway.failures());
	}

}
