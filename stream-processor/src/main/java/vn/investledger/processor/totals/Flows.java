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
 * What one event adds to the flow figures: one change per cuboid and period it counts in.
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

	private Flows() {
	}

	/**
	 * The changes an event makes.
	 * @param event an accepted event
	 * @param cutOffDay the report cut-off day
	 * @param rates the reference rates for the USD equivalent
	 * @return changes of figures, each a {@link Total} holding only this event's amounts
	 * and counts
	 */
	static List<Total> of(AppliedEvent applied, int cutOffDay, UsdRates rates) {
		LicensingEvent event = applied.event();
		ProjectState state = applied.state();
		return switch (event) {
			case Licensed licence -> changes(event, licence.investmentType(), licence.zoneCode(),
					licence.partnerCountry(), licence.sector().section(), cutOffDay, rates,
					(zero) -> new Total(zero.cuboid(), zero.dimensions(), zero.period(), zero.investmentType(),
							licence.registeredCapital(), 1, zero.adjustedCapital(), 0, zero.contributionCapital(), 0,
							zero.realisedCapital(), event.envelope().emittedAt(), null));
			case CapitalContributed contribution ->
				changes(event, contribution.investmentType(), contribution.zoneCode(),
						contribution.investors().get(0).country(), contribution.sector().section(), cutOffDay, rates,
						(zero) -> new Total(zero.cuboid(), zero.dimensions(), zero.period(), zero.investmentType(),
								zero.newCapital(), 0, zero.adjustedCapital(), 0, contribution.amount(), 1,
								zero.realisedCapital(), event.envelope().emittedAt(), null));
			case CapitalAdjusted adjustment -> changes(event, adjustment.investmentType(), state.zoneCode(),
					state.partnerCountry(), state.sectorSection(), cutOffDay, rates,
					(zero) -> new Total(zero.cuboid(), zero.dimensions(), zero.period(), zero.investmentType(),
							zero.newCapital(), 0, adjustment.capitalChange(), 1, zero.contributionCapital(), 0,
							zero.realisedCapital(), event.envelope().emittedAt(), null));
			case Disbursed disbursement -> changes(event, disbursement.investmentType(), state.zoneCode(),
					state.partnerCountry(), state.sectorSection(), cutOffDay, rates,
					(zero) -> new Total(zero.cuboid(), zero.dimensions(), zero.period(), zero.investmentType(),
							zero.newCapital(), 0, zero.adjustedCapital(), 0, zero.contributionCapital(), 0,
							disbursement.amount(), event.envelope().emittedAt(), null));
			case Suspended suspended -> List.of();
			case Resumed resumed -> List.of();
			case Terminated terminated -> List.of();
		};
	}

	private static List<Total> changes(LicensingEvent event, InvestmentType type, String zone, String country,
			String sector, int cutOffDay, UsdRates rates, UnaryOperator<Total> amounts) {
		String province = event.envelope().provinceCode();
		String restated = Provinces.standard().latestUnitOf(province, event.envelope().effectiveDate());
		Map<String, Map<String, String>> cuboids = new LinkedHashMap<>();
		cuboids.put(NATIONAL, Map.of());
		cuboids.put(PROVINCE, Map.of("province", province));
		cuboids.put(PROVINCE_RESTATED, Map.of("province", restated));
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
		LocalDate effectiveDate = event.envelope().effectiveDate();
		Total national = amounts.apply(Total.zero(NATIONAL, Map.of(), Periods.ALL, type));
		UsdEquivalent usd = UsdEquivalent.of(national, rates.on(effectiveDate));
		List<Total> changes = new ArrayList<>();
		for (String period : Periods.of(effectiveDate, cutOffDay)) {
			cuboids.forEach((cuboid, dimensions) -> changes
				.add(amounts.apply(Total.zero(cuboid, dimensions, period, type)).withUsdEquivalent(usd)));
		}
		return changes;
	}

}
