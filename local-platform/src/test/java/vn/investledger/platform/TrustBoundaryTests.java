package vn.investledger.platform;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import vn.investledger.events.CapitalAdjusted;
import vn.investledger.events.Disbursed;
import vn.investledger.events.EventEnvelope;
import vn.investledger.events.EventJson;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Licensed;
import vn.investledger.events.Money;
import vn.investledger.events.Rejection;
import vn.investledger.events.RejectionReason;
import vn.investledger.events.Terminated;
import vn.investledger.events.TerminationReason;
import vn.investledger.producers.backfill.BackfillImporter;
import vn.investledger.producers.backfill.ImportSettings;
import vn.investledger.producers.publisher.LicensingEventPublisher;
import vn.investledger.producers.publisher.PublisherSettings;
import vn.investledger.testsupport.ElasticsearchServer;
import vn.investledger.testsupport.KafkaServer;
import vn.investledger.testsupport.RealServers;
import vn.investledger.testsupport.SampleEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The trust boundary on the running platform: a unit writes only its own projects,
 * whatever path it takes, and no record, hostile or careless, changes a figure wrongly or
 * stops the pipeline. Each test uses units of its own, so their figures are apart.
 */
@ExtendWith(RealServers.class)
class TrustBoundaryTests {

	private static final String PREFIX = "trust" + UUID.randomUUID().toString().substring(0, 8);

	private static KafkaServer kafka;

	private static PlatformServices services;

	private static PlatformProbe probe;

	private static final String HAI_PHONG_KEY = "key-31-" + UUID.randomUUID();

	private static final String QUANG_NINH_KEY = "key-22-" + UUID.randomUUID();

	@BeforeAll
	static void startServices(KafkaServer kafkaServer, ElasticsearchServer elasticsearch, @TempDir Path state) {
		kafka = kafkaServer;
		services = PlatformServices.start(
				new PlatformServices.Settings(kafka.bootstrapServers(), elasticsearch.url(), PREFIX, PREFIX, 0, 0, 0, 0,
						state, Map.of("31", HAI_PHONG_KEY, "22", QUANG_NINH_KEY)),
				List.of("01", "22", "31", "33", "79"));
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

	@Test
	void shouldRefuseAnotherUnitsWritesOnEveryPathAndLeaveTheOwnersProjectAndFigures(@TempDir Path files)
			throws Exception {
		// Given a Hải Phòng licence of US$1,000,000
		String code = "3000007332";
		Licensed licence = SampleEvents.fdiLicence(code, "31", Money.usd("1000000"));
		try (LicensingEventPublisher haiPhong = publisher("31")) {
			haiPhong.publish(licence);
		}
		await().atMost(Duration.ofSeconds(90))
			.untilAsserted(() -> assertThat(
					probe.figure("province", Map.of("province", "31"), "all", "FDI").get("newProjects").asLong())
				.isEqualTo(1));

		// When Quảng Ninh's system, naming its own province, terminates it through the
		// gateway, which knows the owner and refuses at once, naming it
		Terminated viaGateway = new Terminated(envelope(code, 2, "22"), TerminationReason.IRC_REVOKED, "2/QĐ");
		java.net.http.HttpResponse<String> refused = post(QUANG_NINH_KEY, "/api/v1/events",
				EventJson.toJson(viaGateway));
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
		assertThat(refused.body()).contains("belongs to unit 31 (Hải Phòng)");
		// and, where nothing can know beforehand, terminates it through its publisher,
		// adjusts it to zero, disburses through its backfill importer, and terminates it
		// again straight on its own topic
		Terminated terminated = new Terminated(envelope(code, 2, "22"), TerminationReason.IRC_REVOKED, "1/QĐ");
		CapitalAdjusted zero = new CapitalAdjusted(envelope(code, 2, "22"), InvestmentType.FDI, 1, "IRC-" + code,
				Money.usd("-1000000"), Money.usd("0"));
		Disbursed disbursed = new Disbursed(envelope(code, 2, "22"), InvestmentType.FDI, Money.usd("5"));
		Terminated raw = new Terminated(envelope(code, 3, "22"), TerminationReason.OTHER, null);
		try (LicensingEventPublisher quangNinh = publisher("22")) {
			quangNinh.publish(terminated);
			quangNinh.publish(zero);
		}
		Path rows = files.resolve("quang-ninh.ndjson");
		Files.writeString(rows, EventJson.toJson(disbursed) + "\n", StandardCharsets.UTF_8);
		new BackfillImporter(ImportSettings.parse(new String[] { "--input", rows.toString(), "--province", "22",
				"--bootstrap-servers", kafka.bootstrapServers(), "--topic-prefix", PREFIX, "--no-progress" }))
			.run();
		probe.sendRaw("22", null, code, EventJson.toBytes(raw));
		// and a licence naming Quảng Ninh is written to Hải Phòng's topic
		Licensed misfiled = SampleEvents.fdiLicence("QN-MISFILED", "22", Money.usd("7"));
		probe.sendRaw("31", null, misfiled.key(), EventJson.toBytes(misfiled));
		probe.awaitSettled();

		// Then every one of Quảng Ninh's writes is refused, named to it, and the
		// misfiled licence is refused to Hải Phòng
		assertThat(probe.rejections("22")).extracting(Rejection::reason, Rejection::eventId)
			.containsExactlyInAnyOrder(
					org.assertj.core.groups.Tuple.tuple(RejectionReason.FOREIGN_PROJECT,
							terminated.envelope().eventId().toString()),
					org.assertj.core.groups.Tuple.tuple(RejectionReason.FOREIGN_PROJECT,
							zero.envelope().eventId().toString()),
					org.assertj.core.groups.Tuple.tuple(RejectionReason.FOREIGN_PROJECT,
							disbursed.envelope().eventId().toString()),
					org.assertj.core.groups.Tuple.tuple(RejectionReason.FOREIGN_PROJECT,
							raw.envelope().eventId().toString()));
		assertThat(probe.rejections("22"))
			.allSatisfy((rejection) -> assertThat(rejection.message()).contains("belongs to unit 31 (Hải Phòng)"));
		assertThat(probe.rejections("31")).extracting(Rejection::reason)
			.containsExactly(RejectionReason.FOREIGN_PROVINCE);
		// and Quảng Ninh's system can read its own refusals back through the gateway,
		// while Hải Phòng's key sees only its own
		JsonNode listed = EventJson.mapper()
			.readTree(get(QUANG_NINH_KEY, "/api/v1/rejections?limit=1000").body())
			.get("rejections");
		assertThat(listed.valueStream().map((r) -> r.get("reason").asString())).hasSize(4)
			.containsOnly("FOREIGN_PROJECT");
		assertThat(listed.valueStream().map((r) -> r.get("eventId").asString()))
			.contains(raw.envelope().eventId().toString());
		JsonNode own = EventJson.mapper()
			.readTree(get(HAI_PHONG_KEY, "/api/v1/rejections?limit=1000").body())
			.get("rejections");
		assertThat(own.valueStream().map((r) -> r.get("reason").asString())).containsExactly("FOREIGN_PROVINCE");
		// and Hải Phòng's project, its figures and its history are as it left them
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode figure = probe.figure("province", Map.of("province", "31"), "all", "FDI");
			assertThat(figure.get("newProjects").asLong()).isEqualTo(1);
			assertThat(figure.get("newCapital").get("minorUnits").asLong()).isEqualTo(100_000_000L);
			assertThat(figure.get("adjustments").asLong()).isZero();
			assertThat(figure.get("realisedCapital").get("minorUnits").asLong()).isZero();
			JsonNode stock = probe
				.getJson(services.processorUrl() + "/api/totals/stock?cuboid=province&province=31&type=FDI");
			assertThat(stock.get("validProjects").asLong()).isEqualTo(1);
			assertThat(stock.get("registeredCapital").get("minorUnits").asLong()).isEqualTo(100_000_000L);
			JsonNode project = probe.getJson(services.consoleUrl() + "/api/search/projects/" + code);
			assertThat(project.get("status").asString()).isEqualTo("valid");
			assertThat(project.get("revision").asLong()).isEqualTo(1);
			assertThat(project.get("ownerUnit").asString()).isEqualTo("31");
			JsonNode history = probe.getJson(services.consoleUrl() + "/api/search/projects/" + code + "/history");
			assertThat(history.get("events")).hasSize(1);
		});
		assertThat(probe.figure("province", Map.of("province", "22"), "all", "FDI").get("newProjects").asLong())
			.isZero();
		assertThat(probe.streamsState()).isEqualTo("RUNNING");
	}

	@Test
	void shouldRefuseEveryPoisonWithItsReasonAndCountOnlyTheValidEvents() throws Exception {
		// Given two valid Hưng Yên licences, written straight to its topic
		Licensed first = SampleEvents.fdiLicence("HY-V1", "33", Money.usd("5000000.25"));
		Licensed second = SampleEvents.fdiLicence("HY-V2", "33", Money.usd("7000000"));
		probe.sendRaw("33", null, first.key(), EventJson.toBytes(first));
		probe.sendRaw("33", null, second.key(), EventJson.toBytes(second));

		// When, among them, every kind of poison arrives on the same topic
		Licensed huge1 = SampleEvents.fdiLicence("HY-HUGE-1", "33",
				new Money(9_000_000_000_000_000_000L, vn.investledger.events.Currency.USD));
		Licensed huge2 = SampleEvents.fdiLicence("HY-HUGE-2", "33",
				new Money(9_000_000_000_000_000_000L, vn.investledger.events.Currency.USD));
		Disbursed farRevision = new Disbursed(envelope("HY-V1", 300_002, "33"), InvestmentType.FDI, Money.usd("1"));
		Disbursed ahead = new Disbursed(envelope("HY-V2", 150, "33"), InvestmentType.FDI, Money.usd("1"));
		Licensed longCode = SampleEvents.withEnvelope(first, new EventEnvelope(1, UUID.randomUUID(), "H".repeat(20_000),
				1L, "33", LocalDate.of(2024, 3, 15), Instant.now()));
		Licensed farFuture = SampleEvents.withEnvelope(SampleEvents.fdiLicence("HY-9999", "33", Money.usd("1")),
				new EventEnvelope(1, UUID.randomUUID(), "HY-9999", 1L, "33", LocalDate.of(9999, 1, 1), Instant.now()));
		Licensed emittedLate = SampleEvents.withEnvelope(SampleEvents.fdiLicence("HY-EMIT", "33", Money.usd("1")),
				new EventEnvelope(1, UUID.randomUUID(), "HY-EMIT", 1L, "33", LocalDate.of(2024, 3, 15),
						Instant.parse("9999-01-01T00:00:00Z")));
		Licensed copy = new Licensed(first.envelope(), first.investmentType(), first.projectName(), first.ircNumber(),
				first.enterpriseCode(), first.investors(), first.zoneCode(), first.sector(), Money.usd("999999999"),
				first.landAreaHa(), first.plannedEmployment(), first.durationYears());
		Licensed misplaced = SampleEvents.fdiLicence("HY-MISPLACED", "33", Money.usd("3"));
		int wrongPartition = (PlatformProbe.partitionOf(misplaced.key()) + 1) % 6;
		byte[] oversized = new byte[512 * 1024];
		java.util.Arrays.fill(oversized, (byte) '{');

		probe.sendRaw("33", null, huge1.key(), EventJson.toBytes(huge1));
		probe.sendRaw("33", null, huge2.key(), EventJson.toBytes(huge2));
		probe.sendRaw("33", null, farRevision.key(), EventJson.toBytes(farRevision));
		probe.sendRaw("33", null, longCode.key(), EventJson.toBytes(longCode));
		probe.sendRaw("33", null, farFuture.key(), EventJson.toBytes(farFuture));
		probe.sendRaw("33", null, emittedLate.key(), EventJson.toBytes(emittedLate));
		probe.sendRaw("33", null, copy.key(), EventJson.toBytes(copy));
		probe.sendRaw("33", wrongPartition, misplaced.key(), EventJson.toBytes(misplaced));
		probe.sendRaw("33", null, "HY-BIG", oversized);
		probe.sendRaw("33", null, "HY-NULL", null);
		probe.sendRaw("33", null, "HY-GARBAGE", "{\"kind\":\"licensed\",".getBytes(StandardCharsets.UTF_8));
		probe.sendRaw("33", null, "HY-OTHER-KEY",
				EventJson.toBytes(SampleEvents.fdiLicence("HY-K", "33", Money.usd("1"))));
		probe.awaitSettled();
		probe.sendRaw("33", null, ahead.key(), EventJson.toBytes(ahead));
		probe.awaitSettled();

		// Then each is refused with its reason, to Hưng Yên
		assertThat(probe.rejections("33")).extracting(Rejection::reason)
			.containsExactlyInAnyOrder(RejectionReason.INVALID, RejectionReason.INVALID, RejectionReason.INVALID,
					RejectionReason.INVALID, RejectionReason.INVALID, RejectionReason.INVALID, RejectionReason.CONFLICT,
					RejectionReason.MISPLACED, RejectionReason.TOO_LARGE, RejectionReason.MALFORMED,
					RejectionReason.MALFORMED, RejectionReason.KEY_MISMATCH, RejectionReason.REVISION_TOO_FAR);
		assertThat(probe.rejections("33")).allSatisfy((rejection) -> assertThat(rejection.message()).isNotBlank());
		// and only the two valid licences count, exactly, in the processor and in the
		// index
		long expected = 500_000_025L + 700_000_000L;
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode figure = probe.figure("province", Map.of("province", "33"), "all", "FDI");
			assertThat(figure.get("newProjects").asLong()).isEqualTo(2);
			assertThat(figure.get("newCapital").get("minorUnits").asLong()).isEqualTo(expected);
			assertThat(figure.get("newestEventAt").asString())
				.startsWith(Integer.toString(Instant.now().atZone(java.time.ZoneOffset.UTC).getYear()));
			JsonNode indexed = probe
				.getJson(services.consoleUrl() + "/api/search/totals?cuboid=province&province=33&period=all&type=FDI");
			assertThat(indexed.get("newCapital").get("minorUnits").asLong()).isEqualTo(expected);
			JsonNode projects = probe.getJson(services.consoleUrl() + "/api/search/projects?province=33&size=50");
			assertThat(projects.get("projects").valueStream().map((p) -> p.get("projectCode").asString()))
				.containsExactlyInAnyOrder("HY-V1", "HY-V2");
			JsonNode history = probe.getJson(services.consoleUrl() + "/api/search/projects/HY-V1/history");
			assertThat(history.get("events")).hasSize(1);
			assertThat(history.get("events").get(0).get("amount").get("minorUnits").asLong()).isEqualTo(500_000_025L);
		});
		assertThat(probe.streamsState()).isEqualTo("RUNNING");
	}

	@Test
	void shouldLeaveTheLicensingUnitHalfTheWaitingPlacesAnotherUnitFilledFirst() throws Exception {
		// Given Hà Nội's system writing, straight on its topic and naming its own
		// province, 16 later revisions of a code Hồ Chí Minh City has not licensed yet:
		// every waiting place of the project
		String code = "HCM-" + UUID.randomUUID();
		for (int revision = 2; revision < 18; revision++) {
			Disbursed hostile = new Disbursed(envelope(code, revision, "01"), InvestmentType.FDI, Money.usd("1000"));
			probe.sendRaw("01", null, code, EventJson.toBytes(hostile));
		}
		probe.awaitSettled();
		// When Hồ Chí Minh City's own events arrive out of order, nine before its
		// licence, then the licence and its second revision
		List<Disbursed> early = new java.util.ArrayList<>();
		for (int revision = 3; revision < 12; revision++) {
			Disbursed event = new Disbursed(envelope(code, revision, "79"), InvestmentType.FDI, Money.usd("5"));
			early.add(event);
			probe.sendRaw("79", null, code, EventJson.toBytes(event));
		}
		probe.awaitSettled();
		Licensed licence = SampleEvents.fdiLicence(code, "79", Money.usd("1000"));
		Disbursed second = new Disbursed(envelope(code, 2, "79"), InvestmentType.FDI, Money.usd("5"));
		probe.sendRaw("79", null, code, EventJson.toBytes(licence));
		probe.sendRaw("79", null, code, EventJson.toBytes(second));
		probe.awaitSettled();

		// Then eight of them took a place each from Hà Nội's latest revisions, the
		// ninth waited its turn and was refused, and the rest of Hà Nội's were refused
		// once the licence made the project Hồ Chí Minh City's
		assertThat(probe.rejections("01")).extracting(Rejection::reason)
			.containsExactlyInAnyOrder(java.util.stream.Stream
				.concat(java.util.Collections.nCopies(8, RejectionReason.TOO_MANY_HELD).stream(),
						java.util.Collections.nCopies(8, RejectionReason.FOREIGN_PROJECT).stream())
				.toArray(RejectionReason[]::new));
		assertThat(probe.rejections("79")).singleElement().satisfies((rejection) -> {
			assertThat(rejection.reason()).isEqualTo(RejectionReason.TOO_MANY_HELD);
			assertThat(rejection.eventId()).isEqualTo(early.get(8).envelope().eventId().toString());
			assertThat(rejection.message()).contains("shared fairly");
		});
		// and the project counts its licence and revisions 2 to 10, in its own
		// province alone
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode figure = probe.figure("province", Map.of("province", "79"), "all", "FDI");
			assertThat(figure.get("newProjects").asLong()).isEqualTo(1);
			assertThat(figure.get("realisedCapital").get("minorUnits").asLong()).isEqualTo(9 * 500L);
			JsonNode project = probe.getJson(services.consoleUrl() + "/api/search/projects/" + code);
			assertThat(project.get("revision").asLong()).isEqualTo(10);
			assertThat(project.get("ownerUnit").asString()).isEqualTo("79");
		});
		JsonNode hanoi = probe.figure("province", Map.of("province", "01"), "all", "FDI");
		assertThat(hanoi.get("newProjects").asLong()).isZero();
		assertThat(hanoi.get("realisedCapital").get("minorUnits").asLong()).isZero();
		assertThat(probe.streamsState()).isEqualTo("RUNNING");
	}

	private static EventEnvelope envelope(String code, long revision, String province) {
		return new EventEnvelope(1, UUID.randomUUID(), code, revision, province, LocalDate.of(2024, 6, 1),
				Instant.now());
	}

	private static java.net.http.HttpResponse<String> post(String key, String path, String body) throws Exception {
		return java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(services.gatewayUrl() + path))
				.header("Content-Type", "application/json")
				.header("X-API-Key", key)
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private static java.net.http.HttpResponse<String> get(String key, String path) throws Exception {
		// a 503 is the gateway's answer while Kafka is slow to give a topic's records
		// (README: asked again later), as a busy machine may be: asked again, as a
		// province's system would
		java.util.concurrent.atomic.AtomicReference<java.net.http.HttpResponse<String>> answer = new java.util.concurrent.atomic.AtomicReference<>();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
			answer.set(java.net.http.HttpClient.newHttpClient()
				.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(services.gatewayUrl() + path))
					.header("X-API-Key", key)
					.GET()
					.build(), java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
			return answer.get().statusCode() != 503;
		});
		java.net.http.HttpResponse<String> response = answer.get();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response;
	}

	private static LicensingEventPublisher publisher(String province) {
		return LicensingEventPublisher
			.create(PublisherSettings.of(kafka.bootstrapServers(), province).withTopicPrefix(PREFIX));
	}

}
