package vn.investledger.indexer;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.test.context.TestPropertySource;

import vn.investledger.indexer.indexing.SourceTopics;
import vn.investledger.indexer.rebuild.IndexRebuild;
import vn.investledger.indexer.rebuild.SourceTopicsWatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.investledger.indexer.IndexerFixture.state;

/**
 * A topic deleted and made again by hand while the indexer runs: its new records would be
 * refused by the older documents' versions, unseen, so the running indexer reports the
 * index (health, gauge, log) until it is rebuilt from the topic as it is now.
 */
@IndexerTest
@TestPropertySource(properties = "investledger.source-check-interval=1s")
class SourceTopicsWatchTests {

	private static final String MISMATCH = "investledger.indexer.source.mismatch";

	private final IndexerFixture fixture;

	@Autowired
	private SourceTopicsWatch watch;

	@Autowired
	private SourceTopics sources;

	@Autowired
	private IndexRebuild rebuild;

	@Autowired
	private MeterRegistry meters;

	SourceTopicsWatchTests(IndexerFixture fixture) {
		this.fixture = fixture;
	}

	@Test
	void shouldReportAnIndexWhoseTopicWasMadeAgainWhileTheIndexerRunsUntilItIsRebuilt() throws Exception {
		// Given a project indexed from the project-state topic, and every index found
		// filled from its topic as it is
		String topic = this.fixture.topics.projectState().name();
		String before = this.sources.idOf(topic);
		this.fixture.publishState(state("SRC-1", 1, "Nhà máy trước", "DINH-VU", "KR", "C", "100"));
		await().atMost(Duration.ofSeconds(60)).until(() -> this.fixture.document("projects", "SRC-1") != null);
		await().atMost(Duration.ofSeconds(30)).until(() -> mismatch("projects") == 0);
		assertThat(this.watch.health().getStatus()).isEqualTo(Status.UP);

		// When the topic is deleted and made again while the indexer runs, and the
		// project's next state is written to it
		remake(topic);
		assertThat(this.sources.idOf(topic)).isNotEqualTo(before);
		this.fixture.publishState(state("SRC-1", 2, "Nhà máy sau", "DINH-VU", "KR", "C", "100"));

		// Then the running indexer reports the projects index, naming the rebuild
		await().atMost(Duration.ofSeconds(30)).until(() -> mismatch("projects") == 1);
		assertThat(this.watch.health().getStatus()).isEqualTo(SourceTopicsWatch.MISMATCH);
		// which the health endpoint answers 200: a restart would not mend it, and the
		// admin API that rebuilds the index must stay reachable
		HttpResponse<String> health = this.fixture.send("GET", null, null, "/actuator/health", Map.of());
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("MISMATCH");
		assertThat(this.watch.check()).hasEntrySatisfying("projects",
				(reason) -> assertThat(reason).contains("deleted and made again")
					.contains(topic)
					.contains("/api/admin/rebuilds?kinds=projects"));
		assertThat(this.watch.check()).doesNotContainKeys("totals", "stock", "history");

		// When the index is rebuilt from the topic as it is now
		this.rebuild.rebuild("projects");

		// Then the report ends, and the index shows the project's state from that topic
		await().atMost(Duration.ofSeconds(30)).until(() -> mismatch("projects") == 0);
		assertThat(this.watch.health().getStatus()).isEqualTo(Status.UP);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.fixture.document("projects", "SRC-1").get("projectName").asString())
				.isEqualTo("Nhà máy sau"));
	}

	private double mismatch(String kind) {
		return this.meters.get(MISMATCH).tag("index", kind).gauge().value();
	}

	/**
	 * Deletes a topic and makes it again, however long the broker takes to finish the
	 * deletion (on a busy machine, and with other test JVMs on the same broker, tens of
	 * seconds): each attempt to create it is bounded, and done once the topic has a new
	 * id.
	 */
	private void remake(String topic) throws Exception {
		String before = this.sources.idOf(topic);
		try (Admin admin = this.fixture.admin()) {
			admin.deleteTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
			NewTopic again = new NewTopic(topic, 3, (short) 1)
				.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
			await().atMost(Duration.ofMinutes(3))
				.pollInterval(Duration.ofSeconds(1))
				.ignoreExceptionsInstanceOf(IllegalStateException.class)
				.until(() -> {
					try {
						admin.createTopics(List.of(again)).all().get(10, TimeUnit.SECONDS);
					}
					catch (ExecutionException | TimeoutException ex) {
						// the deletion still under way, or an earlier attempt made it
					}
					String now = this.sources.idOf(topic);
					return now != null && !now.equals(before);
				});
		}
	}

}
