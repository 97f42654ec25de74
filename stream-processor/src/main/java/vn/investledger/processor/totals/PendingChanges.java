package vn.investledger.processor.totals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Function;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import vn.investledger.processor.intake.AppliedEvent;

/**
 * Sums a task's changes before they cross the network. An applied event changes one or
 * two <em>cells</em>: the finest grain of the figures, naming every dimension the event
 * counts in (province, restated province, zone, partner country, sector, and for flows
 * the effective date). Each event's change is added to its cell's pending sum; every
 * flush interval each pending cell is spread over the figures it counts in (up to 8
 * cuboids, and for flows 5 periods each), the figures are summed, forwarded one record
 * per figure, and the cells cleared. A figure touched by a thousand events between two
 * flushes costs one repartition record instead of a thousand, and an event costs one
 * pending write instead of forty.
 * <p>
 * The pending cells are kept in a logged, cached store: a cell is written to its
 * changelog at most once per commit (and its removal as it is spread at once), in the
 * same transaction as the input offsets it stands for, so a crash between two flushes
 * restores exactly the sums that were not yet forwarded. The processor reads the pending
 * sums from a plain map that mirrors the store: every sum is written through to the
 * store, and the map is rebuilt from the store whenever the task is (re)initialised,
 * after a restore or an aborted transaction.
 *
 * @param <V> the kind of figure; a cell is a figure of an internal cuboid
 */
final class PendingChanges<V> implements Processor<String, AppliedEvent, String, V> {

	/**
	 * How often pending sums are forwarded at the least: a figure changes at most once a
	 * second on the totals topic, however often the application commits.
	 */
	static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);

	/**
	 * Past this many cells, or {@link #MAX_REMEMBERED_FIGURES} figures, what is
	 * remembered of cells and figures is forgotten, at the start of the next flush (which
	 * then remembers its own cells and figures again). A cell remembers which of the
	 * remembered figures it counts in: up to 40 references, a few hundred bytes.
	 */
	static final int MAX_REMEMBERED_CELLS = 4_096;

	/**
	 * Past this many figures, what is remembered is forgotten (see
	 * {@link #MAX_REMEMBERED_CELLS}). A figure is remembered once, however many cells
	 * count in it: its key and coordinates, some 500 bytes, so some 10 MB per processor
	 * (a task has two: flows and stock), beyond what one flush adds. Most of a cell's
	 * figures are its own (its province's zone, partner country or sector in its month),
	 * so this bound, not the cells', is usually the one reached.
	 */
	static final int MAX_REMEMBERED_FIGURES = 20_000;

	private final String storeName;

	private final Function<AppliedEvent, List<V>> cellsOf;

	private final Function<V, List<V>> figuresOf;

	private final Function<V, String> keyOf;

	private final BinaryOperator<V> plus;

	private final BinaryOperator<V> at;

	private final int maxCells;

	private final int maxFigures;

	/**
	 * Each cell's figures: a cell counts in the same figures at every flush, so they are
	 * worked out once per cell. They are those of {@link #figuresByKey}: one object per
	 * figure, however many cells count in it.
	 */
	private final Map<String, List<Figure<V>>> figuresByCell = new HashMap<>();

	/** Every figure a remembered cell counts in, by key. */
	private final Map<String, Figure<V>> figuresByKey = new HashMap<>();

	private KeyValueStore<String, V> pending;

	private Map<String, V> sums;

	private ProcessorContext<String, V> context;

	/**
	 * Creates the processor.
	 * @param storeName the pending store, from {@link #store(String, Serde)}
	 * @param cellsOf the changes an event makes to its cells
	 * @param figuresOf the changes of figures a cell's sum makes
	 * @param keyOf the key of a cell or a figure
	 * @param plus how two changes of one cell or figure add up
	 * @param at a sum's amounts and counts at the coordinates of another figure
	 */
	PendingChanges(String storeName, Function<AppliedEvent, List<V>> cellsOf, Function<V, List<V>> figuresOf,
			Function<V, String> keyOf, BinaryOperator<V> plus, BinaryOperator<V> at) {
		this(storeName, cellsOf, figuresOf, keyOf, plus, at, MAX_REMEMBERED_CELLS, MAX_REMEMBERED_FIGURES);
	}

	/**
	 * Creates the processor with other bounds on what it remembers (for tests).
	 * @param maxCells the cells remembered at most
	 * @param maxFigures the figures remembered at most
	 */
	PendingChanges(String storeName, Function<AppliedEvent, List<V>> cellsOf, Function<V, List<V>> figuresOf,
			Function<V, String> keyOf, BinaryOperator<V> plus, BinaryOperator<V> at, int maxCells, int maxFigures) {
		this.storeName = storeName;
		this.cellsOf = cellsOf;
		this.figuresOf = figuresOf;
		this.keyOf = keyOf;
		this.plus = plus;
		this.at = at;
		this.maxCells = maxCells;
		this.maxFigures = maxFigures;
	}

	/**
	 * How many cells and figures it remembers now.
	 * @return the cells, then the figures
	 */
	int[] remembered() {
		return new int[] { this.figuresByCell.size(), this.figuresByKey.size() };
	}

	/**
	 * The pending store: in memory, since it holds one flush interval's changes, logged
	 * and cached.
	 * @param name the store name
	 * @param serde the figure serde
	 * @param <V> the kind of figure
	 * @return the store builder
	 */
	static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> serde) {
		return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), serde)
			.withCachingEnabled();
	}

	@Override
	public void init(ProcessorContext<String, V> context) {
		this.context = context;
		this.pending = context.getStateStore(this.storeName);
		this.sums = new HashMap<>();
		try (KeyValueIterator<String, V> all = this.pending.all()) {
			all.forEachRemaining((sum) -> this.sums.put(sum.key, sum.value));
		}
		context.schedule(flushInterval(context.appConfigs()), PunctuationType.WALL_CLOCK_TIME, this::flush);
	}

	@Override
	public void process(Record<String, AppliedEvent> record) {
		for (V change : this.cellsOf.apply(record.value())) {
			String cell = this.keyOf.apply(change);
			this.pending.put(cell, this.sums.merge(cell, change, this.plus));
		}
	}

	private void flush(long now) {
		// the cells are summed per figure as they are, and each sum takes its figure's
		// coordinates once, at the end
		Map<String, V> figures = new HashMap<>();
		Map<String, V> coordinates = new HashMap<>();
		if (this.figuresByCell.size() > this.maxCells || this.figuresByKey.size() > this.maxFigures) {
			this.figuresByCell.clear();
			this.figuresByKey.clear();
		}
		this.sums.forEach((cellKey, cell) -> {
			for (Figure<V> figure : this.figuresByCell.computeIfAbsent(cellKey, (k) -> figures(cell))) {
				figures.merge(figure.key(), cell, this.plus);
				coordinates.putIfAbsent(figure.key(), figure.coordinates());
			}
		});
		figures.forEach(
				(key, sum) -> this.context.forward(new Record<>(key, this.at.apply(sum, coordinates.get(key)), now)));
		this.sums.keySet().forEach(this.pending::delete);
		// the removals leave the store's cache for its changelog now, in the open
		// transaction: a cell written again before the next commit would otherwise
		// replace its removal in the cache, and the changelog would never show the cell
		// spread (a replay's mark waits for that, FiguresSettled). Asking for a commit
		// instead made a transaction per task and second, which the live processor
		// could not afford at 1,000 events/s
		if (!this.sums.isEmpty()) {
			this.pending.flush();
		}
		this.sums.clear();
	}

	/**
	 * The figures a cell counts in, each remembered once for every cell that counts in
	 * it.
	 */
	private List<Figure<V>> figures(V cell) {
		List<V> cellFigures = this.figuresOf.apply(cell);
		List<Figure<V>> figures = new ArrayList<>(cellFigures.size());
		for (V figure : cellFigures) {
			String key = this.keyOf.apply(figure);
			figures.add(this.figuresByKey.computeIfAbsent(key, (k) -> new Figure<>(k, figure)));
		}
		return List.copyOf(figures);
	}

	/**
	 * A figure a cell counts in.
	 *
	 * @param key the figure's key
	 * @param coordinates a figure at its coordinates, its amounts those of the first cell
	 * seen
	 * @param <V> the kind of figure
	 */
	private record Figure<V>(String key, V coordinates) {
	}

	/**
	 * Flushes once a second, or once per commit if the application commits less often. A
	 * figure then waits up to a second longer than without summing, while a task forwards
	 * each figure it touched at most once a second: when few events arrive, each event's
	 * 40 changes would otherwise cross the network almost one by one at every commit.
	 */
	static Duration flushInterval(Map<String, Object> config) {
		Object interval = config.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
		Duration commit = (interval != null) ? Duration.ofMillis(Long.parseLong(interval.toString()))
				: DEFAULT_FLUSH_INTERVAL;
		return (commit.compareTo(DEFAULT_FLUSH_INTERVAL) > 0) ? commit : DEFAULT_FLUSH_INTERVAL;
	}

}
