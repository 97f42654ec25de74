package vn.investledger.index;

import java.time.Instant;
import java.util.Map;

import vn.investledger.events.Money;
import vn.investledger.events.Stock;

/**
 * A stock figure as officials search it; its Elasticsearch id is the stock key.
 *
 * @param key the stock key
 * @param cuboid the dimensions' names
 * @param dimensions each dimension's value
 * @param investmentType FDI or DDI
 * @param validProjects projects licensed and not terminated
 * @param suspendedProjects of which suspended
 * @param registeredCapital their current registered capital, exact
 * @param realisedCapital their cumulative realised capital, exact
 * @param newestEventAt the emission time of the newest event the figure reflects
 */
public record StockDocument(String key, String cuboid, Map<String, String> dimensions, String investmentType,
		long validProjects, long suspendedProjects, Money registeredCapital, Money realisedCapital,
		Instant newestEventAt) {

	public static StockDocument of(Stock stock) {
		return new StockDocument(stock.key(), stock.cuboid(), stock.dimensions(), stock.investmentType().name(),
				stock.validProjects(), stock.suspendedProjects(), stock.registeredCapital(), stock.realisedCapital(),
				stock.newestEventAt());
	}

}
