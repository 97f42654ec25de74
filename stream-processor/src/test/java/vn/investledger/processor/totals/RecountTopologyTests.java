package vn.investledger.processor.totals;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.junit.jupiter.api.Test;

import vn.investledger.events.Topics;
import vn.investledger.events.rulebook.Rules;
import vn.investledger.processor.intake.AppliedLog;
import vn.investledger.processor.intake.Intake;
import vn.investledger.processor.intake.IntakeSettings;
import vn.investledger.processor.intake.LedgerMetrics;
import vn.investledger.processor.system.ReplayFrom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The recount deletes and rebuilds exactly the figures' internal topics: those the
 * service restores its figures from, never the ledger's.
 */
class RecountTopologyTests {

	private static final IntakeSettings INTAKE = IntakeSettings.of(Topics.withPrefix("t"), Duration.ofMinutes(5),
			LedgerMetrics.unread());

	@Test
	void shouldRebuildTheFiguresStateAndNotTheLedgers() {
		Set<String> recount = TotalsTopology.recountInternalTopics(INTAKE);

		assertThat(recount).containsExactlyInAnyOrder(AppliedLog.RECOUNT_PROJECTS_STORE + "-changelog",
				"pending-flows-changelog", "pending-stock-changelog", TotalsTopology.TOTALS_STORE + "-changelog",
				StockFigures.STOCK_STORE + "-changelog", "by-figure-repartition", "stock-by-figure-repartition");
		// every one of them but the recount's own is the service's, which it restores
		// the figures from after the recount
		Set<String> service = internalTopics(INTAKE);
		Set<String> figures = new TreeSet<>(recount);
		figures.remove(AppliedLog.RECOUNT_PROJECTS_STORE + "-changelog");
		assertThat(service).containsAll(figures);
		// and none of the ledger's
		assertThat(recount).doesNotContain(Intake.PROJECT_STATE_STORE + "-changelog",
				Intake.HELD_EVENTS_STORE + "-changelog", Intake.UNIT_VOLUMES_STORE + "-changelog",
				Intake.HELD_DUE_STORE + "-changelog", Intake.HELD_VALUES_STORE + "-changelog");
		assertThat(service).contains(Intake.PROJECT_STATE_STORE + "-changelog");
	}

	@Property
	void shouldTakeOnlyTheTwoSourcesAndTheRecountOnlyAsAReplay(@ForAll String setting, @ForAll boolean replay) {
		String value = setting.trim().toLowerCase(java.util.Locale.ROOT);
		if (setting.isBlank() || value.equals("events")) {
			assertThat(ReplayFrom.of(replay, setting)).isEqualTo(ReplayFrom.EVENTS);
		}
		else if (value.equals("applied-events") && replay) {
			assertThat(ReplayFrom.of(replay, setting)).isEqualTo(ReplayFrom.APPLIED_EVENTS);
		}
		else if (value.equals("applied-events")) {
			assertThatIllegalArgumentException().isThrownBy(() -> ReplayFrom.of(replay, setting))
				.withMessageContaining("only runs as a replay");
		}
		else {
			assertThatIllegalArgumentException().isThrownBy(() -> ReplayFrom.of(replay, setting))
				.withMessageContaining("must be events or applied-events");
		}
	}

	@Test
	void shouldReadTheNamedSourcesWhateverTheirCase() {
		assertThat(ReplayFrom.of(true, " Applied-Events ")).isEqualTo(ReplayFrom.APPLIED_EVENTS);
		assertThat(ReplayFrom.of(false, "EVENTS")).isEqualTo(ReplayFrom.EVENTS);
		assertThat(ReplayFrom.of(false, null)).isEqualTo(ReplayFrom.EVENTS);
	}

	private static Set<String> internalTopics(IntakeSettings intake) {
		StreamsBuilder builder = new StreamsBuilder();
		TotalsTopology.build(builder, intake, Rules.standard(),
				new BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers());
		return TotalsTopology.internalTopics(builder);
	}

}
