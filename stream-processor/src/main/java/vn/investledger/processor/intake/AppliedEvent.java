package vn.investledger.processor.intake;

import java.util.List;

import vn.investledger.events.AppliedEntry;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.ProjectState;
import vn.investledger.events.Stock;
import vn.investledger.events.Total;

/**
 * An event the ledger applied, with the project's state before and after it and the
 * changes it makes to the figures' cells. The ledger computes the changes before it saves
 * the state, so an event whose changes cannot be computed is refused and changes nothing.
 *
 * @param event the event
 * @param before the project before the event
 * @param state the project after the event
 * @param afterGap whether it was applied with an earlier revision missing (the gap timed
 * out), or arrived after such a gap was closed
 * @param flowCells what it adds to the flow figures' cells
 * @param flowPeriods the periods its flow cells count in
 * @param stockCells what it changes in the stock figures' cells
 */
public record AppliedEvent(LicensingEvent event, ProjectState before, ProjectState state, boolean afterGap,
		List<Total> flowCells, List<String> flowPeriods, List<Stock> stockCells) {

	public AppliedEvent {
		flowCells = (flowCells != null) ? List.copyOf(flowCells) : List.of();
		flowPeriods = (flowPeriods != null) ? List.copyOf(flowPeriods) : List.of();
		stockCells = (stockCells != null) ? List.copyOf(stockCells) : List.of();
	}

	/**
	 * An applied event whose changes of cells are still to be computed.
	 * @param event the event
	 * @param before the project before
	 * @param state the project after
	 * @param afterGap whether a gap preceded it
	 */
	public AppliedEvent(LicensingEvent event, ProjectState before, ProjectState state, boolean afterGap) {
		this(event, before, state, afterGap, List.of(), List.of(), List.of());
	}

	/**
	 * The same event with the changes it makes to the figures' cells.
	 * @param flows the flow cells' changes
	 * @param periods the periods the flow cells count in
	 * @param stock the stock cells' changes
	 * @return a copy
	 */
	public AppliedEvent withCells(List<Total> flows, List<String> periods, List<Stock> stock) {
		return new AppliedEvent(this.event, this.before, this.state, this.afterGap, flows, periods, stock);
	}

	/**
	 * What the event adds to the flow figures, for its entry in the applied events.
	 * @return the flow, or {@code null} if it makes none
	 */
	public AppliedEntry.Flow flow() {
		return this.flowCells.isEmpty() ? null : new AppliedEntry.Flow(this.flowCells.get(0), this.flowPeriods);
	}

}
