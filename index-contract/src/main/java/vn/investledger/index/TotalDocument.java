package vn.investledger.index;

import java.time.Instant;
import java.util.Map;

import vn.investledger.events.Money;
import vn.investledger.events.Total;
import vn.investledger.events.UsdEquivalent;

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
 * @param adjustedCapital the signed sum of capital adjustments
 * @param adjustments the number of adjustment events
 * @param contributionCapital the value of contributions and share purchases
 * @param contributions the number of those transactions
 * @param realisedCapital capital disbursed
 * @param registeredCapital new + adjusted + contribution capital
 * @param newestEventAt the emission time of the newest event the figure reflects
 * @param usdEquivalent the flows in US dollars at the reference rates it names
 * @param indexedAt when the indexer wrote this value, by its clock: the console asks for
 * the figures written since it last asked, to push them to the open consoles
 */
public record TotalDocument(String key, String cuboid, Map<String, String> dimensions, String period,
		String investmentType, Money newCapital, long newProjects, Money adjustedCapital, long adjustments,
		Money contributionCapital, long contributions, Money realisedCapital, Money registeredCapital,
		Instant newestEventAt, UsdEquivalent usdEquivalent, Instant indexedAt) {

	/**
	 * The document of a figure as the indexer writes it.
	 * @param total the figure
	 * @param indexedAt the time of writing
	 * @return the document
	 */
	public static TotalDocument of(Total total, Instant indexedAt) {
		return new TotalDocument(total.key(), total.cuboid(), total.dimensions(), total.period(),
				total.investmentType().name(), total.newCapital(), total.newProjects(), total.adjustedCapital(),
				total.adjustments(), total.contributionCapital(), total.contributions(), total.realisedCapital(),
				total.registeredCapital(), total.newestEventAt(), total.usdEquivalent(), indexedAt);
	}

	/**
	 * Whether this document holds the same figure as another, whenever each was written.
	 * @param other the other document
	 * @return true if every field but {@link #indexedAt} is equal
	 */
	public boolean sameFigure(TotalDocument other) {
		return other != null && equals(new TotalDocument(other.key, other.cuboid, other.dimensions, other.period,
				other.investmentType, other.newCapital, other.newProjects, other.adjustedCapital, other.adjustments,
				other.contributionCapital, other.contributions, other.realisedCapital, other.registeredCapital,
				other.newestEventAt, other.usdEquivalent, this.indexedAt));
	}

}
