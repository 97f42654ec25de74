package vn.investledger.console.tables;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Service;

import vn.investledger.console.system.ConsoleProperties;

/**
 * Which tables the figures were counted under and which the ledger's history was recorded
 * under, as the stream processor keeps them on the compacted {@code <prefix>.rulebook}
 * topic: under its application id the figures' (the report calendar, the USD rates, the
 * VSIC tables, the provincial units, each by its fingerprint), under
 * {@code <application id>/history} the history's. A replay from the event topics writes
 * both; a recount counts the figures again under new tables and leaves the history's
 * flows (their report months, their USD equivalents) as the ledger worked them out, so
 * the two can differ until the next replay. The topic is read from its start once, then
 * from where the last read ended, at most once every {@value #FRESH_MILLIS} ms; while it
 * cannot be read, the tables read within the last minute stand in.
 */
@Service
public class CountingTables implements DisposableBean {

	static final long FRESH_MILLIS = 2000;

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	/** How long the tables last read stand in for those that cannot be read. */
	private static final Duration STALE_AFTER = Duration.ofMinutes(1);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final KafkaProperties kafka;

	private final Admin admin;

	private final String topic;

	private final String figuresKey;

	private final String historyKey;

	private KafkaConsumer<String, String> reader;

	/** The newest value of each of the two keys read so far. */
	private final Map<String, String> latest = new HashMap<>();

	private Tables known;

	private long readAt;

	CountingTables(KafkaProperties kafka, Admin admin, ConsoleProperties properties) {
		this.kafka = kafka;
		this.admin = admin;
		this.topic = properties.topics().rulebookTopicName();
		this.figuresKey = properties.processorGroup();
		this.historyKey = properties.processorGroup() + "/history";
	}

	/**
	 * The tables as last recorded, read again if the last read is older than
	 * {@value #FRESH_MILLIS} ms.
	 * @return the tables
	 * @throws TablesUnknownException if the topic cannot be read and was not read within
	 * the last minute, or holds a record the processor does not write
	 */
	public synchronized Tables tables() {
		if (this.known != null && System.nanoTime() - this.readAt < TimeUnit.MILLISECONDS.toNanos(FRESH_MILLIS)) {
			return this.known;
		}
		try {
			this.known = read();
			this.readAt = System.nanoTime();
			return this.known;
		}
		catch (KafkaException | ExecutionException | TimeoutException ex) {
			closeReader();
			if (this.known != null && System.nanoTime() - this.readAt < STALE_AFTER.toNanos()) {
				// the tables change by a replay or a recount, which takes minutes
				return this.known;
			}
			throw new TablesUnknownException("Cannot read " + this.topic + " to tell whether the events behind the"
					+ " figures were recorded under the tables the figures were counted under: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TablesUnknownException("Interrupted while reading " + this.topic, ex);
		}
	}

	private Tables read() throws InterruptedException, ExecutionException, TimeoutException {
		if (this.reader == null) {
			if (!this.admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).contains(this.topic)) {
				// no processor has counted anything yet
				return new Tables(null, null, null);
			}
			Map<String, Object> settings = new HashMap<>(this.kafka.buildConsumerProperties());
			settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
			settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
			this.reader = new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer());
			TopicPartition partition = new TopicPartition(this.topic, 0);
			this.reader.assign(List.of(partition));
			this.reader.seekToBeginning(List.of(partition));
			this.latest.clear();
		}
		TopicPartition partition = new TopicPartition(this.topic, 0);
		long end = this.reader.endOffsets(List.of(partition), TIMEOUT).get(partition);
		if (end < this.reader.position(partition, TIMEOUT)) {
			// the topic was made again
			this.reader.seekToBeginning(List.of(partition));
			this.latest.clear();
		}
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (this.reader.position(partition, TIMEOUT) < end) {
			if (System.nanoTime() > deadline) {
				throw new TimeoutException(this.topic + " was not read to its end in " + TIMEOUT);
			}
			for (ConsumerRecord<String, String> record : this.reader.poll(Duration.ofMillis(100))) {
				if (this.figuresKey.equals(record.key()) || this.historyKey.equals(record.key())) {
					this.latest.put(record.key(), record.value());
				}
			}
		}
		Recorded figures = parse(this.figuresKey);
		Recorded history = parse(this.historyKey);
		return new Tables((figures != null) ? figures.tables() : null, (figures != null) ? figures.at() : null,
				(history != null) ? history.tables() : null);
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
			throw new TablesUnknownException("The record of key " + key + " on " + this.topic
					+ " is not the processor's record of its tables' fingerprints", ex);
		}
		Instant at = null;
		String recordedAt = tables.remove("recordedAt");
		if (recordedAt != null) {
			try {
				at = Instant.parse(recordedAt);
			}
			catch (DateTimeParseException ex) {
				throw new TablesUnknownException("The record of key " + key + " on " + this.topic
						+ " has a recordedAt that is no instant: " + recordedAt, ex);
			}
		}
		return new Recorded(tables, at);
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
	 * were recorded
	 */
	public record Tables(Map<String, String> figures, Instant figuresAt, Map<String, String> history) {

		/**
		 * The tables that differ between the figures and the history.
		 * @return their names ({@code calendar}, {@code rates}, …), none if they agree or
		 * either is not recorded (no processor of this version counted yet)
		 */
		public List<String> differing() {
			if (this.figures == null || this.history == null) {
				return List.of();
			}
			return this.figures.keySet()
				.stream()
				.filter((table) -> !Objects.equals(this.figures.get(table), this.history.get(table)))
				.toList();
		}

	}

}
