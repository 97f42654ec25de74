package vn.investledger.console.tables;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Service;

import vn.investledger.console.system.ConsoleProperties;
import vn.investledger.events.rulebook.Rules;

/**
 * Which tables the figures were counted under and which the ledger's history was recorded
 * under, as the stream processor keeps them on the compacted {@code <prefix>.rulebook}
 * topic: under its application id the figures' (the report calendar, the USD rates, the
 * VSIC tables, the provincial units, each by its fingerprint), under
 * {@code <application id>/history} the history's, and under
 * {@code <application id>/state-generation} which replay or recount last wrote the
 * processor's state anew. A replay from the event topics writes the history under the
 * figures' tables; a recount that changes a table counts the figures again under the new
 * one while the history keeps the flows (report months, USD equivalents) its entries were
 * applied with, and the entries applied after it get the new table's: the processor
 * records that table as {@code mixed} for the history until the next replay. The topic is
 * read from its start once, then from where the last read ended, at most once every
 * {@code investledger.rulebook-refresh} (2 s), and after a failed read not again for as
 * long; while it cannot be read, the tables read within the last minute stand in.
 */
@Service
public class CountingTables implements DisposableBean {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	/** How long the tables last read stand in for those that cannot be read. */
	private static final Duration STALE_AFTER = Duration.ofMinutes(1);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final KafkaProperties kafka;

	private final Admin admin;

	private final String topic;

	private final String figuresKey;

	private final String historyKey;

	private final String generationKey;

	/** The key of a recount's mark: set while a recount has not completed. */
	private final String recountKey;

	private final String replayKey;

	/**
	 * The key of where the topics a replay or recount wrote anew ended once it had
	 * published everything it counted.
	 */
	private final String publishedKey;

	/**
	 * The index kind of each topic whose index the console waits for after a counting.
	 */
	private final Map<String, String> kindOfTopic;

	private final ConsoleProperties properties;

	/**
	 * The last record of {@link #publishedKey} the indexers were seen to have read to:
	 * not asked again.
	 */
	private String indexedTo;

	/**
	 * When each index kind's indexer was first seen read to {@link #caughtUpValue}'s
	 * ends.
	 */
	private final Map<String, Long> caughtUpSince = new HashMap<>();

	private String caughtUpValue;

	/**
	 * How long after the indexers have committed the ends their documents are searchable
	 * at the latest: the indices refresh every second.
	 */
	static final Duration REFRESHED_AFTER = Duration.ofSeconds(2);

	/** The records behind of an indexer whose group cannot be read. */
	public static final long UNKNOWN = -1;

	private final long fresh;

	private KafkaConsumer<String, String> reader;

	/** The newest value of each of the keys read so far. */
	private final Map<String, String> latest = new HashMap<>();

	/**
	 * The other applications whose tables the topic records (keys without a mark's
	 * {@code /}), by the offset of their newest record.
	 */
	private final Map<String, Long> others = new HashMap<>();

	/**
	 * The tables last read, and when: also read by {@link #recent()}, without the lock.
	 */
	private volatile Tables known;

	private volatile long readAt;

	private final java.util.concurrent.atomic.AtomicBoolean refreshing = new java.util.concurrent.atomic.AtomicBoolean();

	/** The last failure to read, and when: answered again at once while fresh. */
	private TablesUnknownException failure;

	/**
	 * The failure of the last read if it found a record that is not the processor's: also
	 * read by {@link #recent()}, without the lock.
	 */
	private volatile TablesUnknownException malformed;

	private long failedAt;

	CountingTables(KafkaProperties kafka, Admin admin, ConsoleProperties properties,
			@Value("${investledger.rulebook-refresh:2s}") Duration refresh) {
		this.fresh = refresh.toNanos();
		this.kafka = kafka;
		this.admin = admin;
		this.topic = properties.topics().rulebookTopicName();
		this.figuresKey = properties.processorGroup();
		this.historyKey = properties.processorGroup() + "/history";
		this.generationKey = properties.processorGroup() + "/state-generation";
		this.recountKey = properties.processorGroup() + "/recount-to";
		this.replayKey = properties.processorGroup() + "/replay-to";
		this.publishedKey = properties.processorGroup() + "/published-to";
		this.properties = properties;
		this.kindOfTopic = Map.of(properties.topics().totals().name(), "totals", properties.topics().stock().name(),
				"stock", properties.topics().appliedEvents().name(), "history");
	}

	/**
	 * The tables as last recorded, read again if the last read is older than
	 * {@code investledger.rulebook-refresh}.
	 * @return the tables
	 * @throws TablesUnknownException if the topic cannot be read (or the console may not
	 * see it) and was not read within the last minute, or holds a record the processor
	 * does not write
	 */
	public synchronized Tables tables() {
		long fresh = this.fresh;
		if (this.known != null && System.nanoTime() - this.readAt < fresh) {
			return this.known;
		}
		if (this.failure != null && System.nanoTime() - this.failedAt < fresh) {
			// not tried again by every request while Kafka does not answer
			return standIn(this.failure);
		}
		try {
			this.known = read();
			this.readAt = System.nanoTime();
			this.failure = null;
			this.malformed = null;
			return this.known;
		}
		catch (TablesUnknownException ex) {
			if (ex.malformed()) {
				// read, and a record is not the processor's: no tables stand in for it
				this.failure = ex;
				this.malformed = ex;
				this.failedAt = System.nanoTime();
			}
			throw ex;
		}
		catch (KafkaException | ExecutionException | TimeoutException ex) {
			closeReader();
			Throwable cause = (ex instanceof ExecutionException) ? ex.getCause() : ex;
			this.failure = new TablesUnknownException("Cannot read " + this.topic + " to tell whether the events"
					+ " behind the figures were recorded under the tables the figures were counted under: " + cause,
					ex);
			this.failedAt = System.nanoTime();
			return standIn(this.failure);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TablesUnknownException("Interrupted while reading " + this.topic, ex);
		}
	}

	/**
	 * The tables without waiting on a read another request began: those last read, if
	 * within the last minute (read again in the background once older than
	 * {@code investledger.rulebook-refresh}); else read now. For the pages that answer
	 * from the figures' indices, which do not wait on Kafka behind each other.
	 * @return the tables, empty if they cannot be read
	 * @throws TablesUnknownException if the topic was read and one of the processor's
	 * records on it is not one it writes: none stands in for it, and the pages it guards
	 * are refused until it is written again
	 */
	public Optional<Tables> recent() {
		Tables last = this.known;
		long age = System.nanoTime() - this.readAt;
		if (this.malformed == null && last != null && age < STALE_AFTER.toNanos()) {
			if (age >= this.fresh && this.refreshing.compareAndSet(false, true)) {
				Thread.ofVirtual().name("rulebook-refresh").start(() -> {
					try {
						tables();
					}
					catch (RuntimeException ex) {
						// the tables last read stand in, and the next request tries again
					}
					finally {
						this.refreshing.set(false);
					}
				});
			}
			return Optional.of(last);
		}
		try {
			return Optional.of(tables());
		}
		catch (TablesUnknownException ex) {
			if (ex.malformed()) {
				throw ex;
			}
			return Optional.empty();
		}
	}

	/**
	 * The tables read within the last minute, else the failure; none while the last read
	 * found a record that is not the processor's, though the topic cannot be read since.
	 */
	private Tables standIn(TablesUnknownException failure) {
		if (this.malformed != null) {
			throw this.malformed;
		}
		if (this.known != null && System.nanoTime() - this.readAt < STALE_AFTER.toNanos()) {
			// the tables change by a replay or a recount, which takes minutes
			return this.known;
		}
		throw failure;
	}

	private Tables read() throws InterruptedException, ExecutionException, TimeoutException {
		if (this.reader == null) {
			try {
				this.admin.describeTopics(List.of(this.topic))
					.allTopicNames()
					.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (ExecutionException ex) {
				if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
					// no processor has counted anything yet (a topic the console may not
					// see is an authorisation failure, which tells nothing)
					return new Tables(null, null, null, null, null, null, List.of(), null, Map.of());
				}
				throw ex;
			}
			Map<String, Object> settings = new HashMap<>(this.kafka.buildConsumerProperties());
			settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
			settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
			this.reader = new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer());
			TopicPartition partition = new TopicPartition(this.topic, 0);
			this.reader.assign(List.of(partition));
			this.reader.seekToBeginning(List.of(partition));
			this.latest.clear();
			this.others.clear();
		}
		TopicPartition partition = new TopicPartition(this.topic, 0);
		long end = this.reader.endOffsets(List.of(partition), TIMEOUT).get(partition);
		if (end < this.reader.position(partition, TIMEOUT)) {
			// the topic was made again
			this.reader.seekToBeginning(List.of(partition));
			this.latest.clear();
			this.others.clear();
		}
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (this.reader.position(partition, TIMEOUT) < end) {
			if (System.nanoTime() > deadline) {
				throw new TimeoutException(this.topic + " was not read to its end in " + TIMEOUT);
			}
			for (ConsumerRecord<String, String> record : this.reader.poll(Duration.ofMillis(100))) {
				if (this.figuresKey.equals(record.key()) || this.historyKey.equals(record.key())
						|| this.generationKey.equals(record.key()) || this.recountKey.equals(record.key())
						|| this.replayKey.equals(record.key()) || this.publishedKey.equals(record.key())) {
					this.latest.put(record.key(), record.value());
				}
				else if (record.key() != null && record.key().indexOf('/') < 0) {
					if (record.value() != null) {
						this.others.put(record.key(), record.offset());
					}
					else {
						this.others.remove(record.key());
					}
				}
			}
		}
		Recorded figures = parse(this.figuresKey);
		Recorded history = parse(this.historyKey);
		String published = this.latest.get(this.publishedKey);
		Map<String, Long> behind = indexersBehind(published);
		return new Tables((figures != null) ? figures.tables() : null, (figures != null) ? figures.at() : null,
				(history != null) ? history.tables() : null, this.latest.get(this.generationKey),
				this.latest.get(this.recountKey), this.latest.get(this.replayKey),
				this.others.keySet().stream().sorted().toList(), behind.isEmpty() ? null : published, behind);
	}

	/**
	 * How far each indexer is behind the ends a replay or recount recorded once it had
	 * published everything it counted: the records of each index kind ({@code totals},
	 * {@code stock}, {@code history}) between the offsets its group has committed and
	 * those ends; none once every group has read to them and the indices have refreshed
	 * since ({@link #REFRESHED_AFTER}; meanwhile each kind is 0), then not asked again
	 * for the same record. A group that cannot be read counts as behind
	 * ({@link #UNKNOWN}).
	 */
	private Map<String, Long> indexersBehind(String published) throws InterruptedException {
		if (published == null || published.equals(this.indexedTo)) {
			return Map.of();
		}
		Map<String, Long> ends;
		try {
			ends = JSON.readValue(published, new TypeReference<LinkedHashMap<String, Long>>() {
			});
		}
		catch (JacksonException ex) {
			throw TablesUnknownException.malformed("The record of key " + this.publishedKey + " on " + this.topic
					+ " is not the processor's record of where the topics it wrote anew end", ex);
		}
		if (ends == null) {
			throw TablesUnknownException.malformed("The record of key " + this.publishedKey + " on " + this.topic
					+ " is not the processor's record of where the topics it wrote anew end: it is null", null);
		}
		Map<String, Map<TopicPartition, Long>> byKind = new HashMap<>();
		for (Map.Entry<String, Long> end : ends.entrySet()) {
			int at = end.getKey().lastIndexOf(':');
			String kind = (at > 0) ? this.kindOfTopic.get(end.getKey().substring(0, at)) : null;
			if (kind == null || end.getValue() == null || !end.getKey().substring(at + 1).matches("[0-9]{1,9}")) {
				// a topic whose index the console does not read
				continue;
			}
			byKind.computeIfAbsent(kind, (k) -> new HashMap<>())
				.put(new TopicPartition(end.getKey().substring(0, at),
						Integer.parseInt(end.getKey().substring(at + 1))), end.getValue());
		}
		if (!published.equals(this.caughtUpValue)) {
			this.caughtUpSince.clear();
			this.caughtUpValue = published;
		}
		Map<String, Long> behind = new java.util.TreeMap<>();
		long now = System.nanoTime();
		Map<String, Long> left;
		try {
			left = recordsLeft(byKind);
		}
		catch (ExecutionException | TimeoutException | KafkaException ex) {
			// cannot tell: the indices count as behind (the page says so), and the
			// rulebook's reader goes on as it is
			left = new HashMap<>();
			for (String kind : byKind.keySet()) {
				left.put(kind, UNKNOWN);
			}
		}
		for (String kind : byKind.keySet()) {
			long records = left.getOrDefault(kind, 0L);
			if (records != 0) {
				behind.put(kind, records);
				this.caughtUpSince.remove(kind);
			}
			else if (now - this.caughtUpSince.computeIfAbsent(kind, (k) -> now) < REFRESHED_AFTER.toNanos()) {
				// read to the ends: searchable once the index has refreshed since
				behind.put(kind, 0L);
			}
		}
		if (behind.isEmpty()) {
			this.indexedTo = published;
		}
		return behind;
	}

	/**
	 * The records each kind's indexer group has yet to commit before its ends, in one
	 * question of the groups and one of the logs' ends; an end past its partition's log
	 * end (a topic made again since) is not waited for.
	 */
	private Map<String, Long> recordsLeft(Map<String, Map<TopicPartition, Long>> byKind)
			throws InterruptedException, ExecutionException, TimeoutException {
		Map<String, org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec> groups = new HashMap<>();
		byKind.forEach((kind, ends) -> groups.put(this.properties.indexerGroup(kind),
				new org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec().topicPartitions(ends.keySet())));
		Map<String, Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata>> committed = this.admin
			.listConsumerGroupOffsets(groups)
			.all()
			.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		Map<String, Map<TopicPartition, Long>> left = new HashMap<>();
		Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new HashMap<>();
		byKind.forEach((kind, ends) -> {
			var offsets = committed.getOrDefault(this.properties.indexerGroup(kind), Map.of());
			ends.forEach((partition, end) -> {
				var at = offsets.get(partition);
				long from = (at != null) ? at.offset() : 0;
				if (from < end) {
					left.computeIfAbsent(kind, (k) -> new HashMap<>()).put(partition, end - from);
					latest.put(partition, org.apache.kafka.clients.admin.OffsetSpec.latest());
				}
			});
		});
		Map<String, Long> records = new HashMap<>();
		if (latest.isEmpty()) {
			return records;
		}
		Map<TopicPartition, Long> logEnds = new HashMap<>();
		this.admin.listOffsets(latest)
			.all()
			.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
			.forEach((partition, info) -> logEnds.put(partition, info.offset()));
		left.forEach((kind, partitions) -> partitions.forEach((partition, count) -> {
			if (logEnds.getOrDefault(partition, Long.MAX_VALUE) >= byKind.get(kind).get(partition)) {
				records.merge(kind, count, Long::sum);
			}
		}));
		return records;
	}

	private Recorded parse(String key) {
		String value = this.latest.get(key);
		if (value == null) {
			return null;
		}
		Map<String, String> tables;
		try {
			tables = JSON.readValue(value, new TypeReference<LinkedHashMap<String, String>>() {
			});
		}
		catch (JacksonException ex) {
			throw TablesUnknownException.malformed("The record of key " + key + " on " + this.topic
					+ " is not the processor's record of its tables' fingerprints", ex);
		}
		if (tables == null) {
			throw TablesUnknownException.malformed("The record of key " + key + " on " + this.topic
					+ " is not the processor's record of its tables' fingerprints: it is null", null);
		}
		Instant at = null;
		String recordedAt = tables.remove("recordedAt");
		if (recordedAt != null) {
			try {
				at = Instant.parse(recordedAt);
			}
			catch (DateTimeParseException ex) {
				throw TablesUnknownException.malformed("The record of key " + key + " on " + this.topic
						+ " has a recordedAt that is no instant: " + recordedAt, ex);
			}
		}
		// a record of a version that did not name the counting rules' version counted by
		// the rules of the first that did
		return new Recorded(Rules.namingCounting(tables), at);
	}

	private record Recorded(Map<String, String> tables, Instant at) {

	}

	private synchronized void closeReader() {
		if (this.reader != null) {
			try {
				this.reader.close(Duration.ofSeconds(1));
			}
			catch (KafkaException ex) {
				// closing after a failure
			}
			this.reader = null;
		}
	}

	@Override
	public void destroy() {
		closeReader();
	}

	/**
	 * The tables, each by name and fingerprint.
	 *
	 * @param figures those the figures were counted under, {@code null} if none were
	 * recorded
	 * @param figuresAt when those were recorded (the start of the replay or recount that
	 * counted them), {@code null} if unknown
	 * @param history those the ledger's history was recorded under, {@code null} if none
	 * were recorded; a table whose entries were applied under two versions of it (a
	 * recount changed it since the last replay) is recorded as {@code mixed …}
	 * @param generation the generation of the processor's state (which replay or recount
	 * last wrote it anew), {@code null} if none began
	 * @param recountTo a recount's mark (where on the applied-events topic it must get
	 * to), {@code null} unless a recount began and has not completed
	 * @param replayTo a replay's mark (where on the event topics it must get to),
	 * {@code null} unless a replay from the event topics began and its figures are not
	 * all counted yet
	 * @param otherProcessors the other applications whose tables the topic records
	 * @param publishedTo where the topics the last replay or recount wrote anew ended
	 * once it had published everything it counted, while an indexer has yet to read to
	 * there; {@code null} once they all have (or none was recorded)
	 * @param indexersBehind the records each index kind's indexer has yet to read to
	 * {@code publishedTo}, by kind ({@code totals}, {@code stock}, {@code history}): 0
	 * read but not yet searchable for certain, {@link CountingTables#UNKNOWN} if its
	 * group cannot be read; those caught up are absent
	 */
	public record Tables(Map<String, String> figures, Instant figuresAt, Map<String, String> history, String generation,
			String recountTo, String replayTo, List<String> otherProcessors, String publishedTo,
			Map<String, Long> indexersBehind) {

		public Tables {
			otherProcessors = (otherProcessors != null) ? List.copyOf(otherProcessors) : List.of();
			indexersBehind = (indexersBehind != null) ? Map.copyOf(indexersBehind) : Map.of();
		}

		/**
		 * Whether the indexers of the figures have yet to read what the last replay or
		 * recount published: until they have, the figures' indices lack some of what it
		 * counted.
		 * @return whether the totals' or the stock's indexer is behind
		 */
		public boolean indexingFigures() {
			return this.indexersBehind.containsKey("totals") || this.indexersBehind.containsKey("stock");
		}

		/**
		 * Whether the history's indexer has yet to read what the last replay wrote anew.
		 * @return whether it is behind
		 */
		public boolean indexingHistory() {
			return this.indexersBehind.containsKey("history");
		}

		/**
		 * Whether the topic records the tables of other applications and not those of the
		 * processor the console reads: the processor runs under another application id
		 * than the console's {@code <prefix>-stream-processor}, and nothing the console
		 * guards would be guarded.
		 * @return whether the console reads no processor's record
		 */
		public boolean anotherProcessor() {
			return this.figures == null && !this.otherProcessors.isEmpty();
		}

		/**
		 * Whether a recount of the figures has begun and not completed (running, or
		 * stopped before its end): the figures it retired are being counted again, and
		 * lack events until it completes.
		 * @return whether the recount's mark is set
		 */
		public boolean recounting() {
			return this.recountTo != null;
		}

		/**
		 * Whether a replay from the event topics has begun and its figures are not all
		 * counted yet (running, or stopped before its end until an instance goes on with
		 * it): the figures it retired lack events until then.
		 * @return whether the replay's mark is set
		 */
		public boolean replaying() {
			return this.replayTo != null;
		}

		/**
		 * The tables that differ between the figures and the history.
		 * @return their names ({@code calendar}, {@code rates}, …): every table if the
		 * figures' are recorded and the history's not (removed by hand); none if they
		 * agree, or no figures were counted yet
		 */
		public List<String> differing() {
			if (this.figures == null) {
				return List.of();
			}
			if (this.history == null) {
				return List.copyOf(this.figures.keySet());
			}
			return this.figures.keySet()
				.stream()
				.filter((table) -> !Objects.equals(this.figures.get(table), this.history.get(table)))
				.toList();
		}

	}

}
