package vn.investledger.index;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import vn.investledger.events.AppliedEntry;
import vn.investledger.events.Money;
import vn.investledger.events.Total;
import vn.investledger.events.UsdEquivalent;
import vn.investledger.events.rulebook.Cuboid;

/**
 * What one applied event adds to the flow figures, in its {@link HistoryDocument}: the
 * coordinates that decide which figures it counts in, and the amounts it adds to each of
 * them. The events behind a figure are the history documents whose flow has the figure's
 * type, names its period among {@link #periods} and has the value of each of the cuboid's
 * dimensions in {@link #cell} ({@link #filterOf}); their amounts sum exactly to the
 * figure.
 *
 * @param investmentType FDI or DDI
 * @param cell the cell's dimensions, by {@link Cuboid.Dimension#cellKey()}: the province
 * as licensed, today's unit ({@code restated}), and the zone, partner country and VSIC
 * 2025 section where known
 * @param part the first day of the part of the month it counts in
 * @param periods every period it counts in
 * @param newCapital new registered capital
 * @param newProjects new projects
 * @param adjustedCapital adjusted capital
 * @param adjustments adjustments counted
 * @param contributionCapital contributions' value
 * @param contributions contributions counted
 * @param realisedCapital realised capital
 * @param registeredCapital the registered capital it adds (new, adjusted and contributed)
 * @param usdEquivalent the USD equivalents of its amounts
 */
public record FlowDocument(String investmentType, Map<String, String> cell, String part, List<String> periods,
		Money newCapital, long newProjects, Money adjustedCapital, long adjustments, Money contributionCapital,
		long contributions, Money realisedCapital, Money registeredCapital, UsdEquivalent usdEquivalent) {

	/**
	 * The document of an entry's flow.
	 * @param flow the flow, or {@code null}
	 * @return the document, {@code null} for none
	 */
	public static FlowDocument of(AppliedEntry.Flow flow) {
		if (flow == null) {
			return null;
		}
		Total cell = flow.cell();
		return new FlowDocument(cell.investmentType().name(), cell.dimensions(), cell.period(), flow.periods(),
				cell.newCapital(), cell.newProjects(), cell.adjustedCapital(), cell.adjustments(),
				cell.contributionCapital(), cell.contributions(), cell.realisedCapital(), cell.registeredCapital(),
				cell.usdEquivalent());
	}

	/**
	 * The term filters that select the events behind one figure, as field and value:
	 * {@code flow.investmentType}, {@code flow.periods} and each of the cuboid's
	 * dimensions under {@code flow.cell}.
	 * @param cuboid the figure's cuboid
	 * @param dimensions its dimensions' values, by {@link Cuboid.Dimension#figureKey()}:
	 * exactly the cuboid's
	 * @param period its period
	 * @param investmentType FDI or DDI
	 * @return the fields and the values they must hold
	 * @throws IllegalArgumentException if the dimensions are not the cuboid's
	 */
	public static Map<String, String> filterOf(Cuboid cuboid, Map<String, String> dimensions, String period,
			String investmentType) {
		cuboid.requireDimensions(dimensions.keySet());
		Map<String, String> terms = new LinkedHashMap<>();
		terms.put("flow.investmentType", investmentType);
		terms.put("flow.periods", period);
		for (Cuboid.Dimension dimension : cuboid.dimensions()) {
			terms.put("flow.cell." + dimension.cellKey(), dimensions.get(dimension.figureKey()));
		}
		return terms;
	}

}
