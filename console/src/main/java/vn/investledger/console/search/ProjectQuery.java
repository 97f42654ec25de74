package vn.investledger.console.search;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.json.JsonData;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;

import vn.investledger.events.Currency;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Money;
import vn.investledger.events.reference.Provinces;
import vn.investledger.index.Folding;

/**
 * The Elasticsearch query of a project search: every filter given must hold, and the
 * words, folded as the indexer folds the searchable text ({@link Folding}), must all be
 * in it.
 */
final class ProjectQuery {

	private ProjectQuery() {
	}

	/**
	 * The query of filters.
	 * @param filters the filters, each valid on its own
	 * @return the query
	 * @throws BadSearchException if the filters contradict each other, or name a code no
	 * project can have (a unit, a zone or a country the reference data does not know)
	 */
	static Query of(ProjectFilters filters) {
		Currency currency = filters.getCurrency();
		BigDecimal minCapital = filters.getMinCapital();
		BigDecimal maxCapital = filters.getMaxCapital();
		LocalDate licensedFrom = filters.getLicensedFrom();
		LocalDate licensedTo = filters.getLicensedTo();
		if ((minCapital != null || maxCapital != null) && currency == null) {
			throw new BadSearchException("A capital range needs its currency: currency=USD or currency=VND");
		}
		requireKnownUnits(filters.getProvince(), filters.getRestatedProvince());
		ReferenceCodes.requireZone("zone", filters.getZone());
		ReferenceCodes.requireZoneUnder(blankAsNone(filters.getProvince()), filters.getZone());
		ReferenceCodes.requireZoneRestatedUnder(blankAsNone(filters.getRestatedProvince()), filters.getZone());
		ReferenceCodes.requireCountry("country", filters.getCountry());
		InvestmentType type = filters.getType();
		if (type != null && currency != null && type.currency() != currency) {
			throw new BadSearchException("type=" + type + " is counted in " + type.currency() + ": currency=" + currency
					+ " finds none of its projects; drop currency, or give currency=" + type.currency());
		}
		if (minCapital != null && maxCapital != null && minCapital.compareTo(maxCapital) > 0) {
			throw new BadSearchException("minCapital " + minCapital + " is above maxCapital " + maxCapital);
		}
		for (LocalDate bound : new LocalDate[] { licensedFrom, licensedTo }) {
			if (bound != null && (bound.getYear() < 0 || bound.getYear() > 9999)) {
				// ISO reads +10000-01-01, which the index's yyyy-MM-dd dates cannot hold
				throw new BadSearchException(((bound == licensedFrom) ? "licensedFrom" : "licensedTo")
						+ " is a date of the years 0000 to 9999, yyyy-mm-dd, was " + bound);
			}
		}
		if (licensedFrom != null && licensedTo != null && licensedFrom.isAfter(licensedTo)) {
			throw new BadSearchException("licensedFrom " + licensedFrom + " is after licensedTo " + licensedTo);
		}
		List<Query> conditions = new ArrayList<>();
		term(conditions, "provinceCode", filters.getProvince());
		term(conditions, "restatedProvinceCode", filters.getRestatedProvince());
		term(conditions, "zoneCode", filters.getZone());
		term(conditions, "zoneType", (filters.getZoneType() != null) ? filters.getZoneType().name() : null);
		term(conditions, "partnerCountry", filters.getCountry());
		term(conditions, "sectorSection", filters.getSector());
		term(conditions, "investmentType", (filters.getType() != null) ? filters.getType().name() : null);
		term(conditions, "status", filters.getStatus());
		if (currency != null) {
			term(conditions, "registeredCapital.currency", currency.name());
			Long least = minorUnits(minCapital, currency, "minCapital");
			Long most = minorUnits(maxCapital, currency, "maxCapital");
			// the bounds as whole numbers: a double would move one above 2^53 minor units
			// by a unit, and one near the largest long past it
			conditions.add(Query.of((query) -> query.range((range) -> range.untyped((bounds) -> {
				bounds.field("registeredCapital.minorUnits");
				if (least != null) {
					bounds.gte(JsonData.of(least));
				}
				if (most != null) {
					bounds.lte(JsonData.of(most));
				}
				return bounds;
			}))));
		}
		if (licensedFrom != null || licensedTo != null) {
			conditions.add(Query.of((query) -> query.range((range) -> range.date((date) -> {
				date.field("licensedOn");
				if (licensedFrom != null) {
					date.gte(licensedFrom.toString());
				}
				if (licensedTo != null) {
					date.lte(licensedTo.toString());
				}
				return date;
			}))));
		}
		String words = Folding.fold(filters.getQ());
		return Query.of((query) -> query.bool((bool) -> {
			if (words != null && !words.isBlank()) {
				bool.must(
						(must) -> must.match((match) -> match.field("searchText").query(words).operator(Operator.And)));
			}
			bool.filter(conditions);
			return bool;
		}));
	}

	/**
	 * A province's code that never named a unit, a restated province that is no unit
	 * today, or a province given with a restated one other than the unit that holds its
	 * territory today, finds nothing by construction: refused, with the code to search
	 * instead, rather than answered with an empty page that reads as no projects.
	 */
	private static void requireKnownUnits(String province, String restated) {
		Provinces provinces = Provinces.standard();
		if (province != null && !province.isBlank() && provinces.unitsOf(province).isEmpty()) {
			throw new BadSearchException("province " + province + " is no province's code, then or now"
					+ " (GET /api/console/names lists them): e.g. 31 (Hải Phòng), or 30 (Hải Dương until 30 June 2025)"
					+ " for the projects it licensed");
		}
		if (restated != null && !restated.isBlank() && !provinces.currentCodes().contains(restated)) {
			throw new BadSearchException(provinces.currentUnitOf(restated)
				.map((today) -> "restatedProvince " + restated + " (" + provinces.unitsOf(restated).getLast().name()
						+ ") is no unit today: its territory is in " + today + " ("
						+ provinces.unitsOf(today).getLast().name() + "), so search restatedProvince=" + today
						+ ", or province=" + restated + " for the projects it licensed")
				.orElse("restatedProvince " + restated + " is no province's code, then or now (GET"
						+ " /api/console/names lists them): today's units are e.g. 31 (Hải Phòng)"));
		}
		if (province != null && !province.isBlank() && restated != null && !restated.isBlank()) {
			// every project licensed under a code is restated to the one unit that holds
			// the code's territory today (a code is never reused for another territory)
			String today = provinces.currentUnitOf(province).orElseThrow();
			if (!today.equals(restated)) {
				String held = today.equals(province) ? "is a unit of today"
						: "is in " + today + " (" + provinces.unitsOf(today).getLast().name() + ") today";
				throw new BadSearchException("province " + province + " ("
						+ provinces.unitsOf(province).getLast().name() + ") " + held + ", so restatedProvince="
						+ restated + " finds none of its projects: search restatedProvince=" + today
						+ ", or leave restatedProvince out");
			}
		}
	}

	private static Long minorUnits(BigDecimal major, Currency currency, String name) {
		if (major == null) {
			return null;
		}
		try {
			return Money.ofMajor(major, currency).minorUnits();
		}
		catch (ArithmeticException ex) {
			// as written, never as plain digits: 1e999999999 has a billion of them
			String shown = major.toString();
			String named = name + " "
					+ ((shown.length() <= 40) ? shown : "(a number of " + shown.length() + " characters)");
			int decimals = currency.minorUnitDigits();
			if (Money.looksLikeThousands(major, currency) || major.stripTrailingZeros().scale() > decimals) {
				// 750.000 is refused, not read as 750: most likely 750,000 with a
				// thousands separator
				throw new BadSearchException(named + " has more decimals than " + currency + " has: at most " + decimals
						+ " (write amounts without thousands separators, e.g. 750000)");
			}
			throw new BadSearchException(named + " is beyond the largest amount of " + currency + ", "
					+ new Money(Long.MAX_VALUE, currency).toMajor().toPlainString());
		}
	}

	private static String blankAsNone(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	private static void term(List<Query> conditions, String field, String value) {
		if (value != null && !value.isBlank()) {
			conditions.add(Query.of((query) -> query.term((term) -> term.field(field).value(FieldValue.of(value)))));
		}
	}

}
