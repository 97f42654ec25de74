package vn.investledger.processor.totals;

import java.time.Instant;
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
	void shouldForwardEachFiguresSumOfItsCellsWhateverItRemembers(@ForAll("flushes") List<Flush> flushes,
			@ForAll @IntRange(min = 0, max = 6) int maxCells, @ForAll @IntRange(min = 0, max = 120) int maxFigures) {
		MockProcessorContext<String, Total> context = new MockProcessorContext<>();
		KeyValueStore<String, Total> store = Stores
			.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(), FigureSerdes.total())
			.withLoggingDisabled()
			.build();
		store.init(context.getStateStoreContext(), store);
		context.addStateStore(store);
		PendingChanges<Total> pending = processor(context, maxCells, maxFigures);

		for (Flush flush : flushes) {
			for (Total cell : flush.cells()) {
				pending.process(new Record<>("project", applied(cell), 0L));
			}
			if (flush.restartFirst()) {
				// a task started again: the pending sums come back from the store alone
				pending = processor(context, maxCells, maxFigures);
			}
			List<MockProcessorContext.CapturedPunctuator> punctuators = context.scheduledPunctuators();
			punctuators.get(punctuators.size() - 1).getPunctuator().punctuate(0L);

			Map<String, Total> forwarded = new HashMap<>();
			context.forwarded().forEach((record) -> {
				Total previous = forwarded.put(record.record().key(), record.record().value());
				assertThat(previous).as("one change per figure and flush").isNull();
			});
			assertThat(forwarded).isEqualTo(expected(flush.cells()));
			context.resetForwards();

			int[] remembered = pending.remembered();
			// the bound is checked at each flush, and one flush adds at most its own
			assertThat(remembered[0]).isLessThanOrEqualTo(maxCells + flush.cells().size());
			assertThat(remembered[1]).isLessThanOrEqualTo(maxFigures + 40 * flush.cells().size());
			try (var left = store.all()) {
				assertThat(left.hasNext()).as("the store is empty after a flush").isFalse();
			}
		}
	}

	private static PendingChanges<Total> processor(MockProcessorContext<String, Total> context, int maxCells,
			int maxFigures) {
		PendingChanges<Total> pending = new PendingChanges<>(STORE, AppliedEvent::flowCells,
				(cell) -> Flows.figuresOf(cell, CALENDAR), Total::key, Total::plus,
				(sum, figure) -> sum.at(figure.cuboid(), figure.dimensions(), figure.period()), maxCells, maxFigures);
		pending.init(context);
		return pending;
	}

	/**
	 * The cells of one flush interval.
	 *
	 * @param cells the cells, in the order the events came
	 * @param restartFirst whether the task starts again before the flush
	 */
	record Flush(List<Total> cells, boolean restartFirst) {

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
	Arbitrary<List<Flush>> flushes() {
		return Combinators.combine(cell().list().ofMaxSize(12), Arbitraries.of(false, false, true))
			.as(Flush::new)
			.list()
			.ofMinSize(1)
			.ofMaxSize(6);
	}

	private Arbitrary<Total> cell() {
		Arbitrary<String> province = Arbitraries.of("01", "31", "79");
		Arbitrary<String> zone = Arbitraries.of("KCN-A", "KCN-B");
		Arbitrary<String> country = Arbitraries.of("KR", "JP", "SG");
		Arbitrary<String> sector = Arbitraries.of("C", "F");
		Arbitrary<LocalDate> day = Arbitraries.of(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 21),
				LocalDate.of(2025, 12, 1));
		Arbitrary<InvestmentType> type = Arbitraries.of(InvestmentType.class);
		Arbitrary<Long> capital = Arbitraries.longs().between(-1_000_000_000_000L, 1_000_000_000_000L);
		Arbitrary<Instant> newest = Arbitraries.longs()
			.between(1_700_000_000_000L, 1_800_000_000_000L)
			.map(Instant::ofEpochMilli)
			.injectNull(0.2);
		Arbitrary<Map<String, String>> dimensions = Combinators.combine(province, zone, country, sector)
			.as((p, z, c, s) -> {
				Map<String, String> cell = new LinkedHashMap<>();
				cell.put("province", p);
				cell.put("restated", p);
				cell.put("zone", z);
				cell.put("country", c);
				cell.put("sector", s);
				return cell;
			});
		return Combinators.combine(dimensions, day, type, capital, Arbitraries.integers().between(0, 2), newest)
			.as((cell, d, t, amount, kind, at) -> {
				Money money = new Money(amount, t.currency());
				Total.Builder builder = Total.builder(Cell.CUBOID, cell, d.toString(), t).newestEventAt(at);
				return switch (kind) {
					case 0 -> builder.newProjects(1, money).build();
					case 1 -> builder.adjustments(1, money).build();
					default -> builder.contributions(1, money).realised(money).build();
				};
			});
	}

}
