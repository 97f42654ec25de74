package vn.investledger.indexer.rebuild;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

import vn.investledger.index.Indices;
import vn.investledger.indexer.indexing.DecisionsMark;
import vn.investledger.indexer.indexing.IndexSetup;
import vn.investledger.indexer.indexing.OriginalKeyDeserializer;
import vn.investledger.indexer.indexing.RecordIndexer;
import vn.investledger.indexer.indexing.SourceTopics;
import vn.investledger.indexer.system.IndexerProperties;

/**
 * Rebuilds an index from the log with zero downtime:
 * <ol>
 * <li>creates the next version of the index ({@code <alias>-v<n+1>}) from its template,
 * empty: one an earlier rebuild left behind no alias is deleted first, and one behind an
 * alias stops the rebuild ({@link IndexSetup#createEmpty});</li>
 * <li>reads its topics from the beginning (the history: from where the ledger's current
 * decisions begin, the mark of the processor's latest replay, {@link DecisionsMark}) to
 * the end they had when the rebuild started, and indexes every record into the new
 * version (for the figures, whose newest record of a key wins, only the newest of each
 * key among up to 50,000 keys read at once), logging progress every 2 seconds;</li>
 * <li>swaps the alias to the new version in one atomic request, so searches move from a
 * complete old index to a complete new one;</li>
 * <li>catches up with what arrived meanwhile. The serving indexer writes through the
 * alias and so into the new version from the swap on; versions (the records' offsets, for
 * projects and figures) keep the older of two writes from winning.</li>
 * </ol>
 * The old version is kept, for comparison or to swap back; delete it when done. One
 * rebuild of an index runs at a time across the deployment ({@link RebuildLeases}).
 */
@Component
public class IndexRebuild {

	/** Records per batch: four bulk requests of up to 1,000 operations in flight. */
	private static final int BATCH_RECORDS = 4000;

	/**
	 * For an index where the newest record of a key wins: the keys read before the newest
	 * record of each is indexed. A figure changes many times in its topic (every second
	 * that one of its events is counted), and only its last value is the document.
	 */
	private static final int NEWEST_PER_KEY_WINDOW = 50_000;

	/**
	 * The bytes of records a batch or a window holds at most, whatever their number: a
	 * rejection record may take 2 MiB, and 4,000 of them would not fit the indexer's heap
	 * (384 MB on the local cluster). Where the newest record of a key wins, a record
	 * replaced by a newer one is no longer held ({@link RebuildWindow}).
	 */
	static final long MAX_BATCH_BYTES = 32L * 1024 * 1024;

	private static final Logger logger = LoggerFactory.getLogger(IndexRebuild.class);

	private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

	/** How long reading the latest replay's mark may take. */
	private static final Duration MARK_READ_LIMIT = Duration.ofMinutes(1);

	private final Map<String, RecordIndexer> writers = new HashMap<>();

	private final IndexSetup setup;

	private final RebuildLeases leases;

	private final SourceTopics sources;

	private final ElasticsearchClient client;

	private final IndexerProperties properties;

	private final KafkaProperties kafka;

	private final AtomicLong read = new AtomicLong();

	private final AtomicLong total = new AtomicLong();

	/** Whose replay marks where the ledger's current decisions begin. */
	private final String processorApplicationId;

	IndexRebuild(List<RecordIndexer> writers, IndexSetup setup, RebuildLeases leases, SourceTopics sources,
			ElasticsearchClient client, IndexerProperties properties, KafkaProperties kafka, MeterRegistry meters,
			@Value("${investledger.processor-application-id:${investledger.topic-prefix}-stream-processor}") String processorApplicationId) {
		writers.forEach((writer) -> this.writers.put(writer.kind(), writer));
		this.processorApplicationId = processorApplicationId;
		this.setup = setup;
		this.leases = leases;
		this.sources = sources;
		this.client = client;
		this.properties = properties;
		this.kafka = kafka;
		Gauge.builder("investledger.rebuild.records", this.read, AtomicLong::get)
			.tags(Tags.of("of", "read"))
			.description("Records read by the running index rebuild")
			.register(meters);
		Gauge.builder("investledger.rebuild.records", this.total, AtomicLong::get)
			.tags(Tags.of("of", "total"))
			.register(meters);
	}

	/**
	 * The records the running rebuild has read of its current index's topics.
	 * @return the records read
	 */
	public long read() {
		return this.read.get();
	}

	/**
	 * The records the running rebuild reads for its current index.
	 * @return the records to read
	 */
	public long total() {
		return this.total.get();
	}

	/**
	 * What a rebuild did.
	 *
	 * @param kind the kind of index
	 * @param previous the index the alias pointed at before, or {@code null}
	 * @param current the index it points at now
	 * @param records the records read
	 * @param indexed the records indexed: all those read, or, where the newest record of
	 * a key wins, the newest of each key read at once
	 * @param took how long it took
	 */
	public record Result(String kind, String previous, String current, long records, long indexed, Duration took) {

	}

	/**
	 * Rebuilds one kind of index.
	 * @param kind one of {@link Indices#KINDS}
	 * @return what was done
	 * @throws IOException if Elasticsearch cannot be reached
	 * @throws IllegalStateException if the next version exists behind an alias, or
	 * another rebuild of the kind runs (or took over this one's lease)
	 */
	public Result rebuild(String kind) throws IOException {
		RecordIndexer writer = this.writers.get(kind);
		if (writer == null) {
			throw new IllegalArgumentException("No index " + kind + "; one of " + Indices.KINDS);
		}
		long started = System.nanoTime();
		// before anything is created: another rebuild of the kind would fill the same
		// next version
		try (RebuildLeases.Lease lease = this.leases.take(kind)) {
			return rebuild(kind, writer, lease, started);
		}
	}

	private Result rebuild(String kind, RecordIndexer writer, RebuildLeases.Lease lease, long started)
			throws IOException {
		Indices indices = this.properties.indices();
		String alias = indices.alias(kind);
		String previous = this.setup.currentIndex(alias);
		String next = indices.versioned(alias, Indices.versionOf(previous) + 1);
		this.setup.createEmpty(next);
		// the topic as it is now, whose offsets version the documents it fills
		String source = writer.versionedBy(this.properties.topics());
		String sourceId = (source != null) ? this.sources.idOf(source) : null;
		if (sourceId != null) {
			this.sources.record(next, source, sourceId);
		}
		logger.info("Rebuilding {} into {} (the alias {} points at {} meanwhile)", kind, next, alias, previous);
		Copied copied;
		try (KafkaConsumer<String, byte[]> consumer = consumer()) {
			List<TopicPartition> partitions = partitions(consumer, writer.sources(this.properties.topics()));
			Map<Integer, Long> mark = writer.fromTheCurrentDecisions() ? DecisionsMark.read(consumer,
					this.properties.topics().rulebookTopicName(), this.processorApplicationId, MARK_READ_LIMIT) : null;
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			Map<TopicPartition, Long> starts = new HashMap<>(consumer.beginningOffsets(partitions));
			if (mark != null && !mark.isEmpty()) {
				// the entries before the mark are an earlier counting's, which the
				// latest replay may have taken back
				for (TopicPartition partition : partitions) {
					Long from = mark.get(partition.partition());
					if (from != null && from > starts.get(partition)) {
						long start = Math.min(from, ends.get(partition));
						consumer.seek(partition, start);
						starts.put(partition, start);
					}
				}
				logger.info("Rebuilding {} from where the ledger's current decisions begin: {} (the mark of the"
						+ " processor's latest replay)", kind, starts);
			}
			this.read.set(0);
			this.total.set(partitions.stream().mapToLong((p) -> ends.get(p) - starts.get(p)).sum());
			copied = copy(consumer, writer, next, ends, kind, lease);
			// filled without a refresh: the template's interval back, then one refresh
			this.setup.filled(next, kind);
			this.client.indices().refresh((refresh) -> refresh.index(next));
			// still this rebuild's, for a whole lease from now (a holder paused past its
			// lease finds it taken over here, and swaps nothing)
			lease.renew();
			swap(alias, previous, next);
			// what arrived between the first end and the swap: read from the first end,
			// since the polls of the first copy may have passed it on a partition done
			// before the others (those records were not indexed then)
			ends.forEach(consumer::seek);
			// the swapped index is the served one now, whoever holds the lease: its
			// catch-up is finished whatever a renewal finds
			copied = copied.plus(copy(consumer, writer, next, consumer.endOffsets(partitions), kind, null));
		}
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		logger.info("Rebuild of {} complete: {} records read, {} indexed, in {} s; {} now points at {}{}", kind,
				copied.read(), copied.indexed(), took.toMillis() / 1000.0, alias, next,
				(previous != null) ? "; " + previous + " is kept" : "");
		return new Result(kind, previous, next, copied.read(), copied.indexed(), took);
	}

	/** Records read and indexed by a copy. */
	private record Copied(long read, long indexed) {

		Copied plus(Copied other) {
			return new Copied(this.read + other.read, this.indexed + other.indexed);
		}

	}

	private Copied copy(KafkaConsumer<String, byte[]> consumer, RecordIndexer writer, String index,
			Map<TopicPartition, Long> ends, String kind, RebuildLeases.Lease lease) {
		long read = 0;
		long indexed = 0;
		boolean newestWins = writer.newestPerKeyWins();
		Progress progress = new Progress(kind);
		while (!reached(consumer, ends)) {
			// several polls to a batch: the bulk ingester sends it as several requests at
			// once, instead of one request at a time; where the newest record of a key
			// wins, a window of keys, each with its newest record only
			RebuildWindow window = new RebuildWindow(newestWins, newestWins ? NEWEST_PER_KEY_WINDOW : BATCH_RECORDS,
					MAX_BATCH_BYTES);
			long counted = 0;
			do {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					Long end = ends.get(new TopicPartition(record.topic(), record.partition()));
					if (end != null && record.offset() < end) {
						window.add(record);
					}
				}
				// progress and the lease at each poll, not at each window: a window of
				// figures may hold a whole topic's keys, read for minutes
				this.read.addAndGet(window.read() - counted);
				counted = window.read();
				if (lease != null) {
					lease.check();
				}
				progress.report();
			}
			while (!window.full() && !reached(consumer, ends));
			List<ConsumerRecord<String, byte[]>> batch = window.records();
			// a lease taken over meanwhile: the next version is another rebuild's now
			if (lease != null) {
				lease.check();
			}
			for (int from = 0; from < batch.size(); from += BATCH_RECORDS) {
				writer.indexAll(batch.subList(from, Math.min(batch.size(), from + BATCH_RECORDS)), index);
			}
			read += window.read();
			indexed += batch.size();
			progress.report();
		}
		return new Copied(read, indexed);
	}

	/** The rebuild's progress in the log, every {@link #PROGRESS_EVERY}. */
	private final class Progress {

		private final String kind;

		private long next = System.nanoTime() + PROGRESS_EVERY.toNanos();

		Progress(String kind) {
			this.kind = kind;
		}

		void report() {
			if (System.nanoTime() >= this.next) {
				long all = Math.max(IndexRebuild.this.total.get(), 1);
				logger.info("Rebuild of {}: {} of {} records ({}%)", this.kind, IndexRebuild.this.read.get(),
						IndexRebuild.this.total.get(),
						String.format("%.1f", 100.0 * IndexRebuild.this.read.get() / all));
				this.next = System.nanoTime() + PROGRESS_EVERY.toNanos();
			}
		}

	}

	private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> ends) {
		return ends.entrySet().stream().allMatch((end) -> consumer.position(end.getKey()) >= end.getValue());
	}

	private void swap(String alias, String previous, String next) throws IOException {
		this.client.indices().updateAliases((update) -> {
			if (previous != null) {
				update.actions((action) -> action.remove((remove) -> remove.index(previous).alias(alias)));
			}
			return update.actions((action) -> action.add((add) -> add.index(next).alias(alias).isWriteIndex(true)));
		});
		logger.info("Alias {} swapped from {} to {}", alias, previous, next);
	}

	private KafkaConsumer<String, byte[]> consumer() {
		Map<String, Object> config = new HashMap<>(this.kafka.buildConsumerProperties());
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
		return new KafkaConsumer<>(config, new OriginalKeyDeserializer(), new ByteArrayDeserializer());
	}

	private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, Pattern topics) {
		List<TopicPartition> partitions = new ArrayList<>();
		consumer.listTopics(Duration.ofSeconds(30)).forEach((topic, infos) -> {
			if (topics.matcher(topic).matches()) {
				infos.forEach((info) -> partitions.add(new TopicPartition(topic, info.partition())));
			}
		});
		return partitions;
	}

}
