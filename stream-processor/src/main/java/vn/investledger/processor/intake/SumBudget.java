package vn.investledger.processor.intake;

import vn.investledger.events.CapitalAdjusted;
import vn.investledger.events.CapitalContributed;
import vn.investledger.events.Disbursed;
import vn.investledger.events.Licensed;
import vn.investledger.events.LicensingEvent;

/**
 * Why no figure can overflow, and the check that makes it so before any figure changes.
 * <p>
 * Figures are summed in several places (a task's pending cells, then each figure across
 * tasks), so no single place sees a figure's final sum before an event counts. Instead
 * each task keeps, per current unit, the <em>volume</em> of the events it applied: for
 * each event the absolute value of its amount, plus the registered capital it states (a
 * licence's capital, an adjustment's new capital) and a disbursement's amount once more.
 * Every figure is bounded by twice the volume of all tasks and units:
 * <ul>
 * <li>a flow figure (new, adjusted, contributed, realised capital, their sum, and the USD
 * equivalents, which a rate of at least 100 đồng per dollar can only shrink) is a sum of
 * some events' amounts, at most the volume;</li>
 * <li>a stock figure is the sum, over its projects, of one state's registered or realised
 * capital, and any partial sum on its way to the figure holds at most two states per
 * project (the one taken out and the one put in); a state's registered capital is one the
 * project stated, its realised capital a sum of its disbursements: at most twice the
 * volume.</li>
 * </ul>
 * So a task refuses an event that would take a unit's volume past
 * {@code Long.MAX_VALUE / (2 × tasks × units)}: then no sum anywhere exceeds a
 * {@code long}. With 6 tasks and 34 units that is 2.26 × 10¹⁶ minor units per unit and
 * task (22.6 million tỷ đồng), 1.36 × 10¹⁷ per unit over its tasks: a hundred times the
 * registered capital of every zone in the country. The bound is per unit, so one unit's
 * events can never use another unit's room.
 *
 * @param tasks the number of tasks (partitions of the event topics)
 * @param units the number of current units
 */
record SumBudget(int tasks, int units) {

	SumBudget {
		if (tasks < 1 || units < 1) {
			throw new IllegalArgumentException("tasks and units must be positive");
		}
	}

	/**
	 * The most volume one unit's events may have in one task.
	 * @return minor units of either currency
	 */
	long perUnitAndTask() {
		return Long.MAX_VALUE / (2L * this.tasks * this.units);
	}

	/**
	 * An event's volume (see the class comment). Every amount is within the contract's
	 * bound, so this cannot overflow.
	 * @param event a valid event
	 * @return minor units
	 */
	static long volumeOf(LicensingEvent event) {
		return switch (event) {
			case Licensed licence -> 2 * licence.registeredCapital().minorUnits();
			case CapitalAdjusted adjustment ->
				Math.abs(adjustment.capitalChange().minorUnits()) + adjustment.newRegisteredCapital().minorUnits();
			case CapitalContributed contribution -> contribution.amount().minorUnits();
			case Disbursed disbursement -> 2 * disbursement.amount().minorUnits();
			default -> 0;
		};
	}

}
