package vn.investledger.processor.totals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
		Map<String, String> dimensions = Total.dimensions(province, zone, country, sector);
		dimensions.put(RESTATED, Provinces.standard().latestUnitOf(province, effectiveDate));
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
		Map<String, String> cellDimensions = cell.dimensions();
		String province = cellDimensions.get("province");
		String zone = cellDimensions.get("zone");
		String country = cellDimensions.get("country");
		String sector = cellDimensions.get("sector");
		Map<String, Map<String, String>> cuboids = new LinkedHashMap<>();
		cuboids.put(NATIONAL, Map.of());
		cuboids.put(PROVINCE, Map.of("province", province));
		cuboids.put(PROVINCE_RESTATED, Map.of("province", cellDimensions.get(RESTATED)));
		if (zone != null) {
			cuboids.put(PROVINCE_ZONE, Map.of("province", province, "zone", zone));
		}
		if (country != null) {
			cuboids.put(PROVINCE_COUNTRY, Map.of("province", province, "country", country));
			cuboids.put(COUNTRY, Map.of("country", country));
		}
		if (sector != null) {
			cuboids.put(PROVINCE_SECTOR, Map.of("province", province, "sector", sector));
			cuboids.put(SECTOR, Map.of("sector", sector));
		}
		List<Total> changes = new ArrayList<>();
		for (String period : Periods.of(LocalDate.parse(cell.period()), cutOffDay)) {
			cuboids.forEach((cuboid,
					dimensions) -> changes.add(new Total(cuboid, dimensions, period, cell.investmentType(),
							cell.newCapital(), cell.newProjects(), cell.adjustedCapital(), cell.adjustments(),
							cell.contributionCapital(), cell.contributions(), cell.realisedCapital(),
							cell.newestEventAt(), cell.usdEquivalent())));
		}
		return changes;
	}

}
