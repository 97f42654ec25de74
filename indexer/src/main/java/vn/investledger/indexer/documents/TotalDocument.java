package vn.investledger.indexer.documents;

import java.time.Instant;
import java.util.Map;

import vn.investledger.events.Money;
import vn.investledger.events.Total;

/**
 * A figure as officials search it; its Elasticsearch id is the totals key.
 *
 * @param key the totals key
 * @param cuboid the dimensions' names
 * @param dimensions each dimension's value
 * @param period the period
 * @param investmentType FDI or DDI
 * @param newCapital registered capital of new projects, exact
 * @param newProjects the number of new projects
 * @param newestEventAt the emission time of the newest event the figure reflects
 */
public record TotalDocument(String key, String cuboid, Map<String, String> dimensions, String period,
		String investmentType, Money newCapital, long newProjects, Instant newestEventAt) {

	public static TotalDocument of(Total total) {
		return new TotalDocument(total.key(), total.cuboid(), total.dimensions(), total.period(),
				total.investmentType().name(), total.newCapital(), total.newProjects(), total.newestEventAt());
	}

}
