package vn.investledger.console.release;

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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
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
 * answered; the first record of a release's key is its first publication. The topic has
 * one partition, a few records a month, read once from the start and then from where the
 * last read ended. A record that is not a publication makes only the release it may
 * belong to (its key's, or every release's if it has no key) unanswerable, with the
 * record's offset; the other releases are served.
 */
@Service
class Publications implements DisposableBean {

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
	 * Records a publication.
	 * @param publication the publication
	 * @throws IllegalStateException if Kafka did not acknowledge it in time
	 */
	void record(Publication publication) {
		try {
			producer().send(new ProducerRecord<>(this.topic, publication.key(), JSON.writeValueAsString(publication)))
				.get(TIMEOUT.toMillis() + 10_000, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PublicationFailedException("interrupted", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new PublicationFailedException(ex.toString(), ex);
		}
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
					this.recorded.add(Recorded.of(record.offset(), record.key(), record.value()));
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
		List<Publication> publications = new ArrayList<>();
		for (Recorded recorded : all()) {
			if (recorded.publication() != null) {
				if (recorded.key().equals(key)) {
					publications.add(recorded.publication());
				}
			}
			else if (recorded.key() == null || recorded.key().equals(key)) {
				throw new UnreadablePublicationException(key, recorded);
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
	 * @param problem why it is not one, {@code null} if it is
	 */
	record Recorded(long offset, String key, Publication publication, String problem) {

		private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

		private static final Pattern SCOPE = Pattern.compile("(province|zone):[A-Za-z0-9-]{1,40}");

		static Recorded of(long offset, String key, String value) {
			if (value == null) {
				return new Recorded(offset, key, null, "it has no value");
			}
			Publication publication;
			try {
				publication = JSON.readValue(value, Publication.class);
			}
			catch (JacksonException | IllegalArgumentException ex) {
				return new Recorded(offset, key, null,
						"it is not a publication's JSON (" + ex.getClass().getSimpleName() + ")");
			}
			String problem = problem(publication, key);
			return (problem == null) ? new Recorded(offset, key, publication, null)
					: new Recorded(offset, key, null, problem);
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
