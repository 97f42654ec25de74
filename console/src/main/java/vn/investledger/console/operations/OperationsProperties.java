package vn.investledger.console.operations;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the operations view ({@link OperationsMonitor}) watches the pipeline: how often it
 * looks, how far back it keeps, and past which thresholds a check is in alarm.
 *
 * @param sampleInterval how often it reads Kafka and Elasticsearch; Prometheus scrapes
 * every 15 s, so a scrape never sees a value older than one sample
 * @param window how far back the page's series reach, and the span of the refusals
 * counted, of a rising lag and of "events keep arriving"
 * @param alarms the thresholds
 */
@Validated
@ConfigurationProperties("investledger.operations")
record OperationsProperties(@DefaultValue("15s") @NotNull Duration sampleInterval,
		@DefaultValue("5m") @NotNull Duration window, @DefaultValue @NotNull @Valid Thresholds alarms) {

	OperationsProperties {
		if (sampleInterval != null && (sampleInterval.isNegative() || sampleInterval.isZero())) {
			throw new IllegalArgumentException("investledger.operations.sample-interval must be positive");
		}
		if (window != null && sampleInterval != null && window.compareTo(sampleInterval.multipliedBy(2)) < 0) {
			throw new IllegalArgumentException("investledger.operations.window must hold two samples at least");
		}
	}

	/**
	 * Past which values a check is in alarm ({@link Alarms}).
	 *
	 * @param eventsPerMinute the most events one unit may append in a minute; a backfill
	 * passes it on purpose, a province system sending in a loop by mistake
	 * @param refusals the most records of one unit the ledger may refuse within the
	 * window
	 * @param lag the most records a consumer group may stay behind for {@code lagFor} (a
	 * group whose lag rose throughout the window is in alarm at any size)
	 * @param lagFor how long the lag must stay above {@code lag}
	 * @param figureAge how old the newest figure may grow while events arrive
	 * @param processorMembers the fewest stream processor instances in its group (with
	 * two instances deployed, 2 raises the alarm when one stops)
	 */
	record Thresholds(@DefaultValue("1000") @Positive long eventsPerMinute, @DefaultValue("50") @Positive long refusals,
			@DefaultValue("10000") @Positive long lag, @DefaultValue("1m") @NotNull Duration lagFor,
			@DefaultValue("10m") @NotNull Duration figureAge, @DefaultValue("1") @Positive int processorMembers) {

	}

}
