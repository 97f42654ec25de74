package vn.investledger.console.operations;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import vn.investledger.console.operations.Operations.Alarm;
import vn.investledger.console.operations.Operations.FiguresPanel;
import vn.investledger.console.operations.Operations.Panels;
import vn.investledger.console.operations.Operations.ProcessorPanel;
import vn.investledger.console.operations.Operations.Reason;
import vn.investledger.console.operations.Operations.State;
import vn.investledger.console.operations.Operations.UnitRefusals;
import vn.investledger.console.operations.OperationsProperties.Thresholds;

/**
 * The five checks of the operations view, each against its threshold
 * ({@link OperationsProperties.Thresholds}):
 * <ul>
 * <li>{@value #EVENTS}: no unit appends more than {@code events-per-minute} events in a
 * minute;</li>
 * <li>{@value #REFUSALS}: the ledger refuses no more than {@code refusals} records of one
 * unit within the window, and none as {@value #INTERNAL} (its own fault);</li>
 * <li>{@value #LAG}: no consumer group stays more than {@code lag} records behind for
 * {@code lag-for}, nor has a lag that rose throughout the window, nor stays on a
 * partition with records waiting for the whole window;</li>
 * <li>{@value #PROCESSOR}: the processor's group has at least {@code processor-members}
 * instances;</li>
 * <li>{@value #FIGURES}: no event waits longer than {@code figure-age} for a newer
 * figure.</li>
 * </ul>
 * A check that needs Kafka or Elasticsearch when it did not answer is UNKNOWN, with what
 * it said.
 */
final class Alarms {

	static final String EVENTS = "events";

	static final String REFUSALS = "refusals";

	static final String LAG = "lag";

	static final String PROCESSOR = "processor";

	static final String FIGURES = "figures";

	/** The refusal reason of a record whose effects the ledger could not work out. */
	static final String INTERNAL = "INTERNAL";

	/** Every check, in the order the page shows them. */
	static final List<String> CHECKS = List.of(EVENTS, REFUSALS, LAG, PROCESSOR, FIGURES);

	private Alarms() {
	}

	/**
	 * Every check of a window's newest sample.
	 * @param window the samples
	 * @param panels the values shown of the newest
	 * @param settings the window and the thresholds
	 * @return each check's alarm, by {@link #CHECKS}
	 */
	static Map<String, Alarm> of(SampleWindow window, Panels panels, OperationsProperties settings) {
		Sample latest = window.latest();
		Thresholds thresholds = settings.alarms();
		Map<String, Alarm> alarms = new LinkedHashMap<>();
		alarms.put(EVENTS, events(panels, latest, thresholds));
		alarms.put(REFUSALS, refusals(panels, latest, settings));
		alarms.put(LAG, lag(window, panels, latest, settings));
		alarms.put(PROCESSOR, processor(panels.processor(), latest, thresholds));
		alarms.put(FIGURES, figures(window, panels.figures(), latest, thresholds));
		return Collections.unmodifiableMap(alarms);
	}

	private static Alarm events(Panels panels, Sample latest, Thresholds thresholds) {
		long max = thresholds.eventsPerMinute();
		if (!latest.kafka().known()) {
			return kafkaUnknown(latest, max);
		}
		Map<String, Long> perMinute = panels.events().perMinute();
		List<String> over = over(perMinute.entrySet(), Map.Entry::getValue, max).stream()
			.map(Map.Entry::getKey)
			.toList();
		long most = perMinute.values().stream().mapToLong(Long::longValue).max().orElse(0);
		if (over.isEmpty()) {
			return new Alarm(State.OK, (double) most, max, List.of(),
					new Reason("Không đơn vị nào gửi quá %d sự kiện trong một phút".formatted(max),
							"No unit appended more than %d events in a minute".formatted(max)));
		}
		return new Alarm(State.ALARM, (double) most, max, over,
				new Reason(
						"%s gửi quá %d sự kiện trong một phút (nhiều nhất %d); lần nạp dữ liệu cũ cũng vượt ngưỡng này"
							.formatted(units(over, true), max, most),
						"%s appended more than %d events in a minute (%d at most); a backfill passes this on purpose"
							.formatted(units(over, false), max, most)));
	}

	private static Alarm refusals(Panels panels, Sample latest, OperationsProperties settings) {
		long max = settings.alarms().refusals();
		if (!latest.index().known()) {
			return elasticsearchUnknown(latest, max);
		}
		List<UnitRefusals> units = panels.refusals().units();
		List<String> over = over(units, UnitRefusals::total, max).stream().map(UnitRefusals::unit).toList();
		long most = units.stream().mapToLong(UnitRefusals::total).max().orElse(0);
		String vi = duration(settings.window(), true);
		String en = duration(settings.window(), false);
		// a record the ledger could not work out is the platform's fault, not the
		// unit's: one is an alarm
		List<String> internal = units.stream()
			.filter((unit) -> unit.reasons().getOrDefault(INTERNAL, 0L) > 0)
			.map(UnitRefusals::unit)
			.toList();
		if (!internal.isEmpty()) {
			long count = units.stream().mapToLong((unit) -> unit.reasons().getOrDefault(INTERNAL, 0L)).sum();
			List<String> subjects = new ArrayList<>(internal);
			over.stream().filter((unit) -> !subjects.contains(unit)).forEach(subjects::add);
			return new Alarm(State.ALARM, (double) most, max, subjects, new Reason(
					"Sổ cái không tính được hệ quả của %d bản ghi (%s) của %s trong %s: lỗi của nền tảng, không phải của đơn vị; xem nhật ký của bộ xử lý"
						.formatted(count, INTERNAL, units(internal, true), vi),
					"The ledger could not work out the effects of %d records (%s) of %s in the last %s: a fault of the platform, not of the unit; see the processor's log"
						.formatted(count, INTERNAL, units(internal, false), en)));
		}
		if (over.isEmpty()) {
			return new Alarm(State.OK, (double) most, max, List.of(),
					new Reason("Không đơn vị nào bị từ chối quá %d bản ghi trong %s".formatted(max, vi),
							"No unit had more than %d records refused in the last %s".formatted(max, en)));
		}
		return new Alarm(State.ALARM, (double) most, max, over,
				new Reason(
						"Sổ cái từ chối quá %d bản ghi của %s trong %s (nhiều nhất %d)".formatted(max,
								units(over, true), vi, most),
						"The ledger refused more than %d records of %s in the last %s (%d at most)".formatted(max,
								units(over, false), en, most)));
	}

	private static Alarm lag(SampleWindow window, Panels panels, Sample latest, OperationsProperties settings) {
		Thresholds thresholds = settings.alarms();
		long max = thresholds.lag();
		if (!latest.kafka().known()) {
			return kafkaUnknown(latest, max);
		}
		List<String> behind = new ArrayList<>();
		List<String> vi = new ArrayList<>();
		List<String> en = new ArrayList<>();
		long most = 0;
		for (Map.Entry<String, Long> group : panels.lag().entrySet()) {
			most = Math.max(most, (group.getValue() != null) ? group.getValue() : 0);
			List<Long> rose = window.lagRose(group.getKey(), settings.window());
			if (window.lagAbove(group.getKey(), max, thresholds.lagFor())) {
				behind.add(group.getKey());
				vi.add("%s chậm quá %d bản ghi suốt %s (nay %d)".formatted(group.getKey(), max,
						duration(thresholds.lagFor(), true), group.getValue()));
				en.add("%s more than %d records behind for %s (now %d)".formatted(group.getKey(), max,
						duration(thresholds.lagFor(), false), group.getValue()));
			}
			else if (!rose.isEmpty()) {
				behind.add(group.getKey());
				vi.add("độ trễ của %s tăng suốt %s, từ %d lên %d bản ghi".formatted(group.getKey(),
						duration(settings.window(), true), rose.get(0), rose.get(1)));
				en.add("%s's lag rose throughout the last %s, from %d to %d records".formatted(group.getKey(),
						duration(settings.window(), false), rose.get(0), rose.get(1)));
			}
			else {
				Map<String, Long> stalled = window.stalled(group.getKey(), settings.window(),
						group.getKey().equals(panels.processor().group()));
				if (!stalled.isEmpty()) {
					behind.add(group.getKey());
					String partitions = stalled.entrySet()
						.stream()
						.map((partition) -> partition.getKey() + " (" + partition.getValue() + ")")
						.collect(Collectors.joining(", "));
					vi.add("%s không tiến thêm suốt %s trên %s, nơi bản ghi đang chờ".formatted(group.getKey(),
							duration(settings.window(), true), partitions));
					en.add("%s has not moved for %s on %s, where records wait".formatted(group.getKey(),
							duration(settings.window(), false), partitions));
				}
			}
		}
		if (behind.isEmpty()) {
			return new Alarm(State.OK, (double) most, max, List.of(),
					new Reason("Mọi nhóm tiêu thụ theo kịp: chậm nhiều nhất %d bản ghi".formatted(most),
							"Every consumer group keeps up: %d records behind at most".formatted(most)));
		}
		return new Alarm(State.ALARM, (double) most, max, behind,
				new Reason("Nhóm tiêu thụ bị chậm: " + String.join("; ", vi),
						"Consumer groups falling behind: " + String.join("; ", en)));
	}

	private static Alarm processor(ProcessorPanel processor, Sample latest, Thresholds thresholds) {
		int least = thresholds.processorMembers();
		if (!latest.kafka().known()) {
			return kafkaUnknown(latest, least);
		}
		int members = processor.members();
		List<String> group = List.of(processor.group());
		if (members >= least) {
			return new Alarm(State.OK, (double) members, least, List.of(),
					new Reason(
							"Bộ xử lý luồng đang chạy: %d phiên bản trong nhóm %s (%s)".formatted(members,
									processor.group(), processor.state()),
							"The stream processor runs: %d instance(s) in group %s (%s)".formatted(members,
									processor.group(), processor.state())));
		}
		if (members == 0) {
			return new Alarm(State.ALARM, 0.0, least, group,
					new Reason(
							"Bộ xử lý luồng không chạy: nhóm %s không có thành viên nào (%s)"
								.formatted(processor.group(), processor.state()),
							"The stream processor is not running: group %s has no member (%s)"
								.formatted(processor.group(), processor.state())));
		}
		return new Alarm(State.ALARM, (double) members, least, group,
				new Reason("Chỉ %d phiên bản bộ xử lý luồng đang chạy, cần ít nhất %d".formatted(members, least),
						"Only %d stream processor instance(s) run, %d expected at least".formatted(members, least)));
	}

	private static Alarm figures(SampleWindow window, FiguresPanel figures, Sample latest, Thresholds thresholds) {
		double max = seconds(thresholds.figureAge());
		if (!latest.index().known()) {
			return elasticsearchUnknown(latest, max);
		}
		String vi = (figures.indexedAt() != null) ? "số liệu mới nhất được ghi cách đây " + duration(age(figures), true)
				: "chưa có số liệu nào";
		String en = (figures.indexedAt() != null)
				? "the newest figure was written " + duration(age(figures), false) + " ago" : "there is no figure yet";
		// events wait from a sample after the newest figure on, so never longer than its
		// age
		boolean young = figures.indexedAt() != null && age(figures).compareTo(thresholds.figureAge()) <= 0;
		if (!latest.kafka().known() && !young) {
			return kafkaUnknown(latest, max);
		}
		Instant waiting = window.eventsWaitingSince(figures.indexedAt());
		Duration waited = (waiting != null) ? Duration.between(waiting, latest.at()) : Duration.ZERO;
		if (waited.compareTo(thresholds.figureAge()) <= 0) {
			return new Alarm(State.OK, seconds(waited), max, List.of(),
					new Reason(capitalised(vi) + ((waiting != null) ? "; sự kiện mới đang chờ" : ""),
							capitalised(en) + ((waiting != null) ? "; new events are on their way" : "")));
		}
		return new Alarm(State.ALARM, seconds(waited), max, List.of(),
				new Reason(
						"Sự kiện đã chờ %s mà chưa có số liệu mới (ngưỡng %s); %s".formatted(duration(waited, true),
								duration(thresholds.figureAge(), true), vi),
						"Events have waited %s for a newer figure (threshold %s); %s".formatted(duration(waited, false),
								duration(thresholds.figureAge(), false), en)));
	}

	private static Duration age(FiguresPanel figures) {
		return Duration.ofMillis(Math.round(figures.ageSeconds() * 1000));
	}

	private static <T> List<T> over(Iterable<T> items, ToLongFunction<T> count, long max) {
		List<T> over = new ArrayList<>();
		for (T item : items) {
			if (count.applyAsLong(item) > max) {
				over.add(item);
			}
		}
		return over;
	}

	private static Alarm kafkaUnknown(Sample latest, double threshold) {
		return new Alarm(State.UNKNOWN, null, threshold, List.of(),
				new Reason("Không đọc được Kafka: " + latest.kafka().failure(),
						"Kafka could not be read: " + latest.kafka().failure()));
	}

	private static Alarm elasticsearchUnknown(Sample latest, double threshold) {
		return new Alarm(State.UNKNOWN, null, threshold, List.of(),
				new Reason("Không đọc được Elasticsearch: " + latest.index().failure(),
						"Elasticsearch could not be read: " + latest.index().failure()));
	}

	/** Units by name and code, e.g. "Hải Phòng (31)". */
	private static String units(List<String> codes, boolean vietnamese) {
		List<String> named = new ArrayList<>();
		for (String code : codes) {
			String name = Operations.units().get(code);
			if (name != null) {
				named.add(name + " (" + code + ")");
			}
			else {
				named.add(vietnamese ? "chủ đề không thuộc đơn vị nào" : "a topic of no unit");
			}
		}
		return String.join(", ", named);
	}

	private static double seconds(Duration duration) {
		return duration.toMillis() / 1000.0;
	}

	private static String capitalised(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	/**
	 * A duration as a reader says it: "1 giờ 5 phút", "90 ms"; "1 h 5 min", "90 ms".
	 */
	static String duration(Duration duration, boolean vietnamese) {
		if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
			return duration.toMillis() + " ms";
		}
		long hours = duration.toHours();
		int minutes = duration.toMinutesPart();
		int seconds = duration.toSecondsPart();
		List<String> parts = new ArrayList<>();
		if (hours > 0) {
			parts.add(hours + (vietnamese ? " giờ" : " h"));
		}
		if (minutes > 0) {
			parts.add(minutes + (vietnamese ? " phút" : " min"));
		}
		if (seconds > 0 && hours == 0) {
			parts.add(seconds + (vietnamese ? " giây" : " s"));
		}
		return String.join(" ", parts);
	}

}
