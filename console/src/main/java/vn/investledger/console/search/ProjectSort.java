package vn.investledger.console.search;

/**
 * The orders officials can list projects in. Every order ends with Elasticsearch's
 * point-in-time tiebreaker, so paging never skips or repeats a project.
 */
public enum ProjectSort {

	/** Best match first (the default with words to find). */
	RELEVANCE(null),

	/**
	 * Registered capital in minor units, which compare within one currency: only with a
	 * type or a currency filter (400 without).
	 */
	CAPITAL("registeredCapital.minorUnits"),

	/** Licence date. */
	LICENSED_ON("licensedOn"),

	/**
	 * Project name, in the order of the Vietnamese alphabet (Đ after D), tone marks and
	 * case aside ({@code vn.investledger.index.NameOrder}).
	 */
	NAME("nameOrder"),

	/** The newest event applied. */
	NEWEST("newestEventAt"),

	/** Project code. */
	CODE("projectCode");

	private final String field;

	ProjectSort(String field) {
		this.field = field;
	}

	/**
	 * The field sorted on.
	 * @return the field, or {@code null} for the score
	 */
	String field() {
		return this.field;
	}

}
