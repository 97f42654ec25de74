package vn.investledger.events.rulebook;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import vn.investledger.events.CapitalAdjusted;
import vn.investledger.events.Licensed;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Money;
import vn.investledger.events.ProjectState;
import vn.investledger.events.ProjectStatus;
import vn.investledger.events.Resumed;
import vn.investledger.events.Suspended;
import vn.investledger.events.Terminated;
import vn.investledger.events.reference.Provinces;

/**
 * What a project's life allows of its next event, beyond what the contract's schemas can
 * say of an event alone (DOMAIN.md, "Events"): no flow after its termination, no
 * adjustment before its licence, one province throughout (or the unit that absorbed it),
 * and an adjustment whose change leads from the capital before it to the capital it
 * states. The ledger refuses an event any of these names ({@code INVALID}); the recount
 * decides the status alike ({@link #endedBefore}).
 */
public final class ProjectLife {

	private ProjectLife() {
	}

	/**
	 * Which revision set a project's status, and the date it took effect.
	 *
	 * @param revision the revision
	 * @param since the status's effective date, {@code null} if not known
	 */
	public record Status(long revision, LocalDate since) {

	}

	/**
	 * What a status event says of its project's status: a licence and a resumption that
	 * it is valid, a suspension that it is suspended, a termination that it has ended.
	 *
	 * @param status the status it sets
	 * @param on its effective date
	 * @param resumption whether it is a resumption: after a termination, only a
	 * resumption dated after the end reinstates the project
	 */
	public record StatusChange(ProjectStatus status, LocalDate on, boolean resumption) {

		/**
		 * What an event says of its project's status.
		 * @param event an event
		 * @return the change, or {@code null} for an event that sets no status
		 */
		public static StatusChange of(LicensingEvent event) {
			ProjectStatus status = switch (event) {
				case Licensed licence -> ProjectStatus.VALID;
				case Resumed resumed -> ProjectStatus.VALID;
				case Suspended suspended -> ProjectStatus.SUSPENDED;
				case Terminated terminated -> ProjectStatus.TERMINATED;
				default -> null;
			};
			return (status != null)
					? new StatusChange(status, event.envelope().effectiveDate(), event instanceof Resumed) : null;
		}

	}

	/**
	 * A project's status folded from its status events.
	 *
	 * @param status the status, {@code null} if no event set one
	 * @param setBy which revision set it, and its date ({@code Status(0, null)} if none)
	 */
	public record FoldedStatus(ProjectStatus status, Status setBy) {

	}

	/**
	 * A project's status from its status events folded in revision order, whatever order
	 * they arrived in: each sets the status, but one that follows a termination and is
	 * not a resumption dated after its end, which leaves the project ended
	 * ({@link #endedBefore}). So a termination that arrives late, after a suspension it
	 * precedes was applied, ends the project all the same, as it would have had it
	 * arrived in order (the suspension then dated on or before the end, or refused); and
	 * the releases, which fold each project's events in revision order ({@link Fold}),
	 * find the same status.
	 * @param changes each status event's change, by revision
	 * @return the status and which revision set it
	 */
	public static FoldedStatus foldStatus(SortedMap<Long, StatusChange> changes) {
		ProjectStatus status = null;
		Status setBy = new Status(0, null);
		for (Map.Entry<Long, StatusChange> change : changes.entrySet()) {
			if (!keepsEnded(status, setBy, change.getKey(), change.getValue())) {
				status = change.getValue().status();
				setBy = new Status(change.getKey(), change.getValue().on());
			}
		}
		return new FoldedStatus(status, setBy);
	}

	/**
	 * Whether a status event leaves a terminated project ended: it follows the
	 * termination, and is not a resumption dated after its end (what is dated on or
	 * before the end happened before it; a licence, suspension or termination dated after
	 * it is refused when it arrives after the termination, {@link #afterTermination}, and
	 * one applied before a late termination arrived changes nothing either).
	 */
	private static boolean keepsEnded(ProjectStatus status, Status setBy, long revision, StatusChange change) {
		return status == ProjectStatus.TERMINATED && setBy.since() != null && revision >= setBy.revision()
				&& !(change.resumption() && change.on().isAfter(setBy.since()));
	}

	/**
	 * A project's state folded from its events in revision order, as the ledger keeps it
	 * whatever order they arrived in: the releases fold the events known at an instant
	 * so. The status follows {@link #endedBefore}, as {@link #foldStatus} does: after a
	 * termination only a resumption dated after its end changes it.
	 */
	public static final class Fold {

		private ProjectState state;

		private Status status = new Status(0, null);

		/**
		 * A project without events yet.
		 * @param projectCode its code
		 */
		public Fold(String projectCode) {
			this.state = ProjectState.none(projectCode);
		}

		/**
		 * The state after the next revision.
		 * @param event the event, of a higher revision than every one before
		 * @param unit the unit of its topic
		 * @return the state after it
		 */
		public ProjectState apply(LicensingEvent event, String unit) {
			boolean setsStatus = StateTransitions.setsStatus(event) && !endedBefore(this.state, this.status, event);
			this.state = StateTransitions.apply(this.state, event, unit, StateTransitions.statesRegistered(event),
					setsStatus, List.of());
			if (setsStatus) {
				this.status = new Status(event.envelope().revision(), event.envelope().effectiveDate());
			}
			return this.state;
		}

		/**
		 * The state after the events so far.
		 * @return the state
		 */
		public ProjectState state() {
			return this.state;
		}

	}

	/**
	 * A terminated project stays ended, and makes no flow after its end. Of the revisions
	 * after the termination's: an adjustment, a contribution or a disbursement dated
	 * after the end is refused, since it would add to the flows of a project whose
	 * certificate no longer holds; a suspension or a new termination dated after it is
	 * refused too (it is ended already); a resumption dated after it reinstates the
	 * project, the way to correct a termination sent by mistake. Whatever is dated on or
	 * before the end happened before it and was recorded late: a flow is applied, a
	 * status event applied without changing the status ({@link #endedBefore}). A revision
	 * before the termination's, arriving late, applies as any other.
	 * @param state the project's state before the event
	 * @param status which revision set that status, and its date
	 * @param event the event
	 * @return why the event cannot follow the project's end, or {@code null} if it may
	 */
	public static String afterTermination(ProjectState state, Status status, LicensingEvent event) {
		LocalDate ended = endedOn(state, status, event);
		if (ended == null || !event.envelope().effectiveDate().isAfter(ended) || event instanceof Resumed) {
			return null;
		}
		LocalDate on = event.envelope().effectiveDate();
		boolean setsStatus = StateTransitions.setsStatus(event);
		return "Project " + event.key() + " was terminated on " + ended + " (revision " + status.revision() + "): this "
				+ event.kind().jsonName() + ", dated " + on
				+ (setsStatus ? ", cannot change a project that has ended"
						: ", would add to the flows of a project whose certificate no longer holds")
				+ ". Check the project code and the date; if the termination was sent by mistake, send a"
				+ " resumption first";
	}

	/**
	 * Whether a status event of a terminated project, recorded after its termination,
	 * happened before the end (dated on or before it), or is a suspension or termination
	 * dated after it that was applied before the termination arrived: the project stays
	 * terminated.
	 * @param state the project's state before the event
	 * @param status which revision set that status, and its date
	 * @param event the event
	 * @return whether it is applied without changing the status
	 */
	public static boolean endedBefore(ProjectState state, Status status, LicensingEvent event) {
		StatusChange change = StatusChange.of(event);
		return change != null && keepsEnded(state.status(), status, event.envelope().revision(), change);
	}

	/**
	 * The day the project ended, if it is terminated and the event is a later revision
	 * than the termination; else {@code null}.
	 */
	private static LocalDate endedOn(ProjectState state, Status status, LicensingEvent event) {
		if (state.status() != ProjectStatus.TERMINATED || status.since() == null
				|| event.envelope().revision() < status.revision()) {
			return null;
		}
		return status.since();
	}

	/**
	 * An adjustment changes a licensed project's certificate: it cannot be dated before
	 * the licence, whose year decides whether it counts as part of the new capital (the
	 * same year) or as an adjustment of a project licensed in an earlier year.
	 * @param before the project's state before the event
	 * @param event the event
	 * @return why the adjustment is dated before its project's licence, or {@code null}
	 */
	public static String adjustedBeforeLicence(ProjectState before, LicensingEvent event) {
		LocalDate licensedOn = before.licensedOn();
		LocalDate on = event.envelope().effectiveDate();
		if (!(event instanceof CapitalAdjusted) || licensedOn == null || !on.isBefore(licensedOn)) {
			return null;
		}
		return "Adjustment of project " + event.key() + " is dated " + on + ", before the project's licence on "
				+ licensedOn + ": an adjustment changes a licensed project's certificate. Correct"
				+ " envelope.effectiveDate (the date of the adjusted certificate) and resend";
	}

	/**
	 * Every event of a licensed project names its province as licensed, or the unit that
	 * holds that territory on the event's date (after the 2025 merger, Hải Phòng's 31 for
	 * a project licensed in Hải Dương's 30): the flows of an event are counted under the
	 * province it names. A licence itself names the province, and a project known only
	 * from its contributions has none to hold an event to.
	 * @param before the project's state before the event
	 * @param event the event
	 * @return why the event names another province, or {@code null} if it does not
	 */
	public static String misnamedProvince(ProjectState before, LicensingEvent event) {
		String licensed = before.provinceCode();
		LocalDate licensedOn = before.licensedOn();
		if (event instanceof Licensed || licensed == null || licensedOn == null) {
			return null;
		}
		String named = event.envelope().provinceCode();
		LocalDate on = event.envelope().effectiveDate();
		Provinces provinces = Provinces.standard();
		if (!provinces.inForce(licensed, licensedOn) || !provinces.inForce(named, on)) {
			// the contract's check of each date's province comes first; reference data
			// changed since cannot be judged here
			return null;
		}
		String expected = on.isBefore(licensedOn) ? null : provinces.unitOn(licensed, licensedOn, on);
		boolean consistent = (expected != null) ? named.equals(expected)
				: licensed.equals(provinces.unitOn(named, on, licensedOn));
		if (consistent) {
			return null;
		}
		return "Project " + event.key() + " was licensed in province " + licensed + " ("
				+ provinces.nameOn(licensed, licensedOn) + ") on " + licensedOn + "; this event, dated " + on
				+ ", names province " + named + " (" + provinces.nameOn(named, on) + ")"
				+ ((expected != null) ? ", where that territory was province " + expected + " on that date" : "")
				+ ": every event of a project names the province it was licensed in (or the unit that absorbed it), "
				+ "whose figures count it. Correct envelope.provinceCode and resend";
	}

	/**
	 * An adjustment applied in order, with every earlier revision applied, changes the
	 * registered capital that the revision before it stated: its change must lead from
	 * that to its new registered capital, since the flows count the change and the stock
	 * takes the new capital. While a revision before it is missing (a gap timed out), the
	 * capital before it is not known, and nothing is checked; once every revision before
	 * it is applied, it is checked, whether it arrives in order or late.
	 * @param adjustment the adjustment
	 * @param registered the registered capital the revision before it stated
	 * @param statedBy that revision
	 * @return why the step is inconsistent, or {@code null} if it is not
	 */
	public static String inconsistentStep(CapitalAdjusted adjustment, Money registered, long statedBy) {
		if (registered == null || registered.currency() != adjustment.capitalChange().currency()) {
			return null;
		}
		long expected;
		try {
			expected = Math.addExact(registered.minorUnits(), adjustment.capitalChange().minorUnits());
		}
		catch (ArithmeticException ex) {
			expected = Long.MIN_VALUE;
		}
		if (expected == adjustment.newRegisteredCapital().minorUnits()) {
			return null;
		}
		return "Adjustment " + adjustment.adjustmentNumber() + " of project " + adjustment.key()
				+ " changes the registered capital by " + adjustment.capitalChange() + ", from " + registered
				+ " (revision " + statedBy + ") to " + adjustment.newRegisteredCapital() + ": the change and the new"
				+ " registered capital disagree (the figures would count the one and the stock the other). Correct"
				+ " either and resend";
	}

	/**
	 * A revision that states the registered capital (a licence, an adjustment) arriving
	 * after the next revision that stated it, an adjustment already applied: that
	 * adjustment's change must lead from this revision's capital to its own, or the flows
	 * (which count the change) and the stock (which takes the capital) disagree.
	 * @param event the late revision
	 * @param registered the capital it states
	 * @param nextRevision the next revision that stated the capital
	 * @param nextChange that adjustment's change
	 * @param nextRegistered that adjustment's new capital
	 * @return why they disagree, or {@code null} if they do not
	 */
	public static String inconsistentWithNext(LicensingEvent event, Money registered, long nextRevision,
			Money nextChange, Money nextRegistered) {
		if (registered == null || nextChange == null || nextRegistered == null
				|| registered.currency() != nextChange.currency()) {
			return null;
		}
		long expected;
		try {
			expected = Math.addExact(registered.minorUnits(), nextChange.minorUnits());
		}
		catch (ArithmeticException ex) {
			expected = Long.MIN_VALUE;
		}
		if (expected == nextRegistered.minorUnits()) {
			return null;
		}
		return "Revision " + event.envelope().revision() + " of project " + event.key() + " states a registered"
				+ " capital of " + registered + ", but revision " + nextRevision + ", applied already, changes the"
				+ " capital by " + nextChange + " to " + nextRegistered + ": from this capital it would reach "
				+ ((expected == Long.MIN_VALUE) ? "no amount" : new Money(expected, registered.currency()))
				+ " (the figures would count the one and the stock the other). Correct the amounts and resend";
	}

}
