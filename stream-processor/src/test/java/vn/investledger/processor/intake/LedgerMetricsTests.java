package vn.investledger.processor.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import vn.investledger.events.RejectionReason;
import vn.investledger.events.reference.Provinces;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every current unit's refusal counter exists from the start, at zero, for every reason:
 * Prometheus's {@code increase()} takes a series' first value as its start, so a series
 * made by a unit's first refusal would show no refusal at all.
 */
class LedgerMetricsTests {

	@Test
	void shouldCountEveryUnitsRefusalsFromZero() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		LedgerMetrics metrics = new LedgerMetrics(registry);

		for (String unit : Provinces.standard().currentCodes()) {
			for (RejectionReason reason : RejectionReason.values()) {
				Counter counter = registry.find(LedgerMetrics.REJECTIONS)
					.tag("unit", unit)
					.tag("reason", reason.name())
					.counter();
				assertThat(counter).as("%s %s", unit, reason).isNotNull();
				assertThat(counter.count()).isZero();
			}
		}

		// and the first refusal counts one on that series
		metrics.refused("31", RejectionReason.INVALID);
		assertThat(registry.find(LedgerMetrics.REJECTIONS).tag("unit", "31").tag("reason", "INVALID").counter().count())
			.isEqualTo(1.0);
		assertThat(metrics.refusals("31")).isEqualTo(1.0);
	}

}
