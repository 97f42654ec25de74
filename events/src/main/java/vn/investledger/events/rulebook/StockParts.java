package vn.investledger.events.rulebook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import vn.investledger.events.Money;
import vn.investledger.events.ProjectState;
import vn.investledger.events.ProjectStatus;
import vn.investledger.events.Stock;
import vn.investledger.events.reference.VsicEditions;

/**
 * The stock of valid projects (DOMAIN.md, "The figures": lũy kế dự án còn hiệu lực): a
 * project is in it from its licence until it is terminated, with its current registered
 * capital and cumulative realised capital; a suspended project stays in it and is counted
 * apart. Each change of a project's state takes its old part out of the stock and puts
 * its new part in.
 */
public final class StockParts {

	private StockParts() {
	}

	/**
	 * What a change of a project's state does to the stock: its old part out of its old
	 * cell, its new part into its new cell. A project that stays in its cell still stamps
	 * it with its newest event.
	 * @param before the state before, {@code null} for none
	 * @param after the state after
	 * @param rules the VSIC editions the sector is restated with
	 * @return the changes of {@link Cell}s: both parts in one if the project stays in its
	 * cell
	 * @throws IllegalStateException if a project's amounts are not in its type's currency
	 */
	public static List<Stock> cellsOf(ProjectState before, ProjectState after, Rules rules) {
		Map<String, Stock> changes = new LinkedHashMap<>(4);
		if (isInStock(before)) {
			part(before, -1, after.newestEventAt(), rules, changes);
		}
		if (isInStock(after)) {
			part(after, 1, after.newestEventAt(), rules, changes);
		}
		return List.copyOf(changes.values());
	}

	/**
	 * The changes a cell's sum makes to the stock figures: one per cuboid it counts in.
	 * @param cell a sum of parts of one cell
	 * @return the changes of stock figures
	 */
	public static List<Stock> figuresOf(Stock cell) {
		List<Stock> changes = new ArrayList<>(Cuboid.values().length);
		for (Cuboid cuboid : Cuboid.values()) {
			Map<String, String> dimensions = cuboid.dimensionsOf(cell.dimensions());
			if (dimensions != null) {
				changes.add(cell.at(cuboid.id(), dimensions));
			}
		}
		return changes;
	}

	/**
	 * Whether a project counts in the stock.
	 * @param state a project's state, or {@code null}
	 * @return whether it is licensed, with its type and capital known, and not terminated
	 */
	public static boolean isInStock(ProjectState state) {
		return state != null && state.licensedOn() != null && state.investmentType() != null
				&& state.status() != ProjectStatus.TERMINATED && state.registeredCapital() != null;
	}

	/**
	 * The cell a project counts in while it is in the stock: the one its part of every
	 * stock figure is added to, and by which the projects behind a stock figure are
	 * found.
	 * @param state a project's state
	 * @param vsic the VSIC editions the sector is restated with
	 * @return the cell's dimensions, by {@link Cuboid.Dimension#cellKey()}, or
	 * {@code null} if the project is not in the stock ({@link #isInStock})
	 */
	public static Map<String, String> cellOf(ProjectState state, VsicEditions vsic) {
		if (!isInStock(state)) {
			return null;
		}
		return Cell.dimensions(state.provinceCode(), state.licensedOn(), state.zoneCode(), state.partnerCountry(),
				Flows.sectorOf(state), state.sectorClassifiedOn(), vsic);
	}

	private static void part(ProjectState state, int sign, Instant newest, Rules rules, Map<String, Stock> changes) {
		Map<String, String> dimensions = cellOf(state, rules.vsic());
		Money realised = (state.realisedCapital() != null) ? state.realisedCapital()
				: Money.zero(state.investmentType().currency());
		// a figure sums one currency: a project holding another (the ledger refuses an
		// event of the other type) is refused here, before its state is saved
		if (state.registeredCapital().currency() != state.investmentType().currency()
				|| realised.currency() != state.investmentType().currency()) {
			throw new IllegalStateException("Project " + state.projectCode() + " is " + state.investmentType()
					+ " but holds " + state.registeredCapital() + " registered and " + realised + " realised");
		}
		boolean suspended = state.status() == ProjectStatus.SUSPENDED;
		Stock part = new Stock(Cell.CUBOID, dimensions, state.investmentType(), sign, suspended ? sign : 0,
				new Money(sign * state.registeredCapital().minorUnits(), state.registeredCapital().currency()),
				new Money(sign * realised.minorUnits(), realised.currency()), newest);
		changes.merge(part.key(), part, Stock::plus);
	}

}
