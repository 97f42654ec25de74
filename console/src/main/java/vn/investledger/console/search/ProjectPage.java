package vn.investledger.console.search;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.util.RawValue;

import vn.investledger.index.ProjectDocument;

/**
 * A page of projects.
 *
 * @param total how many projects match
 * @param projects the projects on this page, each as the projects index holds it (a
 * {@link ProjectDocument} without its empty fields), passed through unread
 * @param facets per facet, each value with its count and capital (first page only)
 * @param next the cursor of the next page, or {@code null} on the last page
 * @param asOf the emission time of the newest event among the matching projects
 */
public record ProjectPage(long total,
		@ArraySchema(schema = @Schema(implementation = ProjectDocument.class)) List<RawValue> projects,
		Map<String, List<Facet>> facets, String next, Instant asOf) {

	/**
	 * One value of a facet.
	 *
	 * @param value the value
	 * @param count how many matching projects have it
	 * @param capital their registered capital, per currency
	 */
	public record Facet(String value, long count, List<CapitalSum> capital) {

	}

	/**
	 * A sum of registered capital.
	 *
	 * @param currency the currency
	 * @param minorUnits the sum in minor units
	 * @param amount the sum in major units
	 * @param exact false when the sum is beyond 2^53 minor units, where Elasticsearch's
	 * sum (a double) can be off by a few units; the exact figures are the totals
	 */
	public record CapitalSum(String currency, long minorUnits, BigDecimal amount, boolean exact) {

	}

}
