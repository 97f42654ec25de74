package vn.investledger.console.release;

import java.util.SortedMap;

import vn.investledger.console.release.ReleaseFigures.Figure;
import vn.investledger.events.Currency;
import vn.investledger.index.FlowDocument;

/**
 * The flows of one investment type from 1 January to a release's cut-off, exact: new
 * projects, adjustments (lượt) and contributions with their capital, the contributions
 * split by whether they raise the enterprise's charter capital, and realised capital.
 * Made only by adding flows to {@link #ZERO}.
 *
 * @param newProjects new projects
 * @param newCapital their registered capital, with the year's adjustments of projects
 * licensed in the year
 * @param adjustments increases of capital of projects licensed in earlier years
 * @param adjustedCapital the signed sum of those projects' changes of capital
 * @param contributions contributions and share purchases
 * @param contributionCapital their value
 * @param raisingContributions of the contributions, those that raise the enterprise's
 * charter capital (làm tăng vốn điều lệ)
 * @param raisingCapital their value
 * @param otherContributions the share purchases that do not raise it
 * @param otherCapital their value
 * @param realisedCapital capital disbursed
 */
public record YearToDate(long newProjects, long newCapital, long adjustments, long adjustedCapital, long contributions,
		long contributionCapital, long raisingContributions, long raisingCapital, long otherContributions,
		long otherCapital, long realisedCapital) {

	static final YearToDate ZERO = new YearToDate(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

	/**
	 * The headline figure: new, adjusted and contributed capital together.
	 * @return the sum
	 */
	public long registeredCapital() {
		return Math.addExact(Math.addExact(this.newCapital, this.adjustedCapital), this.contributionCapital);
	}

	/**
	 * These flows and one event's.
	 * @param flow the event's flow
	 * @param raisesCharterCapital for a contribution, whether it raises the charter
	 * capital; ignored for an event without one
	 * @return the sum
	 */
	YearToDate plus(FlowDocument flow, boolean raisesCharterCapital) {
		long count = flow.contributions();
		long value = flow.contributionCapital().minorUnits();
		return new YearToDate(Math.addExact(this.newProjects, flow.newProjects()),
				Math.addExact(this.newCapital, flow.newCapital().minorUnits()),
				Math.addExact(this.adjustments, flow.adjustments()),
				Math.addExact(this.adjustedCapital, flow.adjustedCapital().minorUnits()),
				Math.addExact(this.contributions, count), Math.addExact(this.contributionCapital, value),
				Math.addExact(this.raisingContributions, raisesCharterCapital ? count : 0),
				Math.addExact(this.raisingCapital, raisesCharterCapital ? value : 0),
				Math.addExact(this.otherContributions, raisesCharterCapital ? 0 : count),
				Math.addExact(this.otherCapital, raisesCharterCapital ? 0 : value),
				Math.addExact(this.realisedCapital, flow.realisedCapital().minorUnits()));
	}

	/**
	 * Whether a flow holds a contribution, whose split needs its event's flag.
	 * @param flow a flow
	 * @return whether it counts a contribution or its value
	 */
	static boolean hasContribution(FlowDocument flow) {
		return flow.contributions() != 0 || flow.contributionCapital().minorUnits() != 0;
	}

	void addTo(SortedMap<String, Figure> figures, String prefix, Currency currency) {
		figures.put(prefix + "registered.capital", Figure.money(registeredCapital(), currency));
		figures.put(prefix + "new.projects", Figure.count(this.newProjects));
		figures.put(prefix + "new.capital", Figure.money(this.newCapital, currency));
		figures.put(prefix + "adjustments", Figure.count(this.adjustments));
		figures.put(prefix + "adjusted.capital", Figure.money(this.adjustedCapital, currency));
		figures.put(prefix + "contributions", Figure.count(this.contributions));
		figures.put(prefix + "contribution.capital", Figure.money(this.contributionCapital, currency));
		figures.put(prefix + "contributions.raising", Figure.count(this.raisingContributions));
		figures.put(prefix + "contribution.raising.capital", Figure.money(this.raisingCapital, currency));
		figures.put(prefix + "contributions.other", Figure.count(this.otherContributions));
		figures.put(prefix + "contribution.other.capital", Figure.money(this.otherCapital, currency));
		figures.put(prefix + "realised.capital", Figure.money(this.realisedCapital, currency));
	}

	/**
	 * The names of the figures a flow changes, as {@link #addTo} names them.
	 * @param flow a flow
	 * @param prefix {@code ""} for the release's year, {@link ReleaseFigures#PREVIOUS}
	 * for the comparison year
	 * @param raisesCharterCapital for a contribution, whether it raises the charter
	 * capital
	 * @param names the names to add to
	 */
	static void namesChangedBy(FlowDocument flow, String prefix, boolean raisesCharterCapital,
			java.util.Set<String> names) {
		if (flow.registeredCapital().minorUnits() != 0) {
			names.add(prefix + "registered.capital");
		}
		if (flow.newProjects() != 0) {
			names.add(prefix + "new.projects");
		}
		if (flow.newCapital().minorUnits() != 0) {
			names.add(prefix + "new.capital");
		}
		if (flow.adjustments() != 0) {
			names.add(prefix + "adjustments");
		}
		if (flow.adjustedCapital().minorUnits() != 0) {
			names.add(prefix + "adjusted.capital");
		}
		if (flow.contributions() != 0) {
			names.add(prefix + "contributions");
			names.add(prefix + (raisesCharterCapital ? "contributions.raising" : "contributions.other"));
		}
		if (flow.contributionCapital().minorUnits() != 0) {
			names.add(prefix + "contribution.capital");
			names.add(prefix + (raisesCharterCapital ? "contribution.raising.capital" : "contribution.other.capital"));
		}
		if (flow.realisedCapital().minorUnits() != 0) {
			names.add(prefix + "realised.capital");
		}
	}

}
