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
 * {@code null}, in the edition in force on {@code sectorClassifiedOn}
 * @param sectorCode the VSIC division or class given with the section, or {@code null}
 * @param sectorClassifiedOn the effective date of the event that named the sector, which
 * decides its VSIC edition, or {@code null}
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
		String zoneCode, String partnerCountry, String sectorSection, String sectorCode, LocalDate sectorClassifiedOn,
		LocalDate licensedOn, ProjectStatus status, Money registeredCapital, Money contributedCapital,
		Money realisedCapital, Instant newestEventAt) {

	/**
	 * The header of a record of the project-state topic that names the VSIC tables the
	 * ledger judged the state by: their {@code VsicEditions#fingerprint()}, as ASCII. The
	 * stream processor writes it on every state; the indexer gives a project its stock
	 * cell only when the header names its own tables.
	 */
	public static final String VSIC_TABLES_HEADER = "investledger-vsic-tables";

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
		return toBuilder().missingRevisions(missing).build();
	}

	/**
	 * A project nothing is known of yet.
	 * @param projectCode its code
	 * @return an empty state at revision 0
	 */
	public static ProjectState none(String projectCode) {
		return builder(projectCode).build();
	}

	/**
	 * Starts a state of a project nothing is known of: revision 0, valid, every attribute
	 * unset until named.
	 * @param projectCode its code
	 * @return a builder
	 */
	public static Builder builder(String projectCode) {
		return new Builder(projectCode);
	}

	/**
	 * Starts a state from this one.
	 * @return a builder holding every attribute of this state
	 */
	public Builder toBuilder() {
		Builder builder = new Builder(this.projectCode);
		builder.revision = this.revision;
		builder.ownerUnit = this.ownerUnit;
		builder.missingRevisions = this.missingRevisions;
		builder.investmentType = this.investmentType;
		builder.provinceCode = this.provinceCode;
		builder.projectName = this.projectName;
		builder.investorNames = this.investorNames;
		builder.zoneCode = this.zoneCode;
		builder.partnerCountry = this.partnerCountry;
		builder.sectorSection = this.sectorSection;
		builder.sectorCode = this.sectorCode;
		builder.sectorClassifiedOn = this.sectorClassifiedOn;
		builder.licensedOn = this.licensedOn;
		builder.status = this.status;
		builder.registeredCapital = this.registeredCapital;
		builder.contributedCapital = this.contributedCapital;
		builder.realisedCapital = this.realisedCapital;
		builder.newestEventAt = this.newestEventAt;
		return builder;
	}

	/**
	 * Builds a state by naming its attributes.
	 */
	public static final class Builder {

		private final String projectCode;

		private long revision;

		private String ownerUnit;

		private List<Long> missingRevisions = List.of();

		private InvestmentType investmentType;

		private String provinceCode;

		private String projectName;

		private List<String> investorNames = List.of();

		private String zoneCode;

		private String partnerCountry;

		private String sectorSection;

		private String sectorCode;

		private LocalDate sectorClassifiedOn;

		private LocalDate licensedOn;

		private ProjectStatus status = ProjectStatus.VALID;

		private Money registeredCapital;

		private Money contributedCapital;

		private Money realisedCapital;

		private Instant newestEventAt;

		private Builder(String projectCode) {
			this.projectCode = projectCode;
		}

		public Builder revision(long revision) {
			this.revision = revision;
			return this;
		}

		public Builder ownerUnit(String unit) {
			this.ownerUnit = unit;
			return this;
		}

		public Builder missingRevisions(List<Long> missing) {
			this.missingRevisions = missing;
			return this;
		}

		public Builder investmentType(InvestmentType type) {
			this.investmentType = type;
			return this;
		}

		public Builder provinceCode(String province) {
			this.provinceCode = province;
			return this;
		}

		public Builder projectName(String name) {
			this.projectName = name;
			return this;
		}

		public Builder investorNames(List<String> names) {
			this.investorNames = names;
			return this;
		}

		public Builder zoneCode(String zone) {
			this.zoneCode = zone;
			return this;
		}

		public Builder partnerCountry(String country) {
			this.partnerCountry = country;
			return this;
		}

		public Builder sectorSection(String section) {
			this.sectorSection = section;
			return this;
		}

		/**
		 * The sector as an event named it.
		 * @param sector the VSIC section and division or class, or {@code null}
		 * @param classifiedOn the event's effective date, which decides the edition
		 * @return this builder
		 */
		public Builder sector(Sector sector, LocalDate classifiedOn) {
			this.sectorSection = (sector != null) ? sector.section() : null;
			this.sectorCode = (sector != null) ? sector.division() : null;
			this.sectorClassifiedOn = (sector != null) ? classifiedOn : null;
			return this;
		}

		public Builder sectorCode(String code) {
			this.sectorCode = code;
			return this;
		}

		public Builder sectorClassifiedOn(LocalDate date) {
			this.sectorClassifiedOn = date;
			return this;
		}

		public Builder licensedOn(LocalDate date) {
			this.licensedOn = date;
			return this;
		}

		public Builder status(ProjectStatus status) {
			this.status = status;
			return this;
		}

		public Builder registeredCapital(Money capital) {
			this.registeredCapital = capital;
			return this;
		}

		public Builder contributedCapital(Money capital) {
			this.contributedCapital = capital;
			return this;
		}

		public Builder realisedCapital(Money capital) {
			this.realisedCapital = capital;
			return this;
		}

		public Builder newestEventAt(Instant at) {
			this.newestEventAt = at;
			return this;
		}

		public ProjectState build() {
			return new ProjectState(this.projectCode, this.revision, this.ownerUnit, this.missingRevisions,
					this.investmentType, this.provinceCode, this.projectName, this.investorNames, this.zoneCode,
					this.partnerCountry, this.sectorSection, this.sectorCode, this.sectorClassifiedOn, this.licensedOn,
					this.status, this.registeredCapital, this.contributedCapital, this.realisedCapital,
					this.newestEventAt);
		}

	}

}
