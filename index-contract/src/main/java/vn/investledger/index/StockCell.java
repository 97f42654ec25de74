package vn.investledger.index;

import java.util.LinkedHashMap;
import java.util.Map;

import vn.investledger.events.ProjectState;
import vn.investledger.events.ProjectStatus;
import vn.investledger.events.reference.VsicEditions;
import vn.investledger.events.rulebook.Cuboid;
import vn.investledger.events.rulebook.StockParts;

/**
 * Where a project counts in the stock of valid projects, in its {@link ProjectDocument}:
 * the cell the processor adds its part to ({@link StockParts#cellOf}). The projects
 * behind a stock figure are the documents whose stock cell has the figure's type and the
 * value of each of the cuboid's dimensions ({@link #filterOf}); their count, suspended
 * ones, registered and realised capital sum exactly to the figure.
 *
 * @param investmentType FDI or DDI
 * @param cell the cell's dimensions, by {@link Cuboid.Dimension#cellKey()}: the province
 * as licensed, today's unit ({@code restated}), and the zone, partner country and VSIC
 * 2025 section where known
 * @param suspended whether the project is suspended (counted apart, and still in the
 * stock)
 */
public record StockCell(String investmentType, Map<String, String> cell, boolean suspended) {

	/**
	 * The stock cell of a project's state.
	 * @param state the state
	 * @param vsic the VSIC editions its sector is restated with
	 * @return the cell, {@code null} if the project is not in the stock
	 */
	public static StockCell of(ProjectState state, VsicEditions vsic) {
		Map<String, String> cell = StockParts.cellOf(state, vsic);
		if (cell == null) {
			return null;
		}
		return new StockCell(state.investmentType().name(), cell, state.status() == ProjectStatus.SUSPENDED);
	}

	/**
	 * The term filters that select the projects behind one stock figure, as field and
	 * value: {@code stock.investmentType} and each of the cuboid's dimensions under
	 * {@code stock.cell}.
	 * @param cuboid the figure's cuboid
	 * @param dimensions its dimensions' values, by {@link Cuboid.Dimension#figureKey()}:
	 * exactly the cuboid's
	 * @param investmentType FDI or DDI
	 * @return the fields and the values they must hold
	 * @throws IllegalArgumentException if the dimensions are not the cuboid's
	 */
	public static Map<String, String> filterOf(Cuboid cuboid, Map<String, String> dimensions, String investmentType) {
		cuboid.requireDimensions(dimensions.keySet());
		Map<String, String> terms = new LinkedHashMap<>();
		terms.put("stock.investmentType", investmentType);
		for (Cuboid.Dimension dimension : cuboid.dimensions()) {
			terms.put("stock.cell." + dimension.cellKey(), dimensions.get(dimension.figureKey()));
		}
		return terms;
	}

}
