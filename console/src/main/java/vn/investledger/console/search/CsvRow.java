package vn.investledger.console.search;

import java.math.BigDecimal;
import java.util.List;

import vn.investledger.events.Money;
import vn.investledger.index.ProjectDocument;
import vn.investledger.console.system.SpreadsheetCells;

/**
 * The columns of the project export: texts neutralised against formulas, amounts as
 * numbers ({@link SpreadsheetCells}).
 */
final class CsvRow {

	static final String[] HEADER = { "projectCode", "projectName", "investmentType", "status", "provinceCode",
			"provinceName", "restatedProvinceCode", "restatedProvinceName", "zoneCode", "zoneName", "zoneType",
			"partnerCountry", "sectorSection", "investors", "currency", "registeredCapital", "contributedCapital",
			"realisedCapital", "licensedOn", "revision", "newestEventAt" };

	private CsvRow() {
	}

	static List<Object> of(ProjectDocument project) {
		Money registered = project.registeredCapital();
		return SpreadsheetCells.record(project.projectCode(), project.projectName(), project.investmentType(),
				project.status(), project.provinceCode(), project.provinceName(), project.restatedProvinceCode(),
				project.restatedProvinceName(), project.zoneCode(), project.zoneName(), project.zoneType(),
				project.partnerCountry(), project.sectorSection(),
				(project.investorNames() != null) ? String.join("; ", project.investorNames()) : null,
				(registered != null) ? registered.currency().name() : null, major(registered),
				major(project.contributedCapital()), major(project.realisedCapital()), project.licensedOn(),
				project.revision(), project.newestEventAt());
	}

	/**
	 * An amount in major units; its scale is the currency's minor digits (0 or 2), so it
	 * prints as a plain decimal, never in exponent notation.
	 */
	private static BigDecimal major(Money money) {
		return (money != null) ? money.toMajor() : null;
	}

}
