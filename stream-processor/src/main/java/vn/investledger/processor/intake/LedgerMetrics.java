package vn.investledger.processor.intake;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import vn.investledger.events.RejectionReason;
import vn.investledger.events.reference.Provinces;

/**
 * The ledger's decisions as metrics, in the registry of the application the ledger runs
 * in (its Prometheus endpoint), so that two applications in one JVM count apart. A record
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

	private final MeterRegistry registry;

	private final Counter received;

	private final Counter duplicates;

	/** Per unit, per task: the share of the unit's budget used. */
	private final Map<String, Map<String, Double>> budgetUsed = new ConcurrentHashMap<>();

	/**
	 * The metrics of one application.
	 * @param registry the application's registry
	 */
	public LedgerMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.received = Counter.builder(RECORDS).description("Records read from the event topics").register(registry);
		this.duplicates = Counter.builder(DUPLICATES)
			.description("Copies of applied or held events, without effect")
			.register(registry);
		// every current unit's refusals from zero, so that Prometheus's increase() counts
		// a unit's first refusal for a reason, which a series made by it would not show
		for (String unit : Provinces.standard().currentCodes()) {
			for (RejectionReason reason : RejectionReason.values()) {
				refusals(unit, reason);
			}
		}
	}

	/**
	 * Metrics that nothing reads (topology tests, benchmarks).
	 * @return metrics in a registry of their own
	 */
	public static LedgerMetrics unread() {
		return new LedgerMetrics(new SimpleMeterRegistry());
	}

	void received() {
		this.received.increment();
	}

	void duplicate() {
		this.duplicates.increment();
	}

	void refused(String unit, RejectionReason reason) {
		refusals(unit, reason).increment();
	}

	private Counter refusals(String unit, RejectionReason reason) {
		return Counter.builder(REJECTIONS)
			.description("Records refused by the ledger")
			.tag("unit", (unit != null) ? unit : "none")
			.tag("reason", reason.name())
			.register(this.registry);
	}

	/**
	 * The refusals counted, for tests.
	 * @param unit the unit's code
	 * @return the records of the unit refused, for any reason
	 */
	public double refusals(String unit) {
		return this.registry.find(REJECTIONS).tag("unit", unit).counters().stream().mapToDouble(Counter::count).sum();
	}

	void volume(String task, String unit, double share) {
		this.budgetUsed.computeIfAbsent(unit, (code) -> {
			Map<String, Double> tasks = new ConcurrentHashMap<>();
			Gauge.builder(SUM_BUDGET, tasks, LedgerMetrics::largest)
				.description("The largest share of the unit's sum budget its events use in one task")
				.tag("unit", code)
				.register(this.registry);
			return tasks;
		}).put(task, share);
	}

	private static double largest(Map<String, Double> shares) {
		return shares.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
	}

}
