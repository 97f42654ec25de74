package vn.investledger.access;

/**
 * What a signed-in user may do in the console and the search API, and in the indexer's
 * admin API. Province publishers do not sign in here: they publish through the ingestion
 * gateway with their province's API key, or to Kafka with their province's principal.
 */
public enum Role {

	/** Reads every province's projects, figures and reports (cán bộ). */
	OFFICIAL,

	/** Everything an official may, and rebuilds the indices. */
	ADMIN;

	/**
	 * The authority Spring Security checks.
	 * @return e.g. {@code ROLE_OFFICIAL}
	 */
	public String authority() {
		return "ROLE_" + name();
	}

}
