package vn.investledger.events.rulebook;

import java.util.List;

import vn.investledger.events.CapitalAdjusted;
import vn.investledger.events.CapitalContributed;
import vn.investledger.events.Disbursed;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Investor;
import vn.investledger.events.Licensed;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Money;
import vn.investledger.events.ProjectState;
import vn.investledger.events.ProjectStatus;
import vn.investledger.events.Resumed;
import vn.investledger.events.Suspended;
import vn.investledger.events.Terminated;
import vn.investledger.events.Total;

/**
 * How an event changes a project's state (DOMAIN.md, "Events"): a licence names the
 * project and states its capital and status; an adjustment states the new capital; a
 * contribution and a disbursement add to the contributed and realised capital; a
 * suspension, resumption and termination set the status.
 */
public final class StateTransitions {

	private StateTransitions() {
	}

	/**
	 * The state after an event. The registered capital is the one stated by the highest
	 * revision that states one (a licence, an adjustment), and the status the one set by
	 * the highest revision that sets one (a licence, a suspension, a resumption, a
	 * termination), whatever order the events arrive in: an event that arrives late adds
	 * its flows and fills attributes still unknown, and sets the capital or the status
	 * only if no later revision did. The first event names the project's owner: the unit
	 * of its topic.
	 * @param state the state before
	 * @param event the event
	 * @param unit the unit of the event's topic
	 * @param setsRegistered whether no later revision stated the registered capital
	 * @param setsStatus whether no later revision set the status
	 * @param missing the revisions still missing after this event
	 * @return the state after
	 */
	public static ProjectState apply(ProjectState state, LicensingEvent event, String unit, boolean setsRegistered,
			boolean setsStatus, List<Long> missing) {
		ProjectState.Builder after = state.toBuilder()
			.revision(Math.max(state.revision(), event.envelope().revision()))
			.missingRevisions(missing)
			.newestEventAt(Total.newer(state.newestEventAt(), event.envelope().emittedAt()))
			.ownerUnit((state.ownerUnit() != null) ? state.ownerUnit() : unit)
			.provinceCode((state.provinceCode() != null) ? state.provinceCode() : event.envelope().provinceCode());
		InvestmentType type = state.investmentType();
		switch (event) {
			case Licensed licence -> {
				after.investmentType(licence.investmentType())
					.provinceCode(licence.envelope().provinceCode())
					.projectName(licence.projectName())
					.investorNames(licence.investors().stream().map(Investor::name).toList())
					.zoneCode(licence.zoneCode())
					.partnerCountry(licence.partnerCountry())
					.sector(licence.sector(), licence.envelope().effectiveDate())
					.licensedOn(licence.envelope().effectiveDate());
				if (setsRegistered) {
					after.registeredCapital(licence.registeredCapital());
				}
				if (setsStatus) {
					after.status(ProjectStatus.VALID);
				}
			}
			case CapitalAdjusted adjustment -> {
				after.investmentType((type != null) ? type : adjustment.investmentType());
				if (setsRegistered) {
					after.registeredCapital(adjustment.newRegisteredCapital());
				}
			}
			case CapitalContributed contribution -> {
				if (state.sectorSection() == null) {
					after.sector(contribution.sector(), contribution.envelope().effectiveDate());
				}
				after.investmentType((type != null) ? type : contribution.investmentType())
					.projectName((state.projectName() != null) ? state.projectName() : contribution.enterpriseName())
					.investorNames(!state.investorNames().isEmpty() ? state.investorNames()
							: contribution.investors().stream().map(Investor::name).toList())
					.zoneCode((state.zoneCode() != null) ? state.zoneCode() : contribution.zoneCode())
					.partnerCountry((state.partnerCountry() != null) ? state.partnerCountry()
							: contribution.investors().get(0).country())
					.contributedCapital(add(state.contributedCapital(), contribution.amount()));
			}
			case Disbursed disbursement -> after.investmentType((type != null) ? type : disbursement.investmentType())
				.realisedCapital(add(state.realisedCapital(), disbursement.amount()));
			case Suspended suspended -> after.status(setsStatus ? ProjectStatus.SUSPENDED : state.status());
			case Resumed resumed -> after.status(setsStatus ? ProjectStatus.VALID : state.status());
			case Terminated terminated -> after.status(setsStatus ? ProjectStatus.TERMINATED : state.status());
		}
		return after.build();
	}

	/**
	 * Whether an event states the registered capital.
	 * @param event an event
	 * @return for a licence and an adjustment
	 */
	public static boolean statesRegistered(LicensingEvent event) {
		return event instanceof Licensed || event instanceof CapitalAdjusted;
	}

	/**
	 * Whether an event sets the status.
	 * @param event an event
	 * @return for a licence, a suspension, a resumption and a termination
	 */
	public static boolean setsStatus(LicensingEvent event) {
		return event instanceof Licensed || event instanceof Suspended || event instanceof Resumed
				|| event instanceof Terminated;
	}

	/**
	 * The investment type an event names.
	 * @param event an event
	 * @return FDI or DDI, or {@code null} for an event without amounts
	 */
	public static InvestmentType typeOf(LicensingEvent event) {
		return switch (event) {
			case Licensed licence -> licence.investmentType();
			case CapitalAdjusted adjustment -> adjustment.investmentType();
			case CapitalContributed contribution -> contribution.investmentType();
			case Disbursed disbursement -> disbursement.investmentType();
			case Suspended suspended -> null;
			case Resumed resumed -> null;
			case Terminated terminated -> null;
		};
	}

	private static Money add(Money sum, Money amount) {
		return (sum == null) ? amount : sum.plus(amount);
	}

}
