package vn.investledger.processor.totals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import vn.investledger.events.CapitalAdjusted;
import vn.investledger.events.CapitalContributed;
import vn.investledger.events.Disbursed;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Licensed;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Periods;
import vn.investledger.events.ProjectState;
import vn.investledger.events.Resumed;
import vn.investledger.events.Suspended;
import vn.investledger.events.Terminated;
import vn.investledger.events.Total;
import vn.investledger.events.UsdEquivalent;
import vn.investledger.events.reference.Provinces;
import vn.investledger.events.reference.UsdRates;
import vn.investledger.processor.intake.AppliedEvent;

/**
 * What one event adds to the flow figures: one change of its cell, which then counts once
 * per cuboid and period.
 * <p>
 * A licence and a contribution name their zone, partner country and sector, so they count
 * in every cuboid. An adjustment or a disbursement names only its province: it counts
 * nationally and by province until the project's state supplies the rest. Suspensions,
 * resumptions and terminations change no flow.
 */
final class Flows {

	static final String NATIONAL = "national";

	static final String PROVINCE = "province";

	static final String PROVINCE_RESTATED = "province-restated";

	static final String PROVINCE_ZONE = "province+zone";

	static final String PROVINCE_COUNTRY = "province+country";

	static final String PROVINCE_SECTOR = "province+sector";

	static final String COUNTRY = "country";

	static final String SECTOR = "sector";

	/**
	 * The cuboid of a cell (see {@link PendingChanges}): its dimensions are every one the
	 * event names, the restated province included, and its period is the first day of the
	 * effective date's part of its month: the 1st up to the cut-off day, the day after it
	 * from then on. Every date of that part counts in the same periods.
	 */
	static final String CELL = "cell";

	static final String RESTATED = "restated";

	/**
	 * Each cuboid with how a cell's dimensions give its own ({@code null}: the cell does
	 * not count in this cuboid).
	 */
	static final Map<String, Function<Map<String, String>, Map<String, String>>> CUBOIDS = cuboids();

	private Flows() {
	}

	/**
	 * The change an event makes to its cell.
	 * @param applied an accepted event
	 * @param cutOffDay the report cut-off day
	 * @param rates the reference rates for the USD equivalent
	 * @return no change, or one {@link #CELL} figure holding only this event's amounts
	 * and counts
	 */
	static List<Total> cellsOf(AppliedEvent applied, int cutOffDay, UsdRates rates) {
		LicensingEvent event = applied.event();
		ProjectState state = applied.state();
		return switch (event) {
			case Licensed licence -> cell(event, licence.investmentType(), licence.zoneCode(), licence.partnerCountry(),
					licence.sector().section(), cutOffDay, rates,
					(zero) -> new Total(zero.cuboid(), zero.dimensions(), zero.period(), zero.investmentType(),
							licence.registeredCapital(), 1, zero.adjustedCapital(), 0, zero.contributionCapital(), 0,
							zero.realisedCapital(), event.envelope().emittedAt(), null));
			case CapitalContributed contribution -> cell(event, contribution.investmentType(), contribution.zoneCode(),
					contribution.investors().get(0).country(), contribution.sector().section(), cutOffDay, rates,
					(zero) -> new Total(zero.cuboid(), zero.dimensions(), zero.period(), zero.investmentType(),
							zero.newCapital(), 0, zero.adjustedCapital(), 0, contribution.amount(), 1,
							zero.realisedCapital(), event.envelope().emittedAt(), null));
			case CapitalAdjusted adjustment -> cell(event, adjustment.investmentType(), state.zoneCode(),
					state.partnerCountry(), state.sectorSection(), cutOffDay, rates,
					(zero) -> new Total(zero.cuboid(), zero.dimensions(), zero.period(), zero.investmentType(),
							zero.newCapital(), 0, adjustment.capitalChange(), 1, zero.contributionCapital(), 0,
							zero.realisedCapital(), event.envelope().emittedAt(), null));
			case Disbursed disbursement -> cell(event, disbursement.investmentType(), state.zoneCode(),
					state.partnerCountry(), state.sectorSection(), cutOffDay, rates,
					(zero) -> new Total(zero.cuboid(), zero.dimensions(), zero.period(), zero.investmentType(),
							zero.newCapital(), 0, zero.adjustedCapital(), 0, zero.contributionCapital(), 0,
							disbursement.amount(), event.envelope().emittedAt(), null));
			case Suspended suspended -> List.of();
			case Resumed resumed -> List.of();
			case Terminated terminated -> List.of();
		};
	}

	private static List<Total> cell(LicensingEvent event, InvestmentType type, String zone, String country,
			String sector, int cutOffDay, UsdRates rates, UnaryOperator<Total> amounts) {
		String province = event.envelope().provinceCode();
		LocalDate effectiveDate = event.envelope().effectiveDate();
		Map<String, String> dimensions = cellDimensions(province, effectiveDate, zone, country, sector);
		LocalDate periodStart = effectiveDate
			.withDayOfMonth((effectiveDate.getDayOfMonth() > cutOffDay) ? cutOffDay + 1 : 1);
		Total change = amounts.apply(Total.zero(CELL, dimensions, periodStart.toString(), type));
		return List.of(change.withUsdEquivalent(UsdEquivalent.of(change, rates.on(effectiveDate))));
	}

	/**
	 * The changes a cell's sum makes: one per cuboid it counts in and period of its
	 * effective date. A figure that is not a cell (a pending sum written before cells
	 * existed) is its own change.
	 * @param cell a sum of changes of one cell
	 * @param cutOffDay the report cut-off day
	 * @return the changes of figures, each holding the cell's amounts and counts
	 */
	static List<Total> figuresOf(Total cell, int cutOffDay) {
		if (!CELL.equals(cell.cuboid())) {
			return List.of(cell);
		}
		List<Total> changes = new ArrayList<>();
		List<String> periods = Periods.of(LocalDate.parse(cell.period()), cutOffDay);
		CUBOIDS.forEach((cuboid, dimensionsOf) -> {
			Map<String, String> dimensions = dimensionsOf.apply(cell.dimensions());
			if (dimensions != null) {
				for (String period : periods) {
					changes.add(new Total(cuboid, dimensions, period, cell.investmentType(), cell.newCapital(),
							cell.newProjects(), cell.adjustedCapital(), cell.adjustments(), cell.contributionCapital(),
							cell.contributions(), cell.realisedCapital(), cell.newestEventAt(), cell.usdEquivalent()));
				}
			}
		});
		return changes;
	}

	/**
	 * A cell's dimensions: those given, and the province restated to the unit in force
	 * today.
	 * @param province the province as licensed
	 * @param restatedFrom the date the province is restated from
	 * @param zone a zone code, or {@code null}
	 * @param country a partner country, or {@code null}
	 * @param sector a VSIC section, or {@code null}
	 * @return the dimensions
	 */
	static Map<String, String> cellDimensions(String province, LocalDate restatedFrom, String zone, String country,
			String sector) {
		Map<String, String> dimensions = Total.dimensions(province, zone, country, sector);
		dimensions.put(RESTATED, Provinces.standard().latestUnitOf(province, restatedFrom));
		return dimensions;
	}

	private static Map<String, Function<Map<String, String>, Map<String, String>>> cuboids() {
		Map<String, Function<Map<String, String>, Map<String, String>>> cuboids = new LinkedHashMap<>();
		cuboids.put(NATIONAL, (cell) -> Map.of());
		cuboids.put(PROVINCE, (cell) -> Map.of("province", cell.get("province")));
		cuboids.put(PROVINCE_RESTATED, (cell) -> Map.of("province", cell.get(RESTATED)));
		cuboids.put(PROVINCE_ZONE, (cell) -> pair(cell, "province", "zone"));
		cuboids.put(PROVINCE_COUNTRY, (cell) -> pair(cell, "province", "country"));
		cuboids.put(PROVINCE_SECTOR, (cell) -> pair(cell, "province", "sector"));
		cuboids.put(COUNTRY, (cell) -> pair(cell, "country", null));
		cuboids.put(SECTOR, (cell) -> pair(cell, "sector", null));
		return cuboids;
	}

	/**
	 * A cuboid's dimensions from a cell's.
	 * @param cell the cell's dimensions
	 * @param first a dimension the cell may lack
	 * @param second another one, or {@code null}
	 * @return the dimensions, or {@code null} if the cell lacks one
	 */
	private static Map<String, String> pair(Map<String, String> cell, String first, String second) {
		String one = cell.get(first);
		if (second == null) {
			return (one != null) ? Map.of(first, one) : null;
		}
		String other = cell.get(second);
		return (one != null && other != null) ? Map.of(first, one, second, other) : null;
	}

}
