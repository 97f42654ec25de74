package vn.investledger.producers.publisher;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import vn.investledger.events.EventValidator;
import vn.investledger.events.InvalidEventException;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Topic;
import vn.investledger.events.Topics;
import vn.investledger.events.reference.Provinces;

/**
 * Publishes a province's licensing events to its own topic, keyed by project code, with
 * an idempotent producer that waits for all in-sync replicas. An event is validated
 * first: an invalid one, or one of another province, raises an exception and nothing is
 * sent.
 *
 * <pre>{@code
 * try (var publisher = LicensingEventPublisher.create(PublisherSettings.of("kafka:9092", "31"))) {
 *     Published published = publisher.publish(licence);
 * }
 * }</pre>
 *
 * Thread-safe; create one per province system and keep it open.
 */
public final class LicensingEventPublisher implements AutoCloseable {

	private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

	private final PublisherSettings settings;

	private final Topic<String, LicensingEvent> topic;

	private final KafkaProducer<String, LicensingEvent> producer;

	private final Set<String> publishableProvinces;

	private LicensingEventPublisher(PublisherSettings settings) {
		this.settings = settings;
		LocalDate today = LocalDate.now(VIETNAM);
		if (!Provinces.standard().inForce(settings.provinceCode(), today)) {
			throw new IllegalArgumentException("Province " + settings.provinceCode()
					+ " is not a provincial unit in force on " + today + "; a unit merged on "
					+ Provinces.REORGANISATION + " publishes through the unit that absorbed it");
		}
		this.publishableProvinces = Provinces.standard().codesPublishableBy(settings.provinceCode(), today);
		this.topic = Topics.withPrefix(settings.topicPrefix()).events(settings.provinceCode());
		Map<String, Object> config = new HashMap<>(settings.kafkaProperties());
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
		// No setting may weaken these: a licence acknowledged once is durable and written
		// once.
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
		config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
		config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "province-" + settings.provinceCode() + "-publisher");
		this.producer = new KafkaProducer<>(config, this.topic.keySerde().serializer(),
				this.topic.valueSerde().serializer());
	}

	public static LicensingEventPublisher create(PublisherSettings settings) {
		return new LicensingEventPublisher(settings);
	}

	/**
	 * Publishes an event and waits until Kafka acknowledged it.
	 * @param event the event
	 * @return where it was written
	 * @throws InvalidEventException listing every violation; nothing was sent
	 * @throws WrongProvinceException if the event is of another province; nothing was
	 * sent
	 * @throws PublishException if Kafka did not acknowledge it
	 */
	public Published publish(LicensingEvent event) {
		try {
			return publishAsync(event).get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PublishException("Interrupted while publishing " + event.envelope().eventId(), ex);
		}
		catch (ExecutionException ex) {
			throw new PublishException("Kafka did not acknowledge event " + event.envelope().eventId(), ex.getCause());
		}
	}

	/**
	 * Publishes an event without waiting. Validation happens before this method returns.
	 * @param event the event
	 * @return completes when Kafka acknowledged the event
	 * @throws InvalidEventException listing every violation; nothing was sent
	 * @throws WrongProvinceException if the event is of another province; nothing was
	 * sent
	 */
	public CompletableFuture<Published> publishAsync(LicensingEvent event) {
		EventValidator.requireValid(event);
		String province = event.envelope().provinceCode();
		if (!this.publishableProvinces.contains(province)) {
			throw new WrongProvinceException(this.settings.provinceCode(), province);
		}
		CompletableFuture<Published> result = new CompletableFuture<>();
		this.producer.send(new ProducerRecord<>(this.topic.name(), event.key(), event), (metadata, exception) -> {
			if (exception != null) {
				result.completeExceptionally(exception);
			}
			else {
				result.complete(new Published(event.envelope().eventId(), event.key(), event.envelope().revision(),
						metadata.topic(), metadata.partition(), metadata.offset(),
						Instant.ofEpochMilli(metadata.timestamp())));
			}
		});
		return result;
	}

	/**
	 * Sends whatever is buffered and waits for it.
	 */
	public void flush() {
		this.producer.flush();
	}

	/**
	 * The provinces whose events this publisher accepts: its own and those it absorbed.
	 * @return two-digit codes
	 */
	public Set<String> publishableProvinces() {
		return this.publishableProvinces;
	}

	/**
	 * The topic this publisher writes.
	 * @return the province's event topic name
	 */
	public String topicName() {
		return this.topic.name();
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
