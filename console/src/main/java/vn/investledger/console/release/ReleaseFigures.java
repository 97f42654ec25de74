package vn.investledger.console.release;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import vn.investledger.events.Currency;
import vn.investledger.events.InvestmentType;
import vn.investledger.index.FlowDocument;

/**
 * Every exact figure a release of one investment type states, as known at one instant:
 * the flows of the year to the cut-off and of the same period a year earlier, the new
 * projects by partner country, today's province and sector, and the stock of valid
 * projects at the cut-off. Amounts are minor units of the type's currency.
 *
 * @param type FDI or DDI
 * @param current the year to the release's cut-off
 * @param previous the same report months a year earlier
 * @param byCountry the year's new projects by partner country or territory
 * @param byProvince by today's unit (the province restated, as the statistics office
 * publishes)
 * @param bySector by VSIC 2025 section
 * @param stock valid projects at the cut-off
 * @param newestReceivedAt when the newest entry this vintage holds was received, or
 * {@code null} for none
 * @param missingFlows applied events of a kind that makes flows whose entry carries none
 * (written before the ledger recorded flows: a replay writes them again), which the flows
 * cannot count
 */
public record ReleaseFigures(InvestmentType type, YearToDate current, YearToDate previous,
		SortedMap<String, Line> byCountry, SortedMap<String, Line> byProvince, SortedMap<String, Line> bySector,
		StockTally stock, Instant newestReceivedAt, long missingFlows) {

	/** The prefix of the comparison year's figures. */
	static final String PREVIOUS = "previous.";

	public ReleaseFigures {
		// kept releases share their figures: they cannot change
		byCountry = Collections.unmodifiableSortedMap(new TreeMap<>(byCountry));
		byProvince = Collections.unmodifiableSortedMap(new TreeMap<>(byProvince));
		bySector = Collections.unmodifiableSortedMap(new TreeMap<>(bySector));
	}

	Currency currency() {
		return this.type.currency();
	}

	/**
	 * Every figure by a stable name, for the revisions between two vintages: the flows
	 * ({@code new.capital}, {@code previous.new.capital}, …), each line's new projects
	 * and capital ({@code country.KR.new.capital}), how many lines have new projects
	 * ({@code countries}) and the stock ({@code stock.valid}, …).
	 * @return the figures by name
	 */
	SortedMap<String, Figure> flat() {
		SortedMap<String, Figure> figures = new TreeMap<>();
		this.current.addTo(figures, "", currency());
		this.previous.addTo(figures, PREVIOUS, currency());
		lines(figures, Dimension.COUNTRY, this.byCountry);
		lines(figures, Dimension.PROVINCE, this.byProvince);
		lines(figures, Dimension.SECTOR, this.bySector);
		figures.put("stock.valid", Figure.count(this.stock.validProjects()));
		figures.put("stock.suspended", Figure.count(this.stock.suspendedProjects()));
		figures.put("stock.registered.capital", Figure.money(this.stock.registeredCapital(), currency()));
		figures.put("stock.realised.capital", Figure.money(this.stock.realisedCapital(), currency()));
		return figures;
	}

	private void lines(SortedMap<String, Figure> figures, Dimension dimension, Map<String, Line> lines) {
		long withNewProjects = 0;
		for (Map.Entry<String, Line> line : lines.entrySet()) {
			if (line.getValue().newProjects() != 0) {
				withNewProjects++;
			}
			figures.put(dimension.projects(line.getKey()), Figure.count(line.getValue().newProjects()));
			figures.put(dimension.capital(line.getKey()), Figure.money(line.getValue().newCapital(), currency()));
		}
		figures.put(dimension.plural(), Figure.count(withNewProjects));
	}

	/**
	 * The lines a release ranks, and the names of their figures.
	 */
	enum Dimension {

		COUNTRY("country", "countries"), PROVINCE("province", "provinces"), SECTOR("sector", "sectors");

		private final String name;

		private final String plural;

		Dimension(String name, String plural) {
			this.name = name;
			this.plural = plural;
		}

		String projects(String code) {
			return this.name + "." + code + ".new.projects";
		}

		String capital(String code) {
			return this.name + "." + code + ".new.capital";
		}

		/** The figure counting the lines with new projects, e.g. {@code countries}. */
		String plural() {
			return this.plural;
		}

		/** The flow document's cell key of this dimension. */
		String cellKey() {
			return (this == PROVINCE) ? "restated" : this.name;
		}

	}

	/**
	 * One exact figure: a count, or an amount in minor units of a currency.
	 *
	 * @param value the count or amount
	 * @param currency the amount's currency, {@code null} for a count
	 */
	record Figure(long value, Currency currency) {

		static Figure count(long value) {
			return new Figure(value, null);
		}

		static Figure money(long minorUnits, Currency currency) {
			return new Figure(minorUnits, currency);
		}

	}

	/**
	 * A line's new projects and their capital.
	 *
	 * @param newProjects new projects
	 * @param newCapital their registered capital, with same-year adjustments
	 */
	record Line(long newProjects, long newCapital) {

		static final Line ZERO = new Line(0, 0);

		Line plus(FlowDocument flow) {
			return new Line(Math.addExact(this.newProjects, flow.newProjects()),
					Math.addExact(this.newCapital, flow.newCapital().minorUnits()));
		}

	}

	/**
	 * The stock of valid projects (lũy kế dự án còn hiệu lực) of one type.
	 *
	 * @param validProjects licensed and not terminated, suspended ones included
	 * @param suspendedProjects of those, the suspended ones
	 * @param registeredCapital their registered capital
	 * @param realisedCapital their cumulative realised capital
	 */
	public record StockTally(long validProjects, long suspendedProjects, long registeredCapital, long realisedCapital) {

		static final StockTally ZERO = new StockTally(0, 0, 0, 0);

		StockTally plus(StockTally part) {
			return new StockTally(Math.addExact(this.validProjects, part.validProjects),
					Math.addExact(this.suspendedProjects, part.suspendedProjects),
					Math.addExact(this.registeredCapital, part.registeredCapital),
					Math.addExact(this.realisedCapital, part.realisedCapital));
		}

	}

}
