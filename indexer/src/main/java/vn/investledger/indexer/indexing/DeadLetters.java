package vn.investledger.indexer.indexing;

import java.nio.charset.StandardCharsets;
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
				letter.reason());
		ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(this.topic, originalKey(source), source.value());
		Headers headers = record.headers();
		for (Header header : source.headers()) {
			if (!OriginalKeyDeserializer.HEADER.equals(header.key())) {
				headers.add(header);
			}
		}
		headers.add(REASON, letter.reason().getBytes(StandardCharsets.UTF_8));
		if (letter.status() > 0) {
			headers.add(STATUS, Integer.toString(letter.status()).getBytes(StandardCharsets.UTF_8));
		}
		headers.add(SOURCE_TOPIC, source.topic().getBytes(StandardCharsets.UTF_8));
		headers.add(SOURCE_PARTITION, Integer.toString(source.partition()).getBytes(StandardCharsets.UTF_8));
		headers.add(SOURCE_OFFSET, Long.toString(source.offset()).getBytes(StandardCharsets.UTF_8));
		return this.kafka.send(record);
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
