package vn.investledger.indexer.documents;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import vn.investledger.events.Investor;
import vn.investledger.events.Licensed;
import vn.investledger.events.Money;

/**
 * A project as officials search it; its Elasticsearch id is the project code and its
 * external version the project's revision.
 *
 * @param projectCode the project code
 * @param revision the revision of the newest event applied
 * @param provinceCode the province as licensed
 * @param investmentType FDI or DDI
 * @param status {@code valid} for now; suspension and termination come with their events
 * @param projectName the name, UTF-8
 * @param ircNumber the IRC number, or {@code null}
 * @param enterpriseCode the enterprise code, or {@code null}
 * @param investorNames the investors' names
 * @param investorCountries the investors' countries (ISO 3166-1 alpha-2)
 * @param partnerCountry the country the figures attribute the project to
 * @param zoneCode the zone, or {@code null}
 * @param sectorSection the VSIC section
 * @param sectorDivision the VSIC division, or {@code null}
 * @param registeredCapital current registered capital, exact
 * @param licensedOn the IRC date
 * @param newestEventAt the emission time of the newest event applied
 */
public record ProjectDocument(String projectCode, long revision, String provinceCode, String investmentType,
		String status, String projectName, String ircNumber, String enterpriseCode, List<String> investorNames,
		List<String> investorCountries, String partnerCountry, String zoneCode, String sectorSection,
		String sectorDivision, Money registeredCapital, LocalDate licensedOn, Instant newestEventAt) {

	public static ProjectDocument of(Licensed licence) {
		return new ProjectDocument(licence.key(), licence.envelope().revision(), licence.envelope().provinceCode(),
				licence.investmentType().name(), "valid", licence.projectName(), licence.ircNumber(),
				licence.enterpriseCode(), licence.investors().stream().map(Investor::name).toList(),
				licence.investors().stream().map(Investor::country).toList(), licence.partnerCountry(),
				licence.zoneCode(), licence.sector().section(), licence.sector().division(),
				licence.registeredCapital(), licence.envelope().effectiveDate(), licence.envelope().emittedAt());
	}

}
