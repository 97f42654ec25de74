package vn.investledger.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A project as its applied events leave it, as published on the project-state topic
 * (compacted, keyed by project code).
 *
 * @param projectCode the project code
 * @param revision the highest revision applied
 * @param ownerUnit the current unit that owns the project, the only one whose event topic
 * may write its later events: the unit that licensed it, restated to today's units (the
 * unit of the topic that wrote its first applied event)
 * @param missingRevisions revisions that never arrived before a later one was applied
 * after the gap timeout
 * @param investmentType FDI or DDI, from the licence (or the first event that names it)
 * @param provinceCode the province as licensed, from the licence (or the first event)
 * @param projectName the name, from the licence
 * @param investorNames the investors' names, from the licence or the first contribution
 * @param zoneCode the zone, from the licence or contribution, or {@code null}
 * @param partnerCountry the partner country, from the licence or contribution, or
 * {@code null}
 * @param sectorSection the VSIC section, from the licence or contribution, or
 * {@code null}
 * @param licensedOn the licence's effective date, or {@code null} while no licence was
 * applied
 * @param status valid, suspended or terminated
 * @param registeredCapital the current registered capital (licence, then each
 * adjustment's new total)
 * @param contributedCapital the sum of capital contributions and share purchases
 * @param realisedCapital the sum of disbursements
 * @param newestEventAt the emission time of the newest event applied
 */
public record ProjectState(String projectCode, long revision, String ownerUnit, List<Long> missingRevisions,
		InvestmentType investmentType, String provinceCode, String projectName, List<String> investorNames,
		String zoneCode, String partnerCountry, String sectorSection, LocalDate licensedOn, ProjectStatus status,
		Money registeredCapital, Money contributedCapital, Money realisedCapital, Instant newestEventAt) {

	public ProjectState {
		missingRevisions = List.copyOf(missingRevisions);
		investorNames = (investorNames != null) ? List.copyOf(investorNames) : List.of();
	}

	/**
	 * The same state with another list of missing revisions.
	 * @param missing the revisions still missing
	 * @return a copy
	 */
	public ProjectState withMissingRevisions(List<Long> missing) {
		return new ProjectState(this.projectCode, this.revision, this.ownerUnit, missing, this.investmentType,
				this.provinceCode, this.projectName, this.investorNames, this.zoneCode, this.partnerCountry,
				this.sectorSection, this.licensedOn, this.status, this.registeredCapital, this.contributedCapital,
				this.realisedCapital, this.newestEventAt);
	}

	/**
	 * A project nothing is known of yet.
	 * @param projectCode its code
	 * @return an empty state at revision 0
	 */
	public static ProjectState none(String projectCode) {
		return new ProjectState(projectCode, 0, null, List.of(), null, null, null, List.of(), null, null, null, null,
				ProjectStatus.VALID, null, null, null, null);
	}

}
