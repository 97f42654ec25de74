package vn.investledger.indexer.indexing;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.PartitionOffset;
import org.springframework.kafka.annotation.TopicPartition;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.stereotype.Component;

import vn.investledger.index.HistoryDocument;
import vn.investledger.indexer.system.IndexerProperties;

/**
 * Where the ledger's current decisions begin on the applied-events topic, followed while
 * the indexer runs: the mark a replay from the event topics records on the rulebook topic
 * ({@code <processor application id>/applied-from}, the offset of each partition) once
 * its reset has succeeded and before it writes a decision. The entries before the mark
 * are an earlier counting's, and the replay may not apply some of them again. So that the
 * history lists exactly the events the figures count, without a rebuild:
 * <ul>
 * <li>an entry read from before the mark is not indexed ({@link #isEarlier});</li>
 * <li>when the mark moves, the batches being written are waited for, then every history
 * document from before the mark is deleted, in every version of the history index (a
 * search on {@link vn.investledger.index.HistoryDocument.Decision}, then bulk deletes;
 * not every Elasticsearch distribution has a delete by query). Each delete carries the
 * mark of its partition as an external version, so Elasticsearch deletes the document
 * only if it still holds an entry from before the mark: one rewritten meanwhile with the
 * replay's decision is kept, and an earlier entry written after the deletion (by an
 * instance that has not seen the mark yet) is refused for as long as Elasticsearch keeps
 * the deletion ({@code index.gc_deletes}, 60 s). History entries are written with their
 * offset as external version ({@code external_gte}), so an earlier entry never replaces a
 * later one either.</li>
 * </ul>
 * Those the replay applies again come back with its decisions, as the figures do. The
 * latest mark is read before the listeners start, and the rulebook topic is followed from
 * its start at every start of the indexer, so that a replay run while the indexer was
 * stopped is applied too. A mark never recorded means: from the topic's start; a mark
 * removed (a tombstone) or not one the processor writes is passed over
 * ({@link DecisionsMark}).
 */
@Component
public class CurrentDecisions implements InitializingBean {

	private static final Logger logger = LoggerFactory.getLogger(CurrentDecisions.class);

	/**
	 * How long reading the mark at start may take before the history starts without it.
	 */
	private static final Duration START_READ_LIMIT = Duration.ofSeconds(30);

	/**
	 * The partitions one deletion search asks for: three clauses each, well inside
	 * Elasticsearch's bound on a query's clauses (at least 1,024) whatever its heap.
	 */
	static final int PARTITIONS_PER_SEARCH = 200;

	/**
	 * Taken by each history batch while it is written, and once by a mark's move, so that
	 * the deletion starts after every batch that began before the move.
	 */
	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	private final ElasticsearchClient client;

	private final String alias;

	private final String processorApplicationId;

	private final String key;

	private final KafkaProperties kafka;

	private final String rulebook;

	/** Whether the indexer serves (its listeners run), not a rebuild run. */
	private final boolean serving;

	/** How many documents one search finds and one bulk request deletes. */
	private final int page;

	private final Counter deleted;

	private final Counter skipped;

	/** Where the decisions begin, per partition; none: from the start. */
	private volatile Map<Integer, Long> mark = Map.of();

	/** The offset on the rulebook topic of the mark read at start. */
	private long startedAt;

	/** The mark whose earlier entries were deleted last. */
	private volatile Map<Integer, Long> retired = Map.of();

	CurrentDecisions(ElasticsearchClient client, IndexerProperties properties, KafkaProperties kafka,
			MeterRegistry meters,
			@Value("${investledger.processor-application-id:${investledger.topic-prefix}-stream-processor}") String processorApplicationId,
			@Value("${investledger.rebuild:}") String rebuild,
			@Value("${investledger.history-deletion-page:1000}") int page) {
		this.client = client;
		this.kafka = kafka;
		this.rulebook = properties.topics().rulebookTopicName();
		this.serving = rebuild.isEmpty();
		this.page = page;
		this.alias = properties.indices().alias("history");
		this.processorApplicationId = processorApplicationId;
		this.key = processorApplicationId + DecisionsMark.KEY_SUFFIX;
		this.deleted = earlierDecisions(meters, "deleted");
		this.skipped = earlierDecisions(meters, "skipped");
		Gauge.builder("investledger.indexer.history.mark-pending", this, (decisions) -> decisions.pending() ? 1 : 0)
			.description("1 while the entries from before the latest replay's mark are not all deleted yet")
			.register(meters);
	}

	private static Counter earlierDecisions(MeterRegistry meters, String outcome) {
		return Counter.builder("investledger.indexer.history.earlier-decisions")
			.tag("outcome", outcome)
			.description("History entries from before a replay's mark: deleted from the history, or skipped as read "
					+ "(a batch read again counts again)")
			.register(meters);
	}

	/**
	 * Reads the latest mark before the listeners start, so that the history skips the
	 * entries from before it from its first batch (an indexer stopped during a replay);
	 * the follower then reads the topic again and deletes what was indexed before it. If
	 * the topic cannot be read in time, the history starts without the mark, and entries
	 * from before it may be indexed until the follower has read it and deleted them.
	 */
	@Override
	public void afterPropertiesSet() {
		if (!this.serving) {
			return;
		}
		Map<String, Object> config = new HashMap<>(this.kafka.buildConsumerProperties());
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			DecisionsMark.Found found = DecisionsMark.find(consumer, this.rulebook, this.processorApplicationId,
					START_READ_LIMIT);
			if (found != null) {
				this.mark = found.offsets();
				this.startedAt = found.at();
				logger.info("The ledger's decisions begin at {} on the applied-events topic",
						DecisionsMark.describe(found.offsets()));
			}
		}
		catch (RuntimeException ex) {
			logger.warn(
					"Could not read where the ledger's decisions begin from {} ({}); the history starts without "
							+ "it, and deletes what it indexed from before it once the mark is read",
					this.rulebook, ex.toString());
		}
	}

	/**
	 * Follows the rulebook topic, assigned, in no group (it commits nothing: every start
	 * reads the topic from its start, as the indexer's role on a cluster may read it).
	 * @param records a batch of the topic's records
	 * @throws IOException if Elasticsearch cannot be reached or refuses (the batch is
	 * retried, with a warning each time)
	 */
	@KafkaListener(id = "decisions-mark", idIsGroup = false,
			topicPartitions = @TopicPartition(topic = "${investledger.topic-prefix}.rulebook",
					partitionOffsets = @PartitionOffset(partition = "0", initialOffset = "0")),
			properties = "allow.auto.create.topics=false", autoStartup = "#{'${investledger.rebuild:}'.isEmpty()}")
	void follow(List<ConsumerRecord<String, byte[]>> records) throws IOException {
		Map<Integer, Long> latest = null;
		for (ConsumerRecord<String, byte[]> record : records) {
			// the marks before the one read at start are older: the mark does not step
			// back through them while the follower catches up
			if (this.key.equals(record.key()) && record.offset() >= this.startedAt) {
				Map<Integer, Long> read = DecisionsMark.valid(record, this.mark);
				if (read != null) {
					latest = read;
				}
			}
		}
		if (latest != null) {
			try {
				move(latest);
			}
			catch (IOException | RuntimeException ex) {
				logger.warn("Could not delete the history entries from before {} ({}); trying again",
						DecisionsMark.describe(latest), ex.toString());
				throw ex;
			}
		}
	}

	/**
	 * Moves the mark: from now on entries before it are not indexed, and once the batches
	 * being written are done, those indexed are deleted. Called again with the same mark,
	 * it only deletes what a failed deletion left.
	 * @param offsets where the decisions begin, per partition
	 * @throws IOException if Elasticsearch cannot be reached or refuses (the listener's
	 * batch is retried)
	 */
	void move(Map<Integer, Long> offsets) throws IOException {
		this.mark = Map.copyOf(offsets);
		if (offsets.equals(this.retired)) {
			return;
		}
		// every batch that began before the move has been written
		this.lock.writeLock().lock();
		this.lock.writeLock().unlock();
		long count = 0;
		for (String index : historyIndices()) {
			count += deleteEarlier(index, offsets);
		}
		this.deleted.increment(count);
		logger.info("The ledger's decisions now begin at {} on the applied-events topic: {} earlier history "
				+ "entr{} deleted", DecisionsMark.describe(offsets), count, (count == 1) ? "y" : "ies");
		this.retired = Map.copyOf(offsets);
	}

	/**
	 * Whether the entries from before the mark are not all deleted yet.
	 * @return whether a deletion is due or failed
	 */
	boolean pending() {
		return !this.mark.equals(this.retired);
	}

	/** Every version of the history index, the one being rebuilt among them. */
	private List<String> historyIndices() throws IOException {
		return this.client.indices()
			.get((g) -> g.index(this.alias + "-v*").allowNoIndices(true))
			.indices()
			.keySet()
			.stream()
			.sorted()
			.toList();
	}

	/**
	 * Deletes an index's documents from before the mark, page by page in the order of
	 * their place on the topic (which is unique to each), each delete conditional on the
	 * mark (see the class's description).
	 * @return how many were deleted
	 */
	private long deleteEarlier(String index, Map<Integer, Long> offsets) throws IOException {
		List<Query> before = new ArrayList<>();
		offsets.forEach((partition, offset) -> {
			if (offset > 0) {
				before.add(Query.of((q) -> q
					.bool((b) -> b.filter((f) -> f.term((t) -> t.field("decision.partition").value(partition)))
						.filter((f) -> f
							.range((r) -> r.untyped((u) -> u.field("decision.offset").lt(JsonData.of(offset))))))));
			}
		});
		if (before.isEmpty()) {
			return 0;
		}
		// what the batches wrote before the move must be visible to the search
		this.client.indices().refresh((r) -> r.index(index));
		long count = 0;
		// a search holds a bounded number of clauses: a mark of many partitions is
		// searched in groups of them
		for (int from = 0; from < before.size(); from += PARTITIONS_PER_SEARCH) {
			Deleted deleted = deleteEarlier(index, offsets,
					before.subList(from, Math.min(before.size(), from + PARTITIONS_PER_SEARCH)));
			count += deleted.count();
			if (deleted.refused()) {
				return count;
			}
		}
		if (count > 0) {
			// searchable without them once the mark counts as applied
			this.client.indices().refresh((r) -> r.index(index));
		}
		return count;
	}

	/**
	 * Deletes the documents one query of partitions finds, page by page.
	 * @return how many were deleted, and whether Elasticsearch refused to delete from the
	 * index at all
	 */
	private Deleted deleteEarlier(String index, Map<Integer, Long> offsets, List<Query> before) throws IOException {
		long count = 0;
		List<FieldValue> after = null;
		while (true) {
			List<FieldValue> from = after;
			List<Hit<Placed>> page = this.client.search((s) -> {
				s.index(index)
					.query((q) -> q.bool((b) -> b.should(before).minimumShouldMatch("1")))
					.size(this.page)
					.source((source) -> source.filter((f) -> f.includes("decision")))
					// an index version from before the field has nothing to delete
					.sort((o) -> o.field((f) -> f.field("decision.partition").unmappedType(FieldType.Integer)))
					.sort((o) -> o.field((f) -> f.field("decision.offset").unmappedType(FieldType.Long)))
					.trackTotalHits((total) -> total.enabled(false));
				return (from != null) ? s.searchAfter(from) : s;
			}, Placed.class).hits().hits();
			if (page.isEmpty()) {
				return new Deleted(count, false);
			}
			List<BulkOperation> deletes = page.stream()
				.map((hit) -> BulkOperation.of((op) -> op.delete((d) -> d.index(index)
					.id(hit.id())
					.version(offsets.get(hit.source().decision().partition()))
					.versionType(VersionType.External))))
				.toList();
			for (BulkResponseItem item : this.client.bulk((b) -> b.operations(deletes)).items()) {
				if ("deleted".equals(item.result())) {
					count++;
				}
				else if (item.error() != null && (item.status() == 400 || item.status() == 403)) {
					// e.g. a kept version with a write block: the entries stay in it, and
					// the serving version is cleaned all the same
					logger.warn(
							"Elasticsearch refused to delete the entries from before {} from {} ({}: {}); they "
									+ "stay in that index",
							DecisionsMark.describe(offsets), index, item.status(), item.error().reason());
					return new Deleted(count, true);
				}
				else if (item.error() != null && item.status() != 409) {
					// 409: rewritten since with a later entry (or deleted already)
					throw new IOException("Elasticsearch did not delete " + item.id() + " from " + index + ": "
							+ item.error().reason());
				}
			}
			after = page.get(page.size() - 1).sort();
		}
	}

	/**
	 * Writes a history batch; a mark's move waits for it before deleting.
	 * @param write what writes the batch
	 */
	void whileCurrent(Runnable write) {
		this.lock.readLock().lock();
		try {
			write.run();
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/**
	 * Whether an entry of the applied-events topic is an earlier counting's, before the
	 * mark; such an entry is counted as it is skipped.
	 * @param partition its partition
	 * @param offset its offset
	 * @return whether it is before the mark
	 */
	boolean isEarlier(int partition, long offset) {
		boolean earlier = offset < this.mark.getOrDefault(partition, 0L);
		if (earlier) {
			this.skipped.increment();
		}
		return earlier;
	}

	/**
	 * Where the decisions begin now.
	 * @return the offset of each partition; none: from the start
	 */
	public Map<Integer, Long> mark() {
		return this.mark;
	}

	/**
	 * A history document's place on the applied-events topic, all a deletion reads of it.
	 *
	 * @param decision the place
	 */
	private record Placed(HistoryDocument.Decision decision) {

	}

	/**
	 * The rulebook topic, where the processor's replays record their marks, if no one has
	 * created it yet (a local run whose indexer starts first): compacted, one partition,
	 * as the processor creates it, with the broker's default replicas. A cluster's setup
	 * creates it beforehand with the cluster's replicas, and the indexer leaves it as it
	 * is.
	 */
	@Configuration(proxyBeanMethods = false)
	static class RulebookTopic {

		@Bean
		NewTopic rulebook(IndexerProperties properties) {
			return TopicBuilder.name(properties.topics().rulebookTopicName()).partitions(1).compact().build();
		}

	}

	private record Deleted(long count, boolean refused) {

	}

}
