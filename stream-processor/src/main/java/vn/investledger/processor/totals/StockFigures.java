package vn.investledger.processor.totals;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
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
import vn.investledger.events.reference.Provinces;
import vn.investledger.processor.intake.AppliedEvent;

/**
 * The stock of valid projects: each change of a project's state takes its old part out of
 * the stock figures it counted in and puts its new part in. The parts are summed per
 * figure in each task ({@link PendingChanges}), then once per figure after the
 * {@code stock-by-figure} repartition. A project is in the stock from its licence until
 * it is terminated.
 */
final class StockFigures {

	/** The store of every stock figure, keyed by {@link Stock#key()}. */
	static final String STOCK_STORE = "stock";

	/**
	 * Each cuboid of the stock with how a project's state gives its dimensions (null: not
	 * in this cuboid).
	 */
	static final Map<String, Function<ProjectState, Map<String, String>>> CUBOIDS = cuboids();

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
			.process(() -> new PendingChanges<>(PENDING_STORE, StockFigures::changes, Stock::plus),
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

	/**
	 * What a change of a project's state does to the stock: its old part out, its new
	 * part in, per cuboid. A project that stays in a figure still stamps it with its
	 * newest event.
	 * @param applied an applied event with the state before and after
	 * @return the changes, keyed by stock figure
	 */
	static List<KeyValue<String, Stock>> changes(AppliedEvent applied) {
		ProjectState before = applied.before();
		ProjectState after = applied.state();
		Map<String, Stock> changes = new LinkedHashMap<>();
		CUBOIDS.forEach((cuboid, dimensionsOf) -> {
			if (inStock(before)) {
				part(cuboid, dimensionsOf, before, -1, after.newestEventAt(), changes);
			}
			if (inStock(after)) {
				part(cuboid, dimensionsOf, after, 1, after.newestEventAt(), changes);
			}
		});
		return changes.entrySet().stream().map((change) -> KeyValue.pair(change.getKey(), change.getValue())).toList();
	}

	private static void part(String cuboid, Function<ProjectState, Map<String, String>> dimensionsOf,
			ProjectState state, int sign, Instant newest, Map<String, Stock> changes) {
		Map<String, String> dimensions = dimensionsOf.apply(state);
		if (dimensions == null) {
			return;
		}
		Money realised = (state.realisedCapital() != null) ? state.realisedCapital()
				: Money.zero(state.investmentType().currency());
		boolean suspended = state.status() == ProjectStatus.SUSPENDED;
		Stock part = new Stock(cuboid, dimensions, state.investmentType(), sign, suspended ? sign : 0,
				new Money(sign * state.registeredCapital().minorUnits(), state.registeredCapital().currency()),
				new Money(sign * realised.minorUnits(), realised.currency()), newest);
		changes.merge(part.key(), part, Stock::plus);
	}

	private static boolean inStock(ProjectState state) {
		return state != null && state.licensedOn() != null && state.investmentType() != null
				&& state.status() != ProjectStatus.TERMINATED && state.registeredCapital() != null;
	}

	private static Map<String, Function<ProjectState, Map<String, String>>> cuboids() {
		Map<String, Function<ProjectState, Map<String, String>>> cuboids = new LinkedHashMap<>();
		cuboids.put(Flows.NATIONAL, (state) -> Map.of());
		cuboids.put(Flows.PROVINCE, (state) -> Map.of("province", state.provinceCode()));
		cuboids.put(Flows.PROVINCE_RESTATED, (state) -> Map.of("province",
				Provinces.standard().latestUnitOf(state.provinceCode(), state.licensedOn())));
		cuboids.put(Flows.PROVINCE_ZONE, (state) -> (state.zoneCode() == null) ? null
				: Map.of("province", state.provinceCode(), "zone", state.zoneCode()));
		cuboids.put(Flows.PROVINCE_COUNTRY, (state) -> (state.partnerCountry() == null) ? null
				: Map.of("province", state.provinceCode(), "country", state.partnerCountry()));
		cuboids.put(Flows.PROVINCE_SECTOR, (state) -> (state.sectorSection() == null) ? null
				: Map.of("province", state.provinceCode(), "sector", state.sectorSection()));
		cuboids.put(Flows.COUNTRY,
				(state) -> (state.partnerCountry() == null) ? null : Map.of("country", state.partnerCountry()));
		cuboids.put(Flows.SECTOR,
				(state) -> (state.sectorSection() == null) ? null : Map.of("sector", state.sectorSection()));
		return cuboids;
	}

	static List<String> cuboidNames() {
		return List.copyOf(CUBOIDS.keySet());
	}

}
