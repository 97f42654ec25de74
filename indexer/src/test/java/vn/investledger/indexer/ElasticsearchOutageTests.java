package vn.investledger.indexer;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.investledger.events.ProjectState;
import vn.investledger.events.Topics;
import vn.investledger.testsupport.Outage;
import vn.investledger.testsupport.RealServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.investledger.indexer.IndexerFixture.params;
import static vn.investledger.indexer.IndexerFixture.state;

/**
 * Elasticsearch stopped for 30 seconds while projects keep coming: the search API answers
 * 503 with {@code Retry-After}, and once Elasticsearch is back the indexer resumes by
 * itself and every project is there, in its newest revision.
 */
@IndexerTest
class ElasticsearchOutageTests {

	private static final IndexerFixture fixture = IndexerFixture.withUniquePrefix("outage");

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
	void shouldLoseNothingWhileElasticsearchIsStoppedForThirtySeconds() throws Exception {
		fixture.port(this.port);
		publish(0, 200, 1);
		await().atMost(Duration.ofSeconds(60)).until(() -> indexed() == 200);

		Instant stopped = Instant.now();
		try (Outage outage = RealServers.stopElasticsearch()) {
			publish(200, 500, 1);
			// revisions that reach the indexer while Elasticsearch is down
			publish(0, 50, 2);

			HttpResponse<String> unavailable = fixture.get("/api/search/projects", params("zone", "OUTAGE-ZONE"));
			assertThat(unavailable.statusCode()).isEqualTo(503);
			assertThat(unavailable.headers().firstValue("Retry-After")).hasValue("10");
			assertThat(unavailable.headers().firstValue("Content-Type")).hasValue("application/problem+json");

			Thread
				.sleep(Math.max(0, Duration.ofSeconds(30).minus(Duration.between(stopped, Instant.now())).toMillis()));
		}

		await().atMost(Duration.ofSeconds(120)).until(() -> indexed() == 500);
		fixture.awaitConsumed(fixture.group("projects"), fixture.topics.projectState().name());
		JsonNode revisedFirst = fixture.getJson("/api/search/projects/OUT-0", Map.of());
		JsonNode revisedLast = fixture.getJson("/api/search/projects/OUT-49", Map.of());
		JsonNode untouched = fixture.getJson("/api/search/projects/OUT-50", Map.of());
		assertThat(revisedFirst.get("revision").asLong()).isEqualTo(2);
		assertThat(revisedLast.get("revision").asLong()).isEqualTo(2);
		assertThat(untouched.get("revision").asLong()).isEqualTo(1);
		assertThat(fixture.getJson("/api/search/projects/OUT-499", Map.of()).get("projectName").asString())
			.isEqualTo("Dự án 499");
	}

	private long indexed() {
		HttpResponse<String> response = fixture.get("/api/search/projects", params("zone", "OUTAGE-ZONE", "size", "1"));
		return (response.statusCode() == 200) ? IndexerFixture.JSON.readTree(response.body()).get("total").asLong()
				: -1;
	}

	private static void publish(int from, int to, long revision) {
		Map<String, byte[]> records = new LinkedHashMap<>();
		for (int i = from; i < to; i++) {
			ProjectState state = state("OUT-" + i, revision, "Dự án " + i, "OUTAGE-ZONE", "KR", "C", i + "00");
			records.put(state.projectCode(), Topics.projectStateSerde().serializer().serialize("", state));
		}
		fixture.sendAll(fixture.topics.projectState().name(), records);
	}

}
