package vn.investledger.indexer.search;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;

import vn.investledger.events.Currency;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Money;
import vn.investledger.events.reference.ZoneType;
import vn.investledger.indexer.documents.Folding;

/**
 * What officials filter projects by. Every filter is optional; text is matched without
 * diacritics and without case.
 *
 * @param q words of the project's name, investors, zone, province or code, all of which
 * must match
 * @param province the province as licensed (two digits)
 * @param restatedProvince the province restated to today's units (two digits)
 * @param zone a zone code
 * @param zoneType KKT, KCN, CCN or OTHER
 * @param country the partner country (ISO 3166-1 alpha-2)
 * @param sector the VSIC section (one letter)
 * @param type FDI or DDI
 * @param status valid, suspended or terminated
 * @param minCapital the least registered capital, in major units of {@code currency}
 * @param maxCapital the most registered capital, in major units of {@code currency}
 * @param currency the currency of the capital range (USD for FDI, VND for DDI)
 * @param licensedFrom the earliest licence date
 * @param licensedTo the latest licence date
 */
public record ProjectFilters(@Size(max = 200, message = "at most 200 characters") String q,
		@Pattern(regexp = "\\d{2}", message = PROVINCE) String province,
		@Pattern(regexp = "\\d{2}", message = PROVINCE) String restatedProvince,
		@Size(max = 40, message = "a zone code has at most 40 characters") String zone, ZoneType zoneType,
		@Pattern(regexp = "[A-Z]{2}", message = "a country is an ISO 3166-1 alpha-2 code, e.g. KR") String country,
		@Pattern(regexp = "[A-U]", message = "a sector is a VSIC section letter, A to U") String sector,
		InvestmentType type,
		@Pattern(regexp = "valid|suspended|terminated",
				message = "a status is valid, suspended or terminated") String status,
		@DecimalMin(value = "0", message = "a capital is 0 or more") BigDecimal minCapital,
		@DecimalMin(value = "0", message = "a capital is 0 or more") BigDecimal maxCapital, Currency currency,
		@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate licensedFrom,
		@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate licensedTo) {

	static final String PROVINCE = "A province code is two digits, e.g. 31";

	/**
	 * The Elasticsearch query.
	 * @return the query
	 * @throws BadSearchException if the filters contradict each other
	 */
	Query toQuery() {
		if ((this.minCapital != null || this.maxCapital != null) && this.currency == null) {
			throw new BadSearchException("A capital range needs its currency: currency=USD or currency=VND");
		}
		if (this.minCapital != null && this.maxCapital != null && this.minCapital.compareTo(this.maxCapital) > 0) {
			throw new BadSearchException("minCapital " + this.minCapital + " is above maxCapital " + this.maxCapital);
		}
		if (this.licensedFrom != null && this.licensedTo != null && this.licensedFrom.isAfter(this.licensedTo)) {
			throw new BadSearchException(
					"licensedFrom " + this.licensedFrom + " is after licensedTo " + this.licensedTo);
		}
		List<Query> filters = new ArrayList<>();
		term(filters, "provinceCode", this.province);
		term(filters, "restatedProvinceCode", this.restatedProvince);
		term(filters, "zoneCode", this.zone);
		term(filters, "zoneType", (this.zoneType != null) ? this.zoneType.name() : null);
		term(filters, "partnerCountry", this.country);
		term(filters, "sectorSection", this.sector);
		term(filters, "investmentType", (this.type != null) ? this.type.name() : null);
		term(filters, "status", this.status);
		if (this.currency != null) {
			term(filters, "registeredCapital.currency", this.currency.name());
			Long least = minorUnits(this.minCapital, "minCapital");
			Long most = minorUnits(this.maxCapital, "maxCapital");
			filters.add(Query.of((query) -> query.range((range) -> range.number((number) -> {
				number.field("registeredCapital.minorUnits");
				if (least != null) {
					number.gte(least.doubleValue());
				}
				if (most != null) {
					number.lte(most.doubleValue());
				}
				return number;
			}))));
		}
		if (this.licensedFrom != null || this.licensedTo != null) {
			filters.add(Query.of((query) -> query.range((range) -> range.date((date) -> {
				date.field("licensedOn");
				if (this.licensedFrom != null) {
					date.gte(this.licensedFrom.toString());
				}
				if (this.licensedTo != null) {
					date.lte(this.licensedTo.toString());
				}
				return date;
			}))));
		}
		String words = Folding.fold(this.q);
		return Query.of((query) -> query.bool((bool) -> {
			if (words != null && !words.isBlank()) {
				bool.must(
						(must) -> must.match((match) -> match.field("searchText").query(words).operator(Operator.And)));
			}
			bool.filter(filters);
			return bool;
		}));
	}

	private Long minorUnits(BigDecimal major, String name) {
		if (major == null) {
			return null;
		}
		try {
			return Money.ofMajor(major, this.currency).minorUnits();
		}
		catch (ArithmeticException ex) {
			throw new BadSearchException(name + " " + major.toPlainString() + " has more decimals than " + this.currency
					+ " has, or is too large");
		}
	}

	private static void term(List<Query> filters, String field, String value) {
		if (value != null && !value.isBlank()) {
			filters.add(Query.of((query) -> query.term((term) -> term.field(field).value(FieldValue.of(value)))));
		}
	}

}
