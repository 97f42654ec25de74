package vn.investledger.producers.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

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

	}

}
