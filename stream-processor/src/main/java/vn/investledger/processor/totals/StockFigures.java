package vn.investledger.processor.totals;

import java.util.List;

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

import vn.investledger.events.Stock;
import vn.investledger.events.Topic;
import vn.investledger.events.Topics;
import vn.investledger.events.rulebook.StockParts;
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

	/** The stock cells a task has summed and not yet spread over the figures. */
	static final String PENDING_STORE = "pending-stock";

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
			.process(
					() -> new PendingChanges<>(PENDING_STORE, AppliedEvent::stockCells, StockParts::figuresOf,
							Stock::key, Stock::plus, (sum, figure) -> sum.at(figure.cuboid(), figure.dimensions())),
					Named.as("pending-stock-changes"), PENDING_STORE)
			.groupByKey(Grouped.with("stock-by-figure", Serdes.String(), FigureSerdes.stock()))
			.reduce(Stock::plus, Named.as("sum-stock"),
					Materialized.<String, Stock, KeyValueStore<Bytes, byte[]>>as(STOCK_STORE)
						.withStoreType(stores)
						.withKeySerde(Serdes.String())
						.withValueSerde(FigureSerdes.stock()))
			.toStream(Named.as("stock-changes"))
			.to(stock.name(), Produced.with(stock.keySerde(), stock.valueSerde()).withName("stock"));
	}

}
