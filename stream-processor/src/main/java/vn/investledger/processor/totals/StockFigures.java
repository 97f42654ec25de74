package vn.investledger.processor.totals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.DslStoreSuppliers;
import org.apache.kafka.streams.state.KeyValueStore;

import vn.investledger.events.Money;
import vn.investledger.events.ProjectState;
import vn.investledger.events.ProjectStatus;
import vn.investledger.events.Stock;
import vn.investledger.events.Topic;
import vn.investledger.events.Topics;
import vn.investledger.processor.intake.AppliedEvent;

/**
 * The stock of valid projects: each change of a project's state takes its old part out of
 * the stock figures it counted in and puts its new part in. The parts are summed per cell
 * in each task, then spread over the cuboids and summed per figure once a second
 * ({@link PendingChanges}), then once per figure after the {@code stock-by-figure}
 * repartition. A project is in the stock from its licence until it is terminated.
 */
final class StockFigures {

	/** The store of every stock figure, keyed by {@link Stock#key()}. */
	static final String STOCK_STORE = "stock";

	private static final String PENDING_STORE = "pending-stock";

	private StockFigures() {
	}

	/**
	 * Adds the stock figures.
	 * @param builder the builder
	 * @param applied the applied events
	 * @param topics the topic registry
	 * @param stores the kind of state stores
	 */
	static void build(StreamsBuilder builder, KStream<String, AppliedEvent> applied, Topics topics,
			DslStoreSuppliers stores) {
		builder.addStateStore(PendingChanges.store(PENDING_STORE, FigureSerdes.stock()));
		Topic<String, Stock> stock = topics.stock();
		applied
			.process(() -> new PendingChanges<>(PENDING_STORE, AppliedEvent::stockCells, StockFigures::figuresOf,
					Stock::key, Stock::plus), Named.as("pending-stock-changes"), PENDING_STORE)
			.groupByKey(Grouped.with("stock-by-figure", Serdes.String(), FigureSerdes.stock()))
			.reduce(Stock::plus, Named.as("sum-stock"),
					Materialized.<String, Stock, KeyValueStore<Bytes, byte[]>>as(STOCK_STORE)
						.withStoreType(stores)
						.withKeySerde(Serdes.String())
						.withValueSerde(FigureSerdes.stock()))
			.toStream(Named.as("stock-changes"))
			.to(stock.name(), Produced.with(stock.keySerde(), stock.valueSerde()).withName("stock"));
	}

	/**
	 * What a change of a project's state does to the stock: its old part out of its old
	 * cell, its new part into its new cell. A project that stays in a cell still stamps
	 * it with its newest event.
	 * @param applied an applied event with the state before and after
	 * @return the changes of cells, {@link Flows#CELL} figures: both parts in one if the
	 * project stays in its cell
	 */
	static List<Stock> cellsOf(AppliedEvent applied) {
		ProjectState before = applied.before();
		ProjectState after = applied.state();
		Map<String, Stock> changes = new LinkedHashMap<>(4);
		if (inStock(before)) {
			part(before, -1, after.newestEventAt(), changes);
		}
		if (inStock(after)) {
			part(after, 1, after.newestEventAt(), changes);
		}
		return List.copyOf(changes.values());
	}

	private static void part(ProjectState state, int sign, Instant newest, Map<String, Stock> changes) {
		Map<String, String> dimensions = Flows.cellDimensions(state.provinceCode(), state.licensedOn(),
				state.zoneCode(), state.partnerCountry(), state.sectorSection());
		Money realised = (state.realisedCapital() != null) ? state.realisedCapital()
				: Money.zero(state.investmentType().currency());
		// a project's amounts are in its type's currency (the ledger refuses an event of
		// another type); should one not be, the event is refused here, before its state
		// is
		// saved, rather than fail a figure's sum later
		if (state.registeredCapital().currency() != state.investmentType().currency()
				|| realised.currency() != state.investmentType().currency()) {
			throw new IllegalStateException("Project " + state.projectCode() + " is " + state.investmentType()
					+ " but holds " + state.registeredCapital() + " registered and " + realised + " realised");
		}
		boolean suspended = state.status() == ProjectStatus.SUSPENDED;
		Stock part = new Stock(Flows.CELL, dimensions, state.investmentType(), sign, suspended ? sign : 0,
				new Money(sign * state.registeredCapital().minorUnits(), state.registeredCapital().currency()),
				new Money(sign * realised.minorUnits(), realised.currency()), newest);
		changes.merge(part.key(), part, Stock::plus);
	}

	/**
	 * The changes a cell's sum makes: one per cuboid it counts in. A figure that is not a
	 * cell (a pending sum written before cells existed) is its own change.
	 * @param cell a sum of parts of one cell
	 * @return the changes of stock figures
	 */
	static List<Stock> figuresOf(Stock cell) {
		if (!Flows.CELL.equals(cell.cuboid())) {
			return List.of(cell);
		}
		List<Stock> changes = new ArrayList<>(Flows.CUBOIDS.size());
		Flows.CUBOIDS.forEach((cuboid, dimensionsOf) -> {
			Map<String, String> dimensions = dimensionsOf.apply(cell.dimensions());
			if (dimensions != null) {
				changes.add(new Stock(cuboid, dimensions, cell.investmentType(), cell.validProjects(),
						cell.suspendedProjects(), cell.registeredCapital(), cell.realisedCapital(),
						cell.newestEventAt()));
			}
		});
		return changes;
	}

	private static boolean inStock(ProjectState state) {
		return state != null && state.licensedOn() != null && state.investmentType() != null
				&& state.status() != ProjectStatus.TERMINATED && state.registeredCapital() != null;
	}

	static List<String> cuboidNames() {
		return List.copyOf(Flows.CUBOIDS.keySet());
	}

}
