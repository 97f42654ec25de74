package vn.investledger.producers.gateway;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.investledger.access.MetricsScraper;
import vn.investledger.events.EventEnvelope;
import vn.investledger.events.Currency;
import vn.investledger.events.EventJson;
import vn.investledger.events.EventValidator;
import vn.investledger.events.Investor;
import vn.investledger.events.Licensed;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Limits;
import vn.investledger.events.Money;
import vn.investledger.events.Rejection;
import vn.investledger.events.RejectionReason;
import vn.investledger.events.Sector;
import vn.investledger.testsupport.ProjectLife;
import vn.investledger.testsupport.RealServers;
import vn.investledger.testsupport.Records;
import vn.investledger.testsupport.SampleEvents;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.config.name=gateway")
@ExtendWith(RealServers.class)
class GatewayTests {

	private static final String PREFIX = "gw" + UUID.randomUUID().toString().substring(0, 8);

	private static final String HAI_PHONG_KEY = "hai-phong-test-key-" + UUID.randomUUID();

	private static final String HUNG_YEN_KEY = "hung-yen-test-key-" + UUID.randomUUID();

	private static final String QUANG_NINH_KEY = "quang-ninh-test-key-" + UUID.randomUUID();

	private static final String SCRAPER_PASSWORD = "scraper-test-password-" + UUID.randomUUID();

	/** "Ã(": a lead byte whose continuation is not one. */
	private static final byte[] NOT_UTF8 = { (byte) 0xC3, (byte) 0x28, 'x' };

	private static final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		GatewaySettings.register(registry, PREFIX, "31", HAI_PHONG_KEY, "33", HUNG_YEN_KEY, "22", QUANG_NINH_KEY);
		registry.add("investledger.metrics-scraper.sha256", () -> MetricsScraper.sha256Hex(SCRAPER_PASSWORD));
	}

	@Nested
	class Single {

		@Test
		void shouldPublishAValidEventToTheProvinceTopicAndSayWhere() throws Exception {
			Licensed licence = SampleEvents.fdiLicence("SINGLE-" + UUID.randomUUID(), "31", Money.usd("1000000000.50"));

			HttpResponse<String> response = post("/api/v1/events", HAI_PHONG_KEY, EventJson.toJson(licence));

			assertThat(response.statusCode()).isEqualTo(202);
			JsonNode result = json(response);
			assertThat(result.get("status").asString()).isEqualTo("ACCEPTED");
			assertThat(result.get("eventId").asString()).isEqualTo(licence.envelope().eventId().toString());
			assertThat(result.get("topic").asString()).isEqualTo(PREFIX + ".events.31");
			assertThat(published("31")).filteredOn((r) -> r.key().equals(licence.key()))
				.singleElement()
				.satisfies((r) -> assertThat(EventJson.read(r.value())).isEqualTo(licence));
		}

		@Test
		void shouldAcceptEveryKind() throws Exception {
			for (LicensingEvent event : ProjectLife.of("LIFE-" + UUID.randomUUID(), "31")) {
				assertThat(post("/api/v1/events", HAI_PHONG_KEY, EventJson.toJson(event)).statusCode())
					.as("%s", event.kind())
					.isEqualTo(202);
			}
		}

		@Test
		void shouldPublishAnAbsorbedUnitsEventToTheAbsorbingProvinceTopic() throws Exception {
			Licensed haiDuong = SampleEvents.fdiLicence("HD-" + UUID.randomUUID(), "30", Money.usd("680000000"));

			HttpResponse<String> response = post("/api/v1/events", HAI_PHONG_KEY, EventJson.toJson(haiDuong));

			assertThat(response.statusCode()).isEqualTo(202);
			assertThat(json(response).get("topic").asString()).isEqualTo(PREFIX + ".events.31");
		}

		@ParameterizedTest
		@ValueSource(strings = { "/api/v1/events?dryRun=true", "/api/v1/events/batch?validateOnly" })
		void shouldRefuseAQueryParameterRatherThanPublishAsIfItWereHonoured(String path) throws Exception {
			// a client that believes it only checks its event must not publish it
			String projectCode = "DRY-" + UUID.randomUUID();
			Licensed licence = SampleEvents.fdiLicence(projectCode, "33", Money.usd("5000000"));
			String body = path.contains("batch") ? "[" + EventJson.toJson(licence) + "]" : EventJson.toJson(licence);

			HttpResponse<String> response = post(path, HUNG_YEN_KEY, body);

			assertProblem(response, 400, "is not a parameter of POST " + path.substring(0, path.indexOf('?')));
			assertNothingPublishedOf("33", HUNG_YEN_KEY, projectCode);
		}

		@ParameterizedTest
		@ValueSource(strings = { "UTF-16LE", "UTF-16BE", "UTF-16", "UTF-32LE" })
		void shouldRefuseAnEventInAnotherEncodingThanUtf8With400AndPublishNothing(String encoding) throws Exception {
			// PowerShell 5's Out-File writes UTF-16 with a byte order mark ("UTF-16")
			String projectCode = "UTF16-" + UUID.randomUUID();
			Licensed licence = SampleEvents.fdiLicence(projectCode, "33", Money.usd("5000000"));
			Charset charset = Charset.forName(encoding);

			for (String path : List.of("/api/v1/events", "/api/v1/events/batch")) {
				String body = path.endsWith("batch") ? "[" + EventJson.toJson(licence) + "]"
						: EventJson.toJson(licence);
				HttpResponse<String> response = postBytes(path, HUNG_YEN_KEY, body.getBytes(charset));

				assertProblem(response, 400, "must be UTF-8");
			}
			assertNothingPublishedOf("33", HUNG_YEN_KEY, projectCode);
		}

		@Test
		void shouldRefuseAnOverlongFormOfALetterWith400AndPublishNothing() throws Exception {
			// the U of USD as C1 95: a lenient parser reads USD, while the text kept of
			// the event would hold replacement characters
			String projectCode = "OVERLONG-" + UUID.randomUUID();
			byte[] json = EventJson.toBytes(SampleEvents.fdiLicence(projectCode, "33", Money.usd("5000000")));
			int at = new String(json, StandardCharsets.ISO_8859_1).indexOf("\"USD\"") + 1;
			ByteArrayOutputStream spoiled = new ByteArrayOutputStream();
			spoiled.write(json, 0, at);
			spoiled.write(new byte[] { (byte) 0xC1, (byte) 0x95 });
			spoiled.write(json, at + 1, json.length - at - 1);

			for (String path : List.of("/api/v1/events", "/api/v1/events/batch")) {
				ByteArrayOutputStream body = new ByteArrayOutputStream();
				body.writeBytes(path.endsWith("batch") ? new byte[] { '[' } : new byte[0]);
				body.writeBytes(spoiled.toByteArray());
				body.writeBytes(path.endsWith("batch") ? new byte[] { ']' } : new byte[0]);
				HttpResponse<String> response = postBytes(path, HUNG_YEN_KEY, body.toByteArray());

				assertProblem(response, 400, "are not UTF-8 at byte");
			}
			assertNothingPublishedOf("33", HUNG_YEN_KEY, projectCode);
		}

		@Test
		void shouldRefuseAFieldTheContractDoesNotKnowWith422NamingItAndPublishNothing() throws Exception {
			// a zone written as zone_code: read as absent, the project would be outside
			// any zone, missing from its zone's figures
			String projectCode = "MISSPELT-" + UUID.randomUUID();
			String json = EventJson.toJson(SampleEvents.fdiLicence(projectCode, "33", Money.usd("5000000")))
				.replaceFirst("\\{", "{\"zone_code\":\"HY-PHO-NOI-A\",");

			HttpResponse<String> response = post("/api/v1/events", HUNG_YEN_KEY, json);

			assertProblem(response, 422, "zone_code");
			assertThat(json(response).get("violations").valueStream())
				.anySatisfy((violation) -> assertThat(violation.get("reason").asString())
					.contains("not a field of the contract"));
			assertNothingPublishedOf("33", HUNG_YEN_KEY, projectCode);
		}

		@Test
		void shouldRefuseAnotherProvincesEventWith403AndPublishNothing() throws Exception {
			String projectCode = "FOREIGN-" + UUID.randomUUID();
			Licensed haiPhong = SampleEvents.fdiLicence(projectCode, "31", Money.usd("5000000"));

			HttpResponse<String> response = post("/api/v1/events", HUNG_YEN_KEY, EventJson.toJson(haiPhong));

			assertProblem(response, 403, "province 33");
			assertNothingPublishedOf("33", HUNG_YEN_KEY, projectCode);
			assertThat(published("31")).extracting(ConsumerRecord::key).doesNotContain(projectCode);
		}

		@ParameterizedTest(name = "{0}")
		@CsvSource({
				// each is refused now, as the ledger would refuse it on receipt
				"emitted in 9999, envelope.emittedAt", "effective in 9999, envelope.effectiveDate",
				"a 20000-character project code, envelope.projectCode",
				"9000000000000000000 cents, registeredCapital.minorUnits" })
		void shouldAnswerWhatTheLedgerWouldRefuseNowWith422NamingTheViolation(String what, String field)
				throws Exception {
			Licensed licence = SampleEvents.fdiLicence("NOW-" + UUID.randomUUID(), "31", Money.usd("5000000"));
			EventEnvelope e = licence.envelope();
			Licensed refused = switch (what) {
				case "emitted in 9999" ->
					SampleEvents.withEnvelope(licence, new EventEnvelope(e.schemaVersion(), e.eventId(),
							e.projectCode(), 1L, "31", e.effectiveDate(), Instant.parse("9999-01-01T00:00:00Z")));
				case "effective in 9999" -> SampleEvents.withEnvelope(licence, new EventEnvelope(e.schemaVersion(),
						e.eventId(), e.projectCode(), 1L, "31", LocalDate.of(9999, 12, 31), e.emittedAt()));
				case "a 20000-character project code" ->
					SampleEvents.withEnvelope(licence, new EventEnvelope(e.schemaVersion(), e.eventId(),
							"7".repeat(20_000), 1L, "31", e.effectiveDate(), e.emittedAt()));
				default -> withCapital(licence, new Money(9_000_000_000_000_000_000L, Currency.USD));
			};

			HttpResponse<String> response = post("/api/v1/events", HAI_PHONG_KEY, EventJson.toJson(refused));

			assertProblem(response, 422, field);
			assertThat(json(response).get("violations").valueStream().map((v) -> v.get("field").asString()))
				.containsExactly(field);
		}

		@Test
		void shouldRefuseAnEventOverTheSizeLimitWith413BeforeReadingIt() throws Exception {
			// a 2 MB name: were it read, the JSON reader's own bound would answer instead
			String projectCode = "HUGE-" + UUID.randomUUID();
			String huge = EventJson.toJson(SampleEvents.fdiLicence(projectCode, "31", Money.usd("5")))
				.replace("\"projectName\":\"", "\"projectName\":\"" + "Đ".repeat(1_000_000));

			HttpResponse<String> response = post("/api/v1/events", HAI_PHONG_KEY, huge);

			assertProblem(response, 413, "at most " + Limits.MAX_EVENT_BYTES + " bytes");
			assertThat(json(response).get("maxEventBytes").asInt()).isEqualTo(Limits.MAX_EVENT_BYTES);
			assertNothingPublishedOf("31", HAI_PHONG_KEY, projectCode);
		}

		@Test
		void shouldRefuseAnEventOfNoStatedLengthWith413AsSoonAsItPassesTheSizeLimit() throws Exception {
			// Given an event sent in chunks, of no stated length: 40,000 bytes of it
			// sent,
			// the rest held back
			String chunk = "{\"kind\":\"licensed\",\"projectName\":\"" + "Đình Vũ ".repeat(4000);
			byte[] sent = chunk.getBytes(StandardCharsets.UTF_8);
			assertThat(sent.length).isGreaterThan(Limits.MAX_EVENT_BYTES);
			try (Socket socket = new Socket("127.0.0.1", GatewayTests.this.port)) {
				socket.setSoTimeout(30_000);
				OutputStream out = socket.getOutputStream();
				out.write(("POST /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + HAI_PHONG_KEY
						+ "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
						+ Integer.toHexString(sent.length) + "\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				out.write(sent);
				out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();

				// When the gateway answers, without the rest
				BufferedReader in = new BufferedReader(
						new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
				String status = in.readLine();
				String detail = in.lines().filter((line) -> line.contains("\"detail\"")).findFirst().orElseThrow();

				// Then it is refused as too large, having read no more than the limit
				assertThat(status).startsWith("HTTP/1.1 413");
				assertThat(detail).contains(
						"An event is at most " + Limits.MAX_EVENT_BYTES + " bytes of UTF-8 JSON, this one is longer",
						"\"maxEventBytes\":" + Limits.MAX_EVENT_BYTES);
			}
		}

		@Test
		void shouldTakeAnEventOfExactlyTheSizeLimitAndRefuseOneByteMore() throws Exception {
			// the limit is on the bytes as sent, which are published as they are
			Licensed licence = SampleEvents.fdiLicence("EDGE-" + UUID.randomUUID(), "31", Money.usd("5"));
			String event = EventJson.toJson(licence);
			String atLimit = event + " ".repeat(Limits.MAX_EVENT_BYTES - event.getBytes(StandardCharsets.UTF_8).length);

			assertThat(post("/api/v1/events", HAI_PHONG_KEY, atLimit).statusCode()).isEqualTo(202);
			assertProblem(post("/api/v1/events", HAI_PHONG_KEY, atLimit + " "), 413,
					"this one is " + (Limits.MAX_EVENT_BYTES + 1));
			assertThat(published("31")).filteredOn((r) -> r.key().equals(licence.key()))
				.singleElement()
				.satisfies((r) -> assertThat(r.value()).hasSize(Limits.MAX_EVENT_BYTES));
		}

		@Test
		void shouldJudgeTheSectorByTheVsicEditionOfTheEffectiveDate() throws Exception {
			// software, division 62: in K of VSIC 2025 (from 15 November 2025), in J of
			// VSIC 2018 before, when K was finance (64-66)
			Licensed vsic2025 = software("SW-" + UUID.randomUUID(), LocalDate.of(2025, 12, 1));
			Licensed vsic2018 = software("SW-" + UUID.randomUUID(), LocalDate.of(2025, 11, 1));

			assertThat(post("/api/v1/events", HAI_PHONG_KEY, EventJson.toJson(vsic2025)).statusCode()).isEqualTo(202);
			HttpResponse<String> refused = post("/api/v1/events", HAI_PHONG_KEY, EventJson.toJson(vsic2018));
			assertProblem(refused, 422, "sector.division");
			assertThat(json(refused).get("violations").get(0).get("reason").asString())
				.isEqualTo("section K of VSIC 2018, the edition in force on 2025-11-01, is divisions 64–66; "
						+ "62 is in section J");
		}

		private static Licensed software(String code, LocalDate date) {
			Licensed l = SampleEvents.fdiLicence(code, "31", Money.usd("5000000"));
			return new Licensed(SampleEvents.envelope(code, 1, "31", date), l.investmentType(),
					"Trung tâm phát triển phần mềm " + code, l.ircNumber(), l.enterpriseCode(), l.investors(),
					l.zoneCode(), new Sector("K", "62"), l.registeredCapital(), null, null, null);
		}

		@Test
		void shouldAnswerAnInvalidEventWith422AndItsViolations() throws Exception {
			Licensed licence = SampleEvents.fdiLicence("INVALID-1", "31", Money.usd("5"));
			Licensed invalid = SampleEvents.withEnvelope(licence, new EventEnvelope(1, UUID.randomUUID(), " ", 0L, "31",
					licence.envelope().effectiveDate(), licence.envelope().emittedAt()));

			HttpResponse<String> response = post("/api/v1/events", HAI_PHONG_KEY, EventJson.toJson(invalid));

			assertProblem(response, 422, "envelope.revision");
			assertThat(json(response).get("violations").valueStream().map((v) -> v.get("field").asString()))
				.containsExactly("envelope.projectCode", "envelope.revision");
		}

	}

	@Nested
	class Authentication {

		@Test
		void shouldAnswerAMissingKeyWith401() throws Exception {
			String event = EventJson.toJson(SampleEvents.fdiLicence("NOKEY", "31", Money.usd("5")));

			assertProblem(post("/api/v1/events", null, event), 401, "X-API-Key");
			assertProblem(post("/api/v1/events", "not-a-key", event), 401, "X-API-Key");
		}

		@ParameterizedTest
		@ValueSource(strings = { "PUT", "PATCH", "DELETE" })
		void shouldAnswerAFormBodyWithoutAKeyBeforeReadingIt(String method) throws Exception {
			// Given a request that states a body of 1 GiB in a form's content type and
			// sends 10 bytes of it: a filter reading forms before sign-in would wait for
			// all of it and hold it in memory
			try (Socket socket = new Socket("127.0.0.1", GatewayTests.this.port)) {
				socket.setSoTimeout(10_000);
				OutputStream out = socket.getOutputStream();
				out.write((method + " /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
						+ "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1073741824\r\n\r\n"
						+ "a=aaaaaaaa")
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();

				// When the gateway answers, without the rest
				String status = new BufferedReader(
						new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
					.readLine();

				// Then it refuses the request for its missing key, having read none of it
				assertThat(status).startsWith("HTTP/1.1 401");
			}
		}

		@Test
		void shouldServeTheSchemasWithoutAKey() throws Exception {
			HttpResponse<String> schema = get("/api/v1/schemas/capital-adjusted.schema.json");

			assertThat(schema.statusCode()).isEqualTo(200);
			assertThat(schema.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/schema+json"));
			assertThat(json(schema).get("$id").asString()).endsWith("/capital-adjusted.schema.json");
			assertThat(get("/api/v1/schemas/../application.yml").statusCode()).isIn(400, 404);
		}

		@Test
		void shouldServeEverySchemaTheValidatorCompilesAsItIs() throws Exception {
			JsonNode list = json(get("/api/v1/schemas"));

			assertThat(list.valueStream().map(JsonNode::asString))
				.containsExactlyElementsOf(EventValidator.schemaNames()
					.stream()
					.map((name) -> "/api/v1/schemas/" + name + ".schema.json")
					.toList());
			for (String name : EventValidator.schemaNames()) {
				byte[] compiled;
				try (var in = EventValidator.class.getResourceAsStream("/schemas/" + name + ".schema.json")) {
					compiled = in.readAllBytes();
				}
				assertThat(get("/api/v1/schemas/" + name + ".schema.json").body())
					.isEqualTo(new String(compiled, StandardCharsets.UTF_8));
			}
		}

		@Test
		void shouldServeTheMetricsToTheMetricsScraperOnly() throws Exception {
			HttpResponse<String> scraper = scrape("prometheus", SCRAPER_PASSWORD);

			assertThat(scraper.statusCode()).as(scraper.body()).isEqualTo(200);
			assertThat(scraper.body()).contains("jvm_memory_used_bytes");
			// anonymous, a wrong password, another name, a province's key: a Basic
			// challenge
			for (HttpResponse<String> refused : List.of(get("/actuator/prometheus"),
					scrape("prometheus", SCRAPER_PASSWORD + "x"), scrape("admin", SCRAPER_PASSWORD),
					get("/actuator/prometheus", HAI_PHONG_KEY))) {
				assertThat(refused.statusCode()).isEqualTo(401);
				assertThat(refused.headers().firstValue("WWW-Authenticate"))
					.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Basic realm=\"metrics\""));
			}
			// the scraper's account opens nothing else
			HttpRequest publish = HttpRequest.newBuilder(uri("/api/v1/events"))
				.header("Authorization", basic("prometheus", SCRAPER_PASSWORD))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{}"))
				.build();
			assertThat(http.send(publish, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
		}

		private HttpResponse<String> scrape(String name, String password) throws Exception {
			HttpRequest request = HttpRequest.newBuilder(uri("/actuator/prometheus"))
				.header("Authorization", basic(name, password))
				.build();
			return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}

		private static String basic(String name, String password) {
			return "Basic "
					+ Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
		}

		@Test
		void shouldServeTheOpenApiDocument() throws Exception {
			HttpResponse<String> api = get("/v3/api-docs");

			assertThat(api.statusCode()).isEqualTo(200);
			assertThat(json(api).get("paths").has("/api/v1/events/batch")).isTrue();
		}

	}

	@Nested
	class Batches {

		@Test
		void shouldPublishTheGoodEventsAndReportEachBadOne() throws Exception {
			String run = UUID.randomUUID().toString().substring(0, 8);
			Licensed good1 = SampleEvents.fdiLicence("B1-" + run, "31", Money.usd("10"));
			Licensed good2 = SampleEvents.ddiLicence("B2-" + run, "31", Money.vnd(265_000_000_000L));
			Licensed foreign = SampleEvents.fdiLicence("B3-" + run, "33", Money.usd("10"));
			String invalid = EventJson.toJson(good1).replace("\"revision\":1", "\"revision\":0");
			String body = "[" + String.join(",", EventJson.toJson(good1), "{\"kind\":\"merged\"}", invalid,
					EventJson.toJson(foreign), "42", EventJson.toJson(good2)) + "]";

			HttpResponse<String> response = post("/api/v1/events/batch", HAI_PHONG_KEY, body);

			assertThat(response.statusCode()).isEqualTo(202);
			JsonNode result = json(response);
			assertThat(result.get("accepted").asInt()).isEqualTo(2);
			assertThat(result.get("rejected").asInt()).isEqualTo(4);
			assertThat(result.get("results")
				.valueStream()
				.map((r) -> r.get("status").asString() + ":"
						+ (r.has("error") ? r.get("error").get("status").asInt() : 202)))
				.containsExactly("ACCEPTED:202", "REJECTED:400", "REJECTED:422", "REJECTED:403", "REJECTED:400",
						"ACCEPTED:202");
			assertThat(result.get("results").get(2).get("error").get("violations").get(0).get("field").asString())
				.isEqualTo("envelope.revision");
			assertThat(published("31")).extracting(ConsumerRecord::key)
				.filteredOn((key) -> key.endsWith(run))
				.containsExactlyInAnyOrder("B1-" + run, "B2-" + run);
		}

		@Test
		void shouldRefuseOnlyTheItemsOverTheSizeLimitOrUnreadable() throws Exception {
			String run = UUID.randomUUID().toString().substring(0, 8);
			Licensed good1 = SampleEvents.fdiLicence("S1-" + run, "31", Money.usd("10"));
			Licensed good2 = SampleEvents.fdiLicence("S2-" + run, "31", Money.usd("10"));
			Licensed hugeName = SampleEvents.fdiLicence("S3-" + run, "31", Money.usd("10"));
			String hugeItem = EventJson.toJson(hugeName)
				.replace("\"projectName\":\"", "\"projectName\":\"" + "x".repeat(2_000_000));
			// valid by every rule but its size: 50 investors of 300 Korean characters
			String manyInvestors = EventJson
				.toJson(withInvestors(SampleEvents.fdiLicence("S4-" + run, "31", Money.usd("10")), 50));
			String longNumber = EventJson.toJson(SampleEvents.fdiLicence("S5-" + run, "31", Money.usd("10")))
				.replace("\"plannedEmployment\":800", "\"plannedEmployment\":" + "8".repeat(2_000));
			String body = "[" + String.join(",", EventJson.toJson(good1), hugeItem, manyInvestors, longNumber,
					"\"" + "t".repeat(100) + "\"", EventJson.toJson(good2)) + "]";
			assertThat(manyInvestors.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(Limits.MAX_EVENT_BYTES);

			HttpResponse<String> response = post("/api/v1/events/batch", HAI_PHONG_KEY, body);

			assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
			JsonNode results = json(response).get("results");
			assertThat(results.valueStream()
				.map((r) -> r.get("status").asString() + ":"
						+ (r.has("error") ? r.get("error").get("status").asInt() : 202)))
				.containsExactly("ACCEPTED:202", "REJECTED:413", "REJECTED:413", "REJECTED:400", "REJECTED:400",
						"ACCEPTED:202");
			assertThat(results.get(1).get("eventId").asString()).isEqualTo(hugeName.envelope().eventId().toString());
			assertThat(results.get(1).get("error").get("detail").asString())
				.contains("at most " + Limits.MAX_EVENT_BYTES + " bytes");
			assertThat(published("31")).extracting(ConsumerRecord::key)
				.filteredOn((key) -> key.endsWith(run))
				.containsExactlyInAnyOrder("S1-" + run, "S2-" + run);
		}

		@Test
		void shouldRefuseMoreThanTheBatchLimit() throws Exception {
			String one = EventJson.toJson(SampleEvents.fdiLicence("TOO-MANY", "31", Money.usd("1")));
			String body = IntStream.range(0, 1001).mapToObj((i) -> one).collect(Collectors.joining(",", "[", "]"));

			assertProblem(post("/api/v1/events/batch", HAI_PHONG_KEY, body), 413, "at most 1000 events");
		}

		@Test
		void shouldAcceptAThousandEvents() throws Exception {
			String run = UUID.randomUUID().toString().substring(0, 8);
			String body = IntStream.range(0, 1000)
				.mapToObj((i) -> EventJson.toJson(SampleEvents.fdiLicence("K" + i + "-" + run, "31", Money.usd("1"))))
				.collect(Collectors.joining(",", "[", "]"));

			JsonNode result = json(post("/api/v1/events/batch", HAI_PHONG_KEY, body));

			assertThat(result.get("accepted").asInt()).isEqualTo(1000);
		}

	}

	@Nested
	class Rejections {

		private static final Instant FIRST = Instant.parse("2026-11-02T01:00:00Z");

		@Test
		void shouldListTheUnitsRefusedRecordsNewestFirstPageByPage() throws Exception {
			// Given 250 committed rejections of Hải Phòng, one of a value that is not
			// UTF-8, and 5 in an aborted transaction among them
			List<Rejection> written = writeRejections("31", 250);

			// When its key lists them page by page
			List<JsonNode> listed = new ArrayList<>();
			String cursor = null;
			List<Integer> pageSizes = new ArrayList<>();
			do {
				JsonNode page = rejections(HAI_PHONG_KEY, (cursor != null) ? "?cursor=" + cursor : "");
				assertThat(page.get("unit").asString()).isEqualTo("31");
				assertThat(page.get("order").asString()).isEqualTo("newest-first");
				page.get("rejections").forEach(listed::add);
				pageSizes.add(page.get("rejections").size());
				cursor = page.has("next") ? page.get("next").asString() : null;
			}
			while (cursor != null);

			// Then every committed one is listed once, newest first, 100 a page
			assertThat(pageSizes).containsExactly(100, 100, 50);
			assertThat(listed).extracting((r) -> r.get("projectCode").asString())
				.containsExactlyElementsOf(written.reversed().stream().map(Rejection::projectCode).toList());
			// with its reason, source, time and the event as sent
			JsonNode newest = listed.get(0);
			Rejection last = written.getLast();
			assertThat(newest.get("reason").asString()).isEqualTo(last.reason().name());
			assertThat(newest.get("message").asString()).isEqualTo(last.message());
			assertThat(newest.get("eventId").asString()).isEqualTo(last.eventId());
			assertThat(newest.get("sourceTopic").asString()).isEqualTo(PREFIX + ".events.31");
			assertThat(newest.get("sourcePartition").asInt()).isEqualTo(last.sourcePartition());
			assertThat(newest.get("sourceOffset").asLong()).isEqualTo(last.sourceOffset());
			assertThat(newest.get("receivedAt").asString()).isEqualTo(last.receivedAt().toString());
			assertThat(newest.get("truncated").asBoolean()).isFalse();
			assertThat(newest.get("event").asString()).isEqualTo(eventText(last));
			assertThat(newest.has("eventBase64")).isFalse();
			// and the value that is not UTF-8 in base64
			JsonNode binary = listed.get(250 - 1 - 7);
			assertThat(binary.has("event")).isFalse();
			assertThat(Base64.getDecoder().decode(binary.get("eventBase64").asString())).isEqualTo(NOT_UTF8);
		}

		@Test
		void shouldListFromAnInstantOldestFirstAndGoOnFromTheCursor() throws Exception {
			List<Rejection> written = writeRejections("22", 250);
			String quangNinhKey = QUANG_NINH_KEY;

			JsonNode first = rejections(quangNinhKey, "?since=" + FIRST.plusSeconds(200) + "&limit=30");
			JsonNode second = rejections(quangNinhKey, "?cursor=" + first.get("next").asString() + "&limit=30");
			JsonNode third = rejections(quangNinhKey, "?cursor=" + second.get("next").asString());

			assertThat(first.get("order").asString()).isEqualTo("oldest-first");
			assertThat(first.get("rejections").valueStream().map((r) -> r.get("projectCode").asString()))
				.containsExactlyElementsOf(written.subList(200, 230).stream().map(Rejection::projectCode).toList());
			assertThat(second.get("rejections").valueStream().map((r) -> r.get("projectCode").asString()))
				.containsExactlyElementsOf(written.subList(230, 250).stream().map(Rejection::projectCode).toList());
			// nothing newer yet: the same cursor again, to ask later
			assertThat(third.get("rejections")).isEmpty();
			assertThat(third.get("next").asString()).isEqualTo(second.get("next").asString());
		}

		@Test
		void shouldShowAUnitOnlyItsOwnRejections() throws Exception {
			writeRejections("33", 3);

			JsonNode haiPhong = rejections(HAI_PHONG_KEY, "?limit=1000");
			JsonNode hungYen = rejections(HUNG_YEN_KEY, "?limit=1000");

			assertThat(hungYen.get("rejections").valueStream().map((r) -> r.get("sourceTopic").asString())).hasSize(3)
				.containsOnly(PREFIX + ".events.33");
			assertThat(haiPhong.get("rejections").valueStream().map((r) -> r.get("sourceTopic").asString()))
				.doesNotContain(PREFIX + ".events.33");
			// and no parameter names another unit: one that tries is refused, saying so,
			// rather than answered with its own rejections as if they were the other's
			HttpResponse<String> asked = get("/api/v1/rejections?unit=33&limit=1000", HAI_PHONG_KEY);
			assertThat(asked.statusCode()).isEqualTo(400);
			assertThat(json(asked).get("detail").asString())
				.isEqualTo("\"unit\" is not a parameter of GET /api/v1/rejections; it takes cursor, limit, since");
			assertThat(asked.body()).doesNotContain(PREFIX + ".events.33");
		}

		@ParameterizedTest
		@ValueSource(strings = { "?limit=0", "?limit=1001", "?limit=many", "?since=yesterday", "?cursor=42",
				"?cursor=older-x", "?limit=%2B5", "?limit=0x10", "?limit=%D9%A5", "?since=", "?cursor=",
				"?cursor=%20" })
		void shouldAnswerABadParameterWith400(String query) throws Exception {
			HttpResponse<String> response = get("/api/v1/rejections" + query, HAI_PHONG_KEY);

			assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		}

		@ParameterizedTest
		@ValueSource(strings = { "1969-12-31T00:00:00Z", "1970-01-01T00:00:00Z", "-300000000-01-01T00:00:00Z" })
		void shouldListEverythingForASinceBeforeTheLedgersTime(String since) throws Exception {
			// Kafka looks up no time before 1970, and no long holds -300,000,000's
			// milliseconds: these were 500s
			HttpResponse<String> response = get("/api/v1/rejections?since=" + since + "&limit=1000", HAI_PHONG_KEY);
			HttpResponse<String> fromTheStart = get("/api/v1/rejections?since=1987-12-28T17:00:00Z&limit=1000",
					HAI_PHONG_KEY);

			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			assertThat(json(response).get("rejections")).isEqualTo(json(fromTheStart).get("rejections"));
		}

		@ParameterizedTest
		@ValueSource(strings = { "%2B300000000-01-01T00:00:00Z", "2999-01-01T00:00:00Z" })
		void shouldListNothingYetForASinceFarAhead(String since) throws Exception {
			HttpResponse<String> response = get("/api/v1/rejections?since=" + since, HAI_PHONG_KEY);

			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			assertThat(json(response).get("rejections")).isEmpty();
		}

		@Test
		void shouldAnswerAMissingKeyWith401() throws Exception {
			assertProblem(get("/api/v1/rejections", null), 401, "X-API-Key");
		}

		private JsonNode rejections(String key, String query) throws Exception {
			HttpResponse<String> response = get("/api/v1/rejections" + query, key);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			return json(response);
		}

		/**
		 * Writes rejections as the processor does: in transactions, to the unit's topic
		 * of one partition, the 8th with a value that is not UTF-8, and an aborted
		 * transaction of 5 after the 100th.
		 */
		private List<Rejection> writeRejections(String unit, int count) throws Exception {
			String topic = PREFIX + ".rejections." + unit;
			try (Admin admin = Admin.create(Map.of("bootstrap.servers", RealServers.kafka().bootstrapServers()))) {
				admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
			}
			List<RejectionReason> reasons = List.of(RejectionReason.INVALID, RejectionReason.FOREIGN_PROJECT,
					RejectionReason.MALFORMED, RejectionReason.CONFLICT);
			List<Rejection> written = new ArrayList<>();
			try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
					RealServers.kafka().bootstrapServers(), "transactional.id", "rejections-" + UUID.randomUUID()),
					new ByteArraySerializer(), new ByteArraySerializer())) {
				producer.initTransactions();
				producer.beginTransaction();
				for (int i = 0; i < count; i++) {
					Instant received = FIRST.plusSeconds(i);
					Rejection rejection = new Rejection(reasons.get(i % reasons.size()), "reason number " + i,
							UUID.randomUUID().toString(), "R" + unit + "-" + i, unit, PREFIX + ".events." + unit, i % 6,
							1000L + i, received, false);
					written.add(rejection);
					byte[] value = (i == 7) ? NOT_UTF8 : eventText(rejection).getBytes(StandardCharsets.UTF_8);
					producer.send(new ProducerRecord<>(topic, null, received.toEpochMilli(),
							rejection.projectCode().getBytes(StandardCharsets.UTF_8), value, rejection.toHeaders()));
					if (i == 100) {
						producer.commitTransaction();
						producer.beginTransaction();
						for (int a = 0; a < 5; a++) {
							Rejection aborted = new Rejection(RejectionReason.INVALID, "aborted", null, "ABORTED-" + a,
									unit, PREFIX + ".events." + unit, 0, 0, received, false);
							producer.send(new ProducerRecord<>(topic, null, received.toEpochMilli(), null, NOT_UTF8,
									aborted.toHeaders()));
						}
						producer.flush();
						producer.abortTransaction();
						producer.beginTransaction();
					}
				}
				producer.commitTransaction();
			}
			return written;
		}

		private static String eventText(Rejection rejection) {
			return "{\"kind\":\"licensed\",\"envelope\":{\"projectCode\":\"" + rejection.projectCode()
					+ "\",\"note\":\"Khu kinh tế Đình Vũ – Cát Hải\"}}";
		}

	}

	@Nested
	class BadInput {

		@ParameterizedTest
		@ValueSource(strings = { "", "not json", "{", "[]", "null", "42", "\"text\"", "{}", "{\"kind\":\"licensed\"}",
				"{\"kind\":\"licensed\",\"envelope\":\"x\"}", "{\"kind\":null}",
				"{\"kind\":\"licensed\",\"envelope\":{\"revision\":\"one\"}}",
				"{\"kind\":\"disbursed\",\"amount\":{\"minorUnits\":1.5,\"currency\":\"USD\"}}",
				"{\"kind\":\"disbursed\",\"amount\":{\"minorUnits\":99999999999999999999999,\"currency\":\"USD\"}}",
				"{\"kind\":\"licensed\",\"envelope\":{\"effectiveDate\":\"2024-02-30\"}}",
				"{\"kind\":\"suspended\",\"envelope\":{\"schemaVersion\":1,\"eventId\":\"6f1c2a4e-3b1d-4c8e-9a55-0e4e2b7c9d10\","
						+ "\"projectCode\":\"FAR-1\",\"revision\":2,\"provinceCode\":\"31\",\"effectiveDate\":\"+999999999-12-31\","
						+ "\"emittedAt\":\"2024-01-01T00:00:00Z\"},\"reason\":\"x\",\"until\":\"+999999999-12-31\"}" })
		void shouldAnswerBadBodiesWith4xxProblemsNever500(String body) throws Exception {
			HttpResponse<String> single = post("/api/v1/events", HAI_PHONG_KEY, body);
			HttpResponse<String> batch = post("/api/v1/events/batch", HAI_PHONG_KEY, "[" + body + "]");

			assertThat(single.statusCode()).as("single %s: %s", body, single.body()).isBetween(400, 499);
			assertThat(single.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(batch.statusCode()).as("batch %s: %s", body, batch.body()).isBetween(202, 499);
		}

		@Test
		void shouldAnswerAWrongContentTypeWith415() throws Exception {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/v1/events"))
				.header("X-API-Key", HAI_PHONG_KEY)
				.header("Content-Type", "text/plain")
				.POST(HttpRequest.BodyPublishers.ofString("{}"))
				.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(response.statusCode()).isEqualTo(415);
		}

		/**
		 * A multipart body is refused 415, like any body that is not JSON (multipart
		 * parsing is off, so it is no longer read whole first; this test sees the 415
		 * only).
		 */
		@Test
		void shouldRefuseAMultipartBody() throws Exception {
			for (String path : List.of("/api/v1/events", "/api/v1/events/batch")) {
				String boundary = "----grenz";
				String part = "--" + boundary
						+ "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.json\"\r\n"
						+ "Content-Type: application/json\r\n\r\n{}\r\n--" + boundary + "--\r\n";
				HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path))
					.header("X-API-Key", HAI_PHONG_KEY)
					.header("Content-Type", "multipart/form-data; boundary=" + boundary)
					.POST(HttpRequest.BodyPublishers.ofString(part))
					.build(), HttpResponse.BodyHandlers.ofString());

				assertThat(response.statusCode()).as(path).isEqualTo(415);
			}
		}

		@Test
		void shouldRefuseACompressedBodyNamingItsCoding() throws Exception {
			java.io.ByteArrayOutputStream gzipped = new java.io.ByteArrayOutputStream();
			try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gzipped)) {
				out.write("{\"kind\":\"licensed\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
			}
			for (String path : List.of("/api/v1/events", "/api/v1/events/batch")) {
				HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path))
					.header("X-API-Key", HAI_PHONG_KEY)
					.header("Content-Type", "application/json")
					.header("Content-Encoding", "gzip")
					.POST(HttpRequest.BodyPublishers.ofByteArray(gzipped.toByteArray()))
					.build(), HttpResponse.BodyHandlers.ofString());

				assertProblem(response, 415, "Content-Encoding gzip is not taken");
			}
		}

		@Test
		void shouldRefuseABodyOverTheSizeLimitWith413() throws Exception {
			String huge = "[" + "1,".repeat(5_000_000) + "1]";
			HttpRequest request = HttpRequest.newBuilder(uri("/api/v1/events/batch"))
				.header("X-API-Key", HAI_PHONG_KEY)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(huge))
				.build();

			assertProblem(http.send(request, HttpResponse.BodyHandlers.ofString()), 413, "at most");
		}

	}

	static Licensed withCapital(Licensed l, Money capital) {
		return new Licensed(l.envelope(), l.investmentType(), l.projectName(), l.ircNumber(), l.enterpriseCode(),
				l.investors(), l.zoneCode(), l.sector(), capital, l.landAreaHa(), l.plannedEmployment(),
				l.durationYears());
	}

	/**
	 * The licence with many investors of the longest names, in Hangul: three bytes of
	 * UTF-8 a character.
	 */
	static Licensed withInvestors(Licensed l, int count) {
		String name = "엘지이노텍 주식회사 베트남 하이퐁 ".repeat(20).substring(0, Limits.MAX_INVESTOR_NAME_LENGTH);
		List<Investor> investors = IntStream.range(0, count).mapToObj((i) -> new Investor(name, "KR")).toList();
		return new Licensed(l.envelope(), l.investmentType(), l.projectName(), l.ircNumber(), l.enterpriseCode(),
				investors, l.zoneCode(), l.sector(), l.registeredCapital(), l.landAreaHa(), l.plannedEmployment(),
				l.durationYears());
	}

	private List<ConsumerRecord<String, byte[]>> published(String province) {
		return Records.drainAvailable(RealServers.kafka(), PREFIX + ".events." + province, new StringDeserializer(),
				new ByteArrayDeserializer());
	}

	/**
	 * Asserts that a unit's topic holds no record of a project: an event published after
	 * the refused ones shows the topic was read up to past them.
	 */
	private void assertNothingPublishedOf(String unit, String key, String projectCode) throws Exception {
		Licensed marker = SampleEvents.fdiLicence("MARKER-" + UUID.randomUUID(), unit, Money.usd("1"));
		assertThat(post("/api/v1/events", key, EventJson.toJson(marker)).statusCode()).isEqualTo(202);
		assertThat(published(unit)).extracting(ConsumerRecord::key).contains(marker.key()).doesNotContain(projectCode);
	}

	/** Posts bytes as they are, as a system writing another encoding would. */
	private HttpResponse<String> postBytes(String path, String key, byte[] body) throws Exception {
		return http.send(HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(60))
			.header("X-API-Key", key)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private HttpResponse<String> post(String path, String key, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (key != null) {
			request.header("X-API-Key", key);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private HttpResponse<String> get(String path) throws Exception {
		return get(path, null);
	}

	private HttpResponse<String> get(String path, String key) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
		if (key != null) {
			request.header("X-API-Key", key);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static JsonNode json(HttpResponse<String> response) {
		return EventJson.mapper().readTree(response.body());
	}

	private static void assertProblem(HttpResponse<String> response, int status, String detail) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(json(response).get("detail").asString()).contains(detail);
	}

}
