package vn.investledger.indexer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.TestPropertySource;

import vn.investledger.events.AppliedEntry;
import vn.investledger.events.EventJson;
import vn.investledger.events.LicensingEvent;
import vn.investledger.index.HistoryDocument;
import vn.investledger.indexer.indexing.CurrentDecisions;
import vn.investledger.indexer.indexing.DecisionsMark;
import vn.investledger.testsupport.ProjectLife;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A replay from the event topics marks where the ledger's decisions begin and decides
 * every event again after it; the running indexer's history then holds exactly the
 * replay's decisions, without a rebuild: what an earlier counting applied and the replay
 * does not is gone from the history (and from the drill-down of its figures), whether the
 * indexer had indexed it before the mark moved or reads it after.
 */
@IndexerTest
// pages of 7, so that a deletion turns many pages
@TestPropertySource(properties = "investledger.history-deletion-page=7")
// the marks of one test stay on the class's topic: the one that moves partition 0's mark
// past
// its end runs last
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CurrentDecisionsTests {

	private static final int PROJECTS = 40;

	private final IndexerFixture fixture;

	@Autowired
	private ElasticsearchClient client;

	@Autowired
	private CurrentDecisions decisions;

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	@Autowired
	private MeterRegistry meters;

	CurrentDecisionsTests(IndexerFixture fixture) {
		this.fixture = fixture;
	}

	@Test
	@Order(1)
	void shouldHoldOnlyTheDecisionsAfterTheLatestReplaysMarkWhileTheIndexerRuns() throws Exception {
		long seed = System.nanoTime();
		Random random = new Random(seed);
		Map<String, List<LicensingEvent>> lives = new LinkedHashMap<>();
		for (int i = 0; i < PROJECTS; i++) {
			String code = "CD-" + i;
			lives.put(code, ProjectLife.of(code, "31"));
		}
		// Given an earlier counting that applied revisions 1 to k of each project, all
		// indexed
		Map<String, Integer> earlier = applyRandomPrefixes(lives, random, 1);
		await().atMost(Duration.ofSeconds(90)).until(() -> history().size() == total(earlier));
		double deletedBefore = counted("deleted");

		// When a replay marks where its decisions begin, then applies revisions 1 to j
		// of each project (refusing some the earlier counting applied, applying some it
		// did not)
		Map<Integer, Long> firstMark = markTheEnd();
		// (a replay's reset and start take seconds after its mark: here its first
		// decisions come once the indexer has deleted the earlier ones, so that each
		// deletion is counted)
		awaitRetired(firstMark);
		Map<String, Integer> replayed = applyRandomPrefixes(lives, random, 0);

		// Then the history holds exactly the replay's decisions, each from after the mark
		Set<String> expected = ids(replayed);
		await().atMost(Duration.ofSeconds(90))
			.untilAsserted(() -> assertThat(history().keySet()).as("seed %d", seed).isEqualTo(expected));
		history().values()
			.forEach((document) -> assertThat(document.decision().offset())
				.isGreaterThanOrEqualTo(firstMark.get(document.decision().partition())));
		// every earlier entry was indexed before the mark moved: each was deleted
		assertThat(counted("deleted") - deletedBefore).isEqualTo(total(earlier));

		// Given the history indexer stopped while an earlier counting applies a
		// project's revisions 1 to 3
		MessageListenerContainer history = this.listeners.getListenerContainer("history-indexer");
		history.stop();
		List<LicensingEvent> late = ProjectLife.of("CD-LATE", "31");
		late.subList(0, 3).forEach((event) -> this.fixture.publishApplied(event, "31"));
		// When a second replay marks its start, and applies revision 1 only
		double skippedBefore = counted("skipped");
		deletedBefore = counted("deleted");
		Map<Integer, Long> secondMark = markTheEnd();
		awaitRetired(secondMark);
		this.fixture.publishApplied(late.get(0), "31");
		history.start();
		this.fixture.awaitConsumed(this.fixture.group("history"), this.fixture.topics.appliedEvents().name());

		// Then the entries read after the mark moved were skipped, and the first
		// replay's decisions, now earlier ones, were deleted
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(history().keySet()).isEqualTo(Set.of("CD-LATE#1")));
		assertThat(history().get("CD-LATE#1").decision().offset())
			.isGreaterThanOrEqualTo(secondMark.get(history().get("CD-LATE#1").decision().partition()));
		// (a batch read again would count its skips again)
		assertThat(counted("skipped") - skippedBefore).isGreaterThanOrEqualTo(3);
		assertThat(counted("deleted") - deletedBefore).isEqualTo(total(replayed));

		// Given the indexer stopped (its follower of the marks and its history), when a
		// third replay marks its start and applies another project's licence, and the
		// indexer starts again, history first
		MessageListenerContainer follower = this.listeners.getListenerContainer("decisions-mark");
		follower.stop();
		history.stop();
		Map<Integer, Long> thirdMark = markTheEnd();
		this.fixture.publishApplied(ProjectLife.of("CD-NEW", "31").get(0), "31");
		history.start();
		this.fixture.awaitConsumed(this.fixture.group("history"), this.fixture.topics.appliedEvents().name());
		await().atMost(Duration.ofSeconds(30)).until(() -> history().containsKey("CD-NEW#1"));
		follower.start();

		// Then the follower reads the marks again from the start, and the second
		// replay's decision is deleted
		awaitRetired(thirdMark);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(history().keySet()).isEqualTo(Set.of("CD-NEW#1")));
	}

	/**
	 * Between the search that finds a document from before the mark and its delete, the
	 * replay may rewrite it with its own decision: the delete carries the mark as its
	 * version, and Elasticsearch keeps the newer entry.
	 */
	@Test
	@Order(3)
	void shouldKeepADocumentRewrittenWithALaterEntryAfterTheSearchFoundIt() throws Exception {
		String alias = this.fixture.indices.alias("history");
		Map<Integer, Long> ends = markTheEnd();
		awaitRetired(ends);
		long mark = ends.get(0) + 100;
		HistoryDocument earlier = HistoryDocument.of(entry("CD-EARLIER")).at(0, mark - 1);
		// its source still says an entry from before the mark, as the search reads it;
		// its version says the replay wrote it again since
		HistoryDocument rewritten = HistoryDocument.of(entry("CD-REWRITTEN")).at(0, 0);
		this.client.index((i) -> i.index(alias)
			.id(earlier.id())
			.document(earlier)
			.version(mark - 1)
			.versionType(VersionType.ExternalGte)
			.refresh(Refresh.True));
		this.client.index((i) -> i.index(alias)
			.id(rewritten.id())
			.document(rewritten)
			.version(mark)
			.versionType(VersionType.ExternalGte)
			.refresh(Refresh.True));

		Map<Integer, Long> moved = new TreeMap<>(ends);
		moved.put(0, mark);
		send(moved);
		awaitRetired(moved);

		assertThat(history()).containsKey(rewritten.id()).doesNotContainKey(earlier.id());
		// and an earlier entry written late is refused while Elasticsearch keeps the
		// delete
		assertThatThrownBy(() -> this.client.index((i) -> i.index(alias)
			.id(earlier.id())
			.document(earlier)
			.version(mark - 1)
			.versionType(VersionType.ExternalGte))).isInstanceOf(ElasticsearchException.class)
			.hasMessageContaining("version_conflict");
	}

	private static AppliedEntry entry(String projectCode) {
		LicensingEvent licence = ProjectLife.of(projectCode, "31").get(0);
		return new AppliedEntry(projectCode, 1, licence.envelope().eventId().toString(), licence.kind().jsonName(),
				"31", false, "t", 0, 0, licence.envelope().emittedAt(),
				new String(EventJson.toBytes(licence), StandardCharsets.UTF_8), null);
	}

	private void send(Map<Integer, Long> mark) throws Exception {
		this.fixture.send(this.fixture.topics.rulebookTopicName(),
				this.fixture.prefix + "-stream-processor" + DecisionsMark.KEY_SUFFIX,
				EventJson.mapper().writeValueAsBytes(mark));
	}

	@Test
	@Order(4)
	void shouldKeepFollowingTheMarkBeforeAMarkThatIsRemovedOrNotAMark() throws Exception {
		Map<Integer, Long> mark = markTheEnd();
		awaitRetired(mark);
		String key = this.fixture.prefix + "-stream-processor" + DecisionsMark.KEY_SUFFIX;
		for (String wrong : List.of("{\"0\":null}", "{\"0\":-5}", "[1,2]", "null", "nicht")) {
			this.fixture.send(this.fixture.topics.rulebookTopicName(), key, wrong.getBytes(StandardCharsets.UTF_8));
		}
		this.fixture.send(this.fixture.topics.rulebookTopicName(), key, null);
		// a mark sent after them is followed: they stopped nothing
		Map<Integer, Long> next = new TreeMap<>(mark);
		next.merge(0, 1L, Long::sum);
		this.fixture.send(this.fixture.topics.rulebookTopicName(), key, EventJson.mapper().writeValueAsBytes(next));
		awaitRetired(next);
	}

	/**
	 * A mark may name more partitions than one search can hold as clauses: the deletion
	 * searches them in groups, and the follower goes on.
	 */
	@Test
	@Order(5)
	void shouldDeleteTheEarlierEntriesOfAMarkOfThousandsOfPartitions() throws Exception {
		String alias = this.fixture.indices.alias("history");
		Map<Integer, Long> ends = markTheEnd();
		awaitRetired(ends);
		int last = 4_999;
		HistoryDocument first = HistoryDocument.of(entry("CD-FIRST")).at(0, ends.get(0) + 40);
		HistoryDocument earlier = HistoryDocument.of(entry("CD-FAR")).at(last, 5);
		HistoryDocument later = HistoryDocument.of(entry("CD-FAR-LATER")).at(last, 50);
		for (HistoryDocument document : List.of(first, earlier, later)) {
			this.client.index((i) -> i.index(alias)
				.id(document.id())
				.document(document)
				.version(document.decision().offset())
				.versionType(VersionType.ExternalGte)
				.refresh(Refresh.True));
		}

		Map<Integer, Long> wide = new TreeMap<>(ends);
		wide.put(0, ends.get(0) + 41);
		for (int partition = 1; partition <= last; partition++) {
			wide.put(partition, (partition == last) ? 50L : 1L);
		}
		send(wide);
		awaitRetired(wide);

		assertThat(history()).containsKey(later.id()).doesNotContainKeys(first.id(), earlier.id());
	}

	@AfterEach
	void runEveryListener() {
		this.listeners.getListenerContainers().forEach((container) -> {
			if (!container.isRunning()) {
				container.start();
			}
		});
	}

	/** Waits until the indexer follows a mark and has deleted what came before it. */
	private void awaitRetired(Map<Integer, Long> mark) {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.decisions.mark().equals(mark)
					&& this.meters.get("investledger.indexer.history.mark-pending").gauge().value() == 0);
	}

	@Test
	@Order(2)
	void shouldCreateTheRulebookTopicAsTheProcessorDoesWhenItIsMissing() throws Exception {
		String rulebook = this.fixture.topics.rulebookTopicName();
		ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, rulebook);
		try (Admin admin = this.fixture.admin()) {
			assertThat(admin.describeTopics(List.of(rulebook)).allTopicNames().get().get(rulebook).partitions())
				.hasSize(1);
			assertThat(admin.describeConfigs(List.of(topic))
				.all()
				.get()
				.get(topic)
				.get(TopicConfig.CLEANUP_POLICY_CONFIG)
				.value()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
		}
	}

	/**
	 * Applies revisions 1 to a random k of each project, k from {@code least} to 7, and
	 * returns each project's k.
	 */
	private Map<String, Integer> applyRandomPrefixes(Map<String, List<LicensingEvent>> lives, Random random,
			int least) {
		Map<String, Integer> applied = new TreeMap<>();
		lives.forEach((code, life) -> {
			int revisions = least + random.nextInt(life.size() - least + 1);
			life.subList(0, revisions).forEach((event) -> this.fixture.publishApplied(event, "31"));
			applied.put(code, revisions);
		});
		return applied;
	}

	/** Records the applied-events topic's end as the processor's replay does. */
	private Map<Integer, Long> markTheEnd() throws Exception {
		Map<Integer, Long> mark = new TreeMap<>();
		this.fixture.endOffsets(this.fixture.topics.appliedEvents().name())
			.forEach((partition, end) -> mark.put(partition.partition(), end));
		send(mark);
		return mark;
	}

	private static Set<String> ids(Map<String, Integer> applied) {
		return applied.entrySet()
			.stream()
			.flatMap((project) -> IntStream.rangeClosed(1, project.getValue())
				.mapToObj((revision) -> project.getKey() + "#" + revision))
			.collect(Collectors.toCollection(TreeSet::new));
	}

	private static long total(Map<String, Integer> applied) {
		return applied.values().stream().mapToLong(Integer::longValue).sum();
	}

	/** Every history document, by id, as searchable now. */
	private Map<String, HistoryDocument> history() throws Exception {
		List<Hit<HistoryDocument>> hits = new ArrayList<>(this.client
			.search((s) -> s.index(this.fixture.indices.alias("history")).size(1000), HistoryDocument.class)
			.hits()
			.hits());
		return hits.stream().collect(Collectors.toMap(Hit::id, Hit::source));
	}

	private double counted(String outcome) {
		return this.meters.get("investledger.indexer.history.earlier-decisions")
			.tag("outcome", outcome)
			.counter()
			.count();
	}

}
