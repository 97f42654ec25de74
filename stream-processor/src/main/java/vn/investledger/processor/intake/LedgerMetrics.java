package vn.investledger.processor.intake;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;

import vn.investledger.events.RejectionReason;

/**
 * The ledger's decisions as metrics, in Micrometer's global registry (Kafka Streams
 * creates the processors, and Spring Boot adds its registry to the global one). A record
 * processed again after a crash is counted again.
 * <ul>
 * <li>{@value #RECORDS}: records read from the event topics;</li>
 * <li>{@value #REJECTIONS} (tags {@code unit}, {@code reason}): records refused;</li>
 * <li>{@value #DUPLICATES}: copies of applied or held events, without effect;</li>
 * <li>{@value #SUM_BUDGET} (tag {@code unit}): the largest share of a unit's
 * {@link SumBudget} its events use in any task of this instance; an alarm is due well
 * before 1.</li>
 * </ul>
 */
public final class LedgerMetrics {

	public static final String RECORDS = "investledger.ledger.records";

	public static final String REJECTIONS = "investledger.rejections";

	public static final String DUPLICATES = "investledger.duplicates";

	public static final String SUM_BUDGET = "investledger.sum.budget.used";

	private static final Counter received = Counter.builder(RECORDS)
		.description("Records read from the event topics")
		.register(Metrics.globalRegistry);

	private static final Counter duplicates = Counter.builder(DUPLICATES)
		.description("Copies of applied or held events, without effect")
		.register(Metrics.globalRegistry);

	/** Per unit, per task: the share of the unit's budget used. */
	private static final Map<String, Map<String, Double>> budgetUsed = new ConcurrentHashMap<>();

	private LedgerMetrics() {
	}

	static void received() {
		received.increment();
	}

	static void duplicate() {
		duplicates.increment();
	}

	static void refused(String unit, RejectionReason reason) {
		Metrics.counter(REJECTIONS, "unit", (unit != null) ? unit : "none", "reason", reason.name()).increment();
	}

	static void volume(String task, String unit, double share) {
		budgetUsed.computeIfAbsent(unit, (code) -> {
			Map<String, Double> tasks = new ConcurrentHashMap<>();
			Gauge.builder(SUM_BUDGET, tasks, LedgerMetrics::largest)
				.description("The largest share of the unit's sum budget its events use in one task")
				.tag("unit", code)
				.register(Metrics.globalRegistry);
			return tasks;
		}).put(task, share);
	}

	private static double largest(Map<String, Double> shares) {
		return shares.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
	}

}
