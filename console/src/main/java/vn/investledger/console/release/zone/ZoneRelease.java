package vn.investledger.console.release.zone;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import vn.investledger.console.release.Release.Amount;
import vn.investledger.console.release.Release.Change;
import vn.investledger.console.release.Release.Count;
import vn.investledger.console.release.Release.Paragraph;
import vn.investledger.console.release.Release.Share;
import vn.investledger.console.release.Release.Shown;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.reference.ZoneType;

/**
 * A zone-board release of one report month, for a province's zones or one zone, as known
 * at an instant: FDI and DDI side by side with DDI in US dollars at the dated reference
 * rates, progress against the province's yearly target, occupancy by zone and the stock
 * of valid projects, exact in tables, and the text in Vietnamese and English whose every
 * number is a table's, written by the national release's display rule.
 *
 * @param header what it covers and as known when
 * @param tables the figures
 * @param text the paragraphs: {@code scope}, {@code headline}, {@code fdi}, {@code ddi},
 * {@code rates}, {@code realised}, {@code occupancy}, {@code stock}
 */
record ZoneRelease(Header header, Tables tables, List<Paragraph> text) {

	/**
	 * What a release covers.
	 *
	 * @param month the report month, e.g. {@code 2025-10}
	 * @param scope the province's zones or the zone
	 * @param from 1 January of the year
	 * @param cutOff the report calendar's cut-off day of the month
	 * @param comparisonFrom 1 January of the year before
	 * @param comparisonCutOff the cut-off of the same month a year earlier
	 * @param asOf the instant the figures are known at, {@code null} for every event
	 * indexed now
	 * @param newestEventReceivedAt when the newest event the figures hold was received,
	 * {@code null} for none
	 * @param eventsWithoutFlow applied events whose history entry carries no flow, which
	 * the flows cannot count (0 unless the history predates flows)
	 */
	record Header(String month, Scope scope, LocalDate from, LocalDate cutOff, LocalDate comparisonFrom,
			LocalDate comparisonCutOff, Instant asOf, Instant newestEventReceivedAt, long eventsWithoutFlow) {

	}

	/**
	 * The zones a release covers.
	 *
	 * @param kind {@code province} or {@code zone}
	 * @param code today's unit's code or the zone's code
	 * @param name its name
	 * @param province today's unit the zones are in
	 * @param provinceName its name
	 * @param zones the zones covered
	 * @param excluded the province's industrial clusters, which its board does not run
	 * @param vi the scope in Vietnamese, as the text names it
	 * @param en in English
	 */
	record Scope(String kind, String code, String name, String province, String provinceName, List<ZoneName> zones,
			List<ZoneName> excluded, String vi, String en) {

	}

	/**
	 * A zone.
	 *
	 * @param code its code
	 * @param name its name
	 * @param type KKT, KCN, CCN or OTHER
	 */
	record ZoneName(String code, String name, ZoneType type) {

	}

	/**
	 * The figures.
	 *
	 * @param yearOnYear FDI and DDI side by side, each figure of the year to the cut-off
	 * beside the same period a year earlier
	 * @param usd how DDI was converted to US dollars
	 * @param targets progress against the year's target
	 * @param occupancy occupancy by zone at the cut-off
	 * @param zones each zone's headline figures
	 * @param stock the valid projects at the cut-off, FDI then DDI
	 */
	record Tables(List<SideBySide> yearOnYear, Conversion usd, Progress targets, Occupancy occupancy,
			List<ZoneLine> zones, List<StockLine> stock) {

	}

	/**
	 * One figure of FDI and DDI side by side.
	 *
	 * @param figure its name, as the national release names it, e.g. {@code new.capital}
	 * @param vi its label in Vietnamese
	 * @param en in English
	 * @param fdi the FDI figure (USD)
	 * @param ddi the DDI figure (VND)
	 * @param ddiUsd the DDI figure in US dollars, {@code null} for a count
	 * @param together FDI and DDI together: counts added, amounts in US dollars
	 */
	record SideBySide(String figure, String vi, String en, Side fdi, Side ddi, Side ddiUsd, Side together) {

	}

	/**
	 * A figure of the year beside a year earlier.
	 *
	 * @param current the year to the cut-off
	 * @param previous the same report months a year earlier
	 * @param change the change, worded as in the national release
	 */
	record Side(Shown current, Shown previous, Change change) {

	}

	/**
	 * How DDI was converted to US dollars: each event at the reference rate of its
	 * effective date, rounded half-even to the cent, as the ledger recorded it.
	 *
	 * @param rates the label of every rate applied, in either year
	 * @param unconvertedEvents DDI events of the year dated before the table's first
	 * rate, left out of the dollars
	 * @param unconvertedEventsPrevious the same a year earlier
	 * @param vi the sentence naming them, in Vietnamese
	 * @param en in English
	 */
	record Conversion(List<String> rates, long unconvertedEvents, long unconvertedEventsPrevious, String vi,
			String en) {

	}

	/**
	 * Progress against the province's target for the year (% kế hoạch năm), each measured
	 * against the year's total registered capital.
	 *
	 * @param status {@code set} (a target row is in force on the cut-off),
	 * {@code no-target} (none for this province and year) or {@code by-province} (a
	 * zone's release: targets are set per province)
	 * @param province today's unit the target is of
	 * @param year the year
	 * @param setOn the date of the row in force, {@code null} without one
	 * @param source the row's source, {@code null} without one
	 * @param fdi against the FDI target, {@code null} without a row
	 * @param ddi against the DDI target, {@code null} without a row
	 * @param total FDI and DDI in US dollars against the combined target, {@code null}
	 * without a row
	 * @param vi the statement in Vietnamese
	 * @param en in English
	 */
	record Progress(String status, String province, int year, LocalDate setOn, String source, Target fdi, Target ddi,
			Target total, String vi, String en) {

	}

	/**
	 * One target and what was achieved.
	 *
	 * @param target the target, {@code null} if the row sets none of this kind
	 * @param achieved the year's total registered capital
	 * @param progress achieved as a share of the target, {@code null} without a target
	 * @param vi as written in Vietnamese
	 * @param en in English
	 */
	record Target(Amount target, Amount achieved, Share progress, String vi, String en) {

	}

	/**
	 * Occupancy (tỷ lệ lấp đầy) at the cut-off.
	 *
	 * @param numeratorVi what is divided, in Vietnamese
	 * @param numeratorEn in English
	 * @param denominatorVi what it is divided by, in Vietnamese
	 * @param denominatorEn in English
	 * @param zones each zone's
	 * @param total the province's, over its zones with a published area; {@code null} for
	 * a zone's release
	 */
	record Occupancy(String numeratorVi, String numeratorEn, String denominatorVi, String denominatorEn,
			List<ZoneOccupancy> zones, OccupancyTotal total) {

	}

	/**
	 * A zone's occupancy.
	 *
	 * @param zone its code
	 * @param name its name
	 * @param type its type
	 * @param totalArea its total area from the list of zones, {@code null} where not
	 * published: shown beside, never divided by
	 * @param leased the land its valid projects' licences hold
	 * @param validProjects its valid projects
	 * @param withoutLandArea of those, the ones whose licence states no land area
	 * @param denominator its industrial land in force on the cut-off, {@code null} where
	 * none is published
	 * @param rate leased ÷ industrial land, {@code null} without a denominator
	 * @param vi the line in Vietnamese
	 * @param en in English
	 */
	record ZoneOccupancy(String zone, String name, ZoneType type, Hectares totalArea, Hectares leased,
			long validProjects, long withoutLandArea, Denominator denominator, Share rate, String vi, String en) {

	}

	/**
	 * The denominator of an occupancy rate.
	 *
	 * @param kind always {@code industrial-land}: the zone's industrial land, not its
	 * total area
	 * @param hectares the area
	 * @param from the date of the row in force
	 * @param source where it was published
	 */
	record Denominator(String kind, Hectares hectares, LocalDate from, String source) {

	}

	/**
	 * A province's occupancy over its zones with a published area.
	 *
	 * @param leased the land its valid projects hold in those zones
	 * @param industrialLand those zones' industrial land
	 * @param zonesWithArea how many zones have a published area
	 * @param zones how many zones it covers
	 * @param rate leased ÷ industrial land, {@code null} if no zone has an area
	 * @param vi the statement in Vietnamese
	 * @param en in English
	 */
	record OccupancyTotal(Hectares leased, Hectares industrialLand, int zonesWithArea, int zones, Share rate, String vi,
			String en) {

	}

	/**
	 * An area, exact, and as written (one decimal, half-up, as the display rule writes
	 * ratios).
	 *
	 * @param exact hectares
	 * @param vi e.g. {@code 1.236,5 ha}
	 * @param en e.g. {@code 1,236.5 ha}
	 */
	record Hectares(BigDecimal exact, String vi, String en) {

	}

	/**
	 * A zone's headline figures.
	 *
	 * @param zone its code
	 * @param name its name
	 * @param type its type
	 * @param fdiNewProjects new FDI projects in the year to the cut-off
	 * @param fdiRegistered FDI total registered capital
	 * @param ddiNewProjects new DDI projects
	 * @param ddiRegistered DDI total registered capital
	 * @param ddiUsd the same in US dollars
	 * @param totalUsd FDI and DDI together in US dollars
	 * @param validProjects valid projects, FDI and DDI, at the cut-off
	 */
	record ZoneLine(String zone, String name, ZoneType type, Count fdiNewProjects, Amount fdiRegistered,
			Count ddiNewProjects, Amount ddiRegistered, Amount ddiUsd, Amount totalUsd, Count validProjects) {

	}

	/**
	 * The valid projects of one type at the cut-off.
	 *
	 * @param type FDI or DDI
	 * @param at the cut-off
	 * @param validProjects licensed and not terminated
	 * @param suspendedProjects of those, suspended
	 * @param registeredCapital their registered capital
	 * @param realisedCapital their cumulative realised capital
	 */
	record StockLine(InvestmentType type, LocalDate at, Count validProjects, Count suspendedProjects,
			Amount registeredCapital, Amount realisedCapital) {

	}

}
