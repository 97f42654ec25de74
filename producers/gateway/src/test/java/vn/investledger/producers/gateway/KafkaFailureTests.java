package vn.investledger.producers.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.investledger.localstack.FreePorts;
import vn.investledger.events.EventJson;
import vn.investledger.events.Licensed;
import vn.investledger.events.Limits;
import vn.investledger.events.Money;
import vn.investledger.producers.gateway.security.ApiKeys;
import vn.investledger.testsupport.RealServers;
import vn.investledger.testsupport.Records;
import vn.investledger.testsupport.SampleEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.investledger.producers.gateway.GatewayHttp.assertProblem;
import static vn.investledger.producers.gateway.GatewayHttp.ok;

/**
 * What Kafka refuses or fails to take is a problem the caller can act on: 413 for a
 * record over the cluster's limits (sending again cannot help), 503 with Retry-After when
 * Kafka does not answer. Never a 500.
 */
class KafkaFailureTests {

	private static final String HAI_PHONG_KEY = "hai-phong-test-key-" + UUID.randomUUID();

	private static void keys(DynamicPropertyRegistry registry) {
		registry.add("investledger.topic-prefix", () -> "gwk" + UUID.randomUUID().toString().substring(0, 8));
		registry.add("investledger.api-keys[0].province", () -> "31");
		registry.add("investledger.api-keys[0].sha256", () -> ApiKeys.sha256Hex(HAI_PHONG_KEY));
	}

	@Nested
	@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "spring.config.name=gateway", "spring.kafka.producer.properties.max.request.size=4096" })
	@ExtendWith(RealServers.class)
	class BelowTheContractsLimit {

		@LocalServerPort
		private int port;

		@DynamicPropertySource
		static void properties(DynamicPropertyRegistry registry) {
			registry.add("spring.kafka.bootstrap-servers", () -> RealServers.kafka().bootstrapServers());
			keys(registry);
		}

		@Test
		void shouldAnswer413WhenKafkaRefusesARecordAsTooLarge() throws Exception {
			// within the contract's limit, above this cluster's 4,096 bytes a request
			Licensed large = GatewayTests
				.withInvestors(SampleEvents.fdiLicence("LARGE-" + UUID.randomUUID(), "31", Money.usd("5")), 10);
			String json = EventJson.toJson(large);
			assertThat(json.getBytes(StandardCharsets.UTF_8).length).isBetween(4096, Limits.MAX_EVENT_BYTES);
			Licensed small = SampleEvents.fdiLicence("SMALL-" + UUID.randomUUID(), "31", Money.usd("5"));
			GatewayHttp gateway = new GatewayHttp(this.port);

			JsonNode single = assertProblem(gateway.post("/api/v1/events", HAI_PHONG_KEY, json), 413,
					"Kafka refused event " + large.envelope().eventId());
			JsonNode batch = ok(gateway.post("/api/v1/events/batch", HAI_PHONG_KEY,
					"[" + json + "," + EventJson.toJson(small) + "]"), 202);

			assertThat(single.get("title").asString()).isEqualTo("Too large for Kafka");
			assertThat(batch.get("results").get(0).get("error").get("status").asInt()).isEqualTo(413);
			assertThat(batch.get("results").get(1).get("status").asString()).isEqualTo("ACCEPTED");
		}

	}

	@Nested
	@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "spring.config.name=gateway", "spring.kafka.producer.properties.max.block.ms=500" })
	class Unreachable {

		@LocalServerPort
		private int port;

		@DynamicPropertySource
		static void properties(DynamicPropertyRegistry registry) throws IOException {
			// a port nothing listens on
			int closed = FreePorts.next();
			String bootstrap = "127.0.0.1:" + closed;
			registry.add("spring.kafka.bootstrap-servers", () -> bootstrap);
			keys(registry);
		}

		@Test
		void shouldAnswer503WithRetryAfterWhenKafkaDoesNotAnswer() throws Exception {
			Licensed licence = SampleEvents.fdiLicence("DOWN-" + UUID.randomUUID(), "31", Money.usd("5"));
			GatewayHttp gateway = new GatewayHttp(this.port);

			var single = gateway.post("/api/v1/events", HAI_PHONG_KEY, EventJson.toJson(licence));
			JsonNode batch = ok(
					gateway.post("/api/v1/events/batch", HAI_PHONG_KEY, "[" + EventJson.toJson(licence) + "]"), 202);

			assertProblem(single, 503, "send it again with the same event id");
			assertThat(single.headers().firstValue("Retry-After")).hasValue("5");
			assertThat(batch.get("results").get(0).get("error").get("status").asInt()).isEqualTo(503);
		}

		@Test
		void shouldAnswerEveryEventOfABatch503WithoutSendingThoseAfterTheFirstKafkaDidNotTake() throws Exception {
			// Given a batch of a thousand events, each of which would wait max.block.ms
			// (here 500 ms) for Kafka if it were sent: eight minutes in all
			String run = UUID.randomUUID().toString().substring(0, 8);
			List<Licensed> events = IntStream.range(0, 1000)
				.mapToObj((i) -> SampleEvents.fdiLicence("DOWN-" + i + "-" + run, "31", Money.usd("5")))
				.toList();
			String body = events.stream().map(EventJson::toJson).collect(Collectors.joining(",", "[", "]"));

			// When it is posted while Kafka does not answer
			JsonNode batch = ok(new GatewayHttp(this.port).post("/api/v1/events/batch", HAI_PHONG_KEY, body), 202);

			// Then the answer comes after the first event's wait, every event 503
			assertThat(batch.get("accepted").asInt()).isZero();
			assertThat(batch.get("rejected").asInt()).isEqualTo(1000);
			assertThat(batch.get("results").valueStream().map((r) -> r.get("error").get("status").asInt()))
				.hasSize(1000)
				.containsOnly(503);
			assertThat(batch.get("results").get(0).get("error").get("detail").asString())
				.isEqualTo("Kafka did not acknowledge event " + events.get(0).envelope().eventId());
			// and each of the others names the event Kafka did not take, its own id kept
			// to send it again
			assertThat(batch.get("results").valueStream().skip(1)).allSatisfy((r) -> {
				assertThat(r.get("error").get("title").asString()).isEqualTo("Kafka unavailable");
				assertThat(r.get("error").get("detail").asString())
					.isEqualTo("Not sent, since Kafka did not take event " + events.get(0).envelope().eventId()
							+ ", item 0 of this batch; send it again with the same event id");
				assertThat(r.get("eventId").asString())
					.isEqualTo(events.get(r.get("index").asInt()).envelope().eventId().toString());
			});
		}

	}

	@Nested
	@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "spring.config.name=gateway", "investledger.batch-send-timeout=1ns" })
	@ExtendWith(RealServers.class)
	class PastTheBatchDeadline {

		@LocalServerPort
		private int port;

		@DynamicPropertySource
		static void properties(DynamicPropertyRegistry registry) {
			registry.add("spring.kafka.bootstrap-servers", () -> RealServers.kafka().bootstrapServers());
			keys(registry);
		}

		@Test
		void shouldAnswerTheEventsNotSentByTheBatchsDeadline503AndSendNone() throws Exception {
			// Given a batch whose time to hand its events to Kafka has passed by the time
			// they are checked (a nanosecond here; 10 s unless set)
			String run = UUID.randomUUID().toString().substring(0, 8);
			List<Licensed> events = IntStream.range(0, 3)
				.mapToObj((i) -> SampleEvents.fdiLicence("LATE-" + i + "-" + run, "31", Money.usd("5")))
				.toList();
			String body = events.stream().map(EventJson::toJson).collect(Collectors.joining(",", "[", "]"));
			GatewayHttp gateway = new GatewayHttp(this.port);

			// When it is posted, Kafka answering
			JsonNode batch = ok(gateway.post("/api/v1/events/batch", HAI_PHONG_KEY, body), 202);

			// Then every event is 503, to send again
			assertThat(batch.get("results").valueStream().map((r) -> r.get("error").get("detail").asString()))
				.containsOnly("Not sent, since the batch's time to hand its events to Kafka "
						+ "(investledger.batch-send-timeout) had passed; send it again with the same event id");
			assertThat(batch.get("results").valueStream().map((r) -> r.get("error").get("status").asInt()))
				.containsExactly(503, 503, 503);
			// and none of them was sent: a single event after it reaches the topic alone
			Licensed marker = SampleEvents.fdiLicence("MARKER-" + run, "31", Money.usd("1"));
			String topic = ok(gateway.post("/api/v1/events", HAI_PHONG_KEY, EventJson.toJson(marker)), 202).get("topic")
				.asString();
			assertThat(Records.drainAvailable(RealServers.kafka(), topic, new StringDeserializer(),
					new ByteArrayDeserializer()))
				.extracting(ConsumerRecord::key)
				.filteredOn((key) -> key.endsWith(run))
				.containsExactly(marker.key());
		}

	}

}
