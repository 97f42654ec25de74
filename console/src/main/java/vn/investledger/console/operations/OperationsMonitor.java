package vn.investledger.console.operations;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import vn.investledger.console.operations.Operations.State;
import vn.investledger.console.operations.Operations.UnitRefusals;
import vn.investledger.console.system.ConsoleProperties;

/**
 * Watches the pipeline for whoever operates it: every
 * {@link OperationsProperties#sampleInterval()} it samples Kafka and Elasticsearch
 * ({@link PipelineSampler}), keeps the samples of the window, and makes the view of the
 * newest ({@link Operations}). Micrometer's gauges, which Prometheus scrapes, and
 * {@code GET /api/console/operations} both read that one view:
 * <ul>
 * <li>{@code investledger.operations.events.per.minute{unit}}: each current unit's events
 * in the minute to the sample;</li>
 * <li>{@code investledger.operations.refusals{unit,reason}}: refusals within the window,
 * for each unit and reason with any;</li>
 * <li>{@code investledger.operations.consumer.lag{group}}: each group's records not yet
 * processed;</li>
 * <li>{@code investledger.operations.processor.members}: the processor's instances in its
 * group;</li>
 * <li>{@code investledger.operations.newest.figure.age} (seconds): since the indexer
 * wrote the newest figure;</li>
 * <li>{@code investledger.operations.alarm{check}}: 0 when the check is OK, 1 in alarm or
 * when it cannot be made; {@code investledger.operations.alarm.threshold{check}}, its
 * threshold; and {@code investledger.operations.alarm.value{check}}, the value it
 * compares with it ({@link Operations.Alarm#value()});</li>
 * <li>{@code investledger.operations.sample.age} (seconds): since the newest sample, so
 * that a view no longer sampled is seen as old rather than read as current.</li>
 * </ul>
 * Before the first sample every value is NaN. The dashboard's freshness reads the lag of
 * the same view ({@link SampledLag}).
 */
@Component
class OperationsMonitor implements SmartLifecycle, SampledLag {

	static final String PREFIX = "investledger.operations.";

	private static final Logger logger = LoggerFactory.getLogger(OperationsMonitor.class);

	private final PipelineSampler sampler;

	private final OperationsProperties settings;

	private final List<String> groups;

	private final String processorGroup;

	private final SampleWindow window;

	private final MultiGauge refusals;

	/** Samples on its own thread, so that a slow Kafka never holds up a request. */
	private final ScheduledExecutorService scheduler = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("console-operations").daemon(true).factory());

	private volatile Operations current;

	private volatile boolean running;

	OperationsMonitor(PipelineSampler sampler, OperationsProperties settings, ConsoleProperties console,
			MeterRegistry meters) {
		this.sampler = sampler;
		this.settings = settings;
		this.groups = PipelineSampler.groups(console);
		this.processorGroup = console.processorGroup();
		// twice the figure age: events that have waited longer than it stay in sight
		Duration keep = settings.window();
		for (Duration span : List.of(settings.alarms().lagFor(), settings.alarms().figureAge().multipliedBy(2))) {
			keep = (span.compareTo(keep) > 0) ? span : keep;
		}
		this.window = new SampleWindow(keep, settings.sampleInterval(), this.processorGroup,
				console.indexerGroup("totals"));
		this.current = Operations.notSampled(this.groups, this.processorGroup);
		for (String unit : Operations.units().keySet()) {
			gauge("events.per.minute", "Events the unit's topic took in the minute to the newest sample",
					(view) -> number(view.panels().events().perMinute(), unit))
				.tag("unit", unit)
				.register(meters);
		}
		for (String group : this.groups) {
			gauge("consumer.lag", "Records the group has not processed yet, from its committed offsets",
					(view) -> number(view.panels().lag(), group))
				.tag("group", group)
				.register(meters);
		}
		gauge("processor.members", "The stream processor's instances in its consumer group",
				(view) -> number(view.panels().processor().members()))
			.register(meters);
		gauge("newest.figure.age", "Time since the indexer wrote the newest flow figure",
				(view) -> number(view.panels().figures().ageSeconds()))
			.baseUnit("seconds")
			.register(meters);
		for (String check : Alarms.CHECKS) {
			gauge("alarm", "1 when the check is in alarm or cannot be made, 0 when it is OK",
					(view) -> alarm(view, check))
				.tag("check", check)
				.register(meters);
			gauge("alarm.threshold", "The threshold the check compares with",
					(view) -> (view.sampledAt() != null) ? view.alarms().get(check).threshold() : Double.NaN)
				.tag("check", check)
				.register(meters);
			gauge("alarm.value", "The value the check compares with its threshold",
					(view) -> (view.sampledAt() != null) ? number(view.alarms().get(check).value()) : Double.NaN)
				.tag("check", check)
				.register(meters);
		}
		gauge("sample.age", "Time since the newest sample of the pipeline: every other value is as old",
				(view) -> (view.sampledAt() != null)
						? Duration.between(view.sampledAt(), Instant.now()).toMillis() / 1000.0 : Double.NaN)
			.baseUnit("seconds")
			.register(meters);
		this.refusals = MultiGauge.builder(PREFIX + "refusals")
			.description("Records of the unit the ledger refused for the reason within the window")
			.register(meters);
	}

	private Gauge.Builder<OperationsMonitor> gauge(String name, String description,
			ToDoubleFunction<Operations> value) {
		return Gauge.builder(PREFIX + name, this, (monitor) -> value.applyAsDouble(monitor.current))
			.description(description);
	}

	private static double number(Map<String, ? extends Number> values, String key) {
		return (values != null) ? number(values.get(key)) : Double.NaN;
	}

	private static double number(Number value) {
		return (value != null) ? value.doubleValue() : Double.NaN;
	}

	private static double alarm(Operations view, String check) {
		if (view.sampledAt() == null) {
			return Double.NaN;
		}
		return (view.alarms().get(check).state() == State.OK) ? 0 : 1;
	}

	/**
	 * The view of the newest sample.
	 * @return the view, every value unknown before the first sample
	 */
	Operations current() {
		return this.current;
	}

	@Override
	public Lag lag() {
		Operations view = this.current;
		return new Lag(view.sampledAt(), view.panels().lag());
	}

	@Override
	public void start() {
		this.running = true;
		this.scheduler.scheduleWithFixedDelay(this::sampleQuietly, 0, this.settings.sampleInterval().toMillis(),
				TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		this.running = false;
		this.scheduler.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void sampleQuietly() {
		try {
			sample(Instant.now());
		}
		catch (RuntimeException ex) {
			// sampled again at the next interval
			logger.warn("Could not sample the pipeline: {}", ex.toString());
		}
		catch (Error ex) {
			// a task that throws is never run again: the view would keep its last
			// sample, OK or not, for good; sample.age shows how old it is meanwhile
			logger.error("Could not sample the pipeline", ex);
		}
	}

	/**
	 * Samples the pipeline and makes the view of it.
	 * @param now the time of the sample
	 */
	void sample(Instant now) {
		Sample sample = this.sampler.sample(now);
		Sample before = this.window.latest();
		report(before, sample);
		this.window.add(sample);
		Operations view = Operations.of(this.window, this.settings, this.groups, this.processorGroup);
		List<MultiGauge.Row<?>> rows = new ArrayList<>();
		if (view.panels().refusals().units() != null) {
			for (UnitRefusals unit : view.panels().refusals().units()) {
				unit.reasons()
					.forEach((reason, count) -> rows
						.add(MultiGauge.Row.of(Tags.of("unit", unit.unit(), "reason", reason), count)));
			}
		}
		this.current = view;
		this.refusals.register(rows, true);
	}

	/** Says when a source stops answering and when it answers again, once each. */
	private static void report(Sample before, Sample now) {
		String kafkaBefore = (before != null) ? before.kafka().failure() : null;
		String indexBefore = (before != null) ? before.index().failure() : null;
		if (now.kafka().failure() != null && kafkaBefore == null) {
			logger.warn("The operations view cannot read Kafka: {}", now.kafka().failure());
		}
		else if (now.kafka().failure() == null && kafkaBefore != null) {
			logger.info("The operations view reads Kafka again");
		}
		if (now.index().failure() != null && indexBefore == null) {
			logger.warn("The operations view cannot read Elasticsearch: {}", now.index().failure());
		}
		else if (now.index().failure() == null && indexBefore != null) {
			logger.info("The operations view reads Elasticsearch again");
		}
	}

}
