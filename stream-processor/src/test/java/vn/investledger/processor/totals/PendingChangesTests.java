package vn.investledger.processor.totals;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import vn.investledger.events.InvestmentType;
import vn.investledger.events.Money;
import vn.investledger.events.Total;
import vn.investledger.events.rulebook.Cell;
import vn.investledger.events.rulebook.Flows;
import vn.investledger.events.rulebook.ReportCalendar;
import vn.investledger.processor.intake.AppliedEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PendingChanges} forwards, for every figure, exactly the sum of the cells that
 * count in it, flush after flush, whether it remembers a cell's figures or has just
 * forgotten them; and what it remembers stays within its bounds.
 */
class PendingChangesTests {

	private static final String STORE = "pending";

	private static final ReportCalendar CALENDAR = ReportCalendar.standard();

	@Property(tries = 200)
	void shouldForwardEachFiguresSumOfItsCellsWhateverItRemembers(@ForAll("flushes") List<List<Total>> flushes,
			@ForAll @IntRange(min = 0, max = 6) int maxCells, @ForAll @IntRange(min = 0, max = 120) int maxFigures) {
		PendingChanges<Total> pending = new PendingChanges<>(STORE, AppliedEvent::flowCells,
				(cell) -> Flows.figuresOf(cell, CALENDAR), Total::key, Total::plus,
				(sum, figure) -> sum.at(figure.cuboid(), figure.dimensions(), figure.period()), maxCells, maxFigures);
		MockProcessorContext<String, Total> context = new MockProcessorContext<>();
		KeyValueStore<String, Total> store = Stores
			.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(), FigureSerdes.total())
			.withLoggingDisabled()
			.build();
		store.init(context.getStateStoreContext(), store);
		context.addStateStore(store);
		pending.init(context);

		for (List<Total> cells : flushes) {
			for (Total cell : cells) {
				pending.process(new Record<>("project", applied(cell), 0L));
			}
			context.scheduledPunctuators().get(0).getPunctuator().punctuate(0L);

			Map<String, Total> forwarded = new HashMap<>();
			context.forwarded().forEach((record) -> {
				Total previous = forwarded.put(record.record().key(), record.record().value());
				assertThat(previous).as("one change per figure and flush").isNull();
			});
			assertThat(forwarded).isEqualTo(expected(cells));
			context.resetForwards();

			int[] remembered = pending.remembered();
			// the bound is checked at each flush, and one flush adds at most its own
			assertThat(remembered[0]).isLessThanOrEqualTo(maxCells + cells.size());
			assertThat(remembered[1]).isLessThanOrEqualTo(maxFigures + 40 * cells.size());
			try (var left = store.all()) {
				assertThat(left.hasNext()).as("the store is empty after a flush").isFalse();
			}
		}
	}

	/**
	 * Each figure's change, worked out from the rulebook for every cell: the cells' sums,
	 * at each figure's coordinates.
	 */
	private static Map<String, Total> expected(List<Total> cells) {
		Map<String, Total> figures = new LinkedHashMap<>();
		for (Total cell : cells) {
			for (Total figure : Flows.figuresOf(cell, CALENDAR)) {
				figures.merge(figure.key(), figure, Total::plus);
			}
		}
		return figures;
	}

	private static AppliedEvent applied(Total cell) {
		return new AppliedEvent(null, null, null, false, List.of(cell), List.of(), List.of());
	}

	@Provide
	Arbitrary<List<List<Total>>> flushes() {
		return cell().list().ofMaxSize(12).list().ofMinSize(1).ofMaxSize(6);
	}

	private Arbitrary<Total> cell() {
		Arbitrary<String> province = Arbitraries.of("01", "31", "79");
		Arbitrary<String> zone = Arbitraries.of("KCN-A", "KCN-B");
		Arbitrary<String> country = Arbitraries.of("KR", "JP", "SG");
		Arbitrary<String> sector = Arbitraries.of("C", "F");
		Arbitrary<LocalDate> day = Arbitraries.of(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 21),
				LocalDate.of(2025, 12, 1));
		Arbitrary<Long> capital = Arbitraries.longs().between(1, 1_000_000_000_000L);
		return Combinators.combine(province, zone, country, sector, day, capital).as((p, z, c, s, d, amount) -> {
			Map<String, String> dimensions = new LinkedHashMap<>();
			dimensions.put("province", p);
			dimensions.put("restated", p);
			dimensions.put("zone", z);
			dimensions.put("country", c);
			dimensions.put("sector", s);
			return Total.builder(Cell.CUBOID, dimensions, d.toString(), InvestmentType.FDI)
				.newProjects(1, new Money(amount, InvestmentType.FDI.currency()))
				.build();
		});
	}

}
