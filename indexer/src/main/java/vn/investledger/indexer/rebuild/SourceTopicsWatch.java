package vn.investledger.indexer.rebuild;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import vn.investledger.indexer.indexing.IndexSetup;
import vn.investledger.indexer.indexing.RecordIndexer;
import vn.investledger.indexer.indexing.SourceTopics;
import vn.investledger.indexer.system.IndexerProperties;

/**
 * While the indexer runs, compares every minute
 * ({@code investledger.source-check-interval}) the topic each index records it was filled
 * from with the topic as it is now ({@link SourceTopics}), as {@link SourceTopicsCheck}
 * does at the start: a topic deleted and made again by hand while the indexer runs has
 * its new records refused by the older documents' versions, and the index would go on
 * showing the old values, unseen. An index found so is reported until it is rebuilt (the
 * rebuild's new version records the topic as it is): an error in the log naming the
 * rebuild, the health component {@code sources} down with the reason, and the gauge
 * {@code investledger.indexer.source.mismatch} 1 for its kind (0 otherwise, NaN until the
 * first comparison). A comparison Kafka or Elasticsearch does not answer changes nothing
 * of what was found before; it is logged.
 */
@Component("sources")
public class SourceTopicsWatch extends AbstractHealthIndicator implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(SourceTopicsWatch.class);

	/**
	 * The health of an indexer with an index filled from another topic: above UP in the
	 * aggregate, answered 200 ({@code management.endpoint.health.status}), since a
	 * restart would not mend it (the indexer would not start again until the index is
	 * rebuilt) and its admin API, which rebuilds it, must stay reachable.
	 */
	public static final Status MISMATCH = new Status("MISMATCH",
			"An index was filled from another topic than the one of its name now: rebuild it");

	private final IndexSetup setup;

	private final List<RecordIndexer> writers;

	private final SourceTopics sources;

	private final IndexerProperties properties;

	private final Duration interval;

	/** Per kind of index: why it cannot take its topic's records, or "" if it can. */
	private final Map<String, String> found = new ConcurrentHashMap<>();

	private ScheduledExecutorService timer;

	SourceTopicsWatch(IndexSetup setup, List<RecordIndexer> writers, SourceTopics sources, IndexerProperties properties,
			MeterRegistry meters, @Value("${investledger.source-check-interval:60s}") Duration interval) {
		super("Could not compare the indices' topics");
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("investledger.source-check-interval must be positive: " + interval);
		}
		this.setup = setup;
		this.writers = writers;
		this.sources = sources;
		this.properties = properties;
		this.interval = interval;
		for (RecordIndexer writer : writers) {
			if (writer.versionedBy(properties.topics()) != null) {
				Gauge
					.builder("investledger.indexer.source.mismatch", this,
							(watch) -> watch.mismatchGauge(writer.kind()))
					.tag("index", writer.kind())
					.description("1 when the index was filled from another topic than the one of that name now"
							+ " (deleted and made again, or another deployment's): rebuild it")
					.register(meters);
			}
		}
	}

	private double mismatchGauge(String kind) {
		String reason = this.found.get(kind);
		return (reason == null) ? Double.NaN : (reason.isEmpty() ? 0 : 1);
	}

	/**
	 * Compares each index's recorded topic with Kafka's, once.
	 * @return why each index found so cannot take its topic's records, by kind
	 */
	public Map<String, String> check() {
		for (RecordIndexer writer : this.writers) {
			String topic = writer.versionedBy(this.properties.topics());
			if (topic == null) {
				continue;
			}
			String mismatch;
			try {
				String index = this.setup.currentIndex(this.properties.indices().alias(writer.kind()));
				mismatch = (index != null) ? this.sources.mismatch(writer.kind(), index, topic) : null;
			}
			catch (IOException | RuntimeException ex) {
				if (Thread.currentThread().isInterrupted()) {
					// the indexer stops
					return mismatches();
				}
				logger.warn("Could not compare the topic of the {} index with Kafka's, left as it was: {}",
						writer.kind(), ex.getMessage());
				continue;
			}
			String now = (mismatch != null)
					? mismatch + ". Rebuild it from " + topic + " (POST /api/admin/rebuilds?kinds=" + writer.kind()
							+ " on a running indexer, or --investledger.rebuild=" + writer.kind()
							+ ", README \"Rebuild an index from the log\")"
					: "";
			String before = this.found.put(writer.kind(), now);
			if (!now.isEmpty() && !now.equals(before)) {
				logger.error("{}; until then new records of its topic may be refused by older documents' versions,"
						+ " unseen", now);
			}
			else if (now.isEmpty() && before != null && !before.isEmpty()) {
				logger.info("The {} index takes the records of {} again", writer.kind(), topic);
			}
		}
		return mismatches();
	}

	private Map<String, String> mismatches() {
		Map<String, String> mismatches = new TreeMap<>();
		this.found.forEach((kind, reason) -> {
			if (!reason.isEmpty()) {
				mismatches.put(kind, reason);
			}
		});
		return mismatches;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Map<String, String> mismatches = mismatches();
		(mismatches.isEmpty() ? builder.up() : builder.status(MISMATCH)).withDetails(mismatches);
	}

	@Override
	public synchronized void start() {
		this.timer = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "source-topics-watch");
			thread.setDaemon(true);
			return thread;
		});
		long millis = this.interval.toMillis();
		this.timer.scheduleWithFixedDelay(this::checkQuietly, millis, millis, TimeUnit.MILLISECONDS);
	}

	private void checkQuietly() {
		try {
			check();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not compare the indices' topics with Kafka's: {}", ex.getMessage());
		}
	}

	@Override
	public synchronized void stop() {
		if (this.timer != null) {
			this.timer.shutdownNow();
			this.timer = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.timer != null;
	}

}
