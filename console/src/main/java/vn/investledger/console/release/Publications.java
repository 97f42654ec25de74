package vn.investledger.console.release;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.stereotype.Service;

import vn.investledger.console.system.ConsoleProperties;
import vn.investledger.events.InvestmentType;

/**
 * The publications of official releases, on the releases topic, the system of record: a
 * publication is written there, acknowledged by every in-sync replica, before it is
 * answered; the first record of a release's key that is a publication of it (below) is
 * its first publication. The topic has one partition, a few records a month, read once
 * from the start and then from where the last read ended. A record that is not a
 * publication makes only the release it may belong to (its key's, or every release's if
 * it has no key) unanswerable, with the record's offset; the other releases are served.
 * <p>
 * A release may be published again, but two admins may also publish it at once, on one
 * console instance or two, each unaware of the other. So each publication states on its
 * record, in the {@value #NUMBER} header, which publication of the release it is by the
 * publications its publisher read before it began (1: it read none), and a record counts
 * only if it is that one. Of two publications begun at once, which read the same, only
 * the one whose record came first is a publication; the other's publisher is refused once
 * its record is acknowledged, naming the publication that came first. Every reader folds
 * the topic alike ({@link #publications}), so the refused record is no publication
 * anywhere. A record identical to a publication before it (the same release, instant,
 * hash, sizes and admin: a write repeated) is that publication again, listed once.
 */
@Service
class Publications implements DisposableBean {

	/**
	 * The header in which a publication's record states which publication of its release
	 * it is, in decimal: 1 for the first. A record without it (written before records
	 * stated it) counts as the next publication.
	 */
	static final String NUMBER = "publication-number";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
		.build();

	private final KafkaProperties kafka;

	private final String topic;

	private KafkaProducer<String, String> producer;

	/** Guards the producer: a publication does not wait behind a read of the topic. */
	private final Object producing = new Object();

	private KafkaConsumer<String, String> reader;

	private final List<Recorded> recorded = new ArrayList<>();

	Publications(KafkaProperties kafka, ConsoleProperties properties) {
		this.kafka = kafka;
		this.topic = properties.topics().releasesTopicName();
	}

	/**
	 * Records a publication, and answers once its record is acknowledged and the topic
	 * read up to it shows it is the publication it states.
	 * @param publication the publication
	 * @param number which publication of its release it is, by the publications its
	 * publisher read before it began: 1 for the first
	 * @return the publication, recorded
	 * @throws PublishedMeanwhileException if another publication of the release was
	 * recorded first after its publisher read them: this record is none
	 * @throws PublicationFailedException if Kafka did not acknowledge it in time, or the
	 * topic could not be read back to tell
	 * @throws UnreadablePublicationException if a record before it that may be one of the
	 * release's cannot be read
	 */
	Publication record(Publication publication, int number) {
		if (number < 1) {
			throw new IllegalArgumentException("The first publication of a release is number 1, not " + number);
		}
		ProducerRecord<String, String> record = new ProducerRecord<>(this.topic, publication.key(),
				JSON.writeValueAsString(publication));
		record.headers().add(NUMBER, Integer.toString(number).getBytes(StandardCharsets.US_ASCII));
		RecordMetadata written;
		try {
			written = producer().send(record).get(TIMEOUT.toMillis() + 10_000, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PublicationFailedException("interrupted", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new PublicationFailedException(ex.toString(), ex);
		}
		List<Publication> before;
		try {
			before = publications(publication.key(), all(), written.offset());
		}
		catch (PublicationFailedException | KafkaException ex) {
			throw new PublicationFailedException("the publication was recorded at offset " + written.offset()
					+ ", but the topic could not be read back to tell whether another publication of "
					+ publication.release() + " came first; its publications say which is", ex);
		}
		if (before.contains(publication)) {
			// the same publication, recorded before: this record repeats it
			return publication;
		}
		if (number > before.size() + 1) {
			// fewer publications than its publisher read: the topic was made anew
			throw new PublicationFailedException("the releases topic holds " + before.size() + " publications of "
					+ publication.release() + " before offset " + written.offset() + ", fewer than the " + (number - 1)
					+ " read when it began (the topic made anew?); its record counts as none", null);
		}
		if (number != before.size() + 1) {
			// its publisher read number - 1 publications, the first of these
			throw new PublishedMeanwhileException(publication, written.offset(), before, number);
		}
		return publication;
	}

	/**
	 * Every record of the releases topic, in the order recorded: read from the start
	 * once, then from where the last read ended, by one consumer this instance keeps. A
	 * failed read starts again from the start the next time.
	 * @return the records
	 */
	synchronized List<Recorded> all() {
		TopicPartition partition = new TopicPartition(this.topic, 0);
		try {
			if (this.reader == null) {
				Map<String, Object> settings = new HashMap<>(this.kafka.buildConsumerProperties());
				settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
				settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
				settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
				this.reader = new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer());
				this.reader.assign(List.of(partition));
				this.reader.seekToBeginning(List.of(partition));
				this.recorded.clear();
			}
			long end = this.reader.endOffsets(List.of(partition), TIMEOUT).get(partition);
			if (end < this.reader.position(partition, TIMEOUT)) {
				// the topic was made again: read it from its start
				this.reader.seekToBeginning(List.of(partition));
				this.recorded.clear();
			}
			long deadline = System.nanoTime() + TIMEOUT.toNanos();
			while (this.reader.position(partition, TIMEOUT) < end) {
				if (System.nanoTime() > deadline) {
					throw new PublicationFailedException("the releases topic was not read to its end in " + TIMEOUT,
							null);
				}
				for (ConsumerRecord<String, String> record : this.reader.poll(Duration.ofMillis(200))) {
					this.recorded.add(Recorded.of(record.offset(), record.key(), record.headers(), record.value()));
				}
			}
			return List.copyOf(this.recorded);
		}
		catch (RuntimeException ex) {
			closeReader();
			throw ex;
		}
	}

	/**
	 * The publications of one release.
	 * @param month the report month
	 * @param type FDI or DDI
	 * @return its publications, first first
	 */
	List<Publication> of(YearMonth month, InvestmentType type) {
		return of(Publication.key(month, type));
	}

	/**
	 * The publications of one release.
	 * @param key its key ({@link Publication#key()})
	 * @return its publications, first first
	 * @throws UnreadablePublicationException if a record that may be one of them cannot
	 * be read
	 */
	List<Publication> of(String key) {
		return publications(key, all(), Long.MAX_VALUE);
	}

	/**
	 * The publications of one release among the topic's records before an offset, as
	 * every reader folds them: a record of its key counts unless it repeats a publication
	 * before it, or states another number than the next ({@link #NUMBER}).
	 * @param key its key
	 * @param records the topic's records, in offset order
	 * @param end the offset before which to read
	 * @return its publications, first first
	 * @throws UnreadablePublicationException if a record that may be one of them cannot
	 * be read
	 */
	private static List<Publication> publications(String key, List<Recorded> records, long end) {
		List<Publication> publications = new ArrayList<>();
		for (Recorded recorded : records) {
			if (recorded.offset() >= end) {
				break;
			}
			if (recorded.publication() == null) {
				if (recorded.key() == null || recorded.key().equals(key)) {
					throw new UnreadablePublicationException(key, recorded);
				}
			}
			else if (recorded.key().equals(key) && !publications.contains(recorded.publication())
					&& (recorded.number() == null || recorded.number() == publications.size() + 1)) {
				publications.add(recorded.publication());
			}
		}
		return publications;
	}

	/**
	 * A release's first publication.
	 * @param month the report month
	 * @param type FDI or DDI
	 * @return it, empty if the release was never published
	 */
	Optional<Publication> first(YearMonth month, InvestmentType type) {
		return first(Publication.key(month, type));
	}

	/**
	 * A release's first publication.
	 * @param key its key ({@link Publication#key()})
	 * @return it, empty if the release was never published
	 */
	Optional<Publication> first(String key) {
		return of(key).stream().findFirst();
	}

	private KafkaProducer<String, String> producer() {
		synchronized (this.producing) {
			return (this.producer != null) ? this.producer : newProducer();
		}
	}

	private KafkaProducer<String, String> newProducer() {
		Map<String, Object> settings = new HashMap<>(this.kafka.buildProducerProperties());
		settings.put(ProducerConfig.ACKS_CONFIG, "all");
		settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		// one request in flight, as the processor's producer: a first write to a
		// partition can otherwise fail with OUT_OF_ORDER_SEQUENCE_NUMBER
		// (KAFKA-15591)
		settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
		// at least linger.ms plus request.timeout.ms (30 s), and within the wait for
		// it
		settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() + 5_000);
		this.producer = new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
		return this.producer;
	}

	@Override
	public void destroy() {
		synchronized (this.producing) {
			if (this.producer != null) {
				this.producer.close(Duration.ofSeconds(5));
			}
		}
		closeReader();
	}

	private synchronized void closeReader() {
		if (this.reader != null) {
			try {
				this.reader.close(Duration.ofSeconds(5));
			}
			catch (RuntimeException ex) {
				// a new one is made on the next read
			}
			this.reader = null;
		}
		this.recorded.clear();
	}

	/**
	 * A record of the releases topic: a publication, or what is wrong with it.
	 *
	 * @param offset its offset
	 * @param key its key, {@code null} if it has none
	 * @param publication the publication, {@code null} if the record is not one
	 * @param number which publication of its release it states it is
	 * ({@value Publications#NUMBER}), {@code null} if it does not say
	 * @param problem why it is not one, {@code null} if it is
	 */
	record Recorded(long offset, String key, Publication publication, Integer number, String problem) {

		private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

		private static final Pattern SCOPE = Pattern.compile("(province|zone):[A-Za-z0-9-]{1,40}");

		private static final Pattern POSITIVE = Pattern.compile("[1-9][0-9]{0,8}");

		static Recorded of(long offset, String key, Headers headers, String value) {
			if (value == null) {
				return new Recorded(offset, key, null, null, "it has no value");
			}
			Header header = headers.lastHeader(NUMBER);
			Integer number = null;
			if (header != null) {
				String text = (header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : "";
				if (!POSITIVE.matcher(text).matches()) {
					return new Recorded(offset, key, null, null,
							"its " + NUMBER + " header is not a number from 1 (\"" + text + "\")");
				}
				number = Integer.valueOf(text);
			}
			Publication publication;
			try {
				publication = JSON.readValue(value, Publication.class);
			}
			catch (JacksonException | IllegalArgumentException ex) {
				return new Recorded(offset, key, null, null,
						"it is not a publication's JSON (" + ex.getClass().getSimpleName() + ")");
			}
			String problem = problem(publication, key);
			return (problem == null) ? new Recorded(offset, key, publication, number, null)
					: new Recorded(offset, key, null, null, problem);
		}

		private static String problem(Publication publication, String key) {
			if (publication == null || publication.month() == null || publication.publishedAt() == null
					|| publication.sha256() == null || publication.publishedBy() == null) {
				return "a field is missing";
			}
			if ((publication.scope() == null) ? publication.type() == null || publication.sizes() == null
					: publication.type() != null || publication.sizes() != null
							|| !SCOPE.matcher(publication.scope()).matches()) {
				return "a field is missing, or it is neither a national release's (type, sizes) nor a zone board's (scope)";
			}
			try {
				YearMonth.parse(publication.month());
			}
			catch (DateTimeParseException ex) {
				return "its month is not yyyy-MM";
			}
			if (!SHA256.matcher(publication.sha256()).matches()) {
				return "its sha256 is not 64 lower-case hex digits";
			}
			if (!publication.key().equals(key)) {
				return "its key is not " + publication.key();
			}
			return null;
		}

	}

	/**
	 * A record of the releases topic that may be a release's publication cannot be read:
	 * which publication is its first cannot be told until an operator repairs the topic.
	 */
	static final class UnreadablePublicationException extends RuntimeException {

		UnreadablePublicationException(String key, Recorded recorded) {
			super("The releases topic's record at offset " + recorded.offset() + " (key "
					+ ((recorded.key() != null) ? "\"" + recorded.key() + "\"" : "none") + ") is not a publication: "
					+ recorded.problem() + ". It may be one of the release " + key
					+ ", so its publications, its first-published vintage and its revisions since publication "
					+ "cannot be told until an operator repairs the topic; other releases are not affected");
		}

	}

	/**
	 * Another publication of a release was recorded first after this one's publisher read
	 * its publications (two admins published it at once): this record is no publication
	 * of it, as every reader of the topic folds it.
	 */
	static final class PublishedMeanwhileException extends RuntimeException {

		private final Publication first;

		private final Publication meanwhile;

		private final long offset;

		PublishedMeanwhileException(Publication refused, long offset, List<Publication> before, int number) {
			super(message(refused, offset, before, number));
			this.first = before.get(0);
			this.meanwhile = before.get(number - 1);
			this.offset = offset;
		}

		private static String message(Publication refused, long offset, List<Publication> before, int number) {
			Publication first = before.get(0);
			Publication meanwhile = before.get(number - 1);
			String release = Character.toUpperCase(refused.release().charAt(0)) + refused.release().substring(1);
			String message = release + " was published by " + meanwhile.publishedBy() + " at " + meanwhile.publishedAt()
					+ " (SHA-256 " + meanwhile.sha256()
					+ ") while this publication was being made, and that record came first on the releases topic: "
					+ "this one, recorded at offset " + offset
					+ ", is not a publication of it, and no vintage and no list of publications counts it. ";
			return message
					+ ((meanwhile == first) ? "That is its first publication."
							: "Its first publication is " + first.publishedBy() + "'s at " + first.publishedAt()
									+ " (SHA-256 " + first.sha256() + ").")
					+ " Read its publications, and publish again only if another publication is still wanted";
		}

		/** The release's first publication. */
		Publication first() {
			return this.first;
		}

		/** The publication recorded first in this one's place. */
		Publication meanwhile() {
			return this.meanwhile;
		}

		/** The offset of the refused record. */
		long offset() {
			return this.offset;
		}

	}

	/**
	 * Kafka did not take or give back the publications.
	 */
	static final class PublicationFailedException extends RuntimeException {

		PublicationFailedException(String reason, Throwable cause) {
			super("The releases topic cannot be written or read now (" + reason + "); try again shortly", cause);
		}

	}

	/**
	 * The releases topic, for a platform whose topics no cluster-setup made (the local
	 * run, the tests): one partition, kept forever. On a cluster it exists already, and
	 * the console's principal may only describe, read and write it.
	 */
	@Configuration(proxyBeanMethods = false)
	static class Topic {

		@Bean
		NewTopic releasesTopic(ConsoleProperties properties) {
			return TopicBuilder.name(properties.topics().releasesTopicName())
				.partitions(1)
				.config(TopicConfig.RETENTION_MS_CONFIG, "-1")
				.build();
		}

	}

}
