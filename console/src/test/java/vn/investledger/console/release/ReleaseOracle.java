package vn.investledger.console.release;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import vn.investledger.console.release.GeneratedLedger.Received;
import vn.investledger.events.CapitalAdjusted;
import vn.investledger.events.CapitalContributed;
import vn.investledger.events.Disbursed;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Licensed;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Resumed;
import vn.investledger.events.Suspended;
import vn.investledger.events.Terminated;

/**
 * A release's figures recomputed from the generated events alone, by the rules as
 * DOMAIN.md and the README state them, without the rulebook's flows, cells, periods or
 * state transitions: a year to date is the days from 1 January to the cut-off; a licence
 * is a new project; an adjustment of a project licensed in the same year adds to the new
 * capital, one of an earlier year to the adjusted capital, counted if an increase; a
 * contribution is a transaction, split by its charter-capital flag; the stock at the
 * cut-off holds the licensed projects whose last status (by revision) is not a
 * termination, with the capital stated last and the disbursements summed. Provinces are
 * restated by DOMAIN.md's table of the seeds' units.
 */
public final class ReleaseOracle {

	/** DOMAIN.md, "Provinces: the 2025 reorganisation": the seeds' units today. */
	static final Map<String, String> TODAY = Map.of("22", "22", "31", "31", "30", "31", "33", "33", "34", "33", "51",
			"51", "62", "51");

	private ReleaseOracle() {
	}

	/**
	 * The expected figures of one type.
	 *
	 * @param current the year to the cut-off, in {@link #FIELDS} order
	 * @param previous the same period a year earlier
	 * @param countries new projects and capital by partner
	 * @param provinces by today's unit
	 * @param sectors by section
	 * @param stock valid, suspended, registered, realised
	 */
	public record Expected(long[] current, long[] previous, Map<String, List<Long>> countries,
			Map<String, List<Long>> provinces, Map<String, List<Long>> sectors, long[] stock) {

	}

	/**
	 * FIA's cut-off of a monthly release, written from DOMAIN.md rather than read from
	 * the report calendar: to the 20th up to 2024, December 2024 to the 31st, month-end
	 * from 2025.
	 * @param month the release's month
	 * @return the last day it counts
	 */
	static LocalDate cutOff(YearMonth month) {
		boolean toMonthEnd = month.getYear() >= 2025 || month.equals(YearMonth.of(2024, 12));
		return toMonthEnd ? month.atEndOfMonth() : month.atDay(20);
	}

	/** The order of a year's figures. */
	static final List<String> FIELDS = List.of("newProjects", "newCapital", "adjustments", "adjustedCapital",
			"contributions", "contributionCapital", "raising", "raisingCapital", "other", "otherCapital", "realised");

	public static Expected expected(GeneratedLedger ledger, YearMonth month, Instant asOf, InvestmentType type) {
		LocalDate cutOff = cutOff(month);
		LocalDate previousCutOff = cutOff(month.minusYears(1));
		LocalDate start = LocalDate.of(month.getYear(), 1, 1);
		LocalDate previousStart = start.minusYears(1);
		long[] current = new long[FIELDS.size()];
		long[] previous = new long[FIELDS.size()];
		Map<String, List<Long>> countries = new TreeMap<>();
		Map<String, List<Long>> provinces = new TreeMap<>();
		Map<String, List<Long>> sectors = new TreeMap<>();
		long[] stock = new long[4];
		Map<String, List<LicensingEvent>> projects = new LinkedHashMap<>();
		for (Received received : ledger.events) {
			if (asOf == null || !received.receivedAt().isAfter(asOf)) {
				projects.computeIfAbsent(received.event().key(), (code) -> new ArrayList<>()).add(received.event());
			}
		}
		for (List<LicensingEvent> events : projects.values()) {
			events.sort((a, b) -> Long.compare(a.envelope().revision(), b.envelope().revision()));
			Licensed licence = (events.get(0) instanceof Licensed first) ? first : null;
			InvestmentType projectType = (licence != null) ? licence.investmentType()
					: ((CapitalContributed) events.get(0)).investmentType();
			if (projectType != type) {
				continue;
			}
			for (LicensingEvent event : events) {
				LocalDate day = event.envelope().effectiveDate();
				if (!day.isBefore(start) && !day.isAfter(cutOff)) {
					add(current, event, licence);
					line(countries, provinces, sectors, event, licence);
				}
				if (!day.isBefore(previousStart) && !day.isAfter(previousCutOff)) {
					add(previous, event, licence);
				}
			}
			if (licence != null && !licence.envelope().effectiveDate().isAfter(cutOff)) {
				boolean terminated = false;
				boolean suspended = false;
				long registered = 0;
				long realised = 0;
				for (LicensingEvent event : events) {
					if (event.envelope().effectiveDate().isAfter(cutOff)) {
						continue;
					}
					switch (event) {
						case Licensed l -> registered = l.registeredCapital().minorUnits();
						case CapitalAdjusted a -> registered = a.newRegisteredCapital().minorUnits();
						case Disbursed d -> realised += d.amount().minorUnits();
						case Suspended s -> suspended = true;
						case Resumed r -> suspended = false;
						case Terminated t -> terminated = true;
						default -> {
						}
					}
				}
				if (!terminated) {
					stock[0]++;
					stock[1] += suspended ? 1 : 0;
					stock[2] += registered;
					stock[3] += realised;
				}
			}
		}
		return new Expected(current, previous, countries, provinces, sectors, stock);
	}

	private static void add(long[] year, LicensingEvent event, Licensed licence) {
		switch (event) {
			case Licensed l -> {
				year[0]++;
				year[1] += l.registeredCapital().minorUnits();
			}
			case CapitalAdjusted a -> {
				long change = a.capitalChange().minorUnits();
				if (sameYear(a, licence)) {
					year[1] += change;
				}
				else {
					year[2] += (change > 0) ? 1 : 0;
					year[3] += change;
				}
			}
			case CapitalContributed c -> {
				year[4]++;
				year[5] += c.amount().minorUnits();
				year[c.raisesCharterCapital() ? 6 : 8]++;
				year[c.raisesCharterCapital() ? 7 : 9] += c.amount().minorUnits();
			}
			case Disbursed d -> year[10] += d.amount().minorUnits();
			default -> {
			}
		}
	}

	private static boolean sameYear(CapitalAdjusted adjustment, Licensed licence) {
		return licence != null
				&& licence.envelope().effectiveDate().getYear() == adjustment.envelope().effectiveDate().getYear();
	}

	/**
	 * A licence, or a same-year adjustment, in the lines of its project's partner, unit
	 * and sector.
	 */
	private static void line(Map<String, List<Long>> countries, Map<String, List<Long>> provinces,
			Map<String, List<Long>> sectors, LicensingEvent event, Licensed licence) {
		long projects;
		long capital;
		if (event instanceof Licensed l) {
			projects = 1;
			capital = l.registeredCapital().minorUnits();
		}
		else if (event instanceof CapitalAdjusted a && sameYear(a, licence)) {
			projects = 0;
			capital = a.capitalChange().minorUnits();
		}
		else {
			return;
		}
		plus(countries, licence.investors().get(0).country(), projects, capital);
		plus(provinces, TODAY.get(event.envelope().provinceCode()), projects, capital);
		plus(sectors, licence.sector().section(), projects, capital);
	}

	private static void plus(Map<String, List<Long>> lines, String code, long projects, long capital) {
		lines.merge(code, List.of(projects, capital), (a, b) -> List.of(a.get(0) + b.get(0), a.get(1) + b.get(1)));
	}

	/** The fold's figures in the oracle's form. */
	public static Expected of(ReleaseFigures figures) {
		return new Expected(fields(figures.current()), fields(figures.previous()), lines(figures.byCountry()),
				lines(figures.byProvince()), lines(figures.bySector()),
				new long[] { figures.stock().validProjects(), figures.stock().suspendedProjects(),
						figures.stock().registeredCapital(), figures.stock().realisedCapital() });
	}

	static long[] fields(YearToDate year) {
		return new long[] { year.newProjects(), year.newCapital(), year.adjustments(), year.adjustedCapital(),
				year.contributions(), year.contributionCapital(), year.raisingContributions(), year.raisingCapital(),
				year.otherContributions(), year.otherCapital(), year.realisedCapital() };
	}

	private static Map<String, List<Long>> lines(Map<String, ReleaseFigures.Line> lines) {
		Map<String, List<Long>> out = new TreeMap<>();
		lines.forEach((code, line) -> out.put(code, List.of(line.newProjects(), line.newCapital())));
		return out;
	}

}
