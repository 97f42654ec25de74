package vn.investledger.index;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;

import vn.investledger.events.Money;
import vn.investledger.events.ProjectState;
import vn.investledger.events.reference.Countries;
import vn.investledger.events.reference.ProvinceUnit;
import vn.investledger.events.reference.Provinces;
import vn.investledger.events.reference.VsicSection;
import vn.investledger.events.reference.VsicEditions;
import vn.investledger.events.reference.Zone;
import vn.investledger.events.reference.Zones;
import vn.investledger.events.rulebook.StockParts;

/**
 * A project as officials search it, from the processor's project-state topic. Its
 * Elasticsearch id is the project code and its external version the offset of the
 * project-state record it was made from.
 *
 * @param projectCode the project code
 * @param revision the highest revision applied
 * @param investmentType FDI or DDI, or {@code null} while unknown
 * @param status valid, suspended or terminated
 * @param provinceCode the province as licensed
 * @param provinceName its name
 * @param restatedProvinceCode the province restated to today's units
 * @param restatedProvinceName its name
 * @param projectName the name, UTF-8
 * @param investorNames the investors' names
 * @param partnerCountry the partner country (ISO 3166-1 alpha-2), or {@code null}
 * @param partnerCountryName its English name
 * @param zoneCode the zone, or {@code null}
 * @param zoneName its name
 * @param zoneType KKT, KCN, CCN or OTHER
 * @param sectorSection the VSIC section, or {@code null}
 * @param sectorName its name
 * @param registeredCapital current registered capital, exact
 * @param contributedCapital capital contributed and shares bought, exact
 * @param realisedCapital capital disbursed, exact
 * @param licensedOn the licence's effective date, or {@code null}
 * @param newestEventAt the emission time of the newest event applied
 * @param missingRevisions revisions that never arrived before a later one was applied
 * @param ownerUnit the current unit that owns the project: the only one whose events for
 * it count
 * @param stock where it counts in the stock of valid projects, {@code null} while it is
 * not in it (not licensed yet, or terminated)
 * @param searchText the folded text that full-text search matches ({@link Folding})
 * @param nameOrder the key that sorts the project's name in the Vietnamese alphabet's
 * order ({@link NameOrder})
 */
// fields without a value are left out, by every writer: the index holds what the search
// API passes through
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProjectDocument(String projectCode, long revision, String investmentType, String status,
		String provinceCode, String provinceName, String restatedProvinceCode, String restatedProvinceName,
		String projectName, List<String> investorNames, String partnerCountry, String partnerCountryName,
		String zoneCode, String zoneName, String zoneType, String sectorSection, String sectorName,
		Money registeredCapital, Money contributedCapital, Money realisedCapital, LocalDate licensedOn,
		Instant newestEventAt, List<Long> missingRevisions, String ownerUnit, StockCell stock, String searchText,
		String nameOrder) {

	private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

	/**
	 * The unit a code denoted on a date, or else the last it denoted before it.
	 */
	private static ProvinceUnit lastUnitOf(Provinces provinces, String code, LocalDate date) {
		ProvinceUnit last = null;
		for (ProvinceUnit unit : provinces.unitsOf(code)) {
			if (unit.inForceOn(date)) {
				return unit;
			}
			if (unit.validTo() != null && unit.validTo().isBefore(date)) {
				last = unit;
			}
		}
		return last;
	}

	/**
	 * The document of a project's state, by the VSIC tables shipped with the platform.
	 * @param state the state
	 * @return the document
	 */
	public static ProjectDocument of(ProjectState state) {
		return of(state, VsicEditions.standard());
	}

	/**
	 * The document of a project's state, its sector named and restated by given VSIC
	 * tables: the stream processor's, so that its stock cell is the one the processor
	 * counts it in.
	 * @param state the state
	 * @param vsic the VSIC editions
	 * @return the document
	 */
	public static ProjectDocument of(ProjectState state, VsicEditions vsic) {
		Provinces provinces = Provinces.standard();
		String province = state.provinceCode();
		ProvinceUnit licensed;
		String restated;
		if (state.licensedOn() != null) {
			licensed = (province != null) ? provinces.find(province, state.licensedOn()).orElse(null) : null;
			restated = (licensed != null) ? provinces.latestUnitOf(province, state.licensedOn()) : province;
		}
		else {
			// an enterprise's contributions, no licence: the unit the code denoted when
			// its sector was classified (the event's effective date), or last before its
			// newest event (one dated before a reorganisation may be sent after it)
			LocalDate dated = (state.sectorClassifiedOn() != null) ? state.sectorClassifiedOn()
					: (state.newestEventAt() != null) ? state.newestEventAt().atZone(VIETNAM).toLocalDate()
							: LocalDate.now(VIETNAM);
			licensed = (province != null) ? lastUnitOf(provinces, province, dated) : null;
			restated = (licensed != null)
					? provinces.latestUnitOf(province, (licensed.inForceOn(dated)) ? dated : licensed.validTo())
					: province;
		}
		ProvinceUnit today = (restated != null) ? provinces.find(restated, LocalDate.now(VIETNAM)).orElse(null) : null;
		Zone zone = (state.zoneCode() != null) ? Zones.standard().find(state.zoneCode()).orElse(null) : null;
		// named by the edition the sector was classified in
		VsicSection sector = (state.sectorSection() != null && state.sectorClassifiedOn() != null)
				? vsic.section(state.sectorSection(), state.sectorClassifiedOn()).orElse(null) : null;
		String country = (state.partnerCountry() != null && Countries.isKnown(state.partnerCountry()))
				? Countries.name(state.partnerCountry()) : null;
		String provinceName = (licensed != null) ? licensed.name() : null;
		String restatedName = (today != null) ? today.name() : null;
		String zoneName = (zone != null) ? zone.name() : null;
		List<String> words = new ArrayList<>();
		words.add(state.projectCode());
		words.add(state.projectName());
		words.addAll(state.investorNames());
		words.add(state.zoneCode());
		words.add(zoneName);
		words.add(provinceName);
		words.add(restatedName);
		words.add(country);
		String searchText = Folding.fold(String.join(" ", words.stream().filter(Objects::nonNull).toList()));
		return new ProjectDocument(state.projectCode(), state.revision(),
				(state.investmentType() != null) ? state.investmentType().name() : null,
				state.status().name().toLowerCase(java.util.Locale.ROOT), province, provinceName, restated,
				restatedName, state.projectName(), state.investorNames(), state.partnerCountry(), country,
				state.zoneCode(), zoneName, (zone != null) ? zone.type().name() : null, state.sectorSection(),
				(sector != null) ? sector.name() : null, state.registeredCapital(), state.contributedCapital(),
				state.realisedCapital(), state.licensedOn(), state.newestEventAt(), state.missingRevisions(),
				state.ownerUnit(), stockCellOf(state, vsic), searchText, NameOrder.keyOf(state.projectName()));
	}

	/**
	 * The same document without its stock cell: the indexer's VSIC tables are not those
	 * the ledger judged the state by, so the cell it would name may not be the one the
	 * project counts in. The stock's drill-down counts such documents as without a cell.
	 * @return a copy without {@link #stock()}
	 */
	public ProjectDocument withoutStockCell() {
		return new ProjectDocument(this.projectCode, this.revision, this.investmentType, this.status, this.provinceCode,
				this.provinceName, this.restatedProvinceCode, this.restatedProvinceName, this.projectName,
				this.investorNames, this.partnerCountry, this.partnerCountryName, this.zoneCode, this.zoneName,
				this.zoneType, this.sectorSection, this.sectorName, this.registeredCapital, this.contributedCapital,
				this.realisedCapital, this.licensedOn, this.newestEventAt, this.missingRevisions, this.ownerUnit, null,
				this.searchText, this.nameOrder);
	}

	/**
	 * The project's stock cell, or none if this indexer's province table has no unit of
	 * its code on its licence date (the processor's, which counted it, had one): the
	 * project is then one of those the stock's drill-down counts as without a cell,
	 * rather than a record the indexer cannot write. Any other fault of the reference
	 * data still fails the record, which goes to the dead letters.
	 */
	private static StockCell stockCellOf(ProjectState state, VsicEditions vsic) {
		if (StockParts.isInStock(state) && state.provinceCode() != null
				&& Provinces.standard().find(state.provinceCode(), state.licensedOn()).isEmpty()) {
			return null;
		}
		return StockCell.of(state, vsic);
	}

}
