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
	 * The state after an event. A late event adds its flows and fills attributes still
	 * unknown, but leaves the revision, status and registered capital that later events
	 * set. The first event names the project's owner: the unit of its topic.
	 * @param state the state before
	 * @param event the event
	 * @param unit the unit of the event's topic
	 * @param late whether a later revision was already applied
	 * @param missing the revisions still missing after this event
	 * @return the state after
	 */
	static ProjectState apply(ProjectState state, LicensingEvent event, String unit, boolean late, List<Long> missing) {
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
				if (!late) {
					registered = licence.registeredCapital();
				}
			}
			case CapitalAdjusted adjustment -> {
				type = (type != null) ? type : adjustment.investmentType();
				if (!late) {
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
			case Suspended suspended -> status = late ? status : ProjectStatus.SUSPENDED;
			case Resumed resumed -> status = late ? status : ProjectStatus.VALID;
			case Terminated terminated -> status = late ? status : ProjectStatus.TERMINATED;
		}
		return new ProjectState(state.projectCode(), revision, owner, missing, type, province, name, investors, zone,
				country, sector, licensedOn, status, registered, contributed, realised, newest);
	}

	private static Money add(Money sum, Money amount) {
		return (sum == null) ? amount : sum.plus(amount);
	}

}
