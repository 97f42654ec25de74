package vn.investledger.processor.intake;

import java.time.Instant;
import java.time.LocalDate;
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

/**
 * How an event changes a project's state.
 */
final class StateTransitions {

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
	static ProjectState apply(ProjectState state, LicensingEvent event, String unit, boolean setsRegistered,
			boolean setsStatus, List<Long> missing) {
		long revision = Math.max(state.revision(), event.envelope().revision());
		Instant newest = (state.newestEventAt() == null || event.envelope().emittedAt().isAfter(state.newestEventAt()))
				? event.envelope().emittedAt() : state.newestEventAt();
		String owner = (state.ownerUnit() != null) ? state.ownerUnit() : unit;
		String province = (state.provinceCode() != null) ? state.provinceCode() : event.envelope().provinceCode();
		InvestmentType type = state.investmentType();
		String name = state.projectName();
		List<String> investors = state.investorNames();
		String zone = state.zoneCode();
		String country = state.partnerCountry();
		String sector = state.sectorSection();
		LocalDate licensedOn = state.licensedOn();
		ProjectStatus status = state.status();
		Money registered = state.registeredCapital();
		Money contributed = state.contributedCapital();
		Money realised = state.realisedCapital();
		switch (event) {
			case Licensed licence -> {
				type = licence.investmentType();
				province = licence.envelope().provinceCode();
				name = licence.projectName();
				investors = licence.investors().stream().map(Investor::name).toList();
				zone = licence.zoneCode();
				country = licence.partnerCountry();
				sector = licence.sector().section();
				licensedOn = licence.envelope().effectiveDate();
				if (setsRegistered) {
					registered = licence.registeredCapital();
				}
				if (setsStatus) {
					status = ProjectStatus.VALID;
				}
			}
			case CapitalAdjusted adjustment -> {
				type = (type != null) ? type : adjustment.investmentType();
				if (setsRegistered) {
					registered = adjustment.newRegisteredCapital();
				}
			}
			case CapitalContributed contribution -> {
				type = (type != null) ? type : contribution.investmentType();
				name = (name != null) ? name : contribution.enterpriseName();
				investors = !investors.isEmpty() ? investors
						: contribution.investors().stream().map(Investor::name).toList();
				zone = (zone != null) ? zone : contribution.zoneCode();
				country = (country != null) ? country : contribution.investors().get(0).country();
				sector = (sector != null) ? sector : contribution.sector().section();
				contributed = add(contributed, contribution.amount());
			}
			case Disbursed disbursement -> {
				type = (type != null) ? type : disbursement.investmentType();
				realised = add(realised, disbursement.amount());
			}
			case Suspended suspended -> status = setsStatus ? ProjectStatus.SUSPENDED : status;
			case Resumed resumed -> status = setsStatus ? ProjectStatus.VALID : status;
			case Terminated terminated -> status = setsStatus ? ProjectStatus.TERMINATED : status;
		}
		return new ProjectState(state.projectCode(), revision, owner, missing, type, province, name, investors, zone,
				country, sector, licensedOn, status, registered, contributed, realised, newest);
	}

	/**
	 * Whether an event states the registered capital.
	 * @param event an event
	 * @return for a licence and an adjustment
	 */
	static boolean statesRegistered(LicensingEvent event) {
		return event instanceof Licensed || event instanceof CapitalAdjusted;
	}

	/**
	 * Whether an event sets the status.
	 * @param event an event
	 * @return for a licence, a suspension, a resumption and a termination
	 */
	static boolean setsStatus(LicensingEvent event) {
		return event instanceof Licensed || event instanceof Suspended || event instanceof Resumed
				|| event instanceof Terminated;
	}

	/**
	 * The investment type an event names.
	 * @param event an event
	 * @return FDI or DDI, or {@code null} for an event without amounts
	 */
	static InvestmentType typeOf(LicensingEvent event) {
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
