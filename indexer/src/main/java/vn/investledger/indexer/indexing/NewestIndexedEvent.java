package vn.investledger.indexer.indexing;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The gauge {@code investledger.indexer.newest.event.age} (seconds): how long ago the
 * newest event reflected in the indexed figures was emitted. It grows while nothing new
 * is indexed, which on a busy ledger means the pipeline has stalled.
 */
@Component
class NewestIndexedEvent {

	private final AtomicReference<Instant> newest = new AtomicReference<>();

	NewestIndexedEvent(MeterRegistry meters) {
		Gauge.builder("investledger.indexer.newest.event.age", this, NewestIndexedEvent::ageSeconds)
			.baseUnit("seconds")
			.description("Time since the emission of the newest event the indexed figures reflect")
			.register(meters);
	}

	/**
	 * Records the newest event of a figure Elasticsearch has acknowledged.
	 * @param at the emission time of the newest event it reflects, or {@code null}
	 */
	void seen(Instant at) {
		if (at != null) {
			this.newest.accumulateAndGet(at, (a, b) -> (a == null || b.isAfter(a)) ? b : a);
		}
	}

	double ageSeconds() {
		Instant at = this.newest.get();
		return (at != null) ? Duration.between(at, Instant.now()).toMillis() / 1000.0 : Double.NaN;
	}

}
