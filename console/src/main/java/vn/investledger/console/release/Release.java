package vn.investledger.console.release;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import vn.investledger.events.Currency;
import vn.investledger.events.InvestmentType;

/**
 * A national release of one investment type for one report month, as known at an instant:
 * its figures in tables, exact, and its text in Vietnamese and English, whose every
 * number is a table's number written by the {@link DisplayRule}. Its JSON form is what a
 * publication hashes, so it holds nothing that depends on when or by whom it was asked
 * for.
 *
 * @param header what the release covers and as known when
 * @param tables the figures
 * @param text the paragraphs
 */
public record Release(Header header, Tables tables, List<Paragraph> text) {

	/**
	 * This release without a paragraph: as a writer before it wrote the release.
	 * @param key the paragraph's key
	 * @return the release without it
	 */
	Release withoutParagraph(String key) {
		return new Release(this.header, this.tables,
				this.text.stream().filter((paragraph) -> !paragraph.key().equals(key)).toList());
	}

	/**
	 * What a release covers.
	 *
	 * @param month the report month, e.g. {@code 2025-10}
	 * @param type FDI or DDI
	 * @param currency USD for FDI, VND for DDI
	 * @param from 1 January of the year
	 * @param cutOff the report calendar's cut-off day of the month ("tính đến ngày")
	 * @param comparisonFrom 1 January of the year before
	 * @param comparisonCutOff the cut-off of the same month a year earlier, by that
	 * year's calendar
	 * @param asOf the instant the figures are known at (events received at or before it),
	 * {@code null} for every event indexed now
	 * @param newestEventReceivedAt when the newest event the figures hold was received
	 * @param eventsWithoutFlow applied events whose history entry carries no flow
	 * (written before the ledger recorded flows), which the flows cannot count: 0 unless
	 * the history predates flows and no replay has run since
	 * @param sizes how many lines each ranking names
	 */
	record Header(String month, InvestmentType type, Currency currency, LocalDate from, LocalDate cutOff,
			LocalDate comparisonFrom, LocalDate comparisonCutOff, Instant asOf, Instant newestEventReceivedAt,
			long eventsWithoutFlow, Sizes sizes) {

	}

	/**
	 * How many lines each ranking names, in the tables and the text.
	 *
	 * @param countries partner countries and territories
	 * @param provinces provinces (today's units)
	 * @param sectors sectors, before "the other sectors"
	 */
	record Sizes(int countries, int provinces, int sectors) {

		/** Partner countries named, as the statistics office's releases name them. */
		static final int COUNTRIES = 7;

		/** Provinces named, as the statistics office's releases name them. */
		static final int PROVINCES = 6;

		/** Sectors named, as the statistics office's releases name them. */
		static final int SECTORS = 2;

		/** As the statistics office's releases name them. */
		static final Sizes DEFAULT = new Sizes(COUNTRIES, PROVINCES, SECTORS);

		/** The most lines a ranking may name. */
		static final int MAX = 60;

	}

	/**
	 * The figures.
	 *
	 * @param yearOnYear each headline figure of the year to the cut-off beside the same
	 * period a year earlier
	 * @param contributions the contributions and share purchases, split by whether they
	 * raise the enterprise's charter capital
	 * @param countries the partner countries and territories by new registered capital
	 * @param provinces today's provinces by new registered capital
	 * @param sectors the VSIC 2025 sections by new registered capital
	 * @param stock the valid projects at the cut-off
	 */
	record Tables(List<YearOnYear> yearOnYear, Contributions contributions, Ranking countries, Ranking provinces,
			Ranking sectors, StockTable stock) {

	}

	/**
	 * A figure of the year beside the same period a year earlier.
	 *
	 * @param figure its name, e.g. {@code new.capital}
	 * @param vi its label in Vietnamese
	 * @param en its label in English
	 * @param current the year to the cut-off
	 * @param previous the same report months a year earlier
	 * @param change the change
	 */
	record YearOnYear(String figure, String vi, String en, Shown current, Shown previous, Change change) {

	}

	/**
	 * An exact number and how the text writes it.
	 */
	@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
	@JsonSubTypes({ @JsonSubTypes.Type(Count.class), @JsonSubTypes.Type(Amount.class) })
	public sealed interface Shown permits Count, Amount {

		/**
		 * The exact value: a count, or minor units.
		 * @return the value
		 */
		long exact();

	}

	/**
	 * A count.
	 *
	 * @param value the count
	 * @param vi as written in Vietnamese
	 * @param en as written in English
	 */
	public record Count(long value, String vi, String en) implements Shown {

		public static Count of(long value) {
			return new Count(value, DisplayRule.count(value, DisplayRule.Language.VI),
					DisplayRule.count(value, DisplayRule.Language.EN));
		}

		@Override
		public long exact() {
			return this.value;
		}

	}

	/**
	 * An amount of money.
	 *
	 * @param minorUnits the exact amount in minor units (US cents, đồng)
	 * @param currency its currency
	 * @param vi as written in Vietnamese
	 * @param en as written in English
	 */
	public record Amount(long minorUnits, Currency currency, String vi, String en) implements Shown {

		public static Amount of(long minorUnits, Currency currency) {
			return new Amount(minorUnits, currency, DisplayRule.money(minorUnits, currency, DisplayRule.Language.VI),
					DisplayRule.money(minorUnits, currency, DisplayRule.Language.EN));
		}

		@Override
		public long exact() {
			return this.minorUnits;
		}

	}

	/**
	 * A change on a year earlier.
	 *
	 * @param kind {@code up}, {@code down}, {@code times} (the figure at least doubled),
	 * {@code same}, {@code none-before} (nothing a year earlier), {@code none} (nothing
	 * in either year) or {@code not-comparable} (a negative figure)
	 * @param percent {@code 100 × (current − previous) / previous} rounded for display,
	 * {@code null} without a positive previous figure
	 * @param times {@code current / previous} rounded for display, for {@code times}
	 * @param vi the clause in Vietnamese, e.g. "tăng 15,6% so với cùng kỳ năm trước"
	 * @param en the clause in English, e.g. "up 15.6% year on year"
	 */
	public record Change(String kind, BigDecimal percent, BigDecimal times, String vi, String en) {

	}

	/**
	 * A part's share of a whole.
	 *
	 * @param percent {@code 100 × part / whole} rounded for display
	 * @param vi as written in Vietnamese, e.g. {@code 56,7%}
	 * @param en as written in English
	 */
	public record Share(BigDecimal percent, String vi, String en) {

	}

	/**
	 * The contributions and share purchases.
	 *
	 * @param transactions every transaction (lượt)
	 * @param value their value
	 * @param raising those that raise the enterprise's charter capital
	 * @param raisingValue their value
	 * @param other share purchases that do not raise it
	 * @param otherValue their value
	 */
	record Contributions(Count transactions, Amount value, Count raising, Amount raisingValue, Count other,
			Amount otherValue) {

	}

	/**
	 * Lines ranked by new registered capital.
	 *
	 * @param lines how many lines have new projects
	 * @param newCapital the whole new registered capital, the shares' whole
	 * @param rows the first lines, largest first
	 * @param others what the lines not named add up to, with new capital of no line (e.g.
	 * without a known sector), {@code null} if nothing is left
	 */
	record Ranking(Count lines, Amount newCapital, List<RankedLine> rows, Others others) {

	}

	/**
	 * A ranked line.
	 *
	 * @param rank 1 for the largest
	 * @param code the code
	 * @param vi its name in Vietnamese
	 * @param en its name in English
	 * @param newProjects its new projects
	 * @param newCapital their registered capital
	 * @param share its share of the whole new capital, {@code null} if that is not
	 * positive
	 */
	record RankedLine(int rank, String code, String vi, String en, Count newProjects, Amount newCapital, Share share) {

	}

	/**
	 * What the lines a ranking does not name add up to.
	 *
	 * @param lines how many lines with new projects are not named
	 * @param newCapital the new capital not in a named line
	 * @param share its share of the whole, {@code null} if that is not positive
	 */
	record Others(Count lines, Amount newCapital, Share share) {

	}

	/**
	 * The stock of valid projects.
	 *
	 * @param at the day it is counted at: the cut-off
	 * @param validProjects projects licensed and not terminated
	 * @param suspendedProjects of those, suspended
	 * @param registeredCapital their registered capital
	 * @param realisedCapital their cumulative realised capital
	 * @param realisedShare realised as a share of registered, {@code null} if registered
	 * is not positive
	 */
	record StockTable(LocalDate at, Count validProjects, Count suspendedProjects, Amount registeredCapital,
			Amount realisedCapital, Share realisedShare) {

	}

	/**
	 * A paragraph of the text.
	 *
	 * @param key what it says: {@code headline}, {@code new}, {@code adjusted},
	 * {@code contributions}, {@code realised}, {@code sectors}, {@code countries},
	 * {@code provinces}, {@code none-new}, {@code stock}
	 * @param vi in Vietnamese
	 * @param en in English
	 */
	public record Paragraph(String key, String vi, String en) {

	}

}
