package vn.investledger.indexer.indexing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import vn.investledger.indexer.system.IndexerProperties;

/**
 * The indexer's dead-letter topic, {@code <prefix>.indexer.dlq}: a record Elasticsearch
 * refused (a mapping or validation failure) or that could not be read, with its original
 * key, value and headers, and the reason in headers of the indexer's. The batch's offsets
 * are committed only after the broker acknowledged these records.
 * <p>
 * A record of a rejection topic may be 2 MiB (up to 1 MiB of the refused record, its key
 * and the reason); the topic and the indexer's producer take records of up to
 * {@value #MAX_RECORD_BYTES} bytes ({@code max.message.bytes}, {@code max.request.size}),
 * so that any record the indexer reads can be dead-lettered: one that could not would
 * stop its partition for good.
 */
@Component
public class DeadLetters {

	/** Header: why the record was not indexed. */
	public static final String REASON = "investledger.indexer.reason";

	/** Header: the HTTP status Elasticsearch answered, when it answered. */
	public static final String STATUS = "investledger.indexer.status";

	/** Header: the record's topic. */
	public static final String SOURCE_TOPIC = "investledger.source.topic";

	/** Header: the record's partition. */
	public static final String SOURCE_PARTITION = "investledger.source.partition";

	/** Header: the record's offset. */
	public static final String SOURCE_OFFSET = "investledger.source.offset";

	/**
	 * The largest record of the dead-letter topic, in bytes: twice the largest record of
	 * a rejection topic, room for the headers added.
	 */
	static final int MAX_RECORD_BYTES = 4 * 1024 * 1024;

	/** Header: the size of a value cut to fit the dead-letter topic. */
	public static final String TRUNCATED = "investledger.indexer.truncated-from";

	/** Header: the size of the record's own headers, left out to fit. */
	public static final String HEADERS_LEFT_OUT = "investledger.indexer.headers-left-out";

	/** The room of a dead letter's key, value and headers, below the record's limit. */
	static final int ROOM = MAX_RECORD_BYTES - 64 * 1024;

	/** The longest key kept whole. */
	static final int MAX_KEY_BYTES = 64 * 1024;

	private static final Logger logger = LoggerFactory.getLogger(DeadLetters.class);

	private final KafkaTemplate<byte[], byte[]> kafka;

	private final String topic;

	private final Counter counter;

	DeadLetters(KafkaTemplate<byte[], byte[]> kafka, IndexerProperties properties, MeterRegistry meters) {
		this.kafka = kafka;
		this.topic = deadLetterTopic(properties);
		this.counter = Counter.builder("investledger.indexer.dead.letters")
			.description("Records the indexer sent to its dead-letter topic")
			.register(meters);
	}

	static String deadLetterTopic(IndexerProperties properties) {
		return properties.topicPrefix() + ".indexer.dlq";
	}

	/**
	 * A record that was not indexed, and why.
	 *
	 * @param source the record
	 * @param reason the reason
	 * @param status Elasticsearch's status, or 0 if it was never sent
	 */
	record DeadLetter(ConsumerRecord<String, byte[]> source, String reason, int status) {

	}

	/**
	 * Publishes dead letters and waits for the broker's acknowledgement.
	 * @param letters the dead letters
	 * @throws IndexingException if the broker did not acknowledge them (the batch is then
	 * retried)
	 */
	void publish(List<DeadLetter> letters) {
		if (letters.isEmpty()) {
			return;
		}
		List<CompletableFuture<?>> sent = letters.stream().map(this::send).toList();
		try {
			CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IndexingException("Interrupted while dead-lettering", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IndexingException("Could not dead-letter " + letters.size() + " record(s)", ex);
		}
		this.counter.increment(letters.size());
	}

	private CompletableFuture<?> send(DeadLetter letter) {
		ConsumerRecord<String, byte[]> source = letter.source();
		logger.warn("Dead-lettering {}-{}@{}: {}", source.topic(), source.partition(), source.offset(),
				shortened(letter.reason()));
		return this.kafka.send(record(this.topic, letter));
	}

	/**
	 * The dead letter of a record: its key, value and headers, with the indexer's. A
	 * record the broker took compressed may be larger than the dead-letter topic takes
	 * once read (its limit applies to the compressed batch, the producer's to the
	 * record): then its value is cut to what fits, and {@value #TRUNCATED} says its whole
	 * size (the source headers say where the whole record stays). Likewise its own
	 * headers, if they alone pass half the room, are left out
	 * ({@value #HEADERS_LEFT_OUT}). Without the cut the dead letter was refused at every
	 * retry, and the listener stopped for every partition.
	 * @param topic the dead-letter topic
	 * @param letter the dead letter
	 * @return the record, at most {@value #MAX_RECORD_BYTES} bytes with its headers
	 */
	static ProducerRecord<byte[], byte[]> record(String topic, DeadLetter letter) {
		ConsumerRecord<String, byte[]> source = letter.source();
		byte[] key = originalKey(source);
		if (key != null && key.length > MAX_KEY_BYTES) {
			key = Arrays.copyOf(key, MAX_KEY_BYTES);
		}
		byte[] reason = shortened(letter.reason()).getBytes(StandardCharsets.UTF_8);
		long sourceHeaders = 0;
		for (Header header : source.headers()) {
			if (!OriginalKeyDeserializer.HEADER.equals(header.key())) {
				sourceHeaders += header.key().getBytes(StandardCharsets.UTF_8).length
						+ ((header.value() != null) ? header.value().length : 0) + 16;
			}
		}
		boolean keepHeaders = sourceHeaders <= ROOM / 2;
		long room = ROOM - ((key != null) ? key.length : 0) - reason.length - (keepHeaders ? sourceHeaders : 0);
		byte[] value = source.value();
		boolean cut = value != null && value.length > room;
		if (cut) {
			value = Arrays.copyOf(value, (int) Math.max(0, room));
		}
		ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key, value);
		Headers headers = record.headers();
		if (keepHeaders) {
			for (Header header : source.headers()) {
				if (!OriginalKeyDeserializer.HEADER.equals(header.key())) {
					headers.add(header);
				}
			}
		}
		else {
			headers.add(HEADERS_LEFT_OUT, Long.toString(sourceHeaders).getBytes(StandardCharsets.UTF_8));
		}
		if (cut) {
			headers.add(TRUNCATED, Integer.toString(source.value().length).getBytes(StandardCharsets.UTF_8));
		}
		headers.add(REASON, reason);
		if (letter.status() > 0) {
			headers.add(STATUS, Integer.toString(letter.status()).getBytes(StandardCharsets.UTF_8));
		}
		headers.add(SOURCE_TOPIC, source.topic().getBytes(StandardCharsets.UTF_8));
		headers.add(SOURCE_PARTITION, Integer.toString(source.partition()).getBytes(StandardCharsets.UTF_8));
		headers.add(SOURCE_OFFSET, Long.toString(source.offset()).getBytes(StandardCharsets.UTF_8));
		return record;
	}

	/** A reason as a dead letter carries it: at most 2,000 characters. */
	private static String shortened(String reason) {
		return (reason.length() > 2_000) ? reason.substring(0, 2_000) + "…" : reason;
	}

	/**
	 * A record's key as it was written: the bytes {@link OriginalKeyDeserializer} kept
	 * when they are not UTF-8, else the key's UTF-8.
	 */
	private static byte[] originalKey(ConsumerRecord<String, byte[]> source) {
		Header original = source.headers().lastHeader(OriginalKeyDeserializer.HEADER);
		if (original != null) {
			return original.value();
		}
		return (source.key() != null) ? source.key().getBytes(StandardCharsets.UTF_8) : null;
	}

}
