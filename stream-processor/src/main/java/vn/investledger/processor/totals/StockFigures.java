package vn.investledger.processor.totals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
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
import vn.investledger.events.Total;
import vn.investledger.events.reference.Provinces;
import vn.investledger.processor.intake.AppliedEvent;

/**
 * The stock of valid projects, from the project-state table: one aggregation per cuboid,
 * where a change of state subtracts the project's old part and adds its new one
 * ({@code KGroupedTable.aggregate} with adder and subtractor). A project is in the stock
 * from its licence until it is terminated.
 */
final class StockFigures {

	/**
	 * Each cuboid of the stock with how a project's state gives its dimensions (null: not
	 * in this cuboid).
	 */
	static final Map<String, Function<ProjectState, Map<String, String>>> CUBOIDS = cuboids();

	private StockFigures() {
	}

	static String storeName(String cuboid) {
		return "stock-" + cuboid.replace('+', '-');
	}

	/**
	 * Adds the stock aggregations.
	 * @param applied the applied events
	 * @param topics the topic registry
	 * @param stores the kind of state stores
	 */
	static void build(KStream<String, AppliedEvent> applied, Topics topics, DslStoreSuppliers stores) {
		KTable<String, ProjectState> states = applied.mapValues(AppliedEvent::state, Named.as("states-for-stock"))
			.toTable(Named.as("project-state-table"),
					Materialized.<String, ProjectState, KeyValueStore<Bytes, byte[]>>as("project-states-table")
						.withStoreType(stores)
						.withKeySerde(Serdes.String())
						.withValueSerde(Topics.projectStateSerde()));
		Topic<String, Stock> stock = topics.stock();
		CUBOIDS.forEach((cuboid, dimensionsOf) -> {
			String name = storeName(cuboid);
			states
				.groupBy((projectCode, state) -> KeyValue.pair(keyOf(cuboid, dimensionsOf, state), state),
						Grouped.with(name + "-by-key", Serdes.String(), Topics.projectStateSerde()))
				.aggregate(() -> null, (key, state, sum) -> add(cuboid, dimensionsOf, state, sum, 1),
						(key, state, sum) -> add(cuboid, dimensionsOf, state, sum, -1), Named.as(name + "-sum"),
						Materialized.<String, Stock, KeyValueStore<Bytes, byte[]>>as(name)
							.withStoreType(stores)
							.withKeySerde(Serdes.String())
							.withValueSerde(stock.valueSerde()))
				.toStream(Named.as(name + "-changes"))
				.filter((key, value) -> value != null, Named.as(name + "-present"))
				.to(stock.name(), Produced.with(stock.keySerde(), stock.valueSerde()).withName(name + "-out"));
		});
	}

	/**
	 * The stock key a state counts under in a cuboid, or null if it is not in the stock
	 * there.
	 */
	static String keyOf(String cuboid, Function<ProjectState, Map<String, String>> dimensionsOf, ProjectState state) {
		if (!inStock(state)) {
			return null;
		}
		Map<String, String> dimensions = dimensionsOf.apply(state);
		return (dimensions != null) ? stockOf(cuboid, dimensions, state).key() : null;
	}

	private static boolean inStock(ProjectState state) {
		return state != null && state.licensedOn() != null && state.investmentType() != null
				&& state.status() != ProjectStatus.TERMINATED && state.registeredCapital() != null;
	}

	private static Stock add(String cuboid, Function<ProjectState, Map<String, String>> dimensionsOf,
			ProjectState state, Stock sum, int sign) {
		Stock base = (sum != null) ? sum : Stock.zero(cuboid, dimensionsOf.apply(state), state.investmentType());
		Money realised = (state.realisedCapital() != null) ? state.realisedCapital()
				: Money.zero(state.investmentType().currency());
		Money registered = new Money(sign * state.registeredCapital().minorUnits(),
				state.registeredCapital().currency());
		Money realisedPart = new Money(sign * realised.minorUnits(), realised.currency());
		boolean suspended = state.status() == ProjectStatus.SUSPENDED;
		var newest = Total.newer(base.newestEventAt(), state.newestEventAt());
		return new Stock(base.cuboid(), base.dimensions(), base.investmentType(), base.validProjects() + sign,
				base.suspendedProjects() + (suspended ? sign : 0), base.registeredCapital().plus(registered),
				base.realisedCapital().plus(realisedPart), newest);
	}

	private static Stock stockOf(String cuboid, Map<String, String> dimensions, ProjectState state) {
		return Stock.zero(cuboid, dimensions, state.investmentType());
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
