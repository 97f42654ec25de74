package vn.investledger.indexer;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.investledger.indexer.IndexerFixture.ADMIN;
import static vn.investledger.indexer.IndexerFixture.JSON;
import static vn.investledger.indexer.IndexerFixture.OFFICIAL;
import static vn.investledger.indexer.IndexerFixture.PASSWORD;
import static vn.investledger.indexer.IndexerFixture.params;
import static vn.investledger.indexer.IndexerFixture.state;

/**
 * Who may do what in the console and the search API: nobody anonymous, officials read,
 * admins also rebuild. (Province publishers write through the gateway, whose tests cover
 * a province writing another's events.)
 */
@IndexerTest
class AccessControlTests {

	private static final IndexerFixture fixture = IndexerFixture.withUniquePrefix("access");

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		fixture.register(registry);
	}

	@AfterAll
	static void close() {
		fixture.close();
	}

	@Test
	void shouldAnswerAnAnonymousSearchWith401AndABasicChallenge() {
		fixture.port(this.port);
		for (String path : new String[] { "/api/search/projects", "/api/search/totals/list", "/api/console/freshness",
				"/api/reports/monthly", "/api/admin/rebuilds" }) {
			HttpResponse<String> response = fixture.send("GET", null, null, path, params("q", "hai phong"));

			assertThat(response.statusCode()).as(path).isEqualTo(401);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(response.headers().firstValue("WWW-Authenticate"))
				.hasValue("Basic realm=\"investledger\", charset=\"UTF-8\"");
			assertThat(JSON.readTree(response.body()).get("detail").asString()).contains("Sign in at /login");
		}
	}

	@Test
	void shouldRefuseAWrongPasswordAndAnUnknownName() {
		fixture.port(this.port);
		assertThat(fixture.send("GET", OFFICIAL, "wrong", "/api/search/projects", Map.of()).statusCode())
			.isEqualTo(401);
		assertThat(fixture.send("GET", "nobody", PASSWORD, "/api/search/projects", Map.of()).statusCode())
			.isEqualTo(401);
	}

	@Test
	void shouldSendAnAnonymousBrowserToTheLoginForm() {
		fixture.port(this.port);
		HttpResponse<String> console = fixture.send("GET", null, null, "/", Map.of());
		HttpResponse<String> login = fixture.send("GET", null, null, "/login", Map.of());

		assertThat(console.statusCode()).isEqualTo(302);
		assertThat(console.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/login"));
		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.body()).contains("name=\"username\"", "name=\"password\"", "_csrf");
	}

	@Test
	void shouldLetAnOfficialReadEverythingButNotRebuild() {
		fixture.port(this.port);
		fixture.publishState(state("AC-1", 1, "Nhà máy kiểm soát truy cập", "DINH-VU", "KR", "C", "100"));
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(
					fixture.getJson("/api/search/projects", params("q", "kiem soat truy cap")).get("total").asLong())
				.isEqualTo(1));

		assertThat(fixture.send("GET", OFFICIAL, PASSWORD, "/", Map.of()).body()).contains("console.js");
		assertThat(fixture.getJson("/api/console/me", Map.of()).get("roles").get(0).asString()).isEqualTo("OFFICIAL");
		HttpResponse<String> rebuild = fixture.send("POST", OFFICIAL, PASSWORD, "/api/admin/rebuilds",
				params("kinds", "projects"));
		assertThat(rebuild.statusCode()).isEqualTo(403);
		assertThat(JSON.readTree(rebuild.body()).get("detail").asString()).contains(OFFICIAL, "/api/admin/rebuilds");
		assertThat(fixture.send("GET", OFFICIAL, PASSWORD, "/actuator/env", Map.of()).statusCode()).isEqualTo(403);
		// health and metrics stay open to probes and Prometheus
		HttpResponse<String> anonymousHealth = fixture.send("GET", null, null, "/actuator/health", Map.of());
		assertThat(anonymousHealth.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(anonymousHealth.body()).has("components")).as("details for signed-in users only")
			.isFalse();
		HttpResponse<String> prometheus = fixture.send("GET", null, null, "/actuator/prometheus", Map.of());
		assertThat(prometheus.statusCode()).isEqualTo(200);
		// what the Grafana dashboard in docker/ plots: lag, bulk latency, newest event
		// age
		assertThat(prometheus.body()).contains("investledger_indexer_newest_event_age_seconds",
				"investledger_indexer_bulk_seconds_bucket", "kafka_consumer_fetch_manager_records_lag_max",
				"spring_kafka_listener_seconds_count");
	}

	@Test
	void shouldReportKafkaAndElasticsearchInTheHealthOfASignedInUser() {
		fixture.port(this.port);
		JsonNode health = fixture.getJson("/actuator/health", Map.of()).get("components");

		assertThat(health.get("elasticsearch").get("status").asString()).isEqualTo("UP");
		JsonNode kafka = health.get("kafka");
		assertThat(kafka.get("status").asString()).isEqualTo("UP");
		assertThat(kafka.get("details").get("brokers").asInt()).isEqualTo(1);
		assertThat(kafka.get("details").get("listeners").properties()).hasSize(4)
			.allSatisfy((listener) -> assertThat(listener.getValue().asString()).isEqualTo("running"));
	}

	@Test
	void shouldLetAnAdminRebuildAndFollowItsProgress() {
		fixture.port(this.port);
		fixture.publishState(state("AC-2", 1, "Nhà máy quản trị", "DINH-VU", "KR", "C", "100"));
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(
					fixture.getJson("/api/search/projects", params("q", "nha may quan tri")).get("total").asLong())
				.isEqualTo(1));

		HttpResponse<String> bad = fixture.send("POST", ADMIN, PASSWORD, "/api/admin/rebuilds",
				params("kinds", "everything"));
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).contains("everything");

		HttpResponse<String> started = fixture.send("POST", ADMIN, PASSWORD, "/api/admin/rebuilds",
				params("kinds", "projects"));
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
			JsonNode status = JSON
				.readTree(fixture.send("GET", ADMIN, PASSWORD, "/api/admin/rebuilds", Map.of()).body());
			assertThat(status.get("state").asString()).isEqualTo("done");
			assertThat(status.get("done").get(0).get("current").asString()).isEqualTo(fixture.prefix + "-projects-v2");
		});
		// the official's search now reads the new index, with both projects in it
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(
					fixture.getJson("/api/search/projects", params("q", "nha may")).get("total").asLong())
				.isGreaterThanOrEqualTo(1));
		assertThat(fixture.getJson("/api/search/projects/AC-2", Map.of()).get("projectName").asString())
			.isEqualTo("Nhà máy quản trị");
	}

}
