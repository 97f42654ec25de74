package vn.investledger.producers.gateway.rejections;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Service;

import vn.investledger.events.Rejection;
import vn.investledger.events.Topics;
import vn.investledger.producers.gateway.system.GatewayProperties;

/**
 * Reads a unit's refused records back from its rejections topic, which the stream
 * processor writes ({@code <prefix>.rejections.<unit>}, one partition, in the order of
 * refusal). Each listing has its own short-lived consumer: assigned, never in a consumer
 * group, reading only committed records (the processor writes in transactions, and an
 * aborted refusal never happened), for at most a few seconds.
 * <p>
 * A refused record keeps up to 1 MiB of what a unit sent, and a unit can fill its topic
 * with such records; a listing therefore holds a few MiB whatever it reads: the broker
 * sends a little at a time, each record keeps only the part a listing shows, and going
 * back a listing keeps only the records that fit its page. At most {@value #MAX_LISTINGS}
 * listings run at once, {@value #MAX_UNIT_LISTINGS} of a unit.
 */
@Service
class RejectionLog {

	private static final Logger logger = LoggerFactory.getLogger(RejectionLog.class);

	/** The most records one page lists. */
	static final int MAX_LIMIT = 1000;

	/** How long one listing may read before it answers with what it has. */
	private static final Duration READ_TIME = Duration.ofSeconds(5);

	/**
	 * The most event bytes one page shows; a page of many large events ends early, with a
	 * cursor, so that an answer stays a few MB.
	 */
	private static final int MAX_PAGE_EVENT_BYTES = 4 * 1024 * 1024;

	/**
	 * The most bytes one fetch brings from the broker, beyond a first record batch, which
	 * comes whole.
	 */
	private static final int FETCH_BYTES = 1024 * 1024;

	/**
	 * The most records one poll gives: each keeps at most {@code MAX_EVENT_BYTES + 1} of
	 * its value, however compressible the records the fetch brought.
	 */
	private static final int POLL_RECORDS = 64;

	/** The most listings that run at once, across units. */
	static final int MAX_LISTINGS = 4;

	/** The most listings of one unit that run at once. */
	static final int MAX_UNIT_LISTINGS = 1;

	private final Map<String, Object> consumerConfig;

	private final Topics topics;

	private final ListingSlots slots = new ListingSlots(MAX_LISTINGS, MAX_UNIT_LISTINGS);

	@Autowired
	RejectionLog(ConsumerFactory<?, ?> consumers, GatewayProperties properties) {
		// the cluster's address and security as Boot configures every client
		this(consumers.getConfigurationProperties(), properties.topics());
	}

	/**
	 * A reader of the topics named by {@code topics}.
	 * @param clientConfig where the cluster is and how to sign in; the rest is this
	 * reader's own
	 * @param topics the platform's topics
	 */
	RejectionLog(Map<String, Object> clientConfig, Topics topics) {
		Map<String, Object> config = new HashMap<>(clientConfig);
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "gateway-rejections");
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, POLL_RECORDS);
		config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, FETCH_BYTES);
		config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, FETCH_BYTES);
		config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
		config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READ_TIME.toMillis());
		config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) READ_TIME.toMillis());
		this.consumerConfig = Map.copyOf(config);
		this.topics = topics;
	}

	/**
	 * A page of a unit's refused records.
	 * @param unit the unit, the caller's own
	 * @param since from this time on, oldest first; {@code null} for newest first
	 * @param cursor where a previous page left off, or {@code null} for the first page
	 * @param limit the most records to list, 1 to {@value #MAX_LIMIT}
	 * @return the page
	 * @throws RejectionsUnavailableException if the topic cannot be read now
	 * @throws ListingsBusyException if as many listings run as may, in all or of the unit
	 */
	RejectionPage list(String unit, Instant since, Cursor cursor, int limit) {
		try (ListingSlots.Slot slot = this.slots.take(unit)) {
			return read(unit, since, cursor, limit);
		}
	}

	/**
	 * The slots of the listings that run now.
	 * @return the slots
	 */
	ListingSlots slots() {
		return this.slots;
	}

	private RejectionPage read(String unit, Instant since, Cursor cursor, int limit) {
		String topic = this.topics.rejectionTopicName(unit);
		boolean newer = (cursor != null) ? cursor.newer() : since != null;
		long deadline = System.nanoTime() + READ_TIME.toNanos();
		try (KafkaConsumer<Void, ShownValue> consumer = new KafkaConsumer<>(this.consumerConfig, new NoKey(),
				new ShownValue.Reader())) {
			TopicPartition partition = partitionOf(consumer, topic);
			if (partition == null) {
				// the processor creates it at start; nothing was refused before then
				return new RejectionPage(unit, topic, order(newer), List.of(),
						newer ? new Cursor(true, 0).toString() : null);
			}
			consumer.assign(List.of(partition));
			long start = consumer.beginningOffsets(List.of(partition), READ_TIME).get(partition);
			// under read_committed: the last stable offset, where open transactions begin
			long end = consumer.endOffsets(List.of(partition), READ_TIME).get(partition);
			Page page = new Page(topic, limit);
			Cursor next = newer ? forward(consumer, partition, page, since, cursor, start, end, deadline)
					: backward(consumer, partition, page, cursor, start, end, deadline);
			return new RejectionPage(unit, topic, order(newer), page.items, (next != null) ? next.toString() : null);
		}
		catch (KafkaException ex) {
			throw new RejectionsUnavailableException("Kafka did not give the records of " + topic + ": " + ex, ex);
		}
	}

	/**
	 * Newest first: windows read backwards from the cursor (or the end), each twice the
	 * last, since transaction markers and aborted records take offsets too. A window is
	 * read oldest first, keeping only its newest records that fit what is left of the
	 * page.
	 */
	private Cursor backward(KafkaConsumer<Void, ShownValue> consumer, TopicPartition partition, Page page,
			Cursor cursor, long start, long end, long deadline) {
		long upper = (cursor != null) ? Math.min(cursor.offset(), end) : end;
		long window = page.limit;
		while (!page.full() && upper > start) {
			long from = Math.max(start, upper - window);
			Newest newest = page.newest();
			if (!read(consumer, partition, from, upper, deadline, newest::offer)) {
				// not read in time: the page ends with what it has, and the next one
				// reads this window again
				page.requireSome();
				break;
			}
			page.addAll(newest);
			upper = newest.cut() ? newest.oldestOffset() : from;
			window = Math.min(2 * window, 64L * MAX_LIMIT);
		}
		return (upper > start) ? new Cursor(false, upper) : null;
	}

	/**
	 * Gives each record of [from, to) in offset order, as it is polled; {@code false} if
	 * they were not all read in time.
	 */
	private static boolean read(KafkaConsumer<Void, ShownValue> consumer, TopicPartition partition, long from, long to,
			long deadline, Consumer<ConsumerRecord<Void, ShownValue>> each) {
		consumer.seek(partition, from);
		while (consumer.position(partition) < to) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return false;
			}
			for (ConsumerRecord<Void, ShownValue> record : consumer
				.poll(Duration.ofNanos(Math.min(left, Duration.ofMillis(200).toNanos())))
				.records(partition)) {
				if (record.offset() < to) {
					each.accept(record);
				}
			}
		}
		return true;
	}

	/**
	 * Oldest first, from the first record at or after {@code since} (or the cursor), to
	 * the end; the next page goes on from there, also when nothing newer exists yet.
	 */
	private Cursor forward(KafkaConsumer<Void, ShownValue> consumer, TopicPartition partition, Page page, Instant since,
			Cursor cursor, long start, long end, long deadline) {
		long from;
		if (cursor != null) {
			from = cursor.offset();
		}
		else {
			OffsetAndTimestamp first = consumer.offsetsForTimes(Map.of(partition, since.toEpochMilli()), READ_TIME)
				.get(partition);
			from = (first != null) ? first.offset() : end;
		}
		from = Math.max(start, from);
		consumer.seek(partition, from);
		long next = from;
		while (!page.full() && consumer.position(partition) < end) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				page.requireSome();
				return new Cursor(true, next);
			}
			List<ConsumerRecord<Void, ShownValue>> records = consumer
				.poll(Duration.ofNanos(Math.min(left, Duration.ofMillis(200).toNanos())))
				.records(partition);
			for (ConsumerRecord<Void, ShownValue> record : records) {
				if (page.full()) {
					return new Cursor(true, record.offset());
				}
				// a record released late may carry an earlier time than its neighbours
				if (since == null || cursor != null || record.timestamp() >= since.toEpochMilli()) {
					page.add(record);
				}
				next = record.offset() + 1;
			}
			if (!records.isEmpty() || consumer.position(partition) >= end) {
				next = Math.max(next, consumer.position(partition));
			}
		}
		return new Cursor(true, next);
	}

	private static TopicPartition partitionOf(KafkaConsumer<Void, ShownValue> consumer, String topic) {
		List<PartitionInfo> partitions = consumer.partitionsFor(topic, READ_TIME);
		if (partitions == null || partitions.isEmpty()) {
			return null;
		}
		if (partitions.size() != 1) {
			throw new RejectionsUnavailableException("Topic " + topic + " has " + partitions.size()
					+ " partitions; a unit's rejections topic has one, so that its order is the order of refusal "
					+ "(the processor creates it so)", null);
		}
		return new TopicPartition(topic, partitions.get(0).partition());
	}

	private static String order(boolean newer) {
		return newer ? "oldest-first" : "newest-first";
	}

	/**
	 * A listed record and the event bytes it shows.
	 */
	private record Listed(ListedRejection rejection, int eventBytes) {

	}

	/** The records of one page, within its limit and its bytes. */
	private static final class Page {

		private final String topic;

		private final int limit;

		private final List<ListedRejection> items = new ArrayList<>();

		private long eventBytes;

		Page(String topic, int limit) {
			this.topic = topic;
			this.limit = limit;
		}

		boolean full() {
			return this.items.size() >= this.limit || this.eventBytes >= MAX_PAGE_EVENT_BYTES;
		}

		void requireSome() {
			if (this.items.isEmpty()) {
				throw new RejectionsUnavailableException(
						"Kafka did not give the records of " + this.topic + " within " + READ_TIME.toSeconds() + " s",
						null);
			}
		}

		void add(ConsumerRecord<Void, ShownValue> record) {
			Listed listed = listed(record);
			if (listed != null) {
				add(listed);
			}
		}

		private void add(Listed listed) {
			this.eventBytes += listed.eventBytes();
			this.items.add(listed.rejection());
		}

		/**
		 * A window's records, to keep those that fit what is left of this page.
		 * @return the window
		 */
		Newest newest() {
			return new Newest(this.limit - this.items.size(), MAX_PAGE_EVENT_BYTES - this.eventBytes, this);
		}

		/**
		 * Lists a window's kept records, newest first.
		 * @param newest the window
		 */
		void addAll(Newest newest) {
			for (Iterator<Listed> kept = newest.kept.descendingIterator(); kept.hasNext();) {
				add(kept.next());
			}
		}

		/**
		 * The record as listed, or {@code null} if its headers are not a rejection's.
		 */
		Listed listed(ConsumerRecord<Void, ShownValue> record) {
			Rejection rejection;
			try {
				rejection = Rejection.fromHeaders(record.headers());
			}
			catch (RuntimeException ex) {
				logger.warn("Record {} of {} is not a rejection the gateway can read, left out: {}", record.offset(),
						this.topic, ex.toString());
				return null;
			}
			ShownValue value = record.value();
			int shown = (value != null) ? value.shown() : 0;
			String text = (value != null) ? utf8(value.head(), shown) : null;
			String base64 = (value != null && text == null)
					? Base64.getEncoder().encodeToString(Arrays.copyOf(value.head(), shown)) : null;
			return new Listed(new ListedRejection(record.offset(), rejection.reason(), rejection.message(),
					rejection.eventId(), rejection.projectCode(), rejection.sourceTopic(), rejection.sourcePartition(),
					rejection.sourceOffset(), rejection.receivedAt(),
					rejection.truncated() || (value != null && shown < value.length()), text, base64), shown);
		}

		/** The bytes as text, or {@code null} if they are not UTF-8. */
		private static String utf8(byte[] value, int length) {
			try {
				return StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)
					.decode(ByteBuffer.wrap(value, 0, length))
					.toString();
			}
			catch (CharacterCodingException ex) {
				return null;
			}
		}

	}

	/**
	 * The newest records of a window read oldest first: those the page would list before
	 * it is full, read newest first. Each newer record may push the oldest kept out, so
	 * that no more is held than the page has room for.
	 */
	private static final class Newest {

		private final int records;

		private final long eventBytes;

		private final Page page;

		private final ArrayDeque<Listed> kept = new ArrayDeque<>();

		private long keptBytes;

		private boolean cut;

		Newest(int records, long eventBytes, Page page) {
			this.records = records;
			this.eventBytes = eventBytes;
			this.page = page;
		}

		void offer(ConsumerRecord<Void, ShownValue> record) {
			Listed listed = this.page.listed(record);
			if (listed == null) {
				return;
			}
			this.kept.addLast(listed);
			this.keptBytes += listed.eventBytes();
			// the page lists a record while it is not full with the newer ones
			while (this.kept.size() > 1 && (this.kept.size() - 1 >= this.records
					|| this.keptBytes - this.kept.getFirst().eventBytes() >= this.eventBytes)) {
				this.keptBytes -= this.kept.removeFirst().eventBytes();
				this.cut = true;
			}
		}

		/** Whether older records of the window were left for the next page. */
		boolean cut() {
			return this.cut;
		}

		/** Where the next page starts going back: the oldest record kept. */
		long oldestOffset() {
			return this.kept.getFirst().rejection().offset();
		}

	}

	/**
	 * The listing reads no key: the rejection's headers name the project.
	 */
	private static final class NoKey implements Deserializer<Void> {

		@Override
		public Void deserialize(String topic, byte[] data) {
			return null;
		}

		@Override
		public Void deserialize(String topic, Headers headers, ByteBuffer data) {
			return null;
		}

	}

}
