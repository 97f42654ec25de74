package vn.investledger.platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import vn.investledger.events.AppliedEntry;
import vn.investledger.events.EventJson;
import vn.investledger.events.EventValidator;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Rejection;
import vn.investledger.events.reference.Provinces;
import vn.investledger.events.rulebook.Cuboid;
import vn.investledger.producers.simulator.EventGenerator;
import vn.investledger.testsupport.ElasticsearchServer;
import vn.investledger.testsupport.KafkaServer;
import vn.investledger.testsupport.RealServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A generative campaign against the running platform: simulator events of four units, a
 * third as they are, the rest mutated ({@link Mutations}: wrong types, huge numbers, deep
 * nesting, long and odd Unicode text, ancient and future dates, revision jumps, other
 * units' projects and provinces, the same id with other content, broken JSON, random
 * bytes), sent through the gateway and straight onto the units' topics, the raw ones
 * sometimes under another key or in another partition.
 * <p>
 * Pass: the gateway never answers 5xx, and every refusal it gives is a problem with a
 * reason; the processor stays RUNNING; the processor and the indexers read everything;
 * every record written to an event topic was applied once, refused with a reason, or is a
 * copy of an applied event; every applied event is valid and its unit's; every figure, in
 * the processor and in the index, equals a recomputation over the applied events; the
 * index holds every applied project at its revision.
 * <p>
 * Size: {@code -Dinvestledger.fuzz.events=N} records each way (default 5,000); the
 * {@code fuzz} profile runs 100,000. The seed: {@code -Dinvestledger.fuzz.seed=N}.
 */
@ExtendWith(RealServers.class)
class FuzzCampaignTests {

	private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

	private static final int EVENTS = Integer.getInteger("investledger.fuzz.events", 5_000);

	private static final long SEED = Long.getLong("investledger.fuzz.seed", new Random().nextLong());

	private static final String PREFIX = "fuzz" + UUID.randomUUID().toString().substring(0, 8);

	private static final List<String> UNITS = List.of("22", "31", "33", "51");

	private static final Map<String, String> KEYS = new HashMap<>();

	/**
	 * How long a revision waits for a missing earlier one: short, since mutations leave
	 * gaps, and the campaign checks what is applied after it.
	 */
	private static final Duration GAP_TIMEOUT = Duration.ofSeconds(2);

	/**
	 * The processor commits once a second, as a replay does, where the service commits
	 * every 100 ms for its latency: the campaign's events are spread over dates, zones,
	 * partner countries and sectors, so each makes its own figure changes, and at 100 ms
	 * the processor's threads spend most of the campaign waiting for its transactions
	 * (README, "Measured on this machine"). The campaign checks what is counted, not how
	 * soon.
	 */
	private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);

	private static final HttpClient http = HttpClient.newHttpClient();

	private static KafkaServer kafka;

	private static ElasticsearchServer elasticsearch;

	private static PlatformServices services;

	private static PlatformProbe probe;

	/** When the class began to start its services, once the servers were up. */
	private static long startedAt;

	@BeforeAll
	static void startServices(KafkaServer kafkaServer, ElasticsearchServer elasticsearchServer, @TempDir Path state) {
		startedAt = System.nanoTime();
		kafka = kafkaServer;
		elasticsearch = elasticsearchServer;
		UNITS.forEach((unit) -> KEYS.put(unit, "key-" + unit + "-" + UUID.randomUUID()));
		services = PlatformServices.start(
				new PlatformServices.Settings(kafka.bootstrapServers(), elasticsearch.url(), PREFIX, PREFIX, 0, 0, 0, 0,
						state, KEYS),
				UNITS, List.of("--investledger.gap-timeout=" + GAP_TIMEOUT.toMillis() + "ms",
						"--spring.kafka.streams.properties.commit.interval.ms=" + COMMIT_INTERVAL.toMillis()));
		probe = new PlatformProbe(kafka, services, PREFIX);
	}

	@AfterAll
	static void stopServices() {
		if (probe != null) {
			probe.close();
		}
		if (services != null) {
			services.close();
		}
	}

	/** A record written to an event topic, and what it held. */
	private record Written(String topic, int partition, long offset, byte[] value, String via) {

		String where() {
			return this.topic + ":" + this.partition + ":" + this.offset;
		}

	}

	@Test
	void shouldKeepEveryFigureExactAndThePipelineRunningWhateverTheUnitsSend() throws Exception {
		Random random = new Random(SEED);
		EventGenerator generator = new EventGenerator(SEED, LocalDate.of(2024, 1, 2), LocalDate.now(VIETNAM), 40,
				Instant::now);
		Map<String, List<LicensingEvent>> byUnit = new HashMap<>();
		List<Written> written = java.util.Collections.synchronizedList(new ArrayList<>());
		List<String> gatewayFailures = java.util.Collections.synchronizedList(new ArrayList<>());
		ConcurrentLinkedQueue<String> states = new ConcurrentLinkedQueue<>();
		ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
		await().atMost(Duration.ofSeconds(60)).until(() -> "RUNNING".equals(probe.streamsState()));
		sampler.scheduleAtFixedRate(() -> {
			try {
				states.add(probe.streamsState());
			}
			catch (Exception ex) {
				states.add("unreadable: " + ex);
			}
		}, 0, 500, TimeUnit.MILLISECONDS);
		try {
			long start = System.nanoTime();
			System.out.printf("Fuzz campaign, seed %d: the platform started in %.1f s%n", SEED,
					(start - startedAt) / 1e9);
			sendThroughTheGateway(generator, random, byUnit, written, gatewayFailures);
			long gateway = System.nanoTime();
			sendStraightToKafka(generator, random, byUnit, written);
			long raw = System.nanoTime();
			probe.awaitSettled();
			// what waited for a gap is applied or refused after the gap timeout
			Thread.sleep(GAP_TIMEOUT.plusSeconds(3));
			probe.awaitSettled();
			System.out.printf(
					"Fuzz campaign, seed %d: %,d records through the gateway in %.1f s, %,d straight to Kafka"
							+ " in %.1f s, all read %.1f s later%n",
					SEED, EVENTS, (gateway - start) / 1e9, EVENTS, (raw - gateway) / 1e9,
					(System.nanoTime() - raw) / 1e9);
		}
		finally {
			sampler.shutdownNow();
		}
		long settled = System.nanoTime();

		assertThat(states).as("seed %d: the processor's states during the campaign", SEED).containsOnly("RUNNING");

		// every record written was applied once, refused with a reason, or is a copy of
		// an applied event
		List<AppliedEntry> applied = probe.applied();
		Map<String, AppliedEntry> appliedAt = new HashMap<>();
		applied.forEach((entry) -> assertThat(
				appliedAt.put(entry.sourceTopic() + ":" + entry.sourcePartition() + ":" + entry.sourceOffset(), entry))
			.as("seed %d: applied twice", SEED)
			.isNull());
		Map<String, Rejection> refusedAt = new HashMap<>();
		// a copy of a held event that was refused when it was due has the original's
		// refusal
		Map<String, byte[]> refusedValues = new HashMap<>();
		for (String unit : UNITS) {
			for (ConsumerRecord<byte[], byte[]> record : probe.rejectionRecords(unit)) {
				Rejection rejection = Rejection.fromHeaders(record.headers());
				assertThat(rejection.reason()).isNotNull();
				assertThat(rejection.message()).as("seed %d: reason of %s", SEED, rejection).isNotBlank();
				refusedAt.put(
						rejection.sourceTopic() + ":" + rejection.sourcePartition() + ":" + rejection.sourceOffset(),
						rejection);
				if (rejection.eventId() != null && record.value() != null) {
					refusedValues.put(rejection.eventId(), record.value());
				}
			}
		}
		Map<String, LicensingEvent> appliedById = new HashMap<>();
		applied.forEach((entry) -> appliedById.put(entry.eventId(), EventJson.read(entry.event())));
		for (Written record : written) {
			boolean wasApplied = appliedAt.containsKey(record.where());
			boolean wasRefused = refusedAt.containsKey(record.where());
			assertThat(wasApplied && wasRefused).as("seed %d: %s both applied and refused", SEED, record.where())
				.isFalse();
			if (!wasApplied && !wasRefused) {
				LicensingEvent copy = EventJson.read(record.value());
				String id = copy.envelope().eventId().toString();
				LicensingEvent original = appliedById.containsKey(id) ? appliedById.get(id)
						: (refusedValues.containsKey(id) ? EventJson.read(refusedValues.get(id)) : null);
				assertThat(original)
					.as("seed %d: %s (%s) neither applied, refused nor a copy of an applied or refused event", SEED,
							record.where(), record.via())
					.isEqualTo(copy);
			}
		}

		// every applied event is valid when it arrived and belongs to its project's unit
		Map<String, String> owners = new HashMap<>();
		for (AppliedEntry entry : applied) {
			LicensingEvent event = EventJson.read(entry.event());
			assertThat(EventValidator.validate(event, entry.receivedAt())).as("seed %d: %s", SEED, entry.id())
				.isEmpty();
			String governing = Provinces.standard()
				.latestUnitOf(event.envelope().provinceCode(), event.envelope().effectiveDate());
			assertThat(governing).as("seed %d: unit of %s", SEED, entry.id()).isEqualTo(entry.unit());
			assertThat(owners.computeIfAbsent(entry.projectCode(), (code) -> entry.unit()))
				.as("seed %d: owner of %s", SEED, entry.projectCode())
				.isEqualTo(entry.unit());
		}

		long checked = System.nanoTime();
		// every figure equals a recomputation over the applied events, in the processor
		// and in the index
		Map<String, long[]> expected = FlowRecomputation
			.flows(applied.stream().map((entry) -> EventJson.read(entry.event())).toList());
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			for (Map.Entry<String, long[]> figure : expected.entrySet()) {
				String[] key = figure.getKey().split("\\|");
				Map<String, String> dimensions = key[0].isEmpty() ? Map.of() : Map.of("province", key[0]);
				String cuboid = key[0].isEmpty() ? "national" : "province";
				FlowRecomputation.assertFigure(probe.figure(cuboid, dimensions, "all", key[1]), figure.getValue(),
						"seed " + SEED + ": " + figure.getKey());
				StringBuilder url = new StringBuilder(services.consoleUrl()).append("/api/search/totals?cuboid=")
					.append(cuboid)
					.append("&period=all&type=")
					.append(key[1]);
				dimensions.forEach((name, value) -> url.append('&').append(name).append('=').append(value));
				FlowRecomputation.assertFigure(probe.getJson(url.toString()), figure.getValue(),
						"seed " + SEED + ": indexed " + figure.getKey());
			}
		});

		long figures = System.nanoTime();
		// and behind figures of every cuboid and period that three applied events count
		// in, the events the console lists sum exactly to the figure it serves
		List<AppliedEntry> withFlow = applied.stream().filter((entry) -> entry.flow() != null).toList();
		assertThat(withFlow).as("seed %d: applied events with a flow", SEED).isNotEmpty();
		Random sampling = new Random(SEED);
		for (int i = 0; i < 3; i++) {
			AppliedEntry.Flow flow = withFlow.get(sampling.nextInt(withFlow.size())).flow();
			for (Cuboid cuboid : Cuboid.values()) {
				Map<String, String> dimensions = cuboid.dimensionsOf(flow.cell().dimensions());
				if (dimensions == null) {
					continue;
				}
				for (String period : flow.periods()) {
					StringBuilder query = new StringBuilder("cuboid=").append(PlatformProbe.encode(cuboid.id()))
						.append("&period=")
						.append(period)
						.append("&type=")
						.append(flow.cell().investmentType());
					dimensions.forEach((name,
							value) -> query.append('&').append(name).append('=').append(PlatformProbe.encode(value)));
					await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
						JsonNode figure = probe.getJson(services.consoleUrl() + "/api/search/totals?" + query);
						assertThat(drillDown(probe, query.toString()))
							.as("seed %d: the events behind %s", SEED, figure.get("key").asString())
							.containsExactly(FlowRecomputation.amounts(figure));
					});
				}
			}
		}

		long drilledDown = System.nanoTime();
		// and the index holds every applied project at its revision
		Map<String, Long> revisions = new TreeMap<>();
		applied.forEach((entry) -> revisions.merge(entry.projectCode(), entry.revision(), Math::max));
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode stats = probe.getJson(elasticsearch.url() + "/" + PREFIX
					+ "-projects/_search?size=0&track_total_hits=true&filter_path=hits.total,aggregations"
					+ "&source_content_type=application/json&source="
					+ PlatformProbe.encode("{\"aggs\":{\"revisions\":{\"sum\":{\"field\":\"revision\"}}}}"));
			assertThat(stats.get("hits").get("total").get("value").asLong()).as("seed %d: projects indexed", SEED)
				.isEqualTo(revisions.size());
			assertThat(stats.get("aggregations").get("revisions").get("value").asLong())
				.as("seed %d: sum of indexed revisions", SEED)
				.isEqualTo(revisions.values().stream().mapToLong(Long::longValue).sum());
		});
		long projects = System.nanoTime();
		// and behind the stock figures of every cuboid that three projects in the stock
		// count in, the projects the console lists sum exactly to the figure it serves
		List<String> codes = new ArrayList<>(revisions.keySet());
		java.util.Collections.shuffle(codes, sampling);
		int inStock = 0;
		for (int tries = 0; tries < codes.size() && inStock < 3; tries++) {
			JsonNode project = probe.getJson(services.consoleUrl() + "/api/search/projects/by-code?code="
					+ PlatformProbe.encode(codes.get(tries)));
			JsonNode stock = project.get("stock");
			if (stock == null || stock.isNull()) {
				continue;
			}
			inStock++;
			Map<String, String> cell = new HashMap<>();
			stock.get("cell").propertyNames().forEach((name) -> cell.put(name, stock.get("cell").get(name).asString()));
			for (Cuboid cuboid : Cuboid.values()) {
				Map<String, String> dimensions = cuboid.dimensionsOf(cell);
				if (dimensions == null) {
					continue;
				}
				StringBuilder query = new StringBuilder("cuboid=").append(PlatformProbe.encode(cuboid.id()))
					.append("&type=")
					.append(stock.get("investmentType").asString());
				dimensions.forEach((name,
						value) -> query.append('&').append(name).append('=').append(PlatformProbe.encode(value)));
				await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
					JsonNode figure = probe.getJson(services.consoleUrl() + "/api/search/stock?" + query);
					assertThat(stockDrillDown(probe, query.toString()))
						.as("seed %d: the projects behind %s", SEED, figure.get("key").asString())
						.containsExactly(figure.get("validProjects").asLong(), figure.get("suspendedProjects").asLong(),
								figure.get("registeredCapital").get("minorUnits").asLong(),
								figure.get("realisedCapital").get("minorUnits").asLong());
				});
			}
		}
		assertThat(inStock).as("seed %d: projects in the stock among those sampled", SEED).isEqualTo(3);
		// and the gateway never failed, and said why whenever it refused
		assertThat(gatewayFailures).as("seed %d: gateway answers", SEED).isEmpty();
		System.out.printf(
				"Fuzz campaign, seed %d, checked: the records %.1f s, the figures %.1f s, the drill-downs %.1f s,"
						+ " the projects %.1f s, the stock's drill-downs %.1f s%n",
				SEED, (checked - settled) / 1e9, (figures - checked) / 1e9, (drilledDown - figures) / 1e9,
				(projects - drilledDown) / 1e9, (System.nanoTime() - projects) / 1e9);
	}

	/** The sums of the events the console lists behind a figure, page after page. */
	private static long[] drillDown(PlatformProbe probe, String figure) throws Exception {
		long[] sums = new long[7];
		String cursor = null;
		do {
			JsonNode page = probe.getJson(services.consoleUrl() + "/api/search/totals/events?size=1000&" + figure
					+ ((cursor != null) ? "&cursor=" + cursor : ""));
			for (JsonNode event : page.get("events")) {
				long[] amounts = FlowRecomputation.amounts(event.get("flow"));
				for (int i = 0; i < sums.length; i++) {
					sums[i] += amounts[i];
				}
			}
			cursor = page.get("next").isNull() ? null : page.get("next").asString();
		}
		while (cursor != null);
		return sums;
	}

	/**
	 * The sums of the projects the console lists behind a stock figure, page after page.
	 */
	private static long[] stockDrillDown(PlatformProbe probe, String figure) throws Exception {
		long[] sums = new long[4];
		String cursor = null;
		do {
			JsonNode page = probe.getJson(services.consoleUrl() + "/api/search/stock/projects?size=1000&" + figure
					+ ((cursor != null) ? "&cursor=" + cursor : ""));
			for (JsonNode project : page.get("projects")) {
				sums[0]++;
				sums[1] += project.get("stock").get("suspended").asBoolean() ? 1 : 0;
				sums[2] += project.get("registeredCapital").get("minorUnits").asLong();
				sums[3] += project.has("realisedCapital") ? project.get("realisedCapital").get("minorUnits").asLong()
						: 0;
			}
			cursor = page.get("next").isNull() ? null : page.get("next").asString();
		}
		while (cursor != null);
		return sums;
	}

	/**
	 * Through the gateway, as each unit's system: a fifth one by one, the rest in batches
	 * of 50 (whole-body mutations, which would spoil a batch, only one by one); 16
	 * requests in flight, as many province systems at once.
	 */
	private void sendThroughTheGateway(EventGenerator generator, Random random,
			Map<String, List<LicensingEvent>> byUnit, List<Written> written, List<String> failures) throws Exception {
		Map<String, List<Mutations.Sent>> batches = new HashMap<>();
		java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(16);
		List<java.util.concurrent.CompletableFuture<?>> requests = new ArrayList<>();
		for (int i = 0; i < EVENTS; i++) {
			LicensingEvent event = generator.next();
			String unit = generator.publishingProvince(event);
			Mutations.Sent sent = Mutations.send(event, foreign(byUnit, unit, event, random), random);
			byUnit.computeIfAbsent(unit, (code) -> new ArrayList<>()).add(event);
			boolean wholeBody = !isJsonObject(sent.body());
			if (wholeBody || random.nextInt(5) == 0) {
				inFlight.acquire();
				requests.add(post(unit, "/api/v1/events", sent.body()).whenComplete((response, error) -> {
					inFlight.release();
					if (error != null) {
						failures.add(sent.mutation() + ": " + error);
						return;
					}
					check(response, sent.mutation(), failures);
					if (response.statusCode() == 202) {
						JsonNode result = EventJson.mapper().readTree(response.body());
						written.add(new Written(result.get("topic").asString(), result.get("partition").asInt(),
								result.get("offset").asLong(), sent.body(), "gateway " + sent.mutation()));
					}
				}));
				continue;
			}
			List<Mutations.Sent> batch = batches.computeIfAbsent(unit, (code) -> new ArrayList<>());
			batch.add(sent);
			if (batch.size() == 50) {
				inFlight.acquire();
				requests.add(postBatch(unit, List.copyOf(batch), written, failures).whenComplete((done, error) -> {
					inFlight.release();
					if (error != null) {
						failures.add("batch: " + error);
					}
				}));
				batch.clear();
			}
		}
		for (Map.Entry<String, List<Mutations.Sent>> batch : batches.entrySet()) {
			if (!batch.getValue().isEmpty()) {
				requests.add(postBatch(batch.getKey(), batch.getValue(), written, failures));
			}
		}
		java.util.concurrent.CompletableFuture.allOf(requests.toArray(java.util.concurrent.CompletableFuture[]::new))
			.get(10, TimeUnit.MINUTES);
	}

	private java.util.concurrent.CompletableFuture<?> postBatch(String unit, List<Mutations.Sent> batch,
			List<Written> written, List<String> failures) {
		StringBuilder body = new StringBuilder("[");
		for (int i = 0; i < batch.size(); i++) {
			body.append((i > 0) ? "," : "").append(new String(batch.get(i).body(), StandardCharsets.UTF_8));
		}
		byte[] bytes = body.append(']').toString().getBytes(StandardCharsets.UTF_8);
		return post(unit, "/api/v1/events/batch", bytes).thenAccept((response) -> {
			check(response, "batch", failures);
			if (response.statusCode() != 202) {
				return;
			}
			JsonNode results = EventJson.mapper().readTree(response.body()).get("results");
			for (int i = 0; i < batch.size(); i++) {
				JsonNode result = results.get(i);
				if ("ACCEPTED".equals(result.get("status").asString())) {
					written.add(new Written(result.get("topic").asString(), result.get("partition").asInt(),
							result.get("offset").asLong(), batch.get(i).body(),
							"gateway batch " + batch.get(i).mutation()));
				}
				else if (result.path("error").path("title").asString("").isBlank()
						|| result.path("error").path("status").asInt() >= 500) {
					failures.add("batch item " + batch.get(i).mutation() + ": " + result);
				}
			}
		});
	}

	/**
	 * Straight onto each unit's own topic: most in the partition of their key, some in
	 * another, some under another key or none.
	 */
	private void sendStraightToKafka(EventGenerator generator, Random random, Map<String, List<LicensingEvent>> byUnit,
			List<Written> written) throws Exception {
		List<java.util.concurrent.Future<RecordMetadata>> sends = new ArrayList<>();
		List<byte[]> values = new ArrayList<>();
		List<String> mutations = new ArrayList<>();
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
						ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024,
						ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
				new ByteArraySerializer(), new ByteArraySerializer())) {
			for (int i = 0; i < EVENTS; i++) {
				LicensingEvent event = generator.next();
				String unit = generator.publishingProvince(event);
				Mutations.Sent sent = Mutations.send(event, foreign(byUnit, unit, event, random), random);
				byUnit.computeIfAbsent(unit, (code) -> new ArrayList<>()).add(event);
				int roll = random.nextInt(100);
				String key = (roll < 3) ? null : (roll < 6) ? "OTHER-" + random.nextInt(100) : sent.key();
				Integer partition = (random.nextInt(100) < 5) ? random.nextInt(6) : null;
				byte[] keyBytes = (key != null) ? key.getBytes(StandardCharsets.UTF_8) : null;
				sends.add(producer
					.send(new ProducerRecord<>(probe.topics().eventTopicName(unit), partition, keyBytes, sent.body())));
				values.add(sent.body());
				mutations.add("kafka " + sent.mutation() + ((partition != null) ? " partition " + partition : "")
						+ ((roll < 6) ? " key " + key : ""));
			}
			producer.flush();
			for (int i = 0; i < sends.size(); i++) {
				RecordMetadata metadata = sends.get(i).get(60, TimeUnit.SECONDS);
				written.add(new Written(metadata.topic(), metadata.partition(), metadata.offset(), values.get(i),
						mutations.get(i)));
			}
		}
	}

	/** An event of another unit's project seen so far, or this one. */
	private static LicensingEvent foreign(Map<String, List<LicensingEvent>> byUnit, String unit, LicensingEvent event,
			Random random) {
		List<String> others = new ArrayList<>(byUnit.keySet());
		others.remove(unit);
		if (others.isEmpty()) {
			return event;
		}
		List<LicensingEvent> events = byUnit.get(others.get(random.nextInt(others.size())));
		return events.get(random.nextInt(events.size()));
	}

	private static java.util.concurrent.CompletableFuture<HttpResponse<String>> post(String unit, String path,
			byte[] body) {
		return http.sendAsync(HttpRequest.newBuilder(URI.create(services.gatewayUrl() + path))
			.header("Content-Type", "application/json")
			.header("X-API-Key", KEYS.get(unit))
			.timeout(Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	/** No 5xx, and every refusal a problem with a reason. */
	private static void check(HttpResponse<String> response, String mutation, List<String> failures) {
		int status = response.statusCode();
		if (status >= 500) {
			failures.add(mutation + ": " + status + " " + response.body());
			return;
		}
		if (status >= 400) {
			try {
				JsonNode problem = EventJson.mapper().readTree(response.body());
				if (problem.path("title").asString("").isBlank() || (problem.path("detail").asString("").isBlank()
						&& problem.path("violations").isMissingNode())) {
					failures.add(mutation + ": a refusal without a reason: " + response.body());
				}
			}
			catch (RuntimeException ex) {
				failures.add(mutation + ": a refusal that is not a problem: " + status + " " + response.body());
			}
		}
	}

	private static boolean isJsonObject(byte[] body) {
		try {
			// a body that is not UTF-8 would be changed by a batch's text
			StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body));
		}
		catch (java.nio.charset.CharacterCodingException ex) {
			return false;
		}
		try {
			return EventJson.mapper().readTree(body).isObject();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
