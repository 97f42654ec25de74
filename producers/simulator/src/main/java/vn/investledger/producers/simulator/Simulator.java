package vn.investledger.producers.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.investledger.events.LicensingEvent;
import vn.investledger.producers.publisher.LicensingEventPublisher;
import vn.investledger.producers.publisher.PublisherSettings;

/**
 * Publishes generated events at a steady rate, each through the publisher of its
 * province, as the province systems would. When it stops (its count reached, or closed)
 * it publishes the events it held back to send late, so that no project is left with a
 * later revision waiting for one that never comes, and waits for Kafka's acknowledgement
 * of everything it sent.
 */
public final class Simulator implements Runnable, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Simulator.class);

	private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

	/** How long {@link #close()} waits for the run to publish what it held back. */
	private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

	private final EventGenerator generator;

	private final double eventsPerSecond;

	private final long count;

	private final Sender sender;

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong acknowledged = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final CountDownLatch finished = new CountDownLatch(1);

	/**
	 * Counted down by {@link #close()}: wakes the run from its wait, without an
	 * interrupt.
	 */
	private final CountDownLatch stopping = new CountDownLatch(1);

	private volatile boolean started;

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
		this(seed, eventsPerSecond, count, new Publishers(bootstrapServers, topicPrefix, kafkaProperties));
	}

	Simulator(long seed, double eventsPerSecond, long count, Sender sender) {
		this.generator = new EventGenerator(seed, LocalDate.of(2024, 1, 2), LocalDate.now(VIETNAM), 40, Instant::now);
		this.eventsPerSecond = eventsPerSecond;
		this.count = count;
		this.sender = sender;
	}

	@Override
	public void run() {
		this.started = true;
		try {
			long intervalNanos = (long) (1_000_000_000L / this.eventsPerSecond);
			long next = System.nanoTime();
			while (this.stopping.getCount() > 0 && (this.count == 0 || this.sent.get() < this.count)) {
				send(this.generator.next());
				next += intervalNanos;
				long wait = next - System.nanoTime();
				// woken by close(), never interrupted: a Kafka producer interrupted while
				// it
				// sends throws, and what was held back would not be sent
				if (wait > 0 && this.stopping.await(wait, TimeUnit.NANOSECONDS)) {
					break;
				}
			}
			for (LicensingEvent late : this.generator.releaseHeldBack()) {
				send(late);
			}
			this.sender.flush();
			logger.info("Simulator stopped: {} events sent, {} acknowledged, {} failed", this.sent.get(),
					this.acknowledged.get(), this.failed.get());
		}
		catch (InterruptedException ex) {
			// interrupted by its owner rather than closed: it stops where it is
			Thread.currentThread().interrupt();
		}
		finally {
			this.finished.countDown();
		}
	}

	private void send(LicensingEvent event) {
		this.sender.send(this.generator.publishingProvince(event), event).whenComplete((result, failure) -> {
			if (failure != null) {
				this.failed.incrementAndGet();
				logger.warn("Could not publish {}: {}", event.key(), failure.getMessage());
			}
			else {
				this.acknowledged.incrementAndGet();
			}
		});
		long total = this.sent.incrementAndGet();
		if (total % 100 == 0) {
			logger.info("Simulator sent {} events", total);
		}
	}

	/**
	 * The events Kafka acknowledged.
	 * @return the count
	 */
	public long published() {
		return this.acknowledged.get();
	}

	/**
	 * The events sent, acknowledged or not yet.
	 * @return the count
	 */
	public long sent() {
		return this.sent.get();
	}

	/**
	 * The events Kafka did not take (after the producer's own retries).
	 * @return the count
	 */
	public long failed() {
		return this.failed.get();
	}

	/**
	 * Stops the run, waits (at most 30 s) for it to send what it held back, then closes
	 * the publishers.
	 */
	@Override
	public void close() {
		this.stopping.countDown();
		if (this.started) {
			try {
				if (!this.finished.await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
					logger.warn("The simulator did not stop within {}", CLOSE_WAIT);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		// no publisher is made or used once this returns
		this.sender.close();
	}

	/**
	 * Where the events go: each through its province's publisher.
	 */
	interface Sender {

		/**
		 * Sends an event as its province.
		 * @param province the unit that publishes it
		 * @param event the event
		 * @return completes when it is acknowledged
		 */
		CompletableFuture<?> send(String province, LicensingEvent event);

		/** Sends whatever is buffered and waits for it. */
		void flush();

		/** Closes every publisher. */
		void close();

	}

	/**
	 * A publisher per province, created on its first event.
	 */
	private static final class Publishers implements Sender {

		private final String bootstrapServers;

		private final String topicPrefix;

		private final Function<String, Map<String, Object>> kafkaProperties;

		private final Map<String, LicensingEventPublisher> publishers = new ConcurrentHashMap<>();

		/** Sends share it, closing takes it alone: no send after, nor during, close. */
		private final ReadWriteLock open = new ReentrantReadWriteLock();

		private boolean closed;

		Publishers(String bootstrapServers, String topicPrefix, Function<String, Map<String, Object>> kafkaProperties) {
			this.bootstrapServers = bootstrapServers;
			this.topicPrefix = topicPrefix;
			this.kafkaProperties = kafkaProperties;
		}

		@Override
		public CompletableFuture<?> send(String province, LicensingEvent event) {
			this.open.readLock().lock();
			try {
				if (this.closed) {
					return CompletableFuture.failedFuture(new IllegalStateException("The simulator is closed"));
				}
				return this.publishers
					.computeIfAbsent(province,
							(code) -> LicensingEventPublisher.create(new PublisherSettings(this.bootstrapServers, code,
									this.topicPrefix, this.kafkaProperties.apply(code))))
					.publishAsync(event);
			}
			catch (RuntimeException ex) {
				return CompletableFuture.failedFuture(ex);
			}
			finally {
				this.open.readLock().unlock();
			}
		}

		@Override
		public void flush() {
			this.publishers.values().forEach(LicensingEventPublisher::flush);
		}

		@Override
		public void close() {
			this.open.writeLock().lock();
			try {
				this.closed = true;
				this.publishers.values().forEach(LicensingEventPublisher::close);
			}
			finally {
				this.open.writeLock().unlock();
			}
		}

	}

}
