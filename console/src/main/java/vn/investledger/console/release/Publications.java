package vn.investledger.console.release;

import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * one partition and is read whole, from the start, each time (a few records a month).
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
	 * Every publication, in the order recorded.
	 * @return the publications
	 */
	List<Publication> all() {
		Map<String, Object> settings = new HashMap<>(this.kafka.buildConsumerProperties());
		settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
		settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		List<Publication> publications = new ArrayList<>();
		TopicPartition partition = new TopicPartition(this.topic, 0);
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
			long deadline = System.nanoTime() + TIMEOUT.toNanos();
			while (consumer.position(partition, TIMEOUT) < end) {
				if (System.nanoTime() > deadline) {
					throw new PublicationFailedException("the releases topic was not read to its end in " + TIMEOUT,
							null);
				}
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					publications.add(JSON.readValue(record.value(), Publication.class));
				}
			}
		}
		return publications;
	}

	/**
	 * The publications of one release.
	 * @param month the report month
	 * @param type FDI or DDI
	 * @return its publications, first first
	 */
	List<Publication> of(YearMonth month, InvestmentType type) {
		return all().stream().filter((p) -> p.month().equals(month.toString()) && p.type() == type).toList();
	}

	/**
	 * A release's first publication.
	 * @param month the report month
	 * @param type FDI or DDI
	 * @return it, empty if the release was never published
	 */
	Optional<Publication> first(YearMonth month, InvestmentType type) {
		return of(month, type).stream().findFirst();
	}

	private synchronized KafkaProducer<String, String> producer() {
		if (this.producer == null) {
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
		}
		return this.producer;
	}

	@Override
	public synchronized void destroy() {
		if (this.producer != null) {
			this.producer.close(Duration.ofSeconds(5));
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
