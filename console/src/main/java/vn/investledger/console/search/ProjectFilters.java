package vn.investledger.console.search;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;

import vn.investledger.events.Currency;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.reference.ZoneType;

/**
 * What officials filter projects by, as bound from the query string and checked one by
 * one. Every filter is optional; text is matched without diacritics and without case.
 * {@link ProjectQuery} makes the Elasticsearch query of them, and refuses filters that
 * contradict each other.
 * <p>
 * Bound from the query string through setters: Spring MVC binds a record through its
 * constructor and, on every request, reads each constructor parameter's annotations anew,
 * which took a fifth of the search API's CPU time per search.
 */
public final class ProjectFilters {

	static final String PROVINCE = "A province code is two digits, e.g. 31";

	/** A zone's code: letters, digits, - and _, as the reference table writes them. */
	static final String ZONE_GRAMMAR = "[A-Za-z0-9_-]{1,40}";

	static final String ZONE = "a zone code has 1 to 40 letters, digits, - or _ (no spaces), e.g. HP-DINH-VU-CAT-HAI;"
			+ " leave zone out for every zone";

	@Size(max = 200, message = "at most 200 characters")
	private String q;

	@Pattern(regexp = "\\d{2}", message = PROVINCE)
	private String province;

	@Pattern(regexp = "\\d{2}", message = PROVINCE)
	private String restatedProvince;

	@Pattern(regexp = ZONE_GRAMMAR, message = ZONE)
	private String zone;

	private ZoneType zoneType;

	@Pattern(regexp = "[A-Z]{2}", message = "a country is an ISO 3166-1 alpha-2 code, e.g. KR")
	private String country;

	@Pattern(regexp = "[A-V]",
			message = "a sector is the VSIC section letter the project was classified in: A to U in VSIC 2018, A to V in VSIC 2025")
	private String sector;

	private InvestmentType type;

	@Pattern(regexp = "valid|suspended|terminated", message = "a status is valid, suspended or terminated")
	private String status;

	@DecimalMin(value = "0", message = "a capital is 0 or more")
	private BigDecimal minCapital;

	@DecimalMin(value = "0", message = "a capital is 0 or more")
	private BigDecimal maxCapital;

	private Currency currency;

	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate licensedFrom;

	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate licensedTo;

	/**
	 * Words of the project's name, investors, zone, province or code, all of which must
	 * match.
	 * @return the words, or {@code null}
	 */
	public String getQ() {
		return this.q;
	}

	public void setQ(String q) {
		this.q = q;
	}

	/**
	 * The province as licensed (two digits).
	 * @return the code, or {@code null}
	 */
	public String getProvince() {
		return this.province;
	}

	public void setProvince(String province) {
		this.province = province;
	}

	/**
	 * The province restated to today's units (two digits).
	 * @return the code, or {@code null}
	 */
	public String getRestatedProvince() {
		return this.restatedProvince;
	}

	public void setRestatedProvince(String restatedProvince) {
		this.restatedProvince = restatedProvince;
	}

	/**
	 * A zone code.
	 * @return the code, or {@code null}
	 */
	public String getZone() {
		return this.zone;
	}

	public void setZone(String zone) {
		this.zone = zone;
	}

	/**
	 * KKT, KCN, CCN or OTHER.
	 * @return the zone type, or {@code null}
	 */
	public ZoneType getZoneType() {
		return this.zoneType;
	}

	public void setZoneType(ZoneType zoneType) {
		this.zoneType = zoneType;
	}

	/**
	 * The partner country (ISO 3166-1 alpha-2).
	 * @return the code, or {@code null}
	 */
	public String getCountry() {
		return this.country;
	}

	public void setCountry(String country) {
		this.country = country;
	}

	/**
	 * The VSIC section (one letter).
	 * @return the section, or {@code null}
	 */
	public String getSector() {
		return this.sector;
	}

	public void setSector(String sector) {
		this.sector = sector;
	}

	/**
	 * FDI or DDI.
	 * @return the type, or {@code null}
	 */
	public InvestmentType getType() {
		return this.type;
	}

	public void setType(InvestmentType type) {
		this.type = type;
	}

	/**
	 * Valid, suspended or terminated.
	 * @return the status, or {@code null}
	 */
	public String getStatus() {
		return this.status;
	}

	public void setStatus(String status) {
		this.status = status;
	}

	/**
	 * The least registered capital, in major units of {@code currency}.
	 * @return the capital, or {@code null}
	 */
	public BigDecimal getMinCapital() {
		return this.minCapital;
	}

	public void setMinCapital(BigDecimal minCapital) {
		this.minCapital = minCapital;
	}

	/**
	 * The most registered capital, in major units of {@code currency}.
	 * @return the capital, or {@code null}
	 */
	public BigDecimal getMaxCapital() {
		return this.maxCapital;
	}

	public void setMaxCapital(BigDecimal maxCapital) {
		this.maxCapital = maxCapital;
	}

	/**
	 * The currency of the capital range (USD for FDI, VND for DDI).
	 * @return the currency, or {@code null}
	 */
	public Currency getCurrency() {
		return this.currency;
	}

	public void setCurrency(Currency currency) {
		this.currency = currency;
	}

	/**
	 * The earliest licence date.
	 * @return the date, or {@code null}
	 */
	public LocalDate getLicensedFrom() {
		return this.licensedFrom;
	}

	public void setLicensedFrom(LocalDate licensedFrom) {
		this.licensedFrom = licensedFrom;
	}

	/**
	 * The latest licence date.
	 * @return the date, or {@code null}
	 */
	public LocalDate getLicensedTo() {
		return this.licensedTo;
	}

	public void setLicensedTo(LocalDate licensedTo) {
		this.licensedTo = licensedTo;
	}

}
