package vn.investledger.processor.totals;

import java.time.Instant;
import java.util.Map;

import vn.investledger.events.Total;
import vn.investledger.events.UsdEquivalent;

/**
 * FDI and DDI of one cuboid and period added in US dollars, as zone boards report them
 * side by side and officials quote them together.
 *
 * @param cuboid the dimensions' names
 * @param dimensions each dimension's value
 * @param period the period
 * @param fdi the FDI flows, in dollars as licensed
 * @param ddi the DDI flows converted at the rates it names
 * @param combined their sum, naming every rate applied
 * @param newestEventAt the emission time of the newest event either reflects
 */
record CombinedFigure(String cuboid, Map<String, String> dimensions, String period, UsdEquivalent fdi,
		UsdEquivalent ddi, UsdEquivalent combined, Instant newestEventAt) {

	static CombinedFigure of(Total fdi, Total ddi) {
		Instant newest = Total.newer(fdi.newestEventAt(), ddi.newestEventAt());
		return new CombinedFigure(fdi.cuboid(), fdi.dimensions(), fdi.period(), fdi.usdEquivalent(),
				ddi.usdEquivalent(), fdi.usdEquivalent().plus(ddi.usdEquivalent()), newest);
	}

}
