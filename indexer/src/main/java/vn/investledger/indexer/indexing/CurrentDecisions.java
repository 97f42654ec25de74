package vn.investledger.indexer.indexing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.PartitionOffset;
import org.springframework.kafka.annotation.TopicPartition;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.stereotype.Component;

import vn.investledger.events.EventJson;
import vn.investledger.indexer.system.IndexerProperties;

/**
 * Where the ledger's current decisions begin on the applied-events topic, followed while
 * the indexer runs: the mark a replay from the event topics records on the rulebook topic
 * ({@code <processor application id>/applied-from}, the offset of each partition) once
 * its reset has succeeded and before it writes a decision. The entries before the mark
 * are an earlier counting's, and the replay may not apply some of them again. So that the
 * history lists exactly the events the figures count, without a rebuild:
 * <ul>
 * <li>when the mark moves, the history entries indexed from before it are deleted (a
 * search on {@link vn.investledger.index.HistoryDocument.Decision} after a refresh, then
 * bulk deletes, while no history batch is being written);</li>
 * <li>an entry read from before the mark after that is not indexed.</li>
 * </ul>
 * Those the replay applies again come back with its decisions, as the figures do. The
 * rulebook topic is read from its start at every start of the indexer, so that a replay
 * run while the indexer was stopped is applied too. A mark removed (a tombstone) or never
 * recorded means: from the topic's start.
 */
@Component
public class CurrentDecisions {

	/** The mark's name, as the processor writes it under its application id. */
	public static final String KEY_SUFFIX = "/applied-from";

	private static final Logger logger = LoggerFactory.getLogger(CurrentDecisions.class);

	/** How many documents one search finds and one bulk request deletes. */
	private static final int PAGE = 1_000;

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	private final ElasticsearchClient client;

	private final String alias;

	private final String key;

	private final Counter earlier;

	/** Where the decisions begin, per partition; none: from the start. */
	private volatile Map<Integer, Long> mark = Map.of();

	/** The mark whose earlier entries were deleted last. */
	private Map<Integer, Long> retired = Map.of();

	CurrentDecisions(ElasticsearchClient client, IndexerProperties properties, MeterRegistry meters,
			@Value("${investledger.processor-application-id:${investledger.topic-prefix}-stream-processor}") String processorApplicationId) {
		this.client = client;
		this.alias = properties.indices().alias("history");
		this.key = processorApplicationId + KEY_SUFFIX;
		this.earlier = Counter.builder("investledger.indexer.history.earlier-decisions")
			.description("History entries a replay decided again after: deleted from the history, or not indexed")
			.register(meters);
	}

	/**
	 * Follows the rulebook topic, assigned, in no group (it commits nothing: every start
	 * reads the topic from its start, as the indexer's role on a cluster may read it).
	 * @param records a batch of the topic's records
	 * @throws IOException if Elasticsearch cannot be reached (the batch is retried)
	 */
	@KafkaListener(id = "decisions-mark", idIsGroup = false,
			topicPartitions = @TopicPartition(topic = "${investledger.topic-prefix}.rulebook",
					partitionOffsets = @PartitionOffset(partition = "0", initialOffset = "0")),
			properties = "allow.auto.create.topics=false", autoStartup = "#{'${investledger.rebuild:}'.isEmpty()}")
	void follow(List<ConsumerRecord<String, byte[]>> records) throws IOException {
		Map<Integer, Long> latest = null;
		for (ConsumerRecord<String, byte[]> record : records) {
			if (this.key.equals(record.key())) {
				Map<Integer, Long> read = read(record);
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
				logger.warn("Could not delete the history entries from before {} ({}); trying again", latest,
						ex.toString());
				throw ex;
			}
		}
	}

	/**
	 * Moves the mark: from now on entries before it are not indexed, and those indexed
	 * are deleted, after the batches being written. Called again with the same mark, it
	 * only deletes what a failed deletion left.
	 * @param offsets where the decisions begin, per partition
	 * @throws IOException if Elasticsearch cannot be reached (the listener's batch is
	 * retried)
	 */
	void move(Map<Integer, Long> offsets) throws IOException {
		this.lock.writeLock().lock();
		try {
			this.mark = Map.copyOf(offsets);
			if (offsets.equals(this.retired)) {
				return;
			}
			List<Query> before = new ArrayList<>();
			offsets.forEach((partition, offset) -> {
				if (offset > 0) {
					before.add(Query.of((q) -> q
						.bool((b) -> b.filter((f) -> f.term((t) -> t.field("decision.partition").value(partition)))
							.filter((f) -> f
								.range((r) -> r.untyped((u) -> u.field("decision.offset").lt(JsonData.of(offset))))))));
				}
			});
			if (!before.isEmpty()) {
				long deleted = delete(Query.of((q) -> q.bool((b) -> b.should(before).minimumShouldMatch("1"))));
				this.earlier.increment(deleted);
				logger.info("The ledger's decisions now begin at {} on the applied-events topic: {} earlier history "
						+ "entr{} deleted", offsets, deleted, (deleted == 1) ? "y" : "ies");
			}
			this.retired = Map.copyOf(offsets);
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	/**
	 * Deletes the history documents a query finds, a page at a time: each page's ids
	 * found by a search, then deleted in one bulk request that refreshes the index, so
	 * that the next search finds only what is left (no delete by query, which not every
	 * Elasticsearch distribution has).
	 * @return how many were deleted
	 */
	private long delete(Query query) throws IOException {
		// what earlier batches wrote must be visible to the search
		this.client.indices().refresh((r) -> r.index(this.alias));
		long deleted = 0;
		while (true) {
			List<Hit<Void>> page = this.client
				.search((s) -> s.index(this.alias)
					.query(query)
					.size(PAGE)
					.source((source) -> source.fetch(false))
					.trackTotalHits((total) -> total.enabled(false)), Void.class)
				.hits()
				.hits();
			if (page.isEmpty()) {
				return deleted;
			}
			List<BulkOperation> deletes = page.stream()
				.map((hit) -> BulkOperation.of((op) -> op.delete((d) -> d.index(hit.index()).id(hit.id()))))
				.toList();
			BulkResponse response = this.client.bulk((b) -> b.operations(deletes).refresh(Refresh.True));
			for (BulkResponseItem item : response.items()) {
				if (item.error() != null && item.status() != 404) {
					throw new IOException("Elasticsearch did not delete " + item.id() + ": " + item.error().reason());
				}
			}
			deleted += page.size();
		}
	}

	/**
	 * Writes a history batch while the mark stands still.
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
			this.earlier.increment();
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
	 * Reads a mark as the processor writes it.
	 * @param value the record's value
	 * @return the offset of each partition; none: from the start
	 * @throws JacksonException if it is not a mark
	 */
	public static Map<Integer, Long> parse(byte[] value) {
		return EventJson.mapper()
			.readValue(new String(value, StandardCharsets.UTF_8), new TypeReference<TreeMap<Integer, Long>>() {
			});
	}

	private Map<Integer, Long> read(ConsumerRecord<String, byte[]> record) {
		if (record.value() == null) {
			return Map.of();
		}
		try {
			return parse(record.value());
		}
		catch (JacksonException ex) {
			logger.error(
					"The mark {} at offset {} of {} is not one the processor writes; the history keeps "
							+ "following the mark before it ({})",
					this.key, record.offset(), record.topic(), this.mark, ex);
			return null;
		}
	}

	/**
	 * The rulebook topic, where the processor's replays record their marks, if the
	 * processor has not created it yet: compacted, one partition, as the processor and
	 * the cluster's setup create it.
	 */
	@Configuration(proxyBeanMethods = false)
	static class RulebookTopic {

		@Bean
		NewTopic rulebook(IndexerProperties properties) {
			return TopicBuilder.name(properties.topics().rulebookTopicName()).partitions(1).compact().build();
		}

	}

}
