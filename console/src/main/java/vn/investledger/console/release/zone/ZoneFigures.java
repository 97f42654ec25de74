package vn.investledger.console.release.zone;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import vn.investledger.console.release.ReleaseFigures;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.UsdEquivalent;

/**
 * Every exact figure a zone-board release states, as known at one instant: the whole
 * scope's and each zone's.
 *
 * @param scope what the release covers
 * @param month the report month
 * @param cutOff its cut-off
 * @param asOf the instant the figures are known at, {@code null} for every entry indexed
 * @param whole the scope's figures
 * @param byZone each covered zone's, in the scope's order
 */
record ZoneFigures(ZoneScope scope, YearMonth month, LocalDate cutOff, Instant asOf, Part whole,
		Map<String, Part> byZone) {

	ZoneFigures {
		// kept releases share their figures: they cannot change
		byZone = Collections.unmodifiableMap(new LinkedHashMap<>(byZone));
	}

	/**
	 * The figures of a scope or a zone.
	 *
	 * @param figures the national release's figures, of the projects in it, by type
	 * @param ddiUsd the USD equivalents of its DDI flows in the year to the cut-off, each
	 * event converted at the reference rate of its effective date, naming the rates
	 * @param ddiUsdPrevious the same a year earlier
	 * @param land the land its valid projects' licences hold at the cut-off
	 */
	record Part(Map<InvestmentType, ReleaseFigures> figures, UsdEquivalent ddiUsd, UsdEquivalent ddiUsdPrevious,
			Land land) {

		Part {
			figures = Map.copyOf(figures);
		}

		ReleaseFigures fdi() {
			return this.figures.get(InvestmentType.FDI);
		}

		ReleaseFigures ddi() {
			return this.figures.get(InvestmentType.DDI);
		}

	}

	/**
	 * The land of valid projects (licensed, not terminated, suspended ones included) at
	 * the cut-off, as their licences state it: the industrial land leased, as far as the
	 * ledger knows it.
	 *
	 * @param hectares the sum of their licences' land areas, exact
	 * @param validProjects the valid projects
	 * @param withoutLandArea of those, the ones whose licence states no land area, which
	 * the sum cannot hold
	 */
	record Land(BigDecimal hectares, long validProjects, long withoutLandArea) {

		static final Land NONE = new Land(BigDecimal.ZERO, 0, 0);

		Land plus(BigDecimal landAreaHa) {
			return new Land((landAreaHa != null) ? this.hectares.add(landAreaHa) : this.hectares,
					this.validProjects + 1, this.withoutLandArea + ((landAreaHa != null) ? 0 : 1));
		}

	}

}
