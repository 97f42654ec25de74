package vn.investledger.indexer;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import vn.investledger.events.EventJson;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Money;
import vn.investledger.events.ProjectState;
import vn.investledger.events.Stock;
import vn.investledger.events.Topics;
import vn.investledger.events.Total;
import vn.investledger.index.Indices;
import vn.investledger.indexer.indexing.SourceTopics;
import vn.investledger.indexer.rebuild.IndexRebuild;
import vn.investledger.indexer.rebuild.RebuildLeases;
import vn.investledger.indexer.rebuild.SourceTopicsCheck;
import vn.investledger.testsupport.ProjectLife;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;
import static vn.investledger.indexer.IndexerFixture.state;

/**
 * A rebuild fills a new version of the index from the log and swaps the alias while
 * searches run on it: no search fails or sees a partial index.
 */
@IndexerTest
class IndexRebuildTests {

	private static final int PROJECTS = 3000;

	private final IndexerFixture fixture;

	@Autowired
	private IndexRebuild rebuild;

	@Autowired
	private ElasticsearchClient client;

	@Autowired
	private RebuildLeases leases;

	@Autowired
	private SourceTopics sourceTopics;

	@Autowired
	private SourceTopicsCheck sourceTopicsCheck;

	IndexRebuildTests(IndexerFixture fixture) {
		this.fixture = fixture;
	}

	@Test
	void shouldRebuildFromTheLogAndSwapTheAliasWhileSearchesRun() throws Exception {
		Map<String, byte[]> states = new LinkedHashMap<>();
		for (int i = 0; i < PROJECTS; i++) {
			ProjectState state = state("RB-" + i, 1 + (i % 3), "Dự án " + i, "REBUILD-ZONE", "KR", "C", i + "00");
			states.put(state.projectCode(), Topics.projectStateSerde().serializer().serialize("", state));
		}
		this.fixture.sendAll(this.fixture.topics.projectState().name(), states);
		Total figure = new Total("national", Map.of(), "2040", InvestmentType.FDI, Money.usd("12.34"), 1,
				Money.usd("0"), 0, Money.usd("0"), 0, Money.usd("0"), null, null);
		// the figure changed four times before its last value: the rebuild indexes that
		// one only
		for (int cents = 1230; cents <= 1234; cents++) {
			Total version = new Total("national", Map.of(), "2040", InvestmentType.FDI,
					Money.usd(BigDecimal.valueOf(cents, 2).toPlainString()), 1, Money.usd("0"), 0, Money.usd("0"), 0,
					Money.usd("0"), null, null);
			this.fixture.send(this.fixture.topics.totals().name(), figure.key(),
					Topics.totalSerde().serializer().serialize("", version));
		}
		await().atMost(Duration.ofSeconds(90)).until(() -> found() == PROJECTS);

		AtomicBoolean rebuilding = new AtomicBoolean(true);
		AtomicInteger searches = new AtomicInteger();
		List<String> failures = Collections.synchronizedList(new ArrayList<>());
		Thread searcher = Thread.ofPlatform().start(() -> {
			while (rebuilding.get()) {
				try {
					long found = found();
					searches.incrementAndGet();
					if (found != PROJECTS) {
						failures.add("found " + found);
					}
				}
				catch (RuntimeException | AssertionError ex) {
					failures.add(ex.toString());
				}
			}
		});
		IndexRebuild.Result projects = this.rebuild.rebuild("projects");
		IndexRebuild.Result totals = this.rebuild.rebuild("totals");
		rebuilding.set(false);
		searcher.join();

		assertThat(failures).isEmpty();
		assertThat(searches.get()).isGreaterThan(5);
		assertThat(projects.previous()).isEqualTo(this.fixture.prefix + "-projects-v1");
		assertThat(projects.current()).isEqualTo(this.fixture.prefix + "-projects-v2");
		assertThat(projects.records()).isEqualTo(PROJECTS);
		assertThat(totals.current()).isEqualTo(this.fixture.prefix + "-totals-v2");
		assertThat(totals.records()).isEqualTo(5);
		assertThat(totals.indexed()).isEqualTo(1);
		assertThat(projects.indexed()).isEqualTo(PROJECTS);
		assertThat(this.client.indices().getAlias((a) -> a.name(this.fixture.prefix + "-projects")).aliases())
			.containsOnlyKeys(this.fixture.prefix + "-projects-v2");
		assertThat(this.client.count((c) -> c.index(this.fixture.prefix + "-projects-v2")).count()).isEqualTo(PROJECTS);
		// filled without a refresh, then served with the template's interval
		Map.of(projects.current(), "500ms", totals.current(), "1s")
			.forEach((rebuilt, interval) -> assertThat(this.settingsOf(rebuilt).refreshInterval().time())
				.isEqualTo(interval));
		assertThat(this.fixture.document("projects", "RB-2").get("revision").asLong()).isEqualTo(3);
		assertThat(this.fixture.document("totals", figure.key()).get("newCapital").get("minorUnits").asLong())
			.isEqualTo(1234);

		// the serving indexer now writes the new version
		this.fixture.publishState(state("RB-NEW", 1, "Dự án mới", "REBUILD-ZONE", "KR", "C", "1"));
		await().atMost(Duration.ofSeconds(60)).until(() -> found() == PROJECTS + 1);
		assertThat(this.client.count((c) -> c.index(this.fixture.prefix + "-projects-v2")).count())
			.isEqualTo(PROJECTS + 1);
	}

	/**
	 * A replay from the event topics may refuse what an earlier version applied. The
	 * history's topic keeps the earlier counting's entries before the replay's mark, so
	 * the rebuild reads it from there: the rebuilt history, like the serving one, lists
	 * what the figures count.
	 */
	@Test
	void shouldRebuildTheHistoryFromWhereTheLedgersCurrentDecisionsBegin() throws Exception {
		// Given a project's history as an earlier counting applied it, revisions 1 to 3
		List<LicensingEvent> life = ProjectLife.of("RB-HIST-1", "31");
		life.subList(0, 3).forEach((event) -> this.fixture.publishApplied(event, "31"));
		await().atMost(Duration.ofSeconds(60)).until(() -> history() == 3);
		// and a replay whose ledger refuses revision 3 now: its mark, then its
		// decisions
		String applied = this.fixture.topics.appliedEvents().name();
		Map<Integer, Long> mark = new TreeMap<>();
		this.fixture.endOffsets(applied).forEach((partition, end) -> mark.put(partition.partition(), end));
		this.fixture.send(this.fixture.topics.rulebookTopicName(),
				this.fixture.prefix + "-stream-processor/applied-from", EventJson.mapper().writeValueAsBytes(mark));
		life.subList(0, 2).forEach((event) -> this.fixture.publishApplied(event, "31"));
		this.fixture.awaitConsumed(this.fixture.group("history"), applied);
		// (the serving indexer follows the mark: CurrentDecisionsTests)
		await().atMost(Duration.ofSeconds(30)).until(() -> history() == 2);

		// When the history is rebuilt
		IndexRebuild.Result rebuilt = this.rebuild.rebuild("history");

		// Then it holds the replay's decisions only
		assertThat(rebuilt.records()).isEqualTo(2);
		assertThat(history()).isEqualTo(2);
		assertThat(this.fixture.document("history", "RB-HIST-1#3")).isNull();
		assertThat(this.fixture.document("history", "RB-HIST-1#2").get("revision").asLong()).isEqualTo(2);
	}

	/**
	 * An earlier rebuild that failed before its swap leaves the next version behind no
	 * alias, filled from the log as it was then: the next rebuild fills it anew, so that
	 * what was deleted since does not come back.
	 */
	@Test
	void shouldDeleteWhatAFailedRebuildLeftAndFillTheNextVersionAnew() throws Exception {
		// Given the next version of the stock index left by a failed rebuild, with a
		// figure
		// since deleted
		String leftover = this.fixture.prefix + "-stock-v2";
		this.client.indices().create((create) -> create.index(leftover));
		this.client.index((index) -> index.index(leftover).id("STALE").document(Map.of()));
		// and a figure on the stock topic
		Stock figure = Stock.zero("national", Map.of(), InvestmentType.FDI);
		this.fixture.send(this.fixture.topics.stock().name(), figure.key(),
				Topics.stockSerde().serializer().serialize("", figure));
		await().atMost(Duration.ofSeconds(60)).until(() -> this.fixture.document("stock", figure.key()) != null);

		// When the stock index is rebuilt
		IndexRebuild.Result stock = this.rebuild.rebuild("stock");

		// Then the alias points at the next version, which holds what the log holds only
		assertThat(stock.current()).isEqualTo(leftover);
		assertThat(this.fixture.document("stock", "STALE")).isNull();
		assertThat(this.fixture.document("stock", figure.key())).isNotNull();
		assertThat(this.client.count((count) -> count.index(leftover)).count()).isEqualTo(1);
	}

	@Test
	void shouldRefuseToRebuildIntoAnIndexBehindAnAlias() throws Exception {
		// Given the next version of the rejections index behind an alias of its own
		String next = this.fixture.prefix + "-rejections-v2";
		String compare = this.fixture.prefix + "-rejections-compare";
		this.client.indices().create((create) -> create.index(next).aliases(compare, (alias) -> alias));

		// When the rejections index is rebuilt, then the rebuild is refused, saying why
		assertThatIllegalStateException().isThrownBy(() -> this.rebuild.rebuild("rejections"))
			.withMessageContaining(next)
			.withMessageContaining(compare);
		// and the index and both aliases are as they were
		assertThat(this.client.indices().getAlias((alias) -> alias.name(compare)).aliases()).containsOnlyKeys(next);
		assertThat(this.client.indices().getAlias((alias) -> alias.name(this.fixture.prefix + "-rejections")).aliases())
			.containsOnlyKeys(this.fixture.prefix + "-rejections-v1");
	}

	/**
	 * Two rebuilds of one index at once would fill the same next version, the second
	 * deleting what the first had filled, and the first to finish would swap in an
	 * incomplete index: the second is refused while the first holds its lease.
	 */
	@Test
	void shouldRefuseARebuildOfAnIndexWhileAnotherRebuildOfItHoldsTheLease() throws Exception {
		String alias = this.fixture.prefix + "-history";
		// Given another rebuild of the history holding its lease (another instance's,
		// or the command's)
		try (RebuildLeases.Lease other = this.leases.take("history")) {
			String before = currentIndex(alias);
			List<String> versions = versions(alias);

			// When the history is rebuilt here, then it is refused, naming the holder
			assertThatIllegalStateException().isThrownBy(() -> this.rebuild.rebuild("history"))
				.withMessageContaining("A rebuild of history is running elsewhere: " + other.holder())
				.withMessageContaining(this.leases.index());
			// and nothing was created or swapped
			assertThat(versions(alias)).isEqualTo(versions);
			assertThat(currentIndex(alias)).isEqualTo(before);
		}
		// Once the other gives its lease up, the rebuild runs, and gives its own up
		IndexRebuild.Result rebuilt = this.rebuild.rebuild("history");
		assertThat(currentIndex(alias)).isEqualTo(rebuilt.current());
		assertThat(lease("history")).isNull();
	}

	@Test
	void shouldTakeOverALeaseItsHolderStoppedRenewing() throws Exception {
		// Given the lease of a rebuild of the history whose holder stopped renewing it
		// a minute ago (the leases' index made as a rebuild makes it)
		String stopped = Instant.now().minusSeconds(120).toString();
		String expired = Instant.now().minusSeconds(60).toString();
		this.leases.take("probe").close();
		this.client.index((index) -> index.index(this.leases.index())
			.id("history")
			.document(new RebuildLeases.LeaseDocument("indexer-2 pid 7 rebuild 0", stopped, stopped, expired)));

		// When the history is rebuilt, then the lease is taken over and the rebuild
		// swaps its index in
		IndexRebuild.Result history = this.rebuild.rebuild("history");
		assertThat(currentIndex(this.fixture.prefix + "-history")).isEqualTo(history.current());
		assertThat(lease("history")).isNull();
	}

	/**
	 * A holder paused for longer than its lease finds it taken over at its next renewal,
	 * and stops before it writes or swaps anything more.
	 */
	@Test
	void shouldStopARebuildWhoseLeaseAnotherTookOver() throws Exception {
		try (RebuildLeases.Lease lease = this.leases.take("taken-over")) {
			// renewed over its own last renewal
			String firstExpiry = lease("taken-over").expiresAt();
			Thread.sleep(5);
			lease.renew();
			assertThat(Instant.parse(lease("taken-over").expiresAt())).isAfter(Instant.parse(firstExpiry));
			lease.check();
			// a renewal applied whose answer was lost (its own document, at a later
			// place)
			// is not taken for a loss
			String again = Instant.now().toString();
			this.client.index((index) -> index.index(this.leases.index())
				.id("taken-over")
				.document(new RebuildLeases.LeaseDocument(lease.holder(), firstExpiry, again, again)));
			lease.renew();
			lease.check();
			Thread.sleep(5);
			lease.renew();
			assertThat(Instant.parse(lease("taken-over").renewedAt())).isAfter(Instant.parse(again));

			// When another rebuild takes it over
			String now = Instant.now().toString();
			this.client.index((index) -> index.index(this.leases.index())
				.id("taken-over")
				.document(new RebuildLeases.LeaseDocument("indexer-2 pid 7 rebuild 1", now, now,
						Instant.now().plusSeconds(60).toString())));

			// Then this one's renewal finds it, and so does every later check
			assertThatIllegalStateException().isThrownBy(lease::renew)
				.withMessageContaining("was taken over or removed while " + lease.holder());
			assertThatIllegalStateException().isThrownBy(lease::check).withMessageContaining("does not swap");
		}
		// and its close leaves the other's lease in place
		assertThat(lease("taken-over").holder()).isEqualTo("indexer-2 pid 7 rebuild 1");
	}

	/**
	 * The history's documents are versioned by the applied-events topic's offsets: a
	 * topic of that name made again (offsets from 0) or another deployment's would have
	 * every write refused by the older documents, unseen. The index records the topic's
	 * id, and the indexer does not start on another until the index is rebuilt from it.
	 */
	@Test
	void shouldRefuseToStartOnATopicMadeAgainUntilItsIndexIsRebuilt() throws Exception {
		String applied = this.fixture.topics.appliedEvents().name();
		String alias = this.fixture.prefix + "-history";
		String id = this.sourceTopics.idOf(applied);
		assertThat(id).isNotBlank();
		// recorded at the first start that found the topic
		this.sourceTopicsCheck.afterPropertiesSet();
		assertThat(this.sourceTopics.recorded(currentIndex(alias))).containsExactly(Map.entry(applied, id));

		// When the topic was deleted and made again since the index was filled
		this.sourceTopics.record(currentIndex(alias), applied, "AAAAAAAAAAAAAAAAAAAAAA");
		// Then the indexer does not start, saying which index to rebuild
		assertThatIllegalStateException().isThrownBy(this.sourceTopicsCheck::afterPropertiesSet)
			.withMessageContaining("deleted and made again")
			.withMessageContaining("--investledger.rebuild=history");
		// nor when it was filled from another deployment's topic
		this.sourceTopics.record(currentIndex(alias), "other-deployment.applied-events", id);
		assertThatIllegalStateException().isThrownBy(this.sourceTopicsCheck::afterPropertiesSet)
			.withMessageContaining("another deployment's topics");

		// When the history is rebuilt, its new version records the topic as it is, and
		// the indexer starts again
		IndexRebuild.Result rebuilt = this.rebuild.rebuild("history");
		assertThat(this.sourceTopics.recorded(rebuilt.current())).containsExactly(Map.entry(applied, id));
		this.sourceTopicsCheck.afterPropertiesSet();
	}

	/**
	 * A renewal applied whose answer was lost leaves the holder's place behind: the lease
	 * is still given up at the end, not left to block the next rebuild until it expires.
	 */
	@Test
	void shouldGiveALeaseUpThoughARenewalsAnswerWasLost() throws Exception {
		RebuildLeases.Lease lease = this.leases.take("answer-lost");
		String now = Instant.now().toString();
		this.client.index((index) -> index.index(this.leases.index())
			.id("answer-lost")
			.document(new RebuildLeases.LeaseDocument(lease.holder(), now, now, now)));

		lease.close();

		assertThat(lease("answer-lost")).isNull();
	}

	private RebuildLeases.LeaseDocument lease(String kind) throws IOException {
		GetResponse<RebuildLeases.LeaseDocument> got = this.client.get((get) -> get.index(this.leases.index()).id(kind),
				RebuildLeases.LeaseDocument.class);
		return got.found() ? got.source() : null;
	}

	private String currentIndex(String alias) throws IOException {
		return this.client.indices()
			.getAlias((get) -> get.name(alias))
			.aliases()
			.keySet()
			.stream()
			.max(Comparator.comparingInt(Indices::versionOf))
			.orElseThrow();
	}

	private List<String> versions(String alias) throws IOException {
		return this.client.indices()
			.get((get) -> get.index(alias + "-v*"))
			.indices()
			.keySet()
			.stream()
			.sorted()
			.toList();
	}

	private long history() {
		return this.fixture.count("history", "projectCode", "RB-HIST-1");
	}

	/**
	 * The projects a search through the alias finds, as the console searches.
	 */
	private long found() {
		return this.fixture.count("projects", "zoneCode", "REBUILD-ZONE");
	}

	private co.elastic.clients.elasticsearch.indices.IndexSettings settingsOf(String index) {
		try {
			return this.client.indices().getSettings((get) -> get.index(index)).get(index).settings().index();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
