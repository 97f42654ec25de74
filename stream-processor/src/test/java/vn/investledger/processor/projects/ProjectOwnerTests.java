package vn.investledger.processor.projects;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

import vn.investledger.localstack.FreePorts;
import vn.investledger.events.CapitalAdjusted;
import vn.investledger.events.EventJson;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Money;
import vn.investledger.events.Rejection;
import vn.investledger.events.RejectionReason;
import vn.investledger.events.Topics;
import vn.investledger.processor.StreamProcessorApplication;
import vn.investledger.processor.system.StoreRouting;
import vn.investledger.testsupport.KafkaServer;
import vn.investledger.testsupport.RealServers;
import vn.investledger.testsupport.Records;
import vn.investledger.testsupport.SampleEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the processor on a real broker: either one answers every project's
 * owner, read from the ledger's project-state store by the instance that holds it.
 */
@ExtendWith(RealServers.class)
class ProjectOwnerTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	@Test
	void shouldAnswerEveryProjectsOwnerFromEitherInstance(KafkaServer kafka, @TempDir Path state) throws Exception {
		String prefix = "own" + UUID.randomUUID().toString().substring(0, 8);
		Topics topics = Topics.withPrefix(prefix);
		kafka.createEventTopics(topics, List.of("31", "33"));
		List<ConfigurableApplicationContext> instances = new ArrayList<>();
		try {
			List<String> urls = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				int port = FreePorts.next();
				instances.add(StreamProcessorApplication.application()
					.run("--server.port=" + port, "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
							"--investledger.topic-prefix=" + prefix,
							"--spring.kafka.streams.state-dir=" + state.resolve("instance-" + i)));
				urls.add("http://127.0.0.1:" + port);
			}

			// Given projects licensed by Hải Phòng (31) and Hưng Yên (33), among them a
			// legacy licence number with "/" and a code with "+" and a space
			Map<String, String> owners = new LinkedHashMap<>();
			for (int n = 0; n < 12; n++) {
				owners.put("HP-" + n, "31");
				owners.put("HY-" + n, "33");
			}
			owners.put("012/GP-KCN-HP", "31");
			owners.put("HY 7+8", "33");
			// and a code of 43 characters, 40 of them outside the Basic Multilingual
			// Plane
			// (83 UTF-16 units): the contract counts characters, not units
			owners.put("HP-" + "\uD842\uDFB7".repeat(40), "31");
			try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
				owners.forEach((code, unit) -> send(producer, topics, unit,
						SampleEvents.fdiLicence(code, unit, Money.usd("1000000"))));
				// and a second revision of HP-1
				send(producer, topics, "31",
						new CapitalAdjusted(SampleEvents.envelope("HP-1", 2, "31", java.time.LocalDate.of(2024, 6, 1)),
								InvestmentType.FDI, 1, "IRC-HP-1", Money.usd("500000"), Money.usd("1500000")));
				// and Hưng Yên's licence for Hải Phòng's HP-0, on its own topic, which
				// the
				// ledger refuses once HP-0 is Hải Phòng's
				await().atMost(Duration.ofSeconds(90))
					.untilAsserted(() -> assertThat(get(urls.get(0) + "/api/projects/HP-0/owner").statusCode())
						.isEqualTo(200));
				send(producer, topics, "33", SampleEvents.fdiLicence("HP-0", "33", Money.usd("1")));
			}
			assertThat(Records.drain(kafka, topics.rejectionTopicName("33"), 1, new ByteArrayDeserializer(),
					new ByteArrayDeserializer()))
				.singleElement()
				.satisfies((r) -> assertThat(Rejection.fromHeaders(r.headers()).reason())
					.isEqualTo(RejectionReason.FOREIGN_PROJECT));

			// Then each instance answers each project's owner and revision, by query
			// parameter and, for codes without "/", in the path
			await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
				for (String url : urls) {
					for (Map.Entry<String, String> project : owners.entrySet()) {
						String code = project.getKey();
						JsonNode owner = getJson(url + "/api/projects/owner?code=" + encode(code));
						assertThat(owner.get("projectCode").asString()).isEqualTo(code);
						assertThat(owner.get("ownerUnit").asString()).as("%s from %s", code, url)
							.isEqualTo(project.getValue());
						assertThat(owner.get("revision").asLong()).as("%s from %s", code, url)
							.isEqualTo(code.equals("HP-1") ? 2 : 1);
						if (!code.contains("/")) {
							assertThat(getJson(url + "/api/projects/" + encodePath(code) + "/owner")).isEqualTo(owner);
						}
					}
				}
			});

			// And each project lives in exactly one instance, both holding some: the
			// answers were routed
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				List<Integer> holders = new ArrayList<>();
				for (String code : owners.keySet()) {
					List<Integer> holding = new ArrayList<>();
					for (int i = 0; i < urls.size(); i++) {
						if (get(urls.get(i) + "/internal/projects/owner?code=" + encode(code)).statusCode() == 200) {
							holding.add(i);
						}
					}
					assertThat(holding).as("instances holding %s", code).hasSize(1);
					holders.add(holding.get(0));
				}
				assertThat(holders).contains(0, 1);
			});

			// And an unknown project is a 404 problem, a code over the contract's bound a
			// 400
			assertProblem(get(urls.get(1) + "/api/projects/owner?code=NEVER-LICENSED"), 404, "NEVER-LICENSED");
			assertProblem(get(urls.get(1) + "/api/projects/owner?code=" + "X".repeat(65)), 400, "at most 64");
			assertProblem(get(urls.get(1) + "/api/projects/owner?code=%20"), 400, "blank");
			// the instance holding an unknown project says so; a plain 404 would be no
			// answer to its peers
			List<HttpResponse<String>> internal = new ArrayList<>();
			for (String url : urls) {
				internal.add(get(url + "/internal/projects/owner?code=NEVER-LICENSED"));
			}
			assertThat(internal).filteredOn((answer) -> answer.statusCode() == 404)
				.singleElement()
				.satisfies((answer) -> assertThat(answer.headers().firstValue(StoreRouting.ABSENT_HEADER))
					.hasValue("true"));

			// And an instance whose streams stopped answers 503 with Retry-After
			instances.get(0).getBean(StreamsBuilderFactoryBean.class).stop();
			HttpResponse<String> stopped = get(urls.get(0) + "/api/projects/owner?code=HP-0");
			assertProblem(stopped, 503, "not running");
			assertThat(stopped.headers().firstValue("Retry-After")).hasValue("2");
		}
		finally {
			instances.forEach(ConfigurableApplicationContext::close);
		}
	}

	private static KafkaProducer<String, byte[]> producer(KafkaServer kafka) {
		return new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"),
				new StringSerializer(), new ByteArraySerializer());
	}

	private static void send(KafkaProducer<String, byte[]> producer, Topics topics, String unit, LicensingEvent event) {
		producer.send(new ProducerRecord<>(topics.eventTopicName(unit), event.key(), EventJson.toBytes(event)));
		producer.flush();
	}

	private static String encode(String code) {
		return URLEncoder.encode(code, StandardCharsets.UTF_8);
	}

	private static String encodePath(String code) {
		return encode(code).replace("+", "%20");
	}

	private static HttpResponse<String> get(String url) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode getJson(String url) throws Exception {
		HttpResponse<String> response = get(url);
		assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
		return EventJson.mapper().readTree(response.body());
	}

	private static void assertProblem(HttpResponse<String> response, int status, String detail) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(EventJson.mapper().readTree(response.body()).get("detail").asString()).contains(detail);
	}

}
