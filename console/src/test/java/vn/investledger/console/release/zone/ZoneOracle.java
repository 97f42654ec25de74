package vn.investledger.console.release.zone;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import vn.investledger.console.release.GeneratedLedger;
import vn.investledger.console.release.GeneratedLedger.Received;
import vn.investledger.events.CapitalAdjusted;
import vn.investledger.events.CapitalContributed;
import vn.investledger.events.Disbursed;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Licensed;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Money;
import vn.investledger.events.Terminated;
import vn.investledger.events.reference.UsdRate;
import vn.investledger.events.reference.UsdRates;
import vn.investledger.events.rulebook.ReportCalendar;

/**
 * A zone-board release's figures recomputed from the generated events alone, by DOMAIN.md
 * and the README's rules: a project is in the zone its first event names (its licence, or
 * an enterprise's first contribution); the FDI and DDI flows of the projects in a scope
 * are the national release oracle's over those projects' events; a DDI amount is
 * converted on its own at the rate in force on its effective date, half-even to the cent,
 * the cents summed, an event dated before the first rate counted apart; the land of the
 * zone's projects licensed by the cut-off and not terminated by it is their licences'
 * land areas.
 */
final class ZoneOracle {

	private ZoneOracle() {
	}

	/**
	 * The zone of each project as known at an instant: its first event's, if that is
	 * known and dated by the cut-off.
	 */
	static Map<String, String> zones(GeneratedLedger ledger, LocalDate cutOff, Instant asOf) {
		Map<String, String> zones = new HashMap<>();
		Set<String> seen = new TreeSet<>();
		for (Received received : ledger.events) {
			LicensingEvent event = received.event();
			if (!seen.add(event.key()) || !known(received, asOf) || event.envelope().effectiveDate().isAfter(cutOff)) {
				continue;
			}
			String zone = switch (event) {
				case Licensed licence -> licence.zoneCode();
				case CapitalContributed contribution -> contribution.zoneCode();
				default -> throw new IllegalStateException("a project starts with a licence or a contribution");
			};
			if (zone != null) {
				zones.put(event.key(), zone);
			}
		}
		return zones;
	}

	/** The events of the projects in some zones. */
	static GeneratedLedger in(GeneratedLedger ledger, Map<String, String> zones, Set<String> covered) {
		List<Received> events = new ArrayList<>();
		for (Received received : ledger.events) {
			String zone = zones.get(received.event().key());
			if (zone != null && covered.contains(zone)) {
				events.add(received);
			}
		}
		return GeneratedLedger.of(events);
	}

	/**
	 * The DDI flows in US dollars: new, adjusted, contributed, realised, then the events
	 * left unconverted, and the rates applied.
	 */
	record Usd(long[] cents, long unconverted, Set<String> rates) {

	}

	static Usd ddiUsd(GeneratedLedger ledger, LocalDate from, LocalDate to, Instant asOf) {
		long[] cents = new long[4];
		long unconverted = 0;
		Set<String> rates = new TreeSet<>();
		Map<String, Licensed> licences = new HashMap<>();
		for (Received received : ledger.events) {
			if (received.event() instanceof Licensed licence) {
				licences.put(licence.key(), licence);
			}
		}
		for (Received received : ledger.events) {
			LicensingEvent event = received.event();
			LocalDate day = event.envelope().effectiveDate();
			if (!known(received, asOf) || day.isBefore(from) || day.isAfter(to)) {
				continue;
			}
			int field;
			Money amount;
			switch (event) {
				case Licensed licence when licence.investmentType() == InvestmentType.DDI -> {
					field = 0;
					amount = licence.registeredCapital();
				}
				case CapitalAdjusted adjustment when adjustment.investmentType() == InvestmentType.DDI -> {
					Licensed licence = licences.get(adjustment.key());
					boolean sameYear = licence != null && known(licence, ledger, asOf)
							&& licence.envelope().effectiveDate().getYear() == day.getYear();
					field = sameYear ? 0 : 1;
					amount = adjustment.capitalChange();
				}
				case CapitalContributed contribution when contribution.investmentType() == InvestmentType.DDI -> {
					field = 2;
					amount = contribution.amount();
				}
				case Disbursed disbursement when disbursement.investmentType() == InvestmentType.DDI -> {
					field = 3;
					amount = disbursement.amount();
				}
				default -> {
					continue;
				}
			}
			UsdRate rate = null;
			for (UsdRate candidate : UsdRates.standard().all()) {
				if (!candidate.from().isAfter(day)) {
					rate = candidate;
				}
			}
			if (rate == null) {
				unconverted++;
				continue;
			}
			cents[field] += new BigDecimal(amount.minorUnits()).movePointRight(2)
				.divide(rate.vndPerUsd(), 0, RoundingMode.HALF_EVEN)
				.longValueExact();
			rates.add(rate.name() + ": " + rate.vndPerUsd().toPlainString() + " VND/USD from " + rate.from());
		}
		return new Usd(cents, unconverted, rates);
	}

	/**
	 * The land of each zone's valid projects at the cut-off: hectares, projects, without
	 * an area.
	 */
	record Land(BigDecimal hectares, long valid, long withoutArea) {

	}

	static Map<String, Land> land(GeneratedLedger ledger, Map<String, String> zones, LocalDate cutOff, Instant asOf) {
		Map<String, Licensed> licences = new LinkedHashMap<>();
		Set<String> terminated = new TreeSet<>();
		for (Received received : ledger.events) {
			LicensingEvent event = received.event();
			if (!known(received, asOf) || event.envelope().effectiveDate().isAfter(cutOff)) {
				continue;
			}
			if (event instanceof Licensed licence) {
				licences.put(licence.key(), licence);
			}
			if (event instanceof Terminated) {
				terminated.add(event.key());
			}
		}
		Map<String, Land> land = new HashMap<>();
		for (Licensed licence : licences.values()) {
			String zone = zones.get(licence.key());
			if (zone == null || terminated.contains(licence.key())) {
				continue;
			}
			BigDecimal area = licence.landAreaHa();
			land.merge(zone, new Land((area != null) ? area : BigDecimal.ZERO, 1, (area != null) ? 0 : 1),
					(a, b) -> new Land(a.hectares().add(b.hectares()), a.valid() + b.valid(),
							a.withoutArea() + b.withoutArea()));
		}
		return land;
	}

	static LocalDate from(YearMonth month) {
		return LocalDate.of(month.getYear(), 1, 1);
	}

	static LocalDate cutOff(YearMonth month, ReportCalendar calendar) {
		return calendar.cutOff(month);
	}

	private static boolean known(Received received, Instant asOf) {
		return asOf == null || !received.receivedAt().isAfter(asOf);
	}

	private static boolean known(Licensed licence, GeneratedLedger ledger, Instant asOf) {
		return ledger.events.stream().anyMatch((received) -> received.event() == licence && known(received, asOf));
	}

}
