package vn.investledger.console.operations;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import vn.investledger.console.operations.Sample.Position;

/**
 * The samples of the last while, oldest first, and what follows from them: the events
 * each unit appended in the minute to each sample, and how a group's lag moved. It keeps
 * what the longest rule needs and one sample older, the baseline of that span. Not
 * thread-safe: the monitor's thread alone adds and reads.
 */
final class SampleWindow {

	static final Duration MINUTE = Duration.ofMinutes(1);

	/**
	 * How long a sample may take beyond its interval: samples are taken the interval
	 * after the one before ended, and one Kafka does not answer ends after its timeout.
	 */
	static final Duration SAMPLE_TIME = Duration.ofSeconds(5);

	private final Duration keep;

	private final Deque<Entry> entries = new ArrayDeque<>();

	/**
	 * Since when events have waited for a figure newer than the one remembered, kept
	 * beyond the samples that showed it: {@code null} until Elasticsearch answered once.
	 */
	private Waiting waiting;

	/** How often samples are taken, {@code null} if not known. */
	private final Duration interval;

	/**
	 * The stream processor's group and the totals indexer's, {@code null} if not known.
	 */
	private final String processorGroup;

	private final String figuresGroup;

	/**
	 * A window that keeps at least a minute, of samples taken at no known interval, with
	 * no group known to tell a drained pipeline.
	 * @param keep the longest span a rule looks back
	 */
	SampleWindow(Duration keep) {
		this(keep, null, null, null);
	}

	/**
	 * A window that keeps at least a minute.
	 * @param keep the longest span a rule looks back
	 * @param interval how often samples are taken: a span with samples in a row that
	 * Kafka did not answer is not judged
	 * @param processorGroup the stream processor's group
	 * @param figuresGroup the totals indexer's group: with the processor's, when both
	 * have nothing left to read, events that made no newer figure are no longer waiting
	 * for one
	 */
	SampleWindow(Duration keep, Duration interval, String processorGroup, String figuresGroup) {
		this.keep = (keep.compareTo(MINUTE) > 0) ? keep : MINUTE;
		this.interval = interval;
		this.processorGroup = processorGroup;
		this.figuresGroup = figuresGroup;
	}

	/**
	 * Adds the newest sample, and forgets those no rule reaches any more.
	 * @param sample a sample newer than every other
	 */
	void add(Sample sample) {
		Map<String, Long> perMinute = sample.kafka().known() ? appendedSince(sample, sample.at().minus(MINUTE)) : null;
		this.entries.addLast(new Entry(sample, perMinute));
		Instant horizon = sample.at().minus(this.keep);
		while (this.entries.size() > 1 && !secondOldest().sample().at().isAfter(horizon)) {
			this.entries.removeFirst();
		}
		if (sample.index().known()) {
			Instant figure = sample.index().newestFigure();
			// the same figure as before, and the pipeline not drained: events that waited
			// for it still do, though the samples that showed them arrive have left the
			// window (a processor stopped in the evening stays in alarm all night); once
			// the processor and the totals indexer have read everything, events that made
			// no newer figure (a suspension, a refused record) made none to wait for
			boolean stillWaiting = this.waiting != null && Objects.equals(this.waiting.figure(), figure)
					&& this.waiting.since() != null && !drained(sample);
			if (!stillWaiting) {
				this.waiting = new Waiting(figure, waitingFor(figure));
			}
		}
	}

	/**
	 * Whether the processor and the totals indexer had read every record of their topics
	 * at a sample.
	 */
	private boolean drained(Sample sample) {
		if (this.processorGroup == null || this.figuresGroup == null || !sample.kafka().known()) {
			return false;
		}
		Long processor = sample.kafka().lag().get(this.processorGroup);
		Long figures = sample.kafka().lag().get(this.figuresGroup);
		return processor != null && processor == 0 && figures != null && figures == 0;
	}

	/**
	 * Whether two answered samples are further apart than three intervals and the time a
	 * sample may take ({@link #SAMPLE_TIME}): samples missed in a row between them, each
	 * waiting for Kafka to time out (one missed is less); the lag between them is not
	 * known well enough to judge a span by.
	 */
	private boolean tooFarApart(Instant earlier, Instant later) {
		return this.interval != null && earlier != null
				&& Duration.between(earlier, later).compareTo(this.interval.multipliedBy(3).plus(SAMPLE_TIME)) > 0;
	}

	private Entry secondOldest() {
		Iterator<Entry> iterator = this.entries.iterator();
		iterator.next();
		return iterator.next();
	}

	/**
	 * The newest sample.
	 * @return it, or {@code null} before the first
	 */
	Sample latest() {
		return this.entries.isEmpty() ? null : this.entries.getLast().sample();
	}

	/**
	 * The events each unit appended in the minute to the newest sample; since the first
	 * sample while the console has watched for less than a minute; where the sample
	 * before the minute is older than a minute (samples taken less often than once a
	 * minute), the events since it as a rate per minute.
	 * @return per unit with an event topic, or {@code null} if Kafka did not answer
	 */
	Map<String, Long> eventsPerMinute() {
		return this.entries.isEmpty() ? null : this.entries.getLast().perMinute();
	}

	/**
	 * The events per minute at each sample of a span, as the gauges showed them.
	 * @param span how far back from the newest sample
	 * @return each sample Kafka answered, oldest first, with the units that appended any
	 */
	List<Point> eventsSeries(Duration span) {
		List<Point> series = new ArrayList<>();
		Instant from = latest().at().minus(span);
		for (Entry entry : this.entries) {
			if (entry.perMinute() != null && !entry.sample().at().isBefore(from)) {
				Map<String, Long> appended = new TreeMap<>(entry.perMinute());
				appended.values().removeIf((count) -> count == 0);
				series.add(new Point(entry.sample().at(), Collections.unmodifiableMap(appended)));
			}
		}
		return series;
	}

	/**
	 * The events each unit appended from the newest sample Kafka answered at or before a
	 * time (or the oldest it answered, if none is that old) to a sample.
	 */
	private Map<String, Long> appendedSince(Sample sample, Instant since) {
		Sample base = null;
		for (Entry entry : this.entries) {
			if (entry.sample() != sample && entry.sample().kafka().known()) {
				if (base == null || !entry.sample().at().isAfter(since)) {
					base = entry.sample();
				}
			}
		}
		// samples further apart than a minute (a sample interval set above it, or Kafka
		// silent in between): the count over the span between them, as a rate per minute
		long spanMillis = (base != null) ? Duration.between(base.at(), sample.at()).toMillis() : 0;
		Map<String, Long> appended = new TreeMap<>();
		for (Map.Entry<String, Long> unit : sample.kafka().appended().entrySet()) {
			long before = (base != null) ? base.kafka().appended().getOrDefault(unit.getKey(), 0L) : unit.getValue();
			// a topic deleted and created again starts from 0
			long count = Math.max(0, unit.getValue() - before);
			appended.put(unit.getKey(), (spanMillis > MINUTE.toMillis()) ? perMinute(count, spanMillis) : count);
		}
		return appended;
	}

	/**
	 * A count over a span longer than a minute as a rate per minute, rounded half up and
	 * never below 1 for a count above 0 (a unit that appended is never shown as quiet).
	 */
	static long perMinute(long count, long spanMillis) {
		if (count == 0) {
			return 0;
		}
		BigInteger rate = BigInteger.valueOf(count)
			.multiply(BigInteger.valueOf(MINUTE.toMillis()))
			.add(BigInteger.valueOf(spanMillis / 2))
			.divide(BigInteger.valueOf(spanMillis));
		return Math.max(1, rate.longValueExact());
	}

	/**
	 * Since when events have waited for a figure newer than a time: the first sample that
	 * counted more events than the first sample taken after that time (or than the oldest
	 * sample, if the figure is older). Events appended between the figure and the next
	 * sample are taken as reflected in it, so that an event the figure did reflect is
	 * never taken as waiting. Once found, that time is kept for as long as the newest
	 * figure stays the same, however long ago it left the window: events that have waited
	 * an hour for a figure are not taken as arrived just now.
	 * @param figure when the newest figure was written, or {@code null} if there is none
	 * @return the time of that sample, or {@code null} if no event has arrived since
	 */
	Instant eventsWaitingSince(Instant figure) {
		if (this.waiting != null && Objects.equals(this.waiting.figure(), figure)) {
			return this.waiting.since();
		}
		return waitingFor(figure);
	}

	private Instant waitingFor(Instant figure) {
		Sample base = null;
		for (Entry entry : this.entries) {
			Sample sample = entry.sample();
			if (!sample.kafka().known()) {
				continue;
			}
			if (base == null) {
				if (figure == null || !sample.at().isBefore(figure)) {
					base = sample;
				}
			}
			else if (total(sample) > total(base)) {
				return sample.at();
			}
		}
		return null;
	}

	private static long total(Sample sample) {
		return sample.kafka().appended().values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * Whether a group's lag stayed above a number for a whole span: at the newest sample
	 * older than the span and at every sample since.
	 * @param group the group
	 * @param records the number
	 * @param span the span
	 * @return false too while the samples do not reach that far back, or samples in a row
	 * within it Kafka did not answer
	 */
	boolean lagAbove(String group, long records, Duration span) {
		List<Long> lags = lags(group, span);
		return lags != null && lags.stream().allMatch((lag) -> lag != null && lag > records);
	}

	/**
	 * Whether a group's lag rose throughout a span: above zero at every sample from the
	 * newest older than the span on, never lower than at the sample before, and higher at
	 * the end than at the start. A group that keeps up shows 0 between its commits; one
	 * that has stopped while records arrive never does.
	 * @param group the group
	 * @param span the span
	 * @return the lag at the start and at the end if it rose, else empty
	 */
	List<Long> lagRose(String group, Duration span) {
		List<Long> lags = lags(group, span);
		if (lags == null || lags.stream().anyMatch((lag) -> lag == null || lag <= 0)) {
			return List.of();
		}
		for (int i = 1; i < lags.size(); i++) {
			if (lags.get(i) < lags.get(i - 1)) {
				return List.of();
			}
		}
		long first = lags.get(0);
		long last = lags.get(lags.size() - 1);
		return (last > first) ? List.of(first, last) : List.of();
	}

	/**
	 * A group's lag at the newest sample Kafka answered at or before the span's start and
	 * at every sample it answered after it: a sample it did not answer says nothing of
	 * the lag, and does not start the span again.
	 * @return the lags (null for a group a sample does not name), or {@code null} if no
	 * sample Kafka answered is that old
	 */
	private List<Long> lags(String group, Duration span) {
		Instant start = latest().at().minus(span);
		List<Long> lags = new ArrayList<>();
		boolean reached = false;
		Instant previous = null;
		for (Entry entry : this.entries) {
			Sample sample = entry.sample();
			if (!sample.kafka().known()) {
				continue;
			}
			if (!sample.at().isAfter(start)) {
				reached = true;
				lags.clear();
			}
			else if (tooFarApart(previous, sample.at())) {
				// Kafka was silent for longer within the span: not judged
				return null;
			}
			previous = sample.at();
			lags.add(sample.kafka().lag().get(group));
		}
		return reached ? lags : null;
	}

	/**
	 * The partitions on which a group has not moved for a whole span while they held
	 * records it had not processed: at the newest sample Kafka answered at or before the
	 * span's start and at every one it answered since, the partition held such records
	 * and the group's offset there stayed the same. A group that works moves its offset
	 * within seconds of a record's arrival; one stopped, or stuck on a record it can
	 * neither process nor set aside, does not, however few records wait and whatever its
	 * other partitions do. One record waiting and nothing appended since is not taken as
	 * stopped: it may be a transaction's commit marker, which a consumer reads past
	 * without committing past it while nothing follows. Nor, where asked, is any number
	 * of records with nothing appended since: Kafka Streams moves its committed offset
	 * past a writer's aborted transaction only on a partition it has processed a record
	 * of since its tasks were assigned, so an aborted transaction on a quiet partition
	 * would read as records waiting, for days.
	 * @param group the group
	 * @param span the span
	 * @param onlyWhereAppended whether a partition counts only if records were appended
	 * to it within the span (for the stream processor's group)
	 * @return the records waiting on each such partition now, by partition; empty too
	 * while the samples do not reach that far back
	 */
	Map<String, Long> stalled(String group, Duration span, boolean onlyWhereAppended) {
		Instant start = latest().at().minus(span);
		Map<String, Position> first = null;
		List<Map<String, Position>> since = new ArrayList<>();
		Instant previous = null;
		for (Entry entry : this.entries) {
			Sample sample = entry.sample();
			if (!sample.kafka().known()) {
				continue;
			}
			Map<String, Position> behind = sample.kafka().behind().getOrDefault(group, Map.of());
			if (!sample.at().isAfter(start)) {
				first = behind;
				since.clear();
			}
			else if (tooFarApart(previous, sample.at())) {
				return new TreeMap<>();
			}
			else {
				since.add(behind);
			}
			previous = sample.at();
		}
		Map<String, Long> stalled = new TreeMap<>();
		if (first == null || since.isEmpty()) {
			return stalled;
		}
		for (Map.Entry<String, Position> partition : first.entrySet()) {
			Position from = partition.getValue();
			Position now = from;
			for (Map<String, Position> behind : since) {
				Position at = behind.get(partition.getKey());
				now = (at != null && at.at() == from.at()) ? at : null;
				if (now == null) {
					break;
				}
			}
			boolean appended = now != null && now.end() > from.end();
			if (now != null && (appended || (!onlyWhereAppended && now.end() - now.at() > 1))) {
				stalled.put(partition.getKey(), now.end() - now.at());
			}
		}
		return stalled;
	}

	/**
	 * A sample and the events per unit in the minute to it.
	 *
	 * @param sample the sample
	 * @param perMinute per unit with an event topic; {@code null} if Kafka did not answer
	 */
	private record Entry(Sample sample, Map<String, Long> perMinute) {

	}

	/**
	 * Since when events have waited for a figure.
	 *
	 * @param figure the newest figure's time, {@code null} if there was none
	 * @param since the time, {@code null} if no event waits for a newer figure
	 */
	private record Waiting(Instant figure, Instant since) {

	}

	/**
	 * The events per minute at one sample.
	 *
	 * @param at the sample's time
	 * @param perMinute per unit that appended any in the minute to it
	 */
	record Point(Instant at, Map<String, Long> perMinute) {

	}

}
