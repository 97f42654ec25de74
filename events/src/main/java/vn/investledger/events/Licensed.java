package vn.investledger.events;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A new project: the province issues an Investment Registration Certificate (cấp mới
 * GCNĐKĐT). Counts as one new project and adds its registered capital to the period's new
 * capital and to the stock.
 *
 * @param envelope the envelope; its revision is normally 1
 * @param investmentType FDI or DDI
 * @param projectName the project's name, UTF-8
 * @param ircNumber the IRC number; mandatory for FDI, optional for DDI
 * @param enterpriseCode the enterprise (tax) code: 10 digits, or 10 + "-" + 3 for a
 * branch; optional
 * @param investors the investors, at least one; the first one's country is the project's
 * partner country
 * @param zoneCode the economic zone, industrial zone or cluster, or {@code null} for a
 * project outside zones
 * @param sector the VSIC 2018 sector
 * @param registeredCapital the registered capital, in USD for FDI and VND for DDI,
 * positive
 * @param landAreaHa land area in hectares, or {@code null}
 * @param plannedEmployment planned number of workers, or {@code null}
 * @param durationYears the project's duration in years, or {@code null}
 */
public record Licensed(EventEnvelope envelope, InvestmentType investmentType, String projectName, String ircNumber,
		String enterpriseCode, List<Investor> investors, String zoneCode, Sector sector, Money registeredCapital,
		BigDecimal landAreaHa, Integer plannedEmployment, Integer durationYears) implements LicensingEvent {

	@Override
	public EventKind kind() {
		return EventKind.LICENSED;
	}

	/**
	 * The partner country or territory the figures attribute this project to: the first
	 * investor's.
	 * @return an ISO 3166-1 alpha-2 code, or {@code null} if no investor is named
	 */
	@JsonIgnore
	public String partnerCountry() {
		return (this.investors == null || this.investors.isEmpty()) ? null : this.investors.get(0).country();
	}

}
