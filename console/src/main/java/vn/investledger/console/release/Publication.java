package vn.investledger.console.release;

import java.time.Instant;
import java.time.YearMonth;

import com.fasterxml.jackson.annotation.JsonInclude;

import vn.investledger.events.InvestmentType;

/**
 * A publication of an official release, as the releases topic records it: which release,
 * the instant it was published at (the release as known then is the one published), and
 * the SHA-256 of its JSON, by which the release regenerated at that instant is checked.
 *
 * @param month the report month, e.g. {@code 2025-10}
 * @param type FDI or DDI, for the national release; {@code null} (and absent from the
 * JSON) for a zone-board release
 * @param publishedAt the instant: the release holds the events received at or before it
 * @param sha256 the SHA-256 of the release's JSON as published, in hex
 * @param sizes the rankings' sizes the national release was published with; {@code null}
 * (and absent) for a zone-board release
 * @param publishedBy the admin who published it
 * @param scope for a zone-board release, what it covers: {@code province:31} or
 * {@code zone:HP-DEEP-C}; {@code null} (and absent from the JSON) for the national
 * release
 * @param publishedJson the release's JSON as published, whose SHA-256 is {@code sha256}:
 * what the release as first published serves, byte for byte, whatever the history or the
 * console's code holds since; {@code null} (and absent) in a record written before
 * publications kept it, whose release is regenerated and checked against the hash
 */
public record Publication(String month, InvestmentType type, Instant publishedAt, String sha256, Release.Sizes sizes,
		String publishedBy, @JsonInclude(JsonInclude.Include.NON_NULL) String scope,
		@JsonInclude(JsonInclude.Include.NON_NULL) String publishedJson) {

	/** The key word of the zone-board releases' publications. */
	static final String ZONE_BOARD = "zone-board";

	/**
	 * A publication of a zone-board release.
	 * @param month the report month
	 * @param scope {@code province:31} or {@code zone:HP-DEEP-C}
	 * @param publishedAt the instant
	 * @param sha256 the SHA-256 of its JSON
	 * @param publishedBy the admin
	 * @param publishedJson its JSON as published
	 * @return the publication
	 */
	public static Publication zoneBoard(YearMonth month, String scope, Instant publishedAt, String sha256,
			String publishedBy, String publishedJson) {
		return new Publication(month.toString(), null, publishedAt, sha256, null, publishedBy, scope, publishedJson);
	}

	/**
	 * This publication as answers name it: without the JSON it keeps, which the release
	 * as first published serves.
	 * @return the publication without {@code publishedJson}
	 */
	public Publication listed() {
		return new Publication(this.month, this.type, this.publishedAt, this.sha256, this.sizes, this.publishedBy,
				this.scope, null);
	}

	/**
	 * The release's JSON as published, when this record keeps it.
	 * @return its bytes, or {@code null} for a record written before publications kept it
	 */
	public byte[] publishedBytes() {
		return (this.publishedJson != null) ? this.publishedJson.getBytes(java.nio.charset.StandardCharsets.UTF_8)
				: null;
	}

	/**
	 * The record's key: one per release.
	 * @return e.g. {@code 2025-10|FDI} or {@code 2025-10|zone-board|province:31}
	 */
	public String key() {
		return (this.scope == null) ? key(this.month, this.type) : zoneBoardKey(this.month, this.scope);
	}

	/**
	 * The national release's key.
	 * @param month the report month
	 * @param type FDI or DDI
	 * @return e.g. {@code 2025-10|FDI}
	 */
	static String key(Object month, InvestmentType type) {
		return month + "|" + type;
	}

	/**
	 * A zone-board release's key.
	 * @param month the report month
	 * @param scope {@code province:31} or {@code zone:HP-DEEP-C}
	 * @return e.g. {@code 2025-10|zone-board|province:31}
	 */
	public static String zoneBoardKey(Object month, String scope) {
		return month + "|" + ZONE_BOARD + "|" + scope;
	}

	/**
	 * The release, as messages name it.
	 * @return e.g. {@code the FDI release of 2025-10}
	 */
	public String release() {
		return (this.scope == null) ? "the " + this.type + " release of " + this.month
				: "the zone-board release (" + this.scope + ") of " + this.month;
	}

}
