package vn.investledger.producers.publisher;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

import vn.investledger.events.EventTooLargeException;
import vn.investledger.events.EventValidator;
import vn.investledger.events.InvalidEventException;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Limits;
import vn.investledger.events.Topic;
import vn.investledger.events.Topics;
import vn.investledger.events.reference.Provinces;
import vn.investledger.events.reference.PublishingRights;

/**
 * Publishes a province's licensing events to its own topic, keyed by project code, with
 * an idempotent producer that waits for all in-sync replicas, in the partition Kafka's
 * murmur2 hash of the key gives (where the ledger expects a project's events). An event
 * is validated and serialized first: an invalid one, one over
 * {@link Limits#MAX_EVENT_BYTES}, or one of another province raises an exception and
 * nothing is sent.
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

	/**
	 * The smallest {@code max.request.size} a province may configure: the largest event
	 * with its key and the record's overhead.
	 */
	static final int MIN_REQUEST_BYTES = Limits.MAX_EVENT_BYTES + 1024;

	/**
	 * Kafka's own default, set explicitly: above {@link #MIN_REQUEST_BYTES} with room for
	 * batches, and no more than a broker takes by default.
	 */
	static final int DEFAULT_REQUEST_BYTES = 1024 * 1024;

	private final PublisherSettings settings;

	private final Topic<String, LicensingEvent> topic;

	private final KafkaProducer<String, byte[]> producer;

	private final Serializer<LicensingEvent> values;

	private final PublishingRights rights;

	/**
	 * Where the futures complete: off the producer's network thread, which must never run
	 * what callers chain on them. Threads are reused, and one more is started only while
	 * every other waits in what a caller chained (a publish chained on a publication
	 * waits for its own completion, which another thread must bring).
	 */
	private final ExecutorService callbacks = Executors
		.newCachedThreadPool(Thread.ofPlatform().name("licensing-event-publisher-callbacks").daemon(true).factory());

	private LicensingEventPublisher(PublisherSettings settings) {
		this.settings = settings;
		LocalDate today = LocalDate.now(VIETNAM);
		if (!Provinces.standard().inForce(settings.provinceCode(), today)) {
			throw new IllegalArgumentException("Province " + settings.provinceCode()
					+ " is not a provincial unit in force on " + today + "; a unit merged on "
					+ Provinces.REORGANISATION + " publishes through the unit that absorbed it");
		}
		this.rights = PublishingRights.of(settings.provinceCode());
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
		// No setting may change the partitioning either: the ledger refuses a record
		// that is not in the partition murmur2 of its key gives (MISPLACED), which is
		// what Kafka's built-in partitioner does with keys.
		config.remove(ProducerConfig.PARTITIONER_CLASS_CONFIG);
		config.put(ProducerConfig.PARTITIONER_IGNORE_KEYS_CONFIG, false);
		config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
				requestSize(config.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG)));
		this.values = this.topic.valueSerde().serializer();
		this.producer = new KafkaProducer<>(config, this.topic.keySerde().serializer(), new ByteArraySerializer());
	}

	private static int requestSize(Object configured) {
		if (configured == null) {
			return DEFAULT_REQUEST_BYTES;
		}
		int size = Integer.parseInt(configured.toString().strip());
		if (size < MIN_REQUEST_BYTES) {
			throw new IllegalArgumentException(ProducerConfig.MAX_REQUEST_SIZE_CONFIG + " must be at least "
					+ MIN_REQUEST_BYTES + " bytes, so that every event of the contract (at most "
					+ Limits.MAX_EVENT_BYTES + " bytes) fits a request; was " + size);
		}
		return size;
	}

	public static LicensingEventPublisher create(PublisherSettings settings) {
		return new LicensingEventPublisher(settings);
	}

	/**
	 * Publishes an event and waits until Kafka acknowledged it.
	 * @param event the event
	 * @return where it was written
	 * @throws InvalidEventException listing every violation; nothing was sent
	 * @throws EventTooLargeException if the event's JSON is over
	 * {@link Limits#MAX_EVENT_BYTES}; nothing was sent
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
	 * Publishes an event without waiting for Kafka's acknowledgement. Validation happens
	 * before this method returns. It may still block, as Kafka's producer does: up to
	 * {@code max.block.ms} (60 s unless set) while the cluster cannot be reached to learn
	 * the topic's partitions, or while the producer's buffer ({@code buffer.memory}, 32
	 * MiB) is full; an event not acknowledged within {@code delivery.timeout.ms} (120 s)
	 * completes the future with the producer's exception. The future completes on a
	 * thread of its own, never on the producer's network thread, so that what a caller
	 * chains on it (publishing the next revision, waiting) cannot stall the producer.
	 * @param event the event
	 * @return completes when Kafka acknowledged the event
	 * @throws InvalidEventException listing every violation; nothing was sent
	 * @throws EventTooLargeException if the event's JSON is over
	 * {@link Limits#MAX_EVENT_BYTES}; nothing was sent
	 * @throws WrongProvinceException if the event is of another province; nothing was
	 * sent
	 */
	public CompletableFuture<Published> publishAsync(LicensingEvent event) {
		EventValidator.requireValid(event, Instant.now(), this.settings.vsicEditions());
		String province = event.envelope().provinceCode();
		if (!publishableProvinces().contains(province)) {
			throw new WrongProvinceException(this.settings.provinceCode(), province);
		}
		// the size as published: a valid event can be larger (50 investors of 300
		// characters), and the ledger would refuse it
		byte[] json = this.values.serialize(this.topic.name(), event);
		EventTooLargeException.check(json.length);
		CompletableFuture<Published> result = new CompletableFuture<>();
		this.producer.send(new ProducerRecord<>(this.topic.name(), event.key(), json), (metadata, exception) -> {
			// completed on a thread of the publisher's, success or failure: what a caller
			// chains runs there, never on the producer's network thread
			if (exception != null) {
				this.callbacks.execute(() -> result.completeExceptionally(exception));
			}
			else {
				Published published = new Published(event.envelope().eventId(), event.key(),
						event.envelope().revision(), metadata.topic(), metadata.partition(), metadata.offset(),
						Instant.ofEpochMilli(metadata.timestamp()));
				this.callbacks.execute(() -> result.complete(published));
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
	 * The provinces whose events this publisher accepts today: its own and those it
	 * absorbed, by the province tables on the day in Vietnam (a reorganisation takes
	 * effect on its date, without a new publisher).
	 * @return two-digit codes
	 */
	public Set<String> publishableProvinces() {
		return this.rights.on(LocalDate.now(VIETNAM));
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
		// the futures of what the producer acknowledged as it closed still complete
		this.callbacks.shutdown();
	}

}
