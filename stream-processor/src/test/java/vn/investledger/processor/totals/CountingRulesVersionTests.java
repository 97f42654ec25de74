package vn.investledger.processor.totals;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import vn.investledger.events.EventJson;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.reference.TableFingerprint;
import vn.investledger.events.rulebook.Rules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The counting rules' version ({@link Rules#COUNTING_VERSION}) is one of the fingerprints
 * the figures are recorded under, so that a version that counts otherwise is not mixed
 * into figures counted by the one before: its deployments are refused until they count
 * again. It is set by hand, so this test holds it to the code: the figures the topology
 * makes of a fixed ledger (every flow and stock figure, as published) are recorded here
 * under each version, and a change of them with the version unchanged fails.
 */
class CountingRulesVersionTests {

	/**
	 * Per version: the SHA-256 of the fixed ledger's figures, as {@link #digest} writes
	 * them.
	 */
	private static final Map<String, String> FIGURES_BY_VERSION = Map.of("2026-12-06",
			"6d22a80fee360a1ee714f91782132a80feaa1e11490abf411bd7a9f705f3c2be", "2026-12-07",
			// a project's status folded from its status events in revision order,
			// whatever
			// order they arrived in: the fixed ledger's figures are the same
			"6d22a80fee360a1ee714f91782132a80feaa1e11490abf411bd7a9f705f3c2be");

	@Test
	void shouldCountAFixedLedgerAsTheCountingRulesVersionRecords() {
		Random random = new Random(20_261_206L);
		RandomLedger ledger = RandomLedger.generate("V", 40, random);
		List<LicensingEvent> deliveries = ledger.deliveries(random);

		TotalsPropertyTests.Figures figures = TotalsPropertyTests.run(deliveries);

		// the ledger is one that counts something in every kind of figure
		assertThat(figures.totals()).hasSizeGreaterThan(100);
		assertThat(figures.stock()).isNotEmpty();
		assertThat(digest(figures))
			.as("The figures of the fixed ledger changed. If the counting rules changed, set Rules.COUNTING_VERSION to"
					+ " a new version and record its digest here (deployments then count again, README \"Recount\");"
					+ " if they did not, find what changed the figures")
			.isEqualTo(FIGURES_BY_VERSION.get(Rules.COUNTING_VERSION));
	}

	/**
	 * Every figure by key, in key order, as JSON with its maps' entries in key order too
	 * (a figure's dimensions are an immutable map, whose order changes from one JVM to
	 * the next).
	 */
	private static String digest(TotalsPropertyTests.Figures figures) {
		JsonMapper json = EventJson.mapper().rebuild().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
		StringBuilder rows = new StringBuilder();
		figures.totals()
			.forEach((key, total) -> rows.append(key).append('=').append(json.writeValueAsString(total)).append('\n'));
		figures.stock()
			.forEach((key, stock) -> rows.append(key).append('=').append(json.writeValueAsString(stock)).append('\n'));
		return TableFingerprint.of(List.of(rows.toString()));
	}

}
