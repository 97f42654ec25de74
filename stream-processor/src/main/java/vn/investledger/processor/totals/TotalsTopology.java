package vn.investledger.processor.totals;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.apache.kafka.streams.state.DslStoreSuppliers;
import org.apache.kafka.streams.state.KeyValueStore;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import vn.investledger.events.Topic;
import vn.investledger.events.Topics;
import vn.investledger.events.Total;
import vn.investledger.events.reference.UsdRates;
import vn.investledger.events.reference.VsicEditions;
import vn.investledger.events.rulebook.Flows;
import vn.investledger.events.rulebook.Rules;
import vn.investledger.events.rulebook.StockParts;
import vn.investledger.processor.intake.AppliedEvent;
import vn.investledger.processor.intake.AppliedLog;
import vn.investledger.processor.intake.Intake;
import vn.investledger.processor.intake.IntakeSettings;
import vn.investledger.processor.intake.LedgerMetrics;
import vn.investledger.processor.system.ProcessorProperties;
import vn.investledger.processor.system.ReplayFrom;
import vn.investledger.processor.system.ReplaySwitch;

/**
 * The totals topology, the rulebook's steps in order: the ledger applies each event once
 * ({@link Intake}) with the change it makes to its flow cell ({@link Flows}) and to its
 * stock cells ({@link StockParts}), computed before the ledger saves anything → each task
 * sums its cells, then spreads them over the cuboids and periods once a second
 * ({@link PendingChanges}) → each figure is summed across tasks → the totals topic and a
 * queryable store. The stock figures ({@link StockFigures}) follow the same path.
 */
@Configuration(proxyBeanMethods = false)
public class TotalsTopology {

	/** The store of every figure, keyed by {@link Total#key()}. */
	public static final String TOTALS_STORE = "totals";

	private static final String PENDING_STORE = "pending-flows";

	/**
	 * The stores of the cells each task has summed and not yet spread over the figures
	 * ({@link PendingChanges}): flows, then stock. Empty once every figure is forwarded.
	 */
	public static final List<String> PENDING_STORES = List.of(PENDING_STORE, StockFigures.PENDING_STORE);

	@Bean
	UsdRates usdRates(ProcessorProperties properties) {
		return properties.rates();
	}

	/**
	 * The rules the figures are counted by, each table read once at start: the same
	 * instance is checked against the recorded tables ({@code RulesInForce}) and counts,
	 * so a table file replaced in between cannot be counted unchecked.
	 * @param properties the deployment's tables, if it has its own
	 * @param rates the reference rates
	 * @param vsic the VSIC editions
	 * @return the rules
	 */
	@Bean
	Rules rules(ProcessorProperties properties, UsdRates rates, VsicEditions vsic) {
		return new Rules(properties.calendar(), rates, vsic);
	}

	@Bean
	KTable<String, Total> totals(StreamsBuilder builder, ProcessorProperties properties, Rules rules,
			MeterRegistry registry, @Value("${" + ReplaySwitch.PROPERTY + ":#{null}}") String replay,
			@Value("${" + ReplayFrom.PROPERTY + ":}") String replayFrom) {
		IntakeSettings intake = IntakeSettings.of(properties.topics(), properties.gapTimeout(),
				new LedgerMetrics(registry));
		DslStoreSuppliers stores = new BuiltInDslStoreSuppliers.RocksDBDslStoreSuppliers();
		return (ReplayFrom.of(ReplaySwitch.replaying(replay), replayFrom) == ReplayFrom.APPLIED_EVENTS)
				? recount(builder, intake, rules, stores) : build(builder, intake, rules, stores);
	}

	/**
	 * Adds the totals topology to a builder.
	 * @param builder the builder
	 * @param intake the intake's topics, gap timeout, partitions and placement
	 * @param rules the report calendar, the reference rates of the USD equivalents and
	 * the VSIC editions
	 * @param stores the kind of state stores (RocksDB in service, in memory in topology
	 * tests)
	 * @return the table of figures
	 */
	public static KTable<String, Total> build(StreamsBuilder builder, IntakeSettings intake, Rules rules,
			DslStoreSuppliers stores) {
		// 1. the ledger applies each event once, with the flow it makes and what it
		// changes in the stock
		return count(builder, intake.topics(), rules, stores,
				Intake.acceptedEvents(builder, intake, effects(rules), stores));
	}

	/**
	 * Adds the recount's topology to a builder: the same figures, from the events the
	 * ledger applied ({@link AppliedLog}) instead of the event topics.
	 * @param builder the builder
	 * @param intake the topics
	 * @param rules the rules to count by
	 * @param stores the kind of state stores
	 * @return the table of figures
	 */
	public static KTable<String, Total> recount(StreamsBuilder builder, IntakeSettings intake, Rules rules,
			DslStoreSuppliers stores) {
		// 1. the ledger's decisions, each applied event's state again, with the flow it
		// makes and what it changes in the stock under these rules
		return count(builder, intake.topics(), rules, stores,
				AppliedLog.recounted(builder, intake.topics(), effects(rules), stores));
	}

	/**
	 * The internal topics of the recount's topology, which it counts again from nothing:
	 * its stores' changelogs and its repartition topics, without the application id's
	 * prefix. The ledger's own are not among them.
	 * @param intake the topics
	 * @return the topics' names
	 */
	public static Set<String> recountInternalTopics(IntakeSettings intake) {
		StreamsBuilder builder = new StreamsBuilder();
		recount(builder, intake, Rules.standard(), new BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers());
		return internalTopics(builder);
	}

	/**
	 * The repartition topics of the service's topology, without the application id's
	 * prefix: those the figures are summed through.
	 * @param intake the topics and the placement
	 * @return the topics' names
	 */
	public static List<String> serviceRepartitionTopics(IntakeSettings intake) {
		StreamsBuilder builder = new StreamsBuilder();
		build(builder, intake, Rules.standard(), new BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers());
		return internalTopics(builder).stream().filter((topic) -> topic.endsWith("-repartition")).toList();
	}

	/**
	 * The internal topics of a topology: its stores' changelogs and its repartition
	 * topics, without the application id's prefix.
	 * @param builder the builder the topology was added to
	 * @return the topics' names
	 */
	public static Set<String> internalTopics(StreamsBuilder builder) {
		Set<String> internal = new TreeSet<>();
		for (TopologyDescription.Subtopology subtopology : builder.build().describe().subtopologies()) {
			for (TopologyDescription.Node node : subtopology.nodes()) {
				if (node instanceof TopologyDescription.Processor processor) {
					processor.stores().forEach((store) -> internal.add(store + "-changelog"));
				}
				if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
					source.topicSet().stream().filter((topic) -> topic.endsWith("-repartition")).forEach(internal::add);
				}
			}
		}
		return internal;
	}

	/**
	 * What the ledger works out for each event it applies, before it saves anything: the
	 * change to its flow cell with the periods it counts in, and the changes to its stock
	 * cells.
	 * @param rules the rules to count by
	 * @return the applied event with its cells
	 */
	public static UnaryOperator<AppliedEvent> effects(Rules rules) {
		return (event) -> {
			List<Total> flows = Flows.cellOf(event.event(), event.state(), rules).stream().toList();
			List<String> periods = flows.isEmpty() ? List.of() : Flows.periodsOf(flows.get(0), rules.calendar());
			return event.withCells(flows, periods, StockParts.cellsOf(event.before(), event.state(), rules));
		};
	}

	private static KTable<String, Total> count(StreamsBuilder builder, Topics topics, Rules rules,
			DslStoreSuppliers stores, KStream<String, AppliedEvent> applied) {
		Topic<String, Total> totals = topics.totals();
		// the stock takes the same steps as the flows
		StockFigures.build(builder, applied, topics, stores);
		// 2. each task sums its cells, then spreads them over the cuboids and periods
		builder.addStateStore(PendingChanges.store(PENDING_STORE, FigureSerdes.total()));
		KTable<String, Total> figures = applied
			.process(
					() -> new PendingChanges<>(PENDING_STORE, AppliedEvent::flowCells,
							(cell) -> Flows.figuresOf(cell, rules.calendar()), Total::key, Total::plus,
							(sum, figure) -> sum.at(figure.cuboid(), figure.dimensions(), figure.period())),
					Named.as("pending-flow-changes"), PENDING_STORE)
			// 3. changes are keyed by figure, so each figure is summed in one task
			.groupByKey(Grouped.with("by-figure", Serdes.String(), FigureSerdes.total()))
			.reduce(Total::plus, Named.as("sum-figures"),
					Materialized.<String, Total, KeyValueStore<Bytes, byte[]>>as(TOTALS_STORE)
						.withStoreType(stores)
						.withKeySerde(Serdes.String())
						.withValueSerde(FigureSerdes.total()));
		// 4. every change of a figure is published
		figures.toStream(Named.as("figure-changes"))
			.to(totals.name(), Produced.with(totals.keySerde(), totals.valueSerde()).withName("totals"));
		return figures;
	}

}
