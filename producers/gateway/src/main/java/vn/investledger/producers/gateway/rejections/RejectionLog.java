package vn.investledger.producers.gateway.rejections;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Service;

import vn.investledger.events.Limits;
import vn.investledger.events.Rejection;
import vn.investledger.events.Topics;
import vn.investledger.producers.gateway.system.GatewayProperties;

/**
 * Reads a unit's refused records back from its rejections topic, which the stream
 * processor writes ({@code <prefix>.rejections.<unit>}, one partition, in the order of
 * refusal). Each listing has its own short-lived consumer: assigned, never in a consumer
 * group, reading only committed records (the processor writes in transactions, and an
 * aborted refusal never happened), for at most a few seconds.
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

	private final Map<String, Object> consumerConfig;

	private final Topics topics;

	RejectionLog(ConsumerFactory<?, ?> consumers, GatewayProperties properties) {
		// the cluster's address and security as Boot configures every client; the rest is
		// this reader's own
		Map<String, Object> config = new HashMap<>(consumers.getConfigurationProperties());
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "gateway-rejections");
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_LIMIT);
		config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
		config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READ_TIME.toMillis());
		config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) READ_TIME.toMillis());
		this.consumerConfig = Map.copyOf(config);
		this.topics = properties.topics();
	}

	/**
	 * A page of a unit's refused records.
	 * @param unit the unit, the caller's own
	 * @param since from this time on, oldest first; {@code null} for newest first
	 * @param cursor where a previous page left off, or {@code null} for the first page
	 * @param limit the most records to list, 1 to {@value #MAX_LIMIT}
	 * @return the page
	 * @throws RejectionsUnavailableException if the topic cannot be read now
	 */
	RejectionPage list(String unit, Instant since, Cursor cursor, int limit) {
		String topic = this.topics.rejectionTopicName(unit);
		boolean newer = (cursor != null) ? cursor.newer() : since != null;
		long deadline = System.nanoTime() + READ_TIME.toNanos();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(this.consumerConfig,
				new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
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
	 * last, since transaction markers and aborted records take offsets too.
	 */
	private Cursor backward(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, Page page, Cursor cursor,
			long start, long end, long deadline) {
		long upper = (cursor != null) ? Math.min(cursor.offset(), end) : end;
		long window = page.limit;
		while (!page.full() && upper > start) {
			long from = Math.max(start, upper - window);
			List<ConsumerRecord<byte[], byte[]>> records = read(consumer, partition, from, upper, deadline);
			if (records == null) {
				// not read in time: the page ends with what it has, and the next one
				// reads
				// this window again
				page.requireSome();
				break;
			}
			long listedDownTo = from;
			for (int i = records.size() - 1; i >= 0; i--) {
				if (page.full()) {
					listedDownTo = records.get(i + 1).offset();
					break;
				}
				page.add(records.get(i));
			}
			upper = listedDownTo;
			window = Math.min(2 * window, 64L * MAX_LIMIT);
		}
		return (upper > start) ? new Cursor(false, upper) : null;
	}

	/**
	 * The records of [from, to), in offset order, or {@code null} if not read in time.
	 */
	private static List<ConsumerRecord<byte[], byte[]>> read(KafkaConsumer<byte[], byte[]> consumer,
			TopicPartition partition, long from, long to, long deadline) {
		consumer.seek(partition, from);
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		while (consumer.position(partition) < to) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return null;
			}
			for (ConsumerRecord<byte[], byte[]> record : consumer
				.poll(Duration.ofNanos(Math.min(left, Duration.ofMillis(200).toNanos())))
				.records(partition)) {
				if (record.offset() < to) {
					records.add(record);
				}
			}
		}
		return records;
	}

	/**
	 * Oldest first, from the first record at or after {@code since} (or the cursor), to
	 * the end; the next page goes on from there, also when nothing newer exists yet.
	 */
	private Cursor forward(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, Page page, Instant since,
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
			List<ConsumerRecord<byte[], byte[]>> records = consumer
				.poll(Duration.ofNanos(Math.min(left, Duration.ofMillis(200).toNanos())))
				.records(partition);
			for (ConsumerRecord<byte[], byte[]> record : records) {
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

	private static TopicPartition partitionOf(KafkaConsumer<byte[], byte[]> consumer, String topic) {
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

		void add(ConsumerRecord<byte[], byte[]> record) {
			Rejection rejection;
			try {
				rejection = Rejection.fromHeaders(record.headers());
			}
			catch (RuntimeException ex) {
				logger.warn("Record {} of {} is not a rejection the gateway can read, left out: {}", record.offset(),
						this.topic, ex.toString());
				return;
			}
			byte[] value = record.value();
			int shown = (value != null) ? shownBytes(value) : 0;
			String text = (value != null) ? utf8(value, shown) : null;
			String base64 = (value != null && text == null)
					? Base64.getEncoder().encodeToString(Arrays.copyOf(value, shown)) : null;
			this.eventBytes += shown;
			this.items.add(new ListedRejection(record.offset(), rejection.reason(), rejection.message(),
					rejection.eventId(), rejection.projectCode(), rejection.sourceTopic(), rejection.sourcePartition(),
					rejection.sourceOffset(), rejection.receivedAt(),
					rejection.truncated() || (value != null && shown < value.length), text, base64));
		}

		/**
		 * How much of a value a listing shows: up to the contract's largest event, cut
		 * between two UTF-8 characters.
		 */
		private static int shownBytes(byte[] value) {
			int shown = Math.min(value.length, Limits.MAX_EVENT_BYTES);
			while (shown < value.length && shown > 0 && (value[shown] & 0xC0) == 0x80) {
				shown--;
			}
			return shown;
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

}
