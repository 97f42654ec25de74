package vn.investledger.benchmarks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import vn.investledger.events.EventJson;
import vn.investledger.events.Limits;
import vn.investledger.events.LicensingEvent;
import vn.investledger.producers.publisher.LicensingEventPublisher;
import vn.investledger.producers.publisher.PublisherSettings;
import vn.investledger.producers.simulator.EventGenerator;

/**
 * A ledger written as the provinces write it: seeded simulator events of every province,
 * from 2 January 2023 to today, each through the publisher of the unit that publishes it
 * today (so Hải Dương's are on Hải Phòng's topic), with the generator's retries and late
 * deliveries. After the events asked for, the late deliveries the generator still holds
 * back are written too, and nothing else: the ledger ends with no project waiting for a
 * missing revision, so that no pass over it depends on when a gap timeout fires.
 */
final class BenchLedger {

	private static final LocalDate FIRST_DAY = LocalDate.of(2023, 1, 2);

	/** Every this many events, one is serialised again to measure the mean size. */
	private static final int SIZE_SAMPLE = 50;

	private final Map<String, Long> newestRevision = new HashMap<>();

	private final Map<String, Set<Long>> missing = new HashMap<>();

	private final Map<String, LicensingEventPublisher> publishers = new HashMap<>();

	private final Map<String, Long> perUnit = new TreeMap<>();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicReference<Throwable> failure = new AtomicReference<>();

	private final String bootstrapServers;

	private final String topicPrefix;

	private long records;

	private long sampledBytes;

	private long sampled;

	private BenchLedger(String bootstrapServers, String topicPrefix) {
		this.bootstrapServers = bootstrapServers;
		this.topicPrefix = topicPrefix;
	}

	/**
	 * What was written.
	 *
	 * @param records the records written, retries and late deliveries included
	 * @param appliedEvents the events the ledger applies: one per project revision
	 * @param projects the projects
	 * @param meanBytes the mean size of an event's JSON
	 * @param perUnit the records written to each unit's topic
	 * @param seconds how long writing took, until every record was acknowledged
	 */
	record Written(long records, long appliedEvents, long projects, int meanBytes, Map<String, Long> perUnit,
			double seconds) {

	}

	/**
	 * Writes the ledger and waits until Kafka acknowledged every record.
	 * @param bootstrapServers the broker
	 * @param topicPrefix the platform's topic prefix
	 * @param events the events to generate, before the held-back deliveries that close
	 * every gap
	 * @param seed the generator's seed
	 * @return what was written
	 */
	static Written write(String bootstrapServers, String topicPrefix, long events, long seed) {
		return new BenchLedger(bootstrapServers, topicPrefix).fill(events, seed);
	}

	private Written fill(long events, long seed) {
		long started = System.nanoTime();
		LocalDate today = LocalDate.now(Limits.VIETNAM);
		long days = Math.max(1, ChronoUnit.DAYS.between(FIRST_DAY, today));
		int eventsPerDay = (int) Math.max(1, (events + days - 1) / days);
		EventGenerator generator = new EventGenerator(seed, FIRST_DAY, today, eventsPerDay, Instant::now);
		try {
			for (long i = 0; i < events; i++) {
				publish(generator, generator.next());
			}
			// the deliveries still held back come out of the generator first in first
			// out, among new events, which are not written
			for (long tries = 0; !this.missing.isEmpty(); tries++) {
				if (tries > 10_000_000) {
					throw new IllegalStateException("The generator did not deliver " + this.missing);
				}
				LicensingEvent event = generator.next();
				Set<Long> gaps = this.missing.get(event.key());
				if (gaps != null && gaps.contains(event.envelope().revision())) {
					publish(generator, event);
				}
			}
			this.publishers.values().forEach(LicensingEventPublisher::flush);
		}
		finally {
			this.publishers.values().forEach(LicensingEventPublisher::close);
		}
		if (this.failed.get() > 0) {
			throw new IllegalStateException(this.failed.get() + " records were not acknowledged", this.failure.get());
		}
		long applied = this.newestRevision.values().stream().mapToLong(Long::longValue).sum();
		return new Written(this.records, applied, this.newestRevision.size(),
				(int) (this.sampledBytes / Math.max(1, this.sampled)), Map.copyOf(this.perUnit),
				(System.nanoTime() - started) / 1e9);
	}

	private void publish(EventGenerator generator, LicensingEvent event) {
		String unit = generator.publishingProvince(event);
		this.publishers
			.computeIfAbsent(unit, (code) -> LicensingEventPublisher
				.create(new PublisherSettings(this.bootstrapServers, code, this.topicPrefix,
						// larger batches than a province sends one event at a time, and
						// one request in flight: a Kafka 4.2 broker can refuse an
						// idempotent producer's first request to a new partition after
						// accepting its second (KAFKA-15591)
						Map.of("linger.ms", 20, "batch.size", 262144, "max.in.flight.requests.per.connection", 1))))
			.publishAsync(event)
			.whenComplete((published, exception) -> {
				if (exception != null) {
					this.failed.incrementAndGet();
					this.failure.compareAndSet(null, exception);
				}
			});
		this.records++;
		this.perUnit.merge(unit, 1L, Long::sum);
		if (this.records % SIZE_SAMPLE == 0) {
			this.sampledBytes += EventJson.toBytes(event).length;
			this.sampled++;
		}
		track(event.key(), event.envelope().revision());
	}

	/**
	 * Follows each project's revisions: the newest written and the earlier ones not
	 * written yet.
	 */
	private void track(String project, long revision) {
		long newest = this.newestRevision.getOrDefault(project, 0L);
		if (revision > newest) {
			for (long skipped = newest + 1; skipped < revision; skipped++) {
				this.missing.computeIfAbsent(project, (p) -> new TreeSet<>()).add(skipped);
			}
			this.newestRevision.put(project, revision);
		}
		else {
			Set<Long> gaps = this.missing.get(project);
			if (gaps != null && gaps.remove(revision) && gaps.isEmpty()) {
				this.missing.remove(project);
			}
		}
	}

}
