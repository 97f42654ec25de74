package vn.investledger.console.operations;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import vn.investledger.console.operations.Sample.IndexReading;
import vn.investledger.console.operations.Sample.KafkaReading;
import vn.investledger.console.operations.SampleWindow.Point;
import vn.investledger.events.reference.Provinces;

/**
 * What the operations view shows, as of the newest sample: the five panels and each
 * check's alarm. The gauges ({@link OperationsMonitor}) and {@code GET
 * /api/console/operations} read the same instance, so the page shows what Prometheus
 * scrapes.
 *
 * @param sampledAt when the newest sample was taken, or {@code null} before the first
 * @param panels the values
 * @param alarms each check's state, by {@link Alarms#CHECKS}
 */
record Operations(Instant sampledAt, Panels panels, Map<String, Alarm> alarms) {

	/**
	 * The view before the first sample: nothing known.
	 * @param groups the consumer groups watched
	 * @param processorGroup the processor's
	 * @return the view
	 */
	static Operations notSampled(List<String> groups, String processorGroup) {
		Map<String, Long> lag = new LinkedHashMap<>();
		groups.forEach((group) -> lag.put(group, null));
		Map<String, Alarm> alarms = new LinkedHashMap<>();
		Alarms.CHECKS.forEach((check) -> alarms.put(check, Alarm.notSampled()));
		return new Operations(null,
				new Panels(new EventsPanel(units(), null, List.of()), new RefusalsPanel(0, null), lag,
						new ProcessorPanel(processorGroup, null, null), new FiguresPanel(null, null)),
				Collections.unmodifiableMap(alarms));
	}

	/**
	 * The view of a window's newest sample.
	 * @param window the samples, not empty
	 * @param settings the span and the thresholds
	 * @param groups the consumer groups watched, in the order shown
	 * @param processorGroup the processor's
	 * @return the view
	 */
	static Operations of(SampleWindow window, OperationsProperties settings, List<String> groups,
			String processorGroup) {
		Sample latest = window.latest();
		KafkaReading kafka = latest.kafka();
		IndexReading index = latest.index();

		Map<String, Long> perMinute = null;
		if (kafka.known()) {
			perMinute = new TreeMap<>();
			for (String unit : units().keySet()) {
				perMinute.put(unit, window.eventsPerMinute().getOrDefault(unit, 0L));
			}
			perMinute = Collections.unmodifiableMap(perMinute);
		}
		EventsPanel events = new EventsPanel(units(), perMinute, window.eventsSeries(settings.window()));

		List<UnitRefusals> refused = null;
		if (index.known()) {
			refused = new ArrayList<>();
			for (Map.Entry<String, Map<String, Long>> unit : index.refusals().entrySet()) {
				refused.add(new UnitRefusals(unit.getKey(), units().get(unit.getKey()),
						unit.getValue().values().stream().mapToLong(Long::longValue).sum(), unit.getValue()));
			}
			refused.sort(Comparator.comparingLong(UnitRefusals::total).reversed().thenComparing(UnitRefusals::unit));
			refused = List.copyOf(refused);
		}
		RefusalsPanel refusals = new RefusalsPanel(settings.window().toSeconds(), refused);

		Map<String, Long> lag = new LinkedHashMap<>();
		groups.forEach((group) -> lag.put(group, kafka.known() ? kafka.lag().get(group) : null));

		ProcessorPanel processor = (kafka.processor() != null)
				? new ProcessorPanel(kafka.processor().group(), kafka.processor().state(), kafka.processor().members())
				: new ProcessorPanel(processorGroup, null, null);

		Double age = (index.known() && index.newestFigure() != null)
				? Duration.between(index.newestFigure(), latest.at()).toMillis() / 1000.0 : null;
		FiguresPanel figures = new FiguresPanel(index.newestFigure(), age);

		Panels panels = new Panels(events, refusals, Collections.unmodifiableMap(lag), processor, figures);
		return new Operations(latest.at(), panels, Alarms.of(window, panels, settings));
	}

	/**
	 * The current units by code, with their names.
	 * @return the units, sorted by code
	 */
	static Map<String, String> units() {
		return Units.NAMES;
	}

	/**
	 * The values of the five panels.
	 *
	 * @param events events in per unit
	 * @param refusals refusals per unit and reason
	 * @param lag per consumer group, the records not yet processed ({@code null} if
	 * unknown)
	 * @param processor the stream processor's group
	 * @param figures the newest figure
	 */
	record Panels(EventsPanel events, RefusalsPanel refusals, Map<String, Long> lag, ProcessorPanel processor,
			FiguresPanel figures) {

	}

	/**
	 * Events in per unit.
	 *
	 * @param units every current unit's name by code
	 * @param perMinute per current unit, the events its topic took in the minute to the
	 * sample; {@code null} if Kafka did not answer
	 * @param series the same at each sample of the window, oldest first, units with none
	 * left out
	 */
	record EventsPanel(Map<String, String> units, Map<String, Long> perMinute, List<Point> series) {

	}

	/**
	 * Refusals per unit and reason.
	 *
	 * @param withinSeconds the span counted: the window
	 * @param units per unit that had any, largest first; {@code null} if Elasticsearch
	 * did not answer
	 */
	record RefusalsPanel(long withinSeconds, List<UnitRefusals> units) {

	}

	/**
	 * One unit's refusals within the window.
	 *
	 * @param unit its code, or {@code none} for records of no unit's topic
	 * @param name its name
	 * @param total its refused records
	 * @param reasons per reason code
	 */
	record UnitRefusals(String unit, String name, long total, Map<String, Long> reasons) {

	}

	/**
	 * The stream processor's group.
	 *
	 * @param group its id
	 * @param state as the group coordinator says, {@code null} if unknown
	 * @param members its instances' consumers, {@code null} if unknown
	 */
	record ProcessorPanel(String group, String state, Integer members) {

	}

	/**
	 * The newest figure.
	 *
	 * @param indexedAt when the indexer wrote it, {@code null} if there is none or it is
	 * unknown
	 * @param ageSeconds the time from then to the sample
	 */
	record FiguresPanel(Instant indexedAt, Double ageSeconds) {

	}

	/**
	 * One check's state.
	 *
	 * @param state OK, ALARM, or UNKNOWN when the check could not be made
	 * @param value the value compared: the largest of its kind (events of a unit in a
	 * minute, refusals of a unit, records of a group's lag), the processor's instances,
	 * the newest figure's age in seconds; {@code null} if unknown
	 * @param threshold the configured threshold it was compared with
	 * @param subjects what is in alarm: units' codes, groups, the processor's group
	 * @param reason why, in Vietnamese and English
	 */
	record Alarm(State state, Double value, double threshold, List<String> subjects, Reason reason) {

		static Alarm notSampled() {
			return new Alarm(State.UNKNOWN, null, 0, List.of(), new Reason("Chưa đo lần nào", "Not sampled yet"));
		}

	}

	/**
	 * A check's state.
	 */
	enum State {

		/** Within its threshold. */
		OK,

		/** Past its threshold. */
		ALARM,

		/** Kafka or Elasticsearch did not answer, so the check could not be made. */
		UNKNOWN

	}

	/**
	 * A sentence in the console's two languages.
	 *
	 * @param vi in Vietnamese
	 * @param en in English
	 */
	record Reason(String vi, String en) {

	}

	/**
	 * The current units' names, read once.
	 */
	private static final class Units {

		static final Map<String, String> NAMES;

		static {
			Map<String, String> names = new TreeMap<>();
			Provinces provinces = Provinces.standard();
			for (String code : provinces.currentCodes()) {
				names.put(code, provinces.find(code, Provinces.REORGANISATION).map((unit) -> unit.name()).orElse(code));
			}
			NAMES = Collections.unmodifiableMap(names);
		}

	}

}
