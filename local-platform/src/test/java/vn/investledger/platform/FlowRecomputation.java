package vn.investledger.platform;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

import vn.investledger.events.CapitalAdjusted;
import vn.investledger.events.CapitalContributed;
import vn.investledger.events.Disbursed;
import vn.investledger.events.Licensed;
import vn.investledger.events.LicensingEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flows a ledger of events adds up to, recomputed plainly, sharing no code with the
 * topology: what the platform tests compare the processor's and the index's figures with.
 */
final class FlowRecomputation {

	private FlowRecomputation() {
	}

	/**
	 * Flows per province as licensed and nationally, per type ({@code "31|FDI"},
	 * {@code "|FDI"}), each {@code [new, count, adjusted, count, contributed, count,
	 * realised]}, from events in the order the ledger applies them (each project's in
	 * revision order). An adjustment of a project licensed the same year adds to the new
	 * capital; only an increase counts as an adjustment.
	 * @param applied the events, each once, each project's in revision order
	 * @return the figures by key
	 */
	static Map<String, long[]> flows(List<LicensingEvent> applied) {
		Map<String, long[]> figures = new TreeMap<>();
		Map<String, Integer> licensedIn = new HashMap<>();
		for (LicensingEvent event : applied) {
			String project = event.envelope().projectCode();
			int slot;
			long amount;
			String type;
			switch (event) {
				case Licensed licence -> {
					slot = 0;
					amount = licence.registeredCapital().minorUnits();
					type = licence.investmentType().name();
					licensedIn.put(project, licence.envelope().effectiveDate().getYear());
				}
				case CapitalAdjusted adjustment -> {
					boolean sameYear = Integer.valueOf(adjustment.envelope().effectiveDate().getYear())
						.equals(licensedIn.get(project));
					slot = sameYear ? 0 : 2;
					amount = adjustment.capitalChange().minorUnits();
					type = adjustment.investmentType().name();
				}
				case CapitalContributed contribution -> {
					slot = 4;
					amount = contribution.amount().minorUnits();
					type = contribution.investmentType().name();
				}
				case Disbursed disbursement -> {
					slot = 6;
					amount = disbursement.amount().minorUnits();
					type = disbursement.investmentType().name();
				}
				default -> {
					continue;
				}
			}
			for (String key : List.of(event.envelope().provinceCode() + "|" + type, "|" + type)) {
				long[] figure = figures.computeIfAbsent(key, (k) -> new long[7]);
				figure[slot] = Math.addExact(figure[slot], amount);
				boolean counted = (event instanceof CapitalAdjusted) ? (slot == 2 && amount > 0) : slot < 6;
				if (counted) {
					figure[slot + 1]++;
				}
			}
		}
		return figures;
	}

	/**
	 * Asserts that a figure as the totals APIs answer it equals a recomputed one.
	 * @param figure the API's answer
	 * @param expected the recomputed figure
	 * @param name what it is, for the message
	 */
	static void assertFigure(JsonNode figure, long[] expected, String name) {
		assertThat(figure).as("%s: no figure", name).isNotNull();
		assertThat(amounts(figure)).as("%s (new, count, adjusted, count, contributed, count, realised)", name)
			.containsExactly(expected);
	}

	/**
	 * A figure's amounts and counts as the totals APIs answer them, or an event's flow as
	 * the drill-down lists it.
	 * @param figure the figure or flow
	 * @return {@code [new, count, adjusted, count, contributed, count, realised]}
	 */
	static long[] amounts(JsonNode figure) {
		return new long[] { figure.get("newCapital").get("minorUnits").asLong(), figure.get("newProjects").asLong(),
				figure.get("adjustedCapital").get("minorUnits").asLong(), figure.get("adjustments").asLong(),
				figure.get("contributionCapital").get("minorUnits").asLong(), figure.get("contributions").asLong(),
				figure.get("realisedCapital").get("minorUnits").asLong() };
	}

}
