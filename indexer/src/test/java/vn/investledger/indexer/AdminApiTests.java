package vn.investledger.indexer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.investledger.indexer.IndexerFixture.ADMIN;
import static vn.investledger.indexer.IndexerFixture.JSON;
import static vn.investledger.indexer.IndexerFixture.OFFICIAL;
import static vn.investledger.indexer.IndexerFixture.PASSWORD;
import static vn.investledger.indexer.IndexerFixture.SCRAPER;
import static vn.investledger.indexer.IndexerFixture.SCRAPER_PASSWORD;
import static vn.investledger.indexer.IndexerFixture.params;
import static vn.investledger.indexer.IndexerFixture.state;

/**
 * Who may call the indexer: probes read its health, only the metrics scraper its
 * Prometheus metrics, only an admin rebuilds, and no other site makes a browser that
 * remembers an admin's credentials start a rebuild.
 */
@IndexerTest
class AdminApiTests {

	/** A site an admin might visit. */
	private static final String EVIL = "https://evil.example";

	/** The changing endpoint the CSRF tests aim at; the stock index rebuilds fastest. */
	private static final String REBUILD = "/api/admin/rebuilds?kinds=stock";

	private final IndexerFixture fixture;

	AdminApiTests(IndexerFixture fixture) {
		this.fixture = fixture;
	}

	@Test
	void shouldAnswerAnAnonymousCallWith401AndABasicChallenge() {
		for (String path : new String[] { "/api/admin/rebuilds", "/actuator/env" }) {
			HttpResponse<String> response = this.fixture.send("GET", null, null, path, Map.of());

			assertThat(response.statusCode()).as(path).isEqualTo(401);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(response.headers().firstValue("WWW-Authenticate"))
				.hasValue("Basic realm=\"investledger\", charset=\"UTF-8\"");
			assertThat(JSON.readTree(response.body()).get("detail").asString()).contains("admin's name and password");
		}
		assertThat(this.fixture.send("GET", ADMIN, "wrong", "/api/admin/rebuilds", Map.of()).statusCode())
			.isEqualTo(401);
	}

	@Test
	void shouldServeNoConsoleAndLetAnOfficialCallNothing() {
		// the console is a service of its own
		assertThat(this.fixture.send("GET", OFFICIAL, PASSWORD, "/", Map.of()).statusCode()).isEqualTo(403);
		assertThat(this.fixture.send("GET", ADMIN, PASSWORD, "/api/search/projects", Map.of()).statusCode())
			.isEqualTo(404);
		HttpResponse<String> rebuild = this.fixture.send("POST", OFFICIAL, PASSWORD, "/api/admin/rebuilds",
				params("kinds", "projects"));
		assertThat(rebuild.statusCode()).isEqualTo(403);
		assertThat(JSON.readTree(rebuild.body()).get("detail").asString()).contains(OFFICIAL, "/api/admin/rebuilds");
		assertThat(this.fixture.send("GET", OFFICIAL, PASSWORD, "/actuator/env", Map.of()).statusCode()).isEqualTo(403);
	}

	@Test
	void shouldOpenHealthToProbesAndTheMetricsToTheScraperOnly() {
		HttpResponse<String> anonymousHealth = this.fixture.send("GET", null, null, "/actuator/health", Map.of());
		assertThat(anonymousHealth.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(anonymousHealth.body()).has("components")).as("details for signed-in users only")
			.isFalse();
		// the metrics: not anonymous, not an admin, only the metrics scraper
		assertThat(this.fixture.send("GET", null, null, "/actuator/prometheus", Map.of()).statusCode()).isEqualTo(401);
		assertThat(this.fixture.send("GET", ADMIN, PASSWORD, "/actuator/prometheus", Map.of()).statusCode())
			.isEqualTo(401);
		HttpResponse<String> prometheus = this.fixture.send("GET", SCRAPER, SCRAPER_PASSWORD, "/actuator/prometheus",
				Map.of());
		assertThat(prometheus.statusCode()).isEqualTo(200);
		// what the Grafana dashboard in docker/ plots: lag, bulk latency, newest event
		// age
		assertThat(prometheus.body()).contains("investledger_indexer_newest_event_age_seconds",
				"investledger_indexer_bulk_seconds_bucket", "kafka_consumer_fetch_manager_records_lag_max",
				"spring_kafka_listener_seconds_count");
	}

	@Test
	void shouldReportKafkaAndElasticsearchInTheHealthOfASignedInAdmin() {
		HttpResponse<String> response = this.fixture.send("GET", ADMIN, PASSWORD, "/actuator/health", Map.of());
		JsonNode health = JSON.readTree(response.body()).get("components");

		assertThat(health.get("elasticsearch").get("status").asString()).isEqualTo("UP");
		JsonNode kafka = health.get("kafka");
		assertThat(kafka.get("status").asString()).isEqualTo("UP");
		assertThat(kafka.get("details").get("brokers").asInt()).isEqualTo(1);
		assertThat(kafka.get("details").get("listeners").properties()).hasSize(6)
			.allSatisfy((listener) -> assertThat(listener.getValue().asString()).isEqualTo("running"));
	}

	@Test
	void shouldLetAnAdminRebuildAndFollowItsProgress() {
		this.fixture.publishState(state("AC-2", 1, "Nhà máy quản trị", "DINH-VU", "KR", "C", "100"));
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.fixture.count("projects", "projectCode", "AC-2")).isEqualTo(1));

		HttpResponse<String> bad = this.fixture.send("POST", ADMIN, PASSWORD, "/api/admin/rebuilds",
				params("kinds", "everything"));
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).contains("everything");
		for (String refused : List.of("", "projects,projects", "projects,")) {
			HttpResponse<String> answer = this.fixture.send("POST", ADMIN, PASSWORD, "/api/admin/rebuilds",
					params("kinds", refused));
			assertThat(answer.statusCode()).as(refused).isEqualTo(400);
			assertThat(answer.body()).as(refused).contains("kinds");
		}

		HttpResponse<String> started = this.fixture.send("POST", ADMIN, PASSWORD, "/api/admin/rebuilds",
				params("kinds", "projects"));
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
			JsonNode status = rebuildStatus();
			assertThat(status.get("state").asString()).isEqualTo("done");
			assertThat(status.get("done").get(0).get("current").asString())
				.isEqualTo(this.fixture.prefix + "-projects-v2");
		});
		// a search through the alias now reads the new index, with the project in it
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.fixture.count("projects", "projectCode", "AC-2")).isEqualTo(1));
		assertThat(this.fixture.document("projects", "AC-2").get("projectName").asString())
			.isEqualTo("Nhà máy quản trị");
	}

	@Test
	void shouldRefuseACrossSitePostWithRememberedBasicCredentialsAndStartNoRebuild() {
		// Given a browser that remembers the admin's Basic credentials (after a Basic
		// challenge it sends them with every request to this server)
		JsonNode before = rebuildStatus();

		// When another site's page posts to the rebuild endpoint, as a browser names it
		for (Map<String, String> crossSite : List.of(Map.of("Origin", EVIL), Map.of("Origin", "null"),
				Map.of("Sec-Fetch-Site", "cross-site"), Map.of("Sec-Fetch-Site", "same-site"),
				Map.of("Origin", EVIL, "Sec-Fetch-Site", "cross-site"))) {
			HttpResponse<String> forged = basicPost(REBUILD, crossSite);

			// Then it is refused and no rebuild starts
			assertThat(forged.statusCode()).as("%s: %s", crossSite, forged.body()).isEqualTo(403);
			assertThat(forged.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(JSON.readTree(forged.body()).get("title").asString()).isEqualTo("CSRF token required");
			assertThat(rebuildStatus()).as("%s", crossSite).isEqualTo(before);
		}
	}

	@Test
	void shouldAcceptAScriptsBasicPostAndOneFromAPageOfThisService() {
		// When a script (curl -u) posts its Basic credentials without Origin
		HttpResponse<String> script = basicPost(REBUILD, Map.of());

		// Then the rebuild starts, with no token
		assertThat(script.statusCode()).as(script.body()).isEqualTo(202);
		awaitRebuildEnded();
		// and so it does from a page of this service that sends them itself (Swagger UI)
		HttpResponse<String> swagger = basicPost(REBUILD,
				Map.of("Origin", this.fixture.url(""), "Sec-Fetch-Site", "same-origin"));
		assertThat(swagger.statusCode()).as(swagger.body()).isEqualTo(202);
		awaitRebuildEnded();
	}

	private JsonNode rebuildStatus() {
		HttpResponse<String> status = this.fixture.send("GET", ADMIN, PASSWORD, "/api/admin/rebuilds", Map.of());
		assertThat(status.statusCode()).isEqualTo(200);
		return JSON.readTree(status.body());
	}

	private void awaitRebuildEnded() {
		await().atMost(Duration.ofSeconds(90))
			.untilAsserted(() -> assertThat(rebuildStatus().get("state").asString()).isEqualTo("done"));
	}

	private HttpResponse<String> basicPost(String path, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.fixture.url(path)))
			.POST(HttpRequest.BodyPublishers.noBody())
			.header("Authorization", IndexerFixture.basic(ADMIN, PASSWORD));
		headers.forEach(request::header);
		try {
			return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
