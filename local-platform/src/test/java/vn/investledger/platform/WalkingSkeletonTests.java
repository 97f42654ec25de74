package vn.investledger.platform;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;

import vn.investledger.console.dashboard.LiveFigures;
import vn.investledger.events.EventEnvelope;
import vn.investledger.events.EventJson;
import vn.investledger.events.Licensed;
import vn.investledger.events.Money;
import vn.investledger.events.Rejection;
import vn.investledger.events.RejectionReason;
import vn.investledger.producers.publisher.LicensingEventPublisher;
import vn.investledger.producers.publisher.PublisherSettings;
import vn.investledger.testsupport.ElasticsearchServer;
import vn.investledger.testsupport.KafkaServer;
import vn.investledger.testsupport.RealServers;
import vn.investledger.testsupport.Records;
import vn.investledger.testsupport.SampleEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One licence flows end to end on real servers: published with the province's publisher,
 * summed exactly once by the stream processor, indexed into Elasticsearch by the indexer,
 * found by the console's search API and pushed to an open console. Bad records on the way
 * go to the sending unit's rejection topic with their original bytes and a reason, and
 * stop nothing.
 */
@ExtendWith(RealServers.class)
class WalkingSkeletonTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final String PREFIX = "e2e" + UUID.randomUUID().toString().substring(0, 8);

	private static final String HAI_PHONG_KEY = "key-" + UUID.randomUUID();

	private static final String HUNG_YEN_KEY = "key-" + UUID.randomUUID();

	/** Prometheus's password: each service holds only its SHA-256. */
	private static final String SCRAPER_PASSWORD = "scraper-" + UUID.randomUUID();

	private static KafkaServer kafka;

	private static ElasticsearchServer elasticsearch;

	private static PlatformServices services;

	@BeforeAll
	static void startServices(KafkaServer kafkaServer, ElasticsearchServer elasticsearchServer, @TempDir Path state) {
		kafka = kafkaServer;
		elasticsearch = elasticsearchServer;
		services = PlatformServices.start(
				new PlatformServices.Settings(kafka.bootstrapServers(), elasticsearch.url(), PREFIX, PREFIX, 0, 0, 0, 0,
						state, Map.of("31", HAI_PHONG_KEY, "33", HUNG_YEN_KEY))
					.withMetricsScraper(SCRAPER_PASSWORD),
				List.of("31", "33"));
	}

	@AfterAll
	static void stopServices() {
		if (services != null) {
			services.close();
		}
	}

	@Test
	void shouldCarryALicenceFromThePublisherToTheTotalsAndTheSearchIndex() throws Exception {
		// Given two FDI licences and one DDI licence in Hải Phòng, one FDI licence in
		// Hưng Yên
		Licensed lg = SampleEvents.fdiLicence("2104567890", "31", Money.usd("1000000000.50")); // US$1bn
																								// +
																								// 50
																								// cents
		Licensed small = SampleEvents.fdiLicence("2104567891", "31", Money.usd("6999999.99"));
		Licensed warehouse = SampleEvents.ddiLicence("0201234567", "31", Money.vnd(265_000_000_000L)); // 265
																										// tỷ
		Licensed hungYen = SampleEvents.fdiLicence("0900000001", "33", Money.usd("3000000"));
		byte[] garbage = "{\"kind\":\"licensed\",".getBytes(StandardCharsets.UTF_8);
		Licensed invalid = SampleEvents.withEnvelope(small, new EventEnvelope(1, UUID.randomUUID(), "2104567892", 0L,
				"31", small.envelope().effectiveDate(), small.envelope().emittedAt()));

		// (the refusals this processor has counted for Hải Phòng so far)
		double countedBefore = refusalsCounted("31");

		// When the provinces publish them, with a corrupt record and an invalid event in
		// between
		try (LicensingEventPublisher haiPhong = publisher("31"); LicensingEventPublisher hy = publisher("33")) {
			haiPhong.publish(lg);
			sendRaw(PREFIX + ".events.31", "corrupt", garbage);
			sendRaw(PREFIX + ".events.31", "2104567892", EventJson.toBytes(invalid));
			haiPhong.publish(small);
			haiPhong.publish(warehouse);
			hy.publish(hungYen);
		}

		// Then the processor's running total is exact to the cent
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode total = getJson(services.processorUrl() + "/api/totals/provinces/31?type=FDI");
			assertThat(total.get("newCapital").get("minorUnits").asLong()).isEqualTo(100_700_000_049L);
			assertThat(total.get("newCapital").get("currency").asString()).isEqualTo("USD");
			assertThat(total.get("newProjects").asLong()).isEqualTo(2);
			assertThat(total.get("newestEventAt").asString()).isNotBlank();
		});
		// and every other figure of those licences is there: restated to today's units,
		// by year, and as FIA's
		// year-to-date report to 20 March 2024 (both licences are dated 15 March 2024)
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode restated = getJson(
					services.processorUrl() + "/api/totals?cuboid=province-restated&province=31&period=2024&type=FDI");
			assertThat(restated.get("newCapital").get("minorUnits").asLong()).isEqualTo(100_700_000_049L);
			JsonNode report = getJson(services.processorUrl()
					+ "/api/totals/year-to-date?year=2024&month=3&cuboid=province&province=31&type=FDI");
			assertThat(report.get("registeredCapital").get("minorUnits").asLong()).isEqualTo(100_700_000_049L);
			assertThat(report.get("period").asString()).isEqualTo("2024-YTD-03");
			// and the stock of valid projects holds both licences at their registered
			// capital
			JsonNode stock = getJson(
					services.processorUrl() + "/api/totals/stock?cuboid=province&province=31&type=FDI");
			assertThat(stock.get("validProjects").asLong()).isEqualTo(2);
			assertThat(stock.get("registeredCapital").get("minorUnits").asLong()).isEqualTo(100_700_000_049L);
		});
		// (the DDI licence lies in another partition, so its task may commit a moment
		// later)
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode ddi = getJson(services.processorUrl() + "/api/totals/provinces/31?type=DDI");
			assertThat(ddi.get("newCapital").get("minorUnits").asLong()).isEqualTo(265_000_000_000L);
			assertThat(ddi.get("newCapital").get("currency").asString()).isEqualTo("VND");
		});
		// and FDI and DDI combine in dollars, 265 tỷ đồng at the 2024 rate it names
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode combined = getJson(services.processorUrl() + "/api/totals/combined?cuboid=province&province=31");
			assertThat(combined.get("ddi").get("newCapital").get("minorUnits").asLong()).isEqualTo(1_087_848_933L);
			assertThat(combined.get("combined").get("registeredCapital").get("minorUnits").asLong())
				.isEqualTo(100_700_000_049L + 1_087_848_933L);
			assertThat(combined.get("combined").get("rates").get(0).asString())
				.isEqualTo("press-implied 2024: 24360 VND/USD from 2024-01-01");
		});
		JsonNode rates = getJson(services.processorUrl() + "/api/totals/usd-rates");
		assertThat(rates.get(1).get("vndPerUsd").asLong()).isEqualTo(24360);

		// And Elasticsearch holds the project documents (at the revision the ledger
		// applied
		// last) and the province figure
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode doc = getJson(elasticsearch.url() + "/" + PREFIX + "-projects/_doc/2104567890");
			assertThat(doc.get("found").asBoolean()).isTrue();
			assertThat(doc.get("_source").get("revision").asLong()).isEqualTo(1);
			assertThat(doc.get("_source").get("registeredCapital").get("minorUnits").asLong())
				.isEqualTo(100_000_000_050L);
			assertThat(doc.get("_source").get("projectName").asString())
				.isEqualTo("Nhà máy linh kiện điện tử 2104567890");
			JsonNode figure = getJson(elasticsearch.url() + "/" + PREFIX + "-totals/_doc/"
					+ java.net.URLEncoder.encode("province|province=31|all|FDI", StandardCharsets.UTF_8));
			assertThat(figure.get("_source").get("newCapital").get("minorUnits").asLong()).isEqualTo(100_700_000_049L);
			assertThat(figure.get("_source").get("newProjects").asLong()).isEqualTo(2);
		});
		// every valid licence has its document, the invalid one none (_count sees them
		// after a refresh)
		String query = "{\"query\":{\"terms\":{\"projectCode\":[\"2104567890\",\"2104567891\",\"0201234567\","
				+ "\"0900000001\",\"2104567892\"]}}}";
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			HttpResponse<String> count = http
				.send(HttpRequest.newBuilder(URI.create(elasticsearch.url() + "/" + PREFIX + "-projects/_count"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(query))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(EventJson.mapper().readTree(count.body()).get("count").asLong()).isEqualTo(4);
		});

		// And the search API finds them by words of their names, in their province only
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode found = getJson(
					services.consoleUrl() + "/api/search/projects?q=" + encode("linh kiện") + "&province=31");
			assertThat(found.get("total").asLong()).isEqualTo(2);
			assertThat(found.get("projects").valueStream().map((p) -> p.get("projectCode").asString()))
				.containsExactlyInAnyOrder("2104567890", "2104567891");
			assertThat(found.get("asOf").asString()).isNotBlank();
		});
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode indexedTotal = getJson(services.consoleUrl() + "/api/search/totals/provinces/33?type=FDI");
			assertThat(indexedTotal.get("newCapital").get("minorUnits").asLong()).isEqualTo(300_000_000L);
		});
		// And the monthly report to 20 March 2024 says what the processor's totals API
		// says,
		// province by province (restated to today's units, as FIA publishes)
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode fdi = getJson(services.consoleUrl() + "/api/reports/monthly?year=2024&month=3&format=json")
				.get("sections")
				.get(0);
			assertThat(fdi.get("byProvince").valueStream().map((row) -> row.get("code").asString())).contains("31",
					"33");
			for (JsonNode row : fdi.get("byProvince")) {
				JsonNode total = getJson(services.processorUrl()
						+ "/api/totals/year-to-date?year=2024&month=3&cuboid=province-restated&type=FDI&province="
						+ row.get("code").asString());
				assertThat(row.get("registeredCapital")).isEqualTo(total.get("registeredCapital"));
				assertThat(row.get("newProjects")).isEqualTo(total.get("newProjects"));
			}
			JsonNode nation = getJson(services.processorUrl() + "/api/totals/year-to-date?year=2024&month=3&type=FDI");
			assertThat(fdi.get("national").get("registeredCapital")).isEqualTo(nation.get("registeredCapital"));
		});

		// And the corrupt record and the invalid event are on Hải Phòng's rejection
		// topic,
		// bytes intact, with reasons
		List<ConsumerRecord<byte[], byte[]>> refused = drain(PREFIX + ".rejections.31", 2);
		assertThat(refused).extracting(ConsumerRecord::value)
			.containsExactlyInAnyOrder(garbage, EventJson.toBytes(invalid));
		List<Rejection> rejections = refused.stream().map((record) -> Rejection.fromHeaders(record.headers())).toList();
		assertThat(rejections).allSatisfy((rejection) -> {
			assertThat(rejection.sourceTopic()).isEqualTo(PREFIX + ".events.31");
			assertThat(rejection.message()).isNotBlank();
		});
		assertThat(rejections).extracting(Rejection::reason)
			.containsExactlyInAnyOrder(RejectionReason.MALFORMED, RejectionReason.INVALID);
		assertThat(rejections).anySatisfy((rejection) -> assertThat(rejection.message())
			.contains("envelope.revision: must be 1 to 10000, was 0"));
		// and the processor's metric counts them, for Prometheus: these two (again,
		// should
		// a transaction be aborted and the records processed once more), and none of the
		// thousands another application's processor in this JVM refuses
		assertThat(refusalsCounted("31") - countedBefore).isBetween(2.0, 9.0);
	}

	private static double refusalsCounted(String unit) throws Exception {
		return scrape(services.processorUrl()).lines()
			.filter((line) -> line.startsWith("investledger_rejections_total{")
					&& line.contains("unit=\"" + unit + "\""))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	@Test
	void shouldPublishAReleaseOnceTheHistoryHoldsEveryAppliedEvent() throws Exception {
		// Given a DDI licence of May 2025 published by Hưng Yên (a figure the other tests
		// read only as a change)
		Licensed template = SampleEvents.ddiLicence("0909999001", "33", Money.vnd(12_000_000_000L));
		Licensed licence = SampleEvents.withEnvelope(template, new EventEnvelope(1, UUID.randomUUID(), "0909999001", 1L,
				"33", java.time.LocalDate.of(2025, 5, 5), java.time.Instant.now()));
		try (LicensingEventPublisher hungYen = publisher("33")) {
			hungYen.publish(licence);
		}
		// When the history indexer has indexed it
		String history = elasticsearch.url() + "/" + PREFIX + "-history/_count?q=projectCode:0909999001";
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(getJson(history).get("count").asLong()).isEqualTo(1));
		// Then its group has committed the applied-events topic's end, past the
		// processor's last commit marker: no lag
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(historyIndexerLag()).isZero());
		// and an admin's publication, which waits for exactly that, is recorded (a
		// release is published as known 1 s before it begins: the margin a console's
		// clock may run ahead of the broker's, past which the licence is counted)
		Thread.sleep(1_100);
		HttpResponse<String> published = http.send(HttpRequest
			.newBuilder(URI.create(services.consoleUrl() + "/api/admin/releases/2025-05/publications?type=DDI"))
			.header("Authorization", PlatformServices.LOCAL_ACCOUNTS.get(1).authorization())
			.timeout(Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
		// and the release as first published counts the licence
		JsonNode release = getJson(services.consoleUrl() + "/api/releases/2025-05?type=DDI&vintage=first-published");
		JsonNode newCapital = release.get("tables")
			.get("yearOnYear")
			.valueStream()
			.filter((row) -> row.get("figure").asString().equals("new.capital"))
			.findFirst()
			.orElseThrow();
		assertThat(newCapital.get("current").get("minorUnits").asLong()).isGreaterThanOrEqualTo(12_000_000_000L);
	}

	/**
	 * The records of the applied-events topic the history indexer's group has not
	 * committed.
	 */
	private static long historyIndexerLag() throws Exception {
		String topic = PREFIX + ".applied-events";
		try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin
			.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
			Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed = admin
				.listConsumerGroupOffsets(PREFIX + "-history-indexer")
				.partitionsToOffsetAndMetadata()
				.get(30, TimeUnit.SECONDS);
			Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
			admin.describeTopics(List.of(topic))
				.allTopicNames()
				.get(30, TimeUnit.SECONDS)
				.get(topic)
				.partitions()
				.forEach((p) -> latest.put(new org.apache.kafka.common.TopicPartition(topic, p.partition()),
						org.apache.kafka.clients.admin.OffsetSpec.latest()));
			long lag = 0;
			for (var end : admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet()) {
				var at = committed.get(end.getKey());
				lag += end.getValue().offset() - ((at != null) ? at.offset() : 0);
			}
			return lag;
		}
	}

	@Test
	void shouldGiveARetriedGatewayPostNoSecondEffect() throws Exception {
		// Given a Hưng Yên DDI licence of 1,234,567 đồng, posted to the gateway three
		// times (a
		// province system retrying)
		Licensed licence = SampleEvents.ddiLicence("RETRY-" + UUID.randomUUID(), "33", Money.vnd(1_234_567));
		AtomicLong before = new AtomicLong();
		// the processor answers 503 until its state is queryable
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> before
				.set(getJson(services.processorUrl() + "/api/totals/provinces/33?type=DDI").get("newProjects")
					.asLong()));
		for (int attempt = 0; attempt < 3; attempt++) {
			HttpResponse<String> response = http
				.send(HttpRequest.newBuilder(URI.create(services.gatewayUrl() + "/api/v1/events"))
					.header("Content-Type", "application/json")
					.header("X-API-Key", HUNG_YEN_KEY)
					.POST(HttpRequest.BodyPublishers.ofString(EventJson.toJson(licence)))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		}
		// Then the figure counts the licence once: it reaches before + 1, and a second
		// copy, which would be
		// applied within a commit interval (100 ms) of the first, never lifts it further
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(
					getJson(services.processorUrl() + "/api/totals/provinces/33?type=DDI").get("newProjects").asLong())
				.isEqualTo(before.get() + 1));
		Thread.sleep(2000);
		assertThat(getJson(services.processorUrl() + "/api/totals/provinces/33?type=DDI").get("newProjects").asLong())
			.isEqualTo(before.get() + 1);
	}

	@Test
	void shouldPushAFigureToAnOpenConsoleOnceTheIndexerHasWrittenIt() throws Exception {
		// Given a console page listening for figures, in the console's own application
		BlockingQueue<JsonNode> pushed = new LinkedBlockingQueue<>();
		CompletableFuture<HttpResponse<Stream<String>>> listening = http
			.sendAsync(HttpRequest.newBuilder(URI.create(services.consoleUrl() + "/api/console/figures"))
				.header("Accept", "text/event-stream")
				.header("Authorization", PlatformServices.LOCAL_ACCOUNTS.get(0).authorization())
				.build(), HttpResponse.BodyHandlers.ofLines());
		listening.thenAccept((events) -> events.body()
			.filter((line) -> line.startsWith("data:"))
			.forEach((line) -> EventJson.mapper().readTree(line.substring("data:".length())).forEach(pushed::add)));
		try {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> services.console().getBean(LiveFigures.class).listeners() > 0);
			AtomicLong before = new AtomicLong();
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> before
					.set(getJson(services.processorUrl() + "/api/totals/provinces/33?type=DDI").get("newProjects")
						.asLong()));

			// When Hưng Yên licenses a DDI project through the gateway (its figures of
			// other
			// tests are counted from where they are)
			Licensed licence = SampleEvents.ddiLicence("PUSH-" + UUID.randomUUID(), "33", Money.vnd(7_654_321));
			HttpResponse<String> accepted = http
				.send(HttpRequest.newBuilder(URI.create(services.gatewayUrl() + "/api/v1/events"))
					.header("Content-Type", "application/json")
					.header("X-API-Key", HUNG_YEN_KEY)
					.POST(HttpRequest.BodyPublishers.ofString(EventJson.toJson(licence)))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

			// Then the province's new figure reaches the page, as a search finds it
			JsonNode figure = null;
			long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
			while (figure == null && System.nanoTime() < until) {
				JsonNode next = pushed.poll(500, TimeUnit.MILLISECONDS);
				if (next != null && "province|province=33|all|DDI".equals(next.get("key").asString())
						&& next.get("newProjects").asLong() == before.get() + 1) {
					figure = next;
				}
			}
			assertThat(figure).as("the figure counting the licence, pushed").isNotNull();
			assertThat(figure.get("indexedAt").asString()).isNotBlank();
			JsonNode searched = getJson(
					services.consoleUrl() + "/api/search/totals?cuboid=province&province=33&period=all&type=DDI");
			assertThat(searched.get("newProjects").asLong()).isGreaterThanOrEqualTo(before.get() + 1);
		}
		finally {
			listening.cancel(true);
			listening.thenAccept((events) -> events.body().close());
		}
	}

	@Test
	void shouldListenOnLoopbackOnlyByDefault() throws IOException {
		for (ConfigurableApplicationContext service : List.of(services.gateway(), services.processor(),
				services.indexer(), services.console())) {
			String name = service.getEnvironment().getProperty("spring.application.name");
			int port = Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));

			assertThat(service.getEnvironment().getProperty("server.address")).as(name).isEqualTo("127.0.0.1");
			// what the kernel says the port listens on: 127.0.0.1, not 0.0.0.0 or ::
			if (Files.isReadable(Path.of("/proc/net/tcp"))) {
				assertThat(listeningAddresses(port)).as("%s on port %d", name, port).containsExactly("127.0.0.1");
			}
		}
	}

	@Test
	void shouldAnswerBadParametersWithProblemDetails() throws Exception {
		HttpResponse<String> processor = get(services.processorUrl() + "/api/totals/provinces/HP");
		HttpResponse<String> period = get(services.processorUrl() + "/api/totals?period=2024-13");
		HttpResponse<String> search = get(services.consoleUrl() + "/api/search/projects?province=Hai%20Phong");

		assertThat(processor.statusCode()).isEqualTo(400);
		assertThat(processor.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(processor.body()).contains("A province code is two digits");
		assertThat(period.statusCode()).isEqualTo(400);
		assertThat(period.body()).contains("a period is all, a year from 1987 to 2100 (2024), a quarter (2024-Q1), "
				+ "a month (2024-03) or a report month (2024-R03)");
		assertThat(search.statusCode()).isEqualTo(400);
		assertThat(search.body()).contains("province: A province code is two digits, e.g. 31, was")
			.contains("Hai Phong");
	}

	/**
	 * The local addresses of the sockets listening on a TCP port, from Linux's
	 * {@code /proc/net/tcp} and {@code tcp6}: each address is in hexadecimal, in 32-bit
	 * words of host (little-endian) byte order.
	 */
	private static Set<String> listeningAddresses(int port) throws IOException {
		Set<String> addresses = new HashSet<>();
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			Path path = Path.of(table);
			if (!Files.isReadable(path)) {
				continue;
			}
			List<String> lines = Files.readAllLines(path);
			// the first line names the columns
			for (String line : lines.subList(1, lines.size())) {
				String[] fields = line.trim().split("\\s+");
				String[] local = fields[1].split(":");
				boolean listening = "0A".equals(fields[3]);
				if (listening && Integer.parseInt(local[1], 16) == port) {
					byte[] bytes = HexFormat.of().parseHex(local[0]);
					for (int word = 0; word < bytes.length; word += 4) {
						for (int i = 0; i < 2; i++) {
							byte swap = bytes[word + i];
							bytes[word + i] = bytes[word + 3 - i];
							bytes[word + 3 - i] = swap;
						}
					}
					addresses.add(InetAddress.getByAddress(bytes).getHostAddress());
				}
			}
		}
		return addresses;
	}

	/**
	 * Every metric a panel of docker/'s Grafana dashboard reads is served by the service
	 * its query names (or, without a {@code job}, by one of them), under that name, to
	 * Prometheus's account: a renamed metric or a misspelt query fails here rather than
	 * showing an empty panel, and so does a service that refuses Prometheus. Nobody else
	 * reads them.
	 */
	@Test
	void shouldServeEveryMetricTheGrafanaDashboardReads() throws Exception {
		// a refused record, so that the refusal counters exist, and the console's
		// refusals
		// gauge once it is indexed
		sendRaw(PREFIX + ".events.31", "dashboard", "not an event".getBytes(StandardCharsets.UTF_8));
		JsonNode dashboard = EventJson.mapper()
			.readTree(Files.readString(Path.of("..", "docker", "grafana", "dashboards", "investledger.json")));
		Map<String, String> jobs = Map.of("gateway", services.gatewayUrl(), "stream-processor", services.processorUrl(),
				"indexer", services.indexerUrl(), "console", services.consoleUrl());
		// the jobs the queries name are Prometheus's own
		String prometheus = Files.readString(Path.of("..", "docker", "prometheus", "prometheus.yml"));
		List<String> scrapeJobs = new java.util.ArrayList<>();
		java.util.regex.Matcher jobName = java.util.regex.Pattern.compile("(?m)^\\s*-\\s*job_name:\\s*(\\S+)\\s*$")
			.matcher(prometheus);
		while (jobName.find()) {
			scrapeJobs.add(jobName.group(1));
		}
		assertThat(scrapeJobs).containsExactlyInAnyOrderElementsOf(jobs.keySet());
		for (String url : jobs.values()) {
			HttpResponse<String> anonymous = http.send(
					HttpRequest.newBuilder(URI.create(url + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(anonymous.statusCode()).as(url).isEqualTo(401);
		}
		List<JsonNode> panels = new java.util.ArrayList<>();
		for (JsonNode panel : dashboard.get("panels")) {
			// a row holds no query; its panels are nested in it only while it is
			// collapsed
			if (panel.has("type") && panel.get("type").asString().equals("row")) {
				panel.path("panels").forEach(panels::add);
			}
			else {
				panels.add(panel);
			}
		}
		// the panels' queries, and the alerting rules' (Prometheus's own "up" aside)
		List<String[]> queries = new java.util.ArrayList<>();
		for (JsonNode panel : panels) {
			for (JsonNode target : panel.get("targets")) {
				queries.add(new String[] { panel.get("title").asString(), target.get("expr").asString() });
			}
		}
		java.util.regex.Matcher rule = java.util.regex.Pattern.compile("(?m)^\\s*expr:\\s*(.+)$")
			.matcher(Files.readString(Path.of("..", "docker", "prometheus", "alerts.yml")));
		int rules = 0;
		while (rule.find()) {
			queries.add(new String[] { "alerts.yml", rule.group(1).strip() });
			rules++;
		}
		assertThat(rules).isPositive();
		List<String[]> reads = new java.util.ArrayList<>();
		List<String[]> labelled = new java.util.ArrayList<>();
		for (String[] query : queries) {
			String expr = query[1];
			java.util.regex.Matcher job = java.util.regex.Pattern.compile("job=\"([^\"]+)\"").matcher(expr);
			String named = job.find() ? job.group(1) : null;
			assertThat(named == null || jobs.containsKey(named)).as("job of %s", expr).isTrue();
			for (String metric : GrafanaQueries.metrics(expr)) {
				// the replay's progress is served by a processor started to replay
				// only (--investledger.replay=true, ReplayConfiguration); "up" is
				// Prometheus's own
				if (!metric.equals("investledger_replay_records") && !metric.equals("up")) {
					reads.add(new String[] { query[0], named, metric });
				}
			}
			// and each label a query matches exactly has that value on a series of
			// the metric (a misspelt check="…" would draw nothing)
			for (GrafanaQueries.Selector selector : GrafanaQueries.selectors(expr)) {
				selector.labels().forEach((label, value) -> {
					if (!label.equals("job") && !selector.metric().equals("investledger_replay_records")) {
						labelled.add(new String[] { query[0], named, selector.metric(), label, value });
					}
				});
			}
		}
		assertThat(reads).hasSizeGreaterThanOrEqualTo(panels.size());
		assertThat(labelled).isNotEmpty();
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			Map<String, String> scraped = new java.util.HashMap<>();
			for (Map.Entry<String, String> job : jobs.entrySet()) {
				scraped.put(job.getKey(), scrape(job.getValue()));
			}
			for (String[] read : reads) {
				java.util.regex.Pattern served = java.util.regex.Pattern
					.compile("(?m)^" + java.util.regex.Pattern.quote(read[2]) + "[{ ]");
				boolean found = (read[1] != null) ? served.matcher(scraped.get(read[1])).find()
						: scraped.values().stream().anyMatch((text) -> served.matcher(text).find());
				assertThat(found)
					.as("panel \"%s\" reads %s from %s", read[0], read[2], (read[1] != null) ? read[1] : "any service")
					.isTrue();
			}
			for (String[] read : labelled) {
				java.util.regex.Pattern served = java.util.regex.Pattern
					.compile("(?m)^" + java.util.regex.Pattern.quote(read[2]) + "\\{[^}]*\\b"
							+ java.util.regex.Pattern.quote(read[3] + "=\"" + read[4] + "\""));
				boolean found = (read[1] != null) ? served.matcher(scraped.get(read[1])).find()
						: scraped.values().stream().anyMatch((text) -> served.matcher(text).find());
				assertThat(found)
					.as("\"%s\" reads %s{%s=\"%s\"} from %s", read[0], read[2], read[3], read[4],
							(read[1] != null) ? read[1] : "any service")
					.isTrue();
			}
		});
	}

	private static LicensingEventPublisher publisher(String province) {
		return LicensingEventPublisher
			.create(PublisherSettings.of(kafka.bootstrapServers(), province).withTopicPrefix(PREFIX));
	}

	private static void sendRaw(String topic, String key, byte[] value) throws Exception {
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new ByteArraySerializer(),
				new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value)).get();
		}
	}

	private static List<ConsumerRecord<byte[], byte[]>> drain(String topic, int expected) {
		return Records.drain(kafka, topic, expected, new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

	private static String encode(String text) {
		return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/**
	 * A GET; the console's and search API's signed in as the local official.
	 */
	private static HttpResponse<String> get(String url) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
		if (url.startsWith(services.consoleUrl())) {
			request.header("Authorization", PlatformServices.LOCAL_ACCOUNTS.get(0).authorization());
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	/**
	 * A service's Prometheus metrics, read as Prometheus reads them.
	 */
	private static String scrape(String serviceUrl) throws Exception {
		HttpResponse<String> response = http
			.send(HttpRequest.newBuilder(URI.create(serviceUrl + "/actuator/prometheus"))
				.header("Authorization", PlatformServices.scraperAuthorization(SCRAPER_PASSWORD))
				.timeout(Duration.ofSeconds(30))
				.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).as("scrape %s", serviceUrl).isEqualTo(200);
		return response.body();
	}

	private static JsonNode getJson(String url) throws Exception {
		HttpResponse<String> response = get(url);
		assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
		return EventJson.mapper().readTree(response.body());
	}

}
