package vn.investledger.producers.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.investledger.events.LicensingEvent;
import vn.investledger.producers.publisher.LicensingEventPublisher;
import vn.investledger.producers.publisher.PublisherSettings;

/**
 * Publishes generated events at a steady rate, each through the publisher of its
 * province, as the province systems would.
 */
public final class Simulator implements Runnable, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Simulator.class);

	private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

	private final String bootstrapServers;

	private final String topicPrefix;

	private final EventGenerator generator;

	private final double eventsPerSecond;

	private final long count;

	private final Function<String, Map<String, Object>> kafkaProperties;

	private final Map<String, LicensingEventPublisher> publishers = new HashMap<>();

	private final AtomicLong published = new AtomicLong();

	private volatile boolean running = true;

	/**
	 * Creates a simulator.
	 * @param bootstrapServers the Kafka cluster
	 * @param topicPrefix the platform's topic prefix
	 * @param seed the seed: the same seed publishes the same events
	 * @param eventsPerSecond the rate
	 * @param count how many events to publish, or 0 for no limit
	 */
	public Simulator(String bootstrapServers, String topicPrefix, long seed, double eventsPerSecond, long count) {
		this(bootstrapServers, topicPrefix, seed, eventsPerSecond, count, (province) -> Map.of());
	}

	/**
	 * Creates a simulator whose province systems each sign in as themselves.
	 * @param bootstrapServers the Kafka cluster
	 * @param topicPrefix the platform's topic prefix
	 * @param seed the seed: the same seed publishes the same events
	 * @param eventsPerSecond the rate
	 * @param count how many events to publish, or 0 for no limit
	 * @param kafkaProperties each province's further producer properties (its principal's
	 * security settings on a cluster), by province code
	 */
	public Simulator(String bootstrapServers, String topicPrefix, long seed, double eventsPerSecond, long count,
			Function<String, Map<String, Object>> kafkaProperties) {
		this.kafkaProperties = kafkaProperties;
		this.bootstrapServers = bootstrapServers;
		this.topicPrefix = topicPrefix;
		this.generator = new EventGenerator(seed, LocalDate.of(2024, 1, 2), LocalDate.now(VIETNAM), 40, Instant::now);
		this.eventsPerSecond = eventsPerSecond;
		this.count = count;
	}

	@Override
	public void run() {
		long intervalNanos = (long) (1_000_000_000L / this.eventsPerSecond);
		long next = System.nanoTime();
		while (this.running && (this.count == 0 || this.published.get() < this.count)) {
			LicensingEvent event = this.generator.next();
			publisher(this.generator.publishingProvince(event)).publishAsync(event).whenComplete((result, failure) -> {
				if (failure != null) {
					logger.warn("Could not publish {}: {}", event.key(), failure.getMessage());
				}
			});
			long total = this.published.incrementAndGet();
			if (total % 100 == 0) {
				logger.info("Simulator published {} events", total);
			}
			next += intervalNanos;
			long sleep = next - System.nanoTime();
			if (sleep > 0) {
				try {
					Thread.sleep(Duration.ofNanos(sleep));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
		this.publishers.values().forEach(LicensingEventPublisher::flush);
	}

	public long published() {
		return this.published.get();
	}

	private LicensingEventPublisher publisher(String provinceCode) {
		return this.publishers.computeIfAbsent(provinceCode,
				(code) -> LicensingEventPublisher.create(new PublisherSettings(this.bootstrapServers, code,
						this.topicPrefix, this.kafkaProperties.apply(code))));
	}

	@Override
	public void close() {
		this.running = false;
		this.publishers.values().forEach(LicensingEventPublisher::close);
	}

}
