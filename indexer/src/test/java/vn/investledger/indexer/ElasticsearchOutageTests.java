package vn.investledger.indexer;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import vn.investledger.events.ProjectState;
import vn.investledger.events.Topics;
import vn.investledger.testsupport.ElasticsearchBehindAGate;
import vn.investledger.testsupport.Outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.investledger.indexer.IndexerFixture.ADMIN;
import static vn.investledger.indexer.IndexerFixture.JSON;
import static vn.investledger.indexer.IndexerFixture.PASSWORD;
import static vn.investledger.indexer.IndexerFixture.state;

/**
 * Elasticsearch out of the indexer's reach for 30 seconds (every connection to it reset,
 * those open and those made, as when the node goes away; the node itself serves the other
 * classes on) while projects keep coming: once Elasticsearch is back the indexer resumes
 * by itself and every project is there, in its newest revision.
 */
@IndexerTest
@ElasticsearchBehindAGate
class ElasticsearchOutageTests {

	private final IndexerFixture fixture;

	ElasticsearchOutageTests(IndexerFixture fixture) {
		this.fixture = fixture;
	}

	@Test
	void shouldLoseNothingWhileElasticsearchIsStoppedForThirtySeconds() throws Exception {
		publish(0, 200, 1);
		await().atMost(Duration.ofSeconds(60)).until(() -> indexed() == 200);

		Instant stopped = Instant.now();
		try (Outage outage = this.fixture.shutElasticsearch()) {
			publish(200, 500, 1);
			// revisions that reach the indexer while Elasticsearch is down
			publish(0, 50, 2);
			// (which the indexer finds out, while the node serves the other classes)
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(elasticsearchHealth()).isEqualTo("DOWN"));
			Thread
				.sleep(Math.max(0, Duration.ofSeconds(30).minus(Duration.between(stopped, Instant.now())).toMillis()));
		}

		await().atMost(Duration.ofSeconds(120)).until(() -> indexed() == 500);
		assertThat(elasticsearchHealth()).isEqualTo("UP");
		this.fixture.awaitConsumed(this.fixture.group("projects"), this.fixture.topics.projectState().name());
		assertThat(this.fixture.document("projects", "OUT-0").get("revision").asLong()).isEqualTo(2);
		assertThat(this.fixture.document("projects", "OUT-49").get("revision").asLong()).isEqualTo(2);
		assertThat(this.fixture.document("projects", "OUT-50").get("revision").asLong()).isEqualTo(1);
		assertThat(this.fixture.document("projects", "OUT-499").get("projectName").asString()).isEqualTo("Dự án 499");
	}

	private String elasticsearchHealth() {
		HttpResponse<String> health = this.fixture.send("GET", ADMIN, PASSWORD, "/actuator/health", Map.of());
		return JSON.readTree(health.body()).get("components").get("elasticsearch").get("status").asString();
	}

	private long indexed() {
		try {
			return this.fixture.count("projects", "zoneCode", "OUTAGE-ZONE");
		}
		catch (RuntimeException | AssertionError ex) {
			// Elasticsearch is starting again
			return -1;
		}
	}

	private void publish(int from, int to, long revision) {
		Map<String, byte[]> records = new LinkedHashMap<>();
		for (int i = from; i < to; i++) {
			ProjectState state = state("OUT-" + i, revision, "Dự án " + i, "OUTAGE-ZONE", "KR", "C", i + "00");
			records.put(state.projectCode(), Topics.projectStateSerde().serializer().serialize("", state));
		}
		this.fixture.sendAll(this.fixture.topics.projectState().name(), records);
	}

}
