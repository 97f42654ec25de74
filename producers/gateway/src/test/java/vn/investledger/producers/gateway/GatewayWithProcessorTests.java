package vn.investledger.producers.gateway;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import vn.investledger.localstack.FreePorts;
import vn.investledger.events.CapitalAdjusted;
import vn.investledger.events.EventEnvelope;
import vn.investledger.events.EventJson;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Licensed;
import vn.investledger.events.Money;
import vn.investledger.events.Topics;
import vn.investledger.processor.StreamProcessorApplication;
import vn.investledger.testsupport.RealServers;
import vn.investledger.testsupport.Records;
import vn.investledger.testsupport.SampleEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.investledger.producers.gateway.GatewayHttp.assertProblem;
import static vn.investledger.producers.gateway.GatewayHttp.ok;

/**
 * The gateway beside a running stream processor, on a real broker: the processor's ledger
 * says who owns each project, and the gateway refuses another unit's event of it before
 * publishing.
 */
// the processor's answer is what is tested here, not how long the gateway waits for it
// (SlowProcessorTests): a processor started a moment ago, on a machine busy with other
// test JVMs, may take longer than the 300 ms of service to answer its first questions
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=gateway", "investledger.owner-lookup-timeout=5s" })
@ExtendWith(RealServers.class)
class GatewayWithProcessorTests {

	private static final String PREFIX = "gwp" + UUID.randomUUID().toString().substring(0, 8);

	private static final String HAI_PHONG_KEY = "hai-phong-test-key-" + UUID.randomUUID();

	private static final String HUNG_YEN_KEY = "hung-yen-test-key-" + UUID.randomUUID();

	private static ConfigurableApplicationContext processor;

	private static Path processorState;

	private static String processorUrl;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		GatewaySettings.register(registry, PREFIX, "31", HAI_PHONG_KEY, "33", HUNG_YEN_KEY);
		registry.add("investledger.processor-url", GatewayWithProcessorTests::startProcessor);
	}

	/**
	 * Starts the processor on first use, as the other real-server tests start it, and
	 * waits until its streams run.
	 */
	static synchronized String startProcessor() {
		if (processor == null) {
			try {
				RealServers.kafka().createEventTopics(Topics.withPrefix(PREFIX), List.of("31", "33"));
				processorState = Files.createTempDirectory("gateway-tests-processor");
				int port = FreePorts.next();
				processor = StreamProcessorApplication.application()
					.run("--server.port=" + port,
							"--spring.kafka.bootstrap-servers=" + RealServers.kafka().bootstrapServers(),
							"--investledger.topic-prefix=" + PREFIX,
							"--spring.kafka.streams.state-dir=" + processorState,
							"--management.health.elasticsearch.enabled=false");
				StreamsBuilderFactoryBean streams = processor.getBean(StreamsBuilderFactoryBean.class);
				await().atMost(Duration.ofSeconds(90))
					.until(() -> streams.getKafkaStreams() != null
							&& streams.getKafkaStreams().state() == KafkaStreams.State.RUNNING);
				processorUrl = "http://127.0.0.1:" + port;
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return processorUrl;
	}

	@AfterAll
	static void stopProcessor() throws IOException {
		if (processor != null) {
			processor.close();
			FileSystemUtils.deleteRecursively(processorState);
		}
	}

	@Test
	void shouldRefuseAnotherUnitsEventOfAProjectWith403NamingTheOwner() throws Exception {
		// Given a project with a legacy licence number, licensed by Hải Phòng, which the
		// ledger applied
		String run = UUID.randomUUID().toString().substring(0, 8);
		String code = "012/GP-KCN-HP-" + run;
		ok(gateway().post("/api/v1/events", HAI_PHONG_KEY,
				EventJson.toJson(SampleEvents.fdiLicence(code, "31", Money.usd("5000000")))), 202);
		awaitOwner(code, "31");

		// When Hưng Yên publishes a licence of the same project code, in its own province
		Licensed hungYen = SampleEvents.fdiLicence(code, "33", Money.usd("7000000"));
		Licensed own = SampleEvents.fdiLicence("HY-OWN-" + run, "33", Money.usd("7000000"));
		var single = gateway().post("/api/v1/events", HUNG_YEN_KEY, EventJson.toJson(hungYen));
		JsonNode batch = ok(gateway().post("/api/v1/events/batch", HUNG_YEN_KEY,
				"[" + EventJson.toJson(hungYen) + "," + EventJson.toJson(own) + "]"), 202);

		// Then it is refused with 403 naming the owner, alone in its batch
		JsonNode problem = assertProblem(single, 403,
				"Project " + code + " belongs to unit 31 (Hải Phòng), which licensed it");
		assertThat(problem.get("title").asString()).isEqualTo("Project of another unit");
		assertThat(problem.get("ownerUnit").asString()).isEqualTo("31");
		assertThat(batch.get("results").get(0).get("error").get("status").asInt()).isEqualTo(403);
		assertThat(batch.get("results").get(0).get("error").get("detail").asString())
			.contains("belongs to unit 31 (Hải Phòng)");
		assertThat(batch.get("results").get(1).get("status").asString()).isEqualTo("ACCEPTED");
		// and the owner still publishes the project's next event
		ok(gateway().post("/api/v1/events", HAI_PHONG_KEY,
				EventJson.toJson(new CapitalAdjusted(SampleEvents.envelope(code, 2, "31", LocalDate.of(2024, 6, 1)),
						InvestmentType.FDI, 1, "IRC-" + code, Money.usd("500000"), Money.usd("5500000")))),
				202);
		// and nothing of Hưng Yên's for the project reached its topic
		assertThat(published("33")).extracting(ConsumerRecord::key).contains(own.key()).doesNotContain(code);
	}

	@Test
	void shouldListWhatTheLedgerRefusedOfAUnitsOwnRecordsToThatUnitOnly() throws Exception {
		// Given a project Hải Phòng licensed
		String run = UUID.randomUUID().toString().substring(0, 8);
		String code = "HP-REFUSED-" + run;
		ok(gateway().post("/api/v1/events", HAI_PHONG_KEY,
				EventJson.toJson(SampleEvents.fdiLicence(code, "31", Money.usd("5000000")))), 202);
		awaitOwner(code, "31");
		Licensed foreign = SampleEvents.fdiLicence(code, "33", Money.usd("7000000"));
		Licensed licence = SampleEvents.fdiLicence("HY-FUTURE-" + run, "33", Money.usd("7000000"));
		EventEnvelope e = licence.envelope();
		Licensed invalid = SampleEvents.withEnvelope(licence, new EventEnvelope(e.schemaVersion(), e.eventId(),
				e.projectCode(), 1L, "33", e.effectiveDate(), Instant.parse("9999-01-01T00:00:00Z")));
		byte[] garbage = { 'G', (byte) 0xC3, (byte) 0x28, (byte) 0xFF };

		// When Hưng Yên sends another unit's project and an invalid event through the
		// gateway, which refuses them at once
		assertProblem(gateway().post("/api/v1/events", HUNG_YEN_KEY, EventJson.toJson(foreign)), 403,
				"belongs to unit 31 (Hải Phòng)");
		assertProblem(gateway().post("/api/v1/events", HUNG_YEN_KEY, EventJson.toJson(invalid)), 422,
				"envelope.emittedAt");
		// and straight to its own Kafka topic, with bytes that are not even text
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", RealServers.kafka().bootstrapServers(), "acks", "all"),
				new StringSerializer(), new ByteArraySerializer())) {
			String topic = Topics.withPrefix(PREFIX).eventTopicName("33");
			producer.send(new ProducerRecord<>(topic, foreign.key(), EventJson.toBytes(foreign)));
			producer.send(new ProducerRecord<>(topic, invalid.key(), EventJson.toBytes(invalid)));
			producer.send(new ProducerRecord<>(topic, "GARBAGE-" + run, garbage));
		}

		// Then Hưng Yên's key lists the ledger's refusals of the direct writes, with the
		// reasons
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode listed = ok(gateway().get("/api/v1/rejections", HUNG_YEN_KEY), 200).get("rejections");
			assertThat(listed.valueStream()
				.filter((r) -> r.path("projectCode").asString("").endsWith(run) || r.has("eventBase64")))
				.satisfiesExactlyInAnyOrder((r) -> {
					assertThat(r.get("reason").asString()).isEqualTo("FOREIGN_PROJECT");
					assertThat(r.get("eventId").asString()).isEqualTo(foreign.envelope().eventId().toString());
					assertThat(r.get("message").asString()).contains("belongs to unit 31 (Hải Phòng)");
					assertThat(EventJson.read(r.get("event").asString())).isEqualTo(foreign);
				}, (r) -> {
					assertThat(r.get("reason").asString()).isEqualTo("INVALID");
					assertThat(r.get("message").asString()).contains("envelope.emittedAt");
				}, (r) -> {
					assertThat(r.get("reason").asString()).isEqualTo("MALFORMED");
					assertThat(Base64.getDecoder().decode(r.get("eventBase64").asString())).isEqualTo(garbage);
				});
			assertThat(listed.valueStream().map((r) -> r.get("sourceTopic").asString()))
				.containsOnly(PREFIX + ".events.33");
		});
		// and Hải Phòng's key sees none of them
		JsonNode haiPhong = ok(gateway().get("/api/v1/rejections?limit=1000", HAI_PHONG_KEY), 200);
		assertThat(haiPhong.get("unit").asString()).isEqualTo("31");
		assertThat(haiPhong.get("rejections").valueStream().map((r) -> r.path("eventId").asString("")))
			.doesNotContain(foreign.envelope().eventId().toString(), invalid.envelope().eventId().toString());
		assertThat(haiPhong.get("rejections").valueStream().map((r) -> r.get("sourceTopic").asString()))
			.doesNotContain(PREFIX + ".events.33");
	}

	private void awaitOwner(String code, String unit) {
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			var owner = GatewayHttp
				.getUrl(processorUrl + "/api/projects/owner?code=" + URLEncoder.encode(code, StandardCharsets.UTF_8));
			assertThat(ok(owner, 200).get("ownerUnit").asString()).isEqualTo(unit);
		});
	}

	private GatewayHttp gateway() {
		return new GatewayHttp(this.port);
	}

	private static List<ConsumerRecord<String, byte[]>> published(String unit) {
		return Records.drainAvailable(RealServers.kafka(), PREFIX + ".events." + unit, new StringDeserializer(),
				new ByteArrayDeserializer());
	}

}
