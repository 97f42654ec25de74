package vn.investledger.console.release;

import java.time.Instant;

import vn.investledger.events.InvestmentType;

/**
 * A publication of an official release, as the releases topic records it: which release,
 * the instant it was published at (the release as known then is the one published), and
 * the SHA-256 of its JSON, by which the release regenerated at that instant is checked.
 *
 * @param month the report month, e.g. {@code 2025-10}
 * @param type FDI or DDI
 * @param publishedAt the instant: the release holds the events received at or before it
 * @param sha256 the SHA-256 of the release's JSON as published, in hex
 * @param sizes the rankings' sizes it was published with
 * @param publishedBy the admin who published it
 */
record Publication(String month, InvestmentType type, Instant publishedAt, String sha256, Release.Sizes sizes,
		String publishedBy) {

	/**
	 * The record's key: one per release.
	 * @return e.g. {@code 2025-10|FDI}
	 */
	String key() {
		return this.month + "|" + this.type;
	}

}
