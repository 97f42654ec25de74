package vn.investledger.events.rulebook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import vn.investledger.events.Limits;
import vn.investledger.events.reference.ReferenceCsv;

/**
 * When FIA's monthly releases are cut off: each release counts from 1 January to a
 * cut-off day of its month, and that day changed over the years (DOMAIN.md, "The
 * figures"): the 20th up to 2024, December to the 20th in 2020 and 2023 and to the 31st
 * in 2024, month-end from 2025. The calendar is a dated table, one rule per year from a
 * year on ({@code report-calendar.csv}); a deployment can load its own
 * ({@link #read(Path)}) and replay.
 * <p>
 * An event counts in the release of its month if it is dated on or before that month's
 * cut-off, otherwise in the next month's. An event after December's cut-off counts in its
 * year and in no monthly release: the next year's releases start on 1 January.
 */
public final class ReportCalendar {

	/** A cut-off written as this word is the month's last day. */
	public static final String MONTH_END = "end";

	private static final String RESOURCE = "/reference/report-calendar.csv";

	private static final String HEADER = "from_year,cut_off,december,source";

	private static final ReportCalendar STANDARD = new ReportCalendar(
			parse(ReferenceCsv.read(RESOURCE, HEADER), RESOURCE));

	/**
	 * How many days' periods {@link #periodsOf(String)} keeps: a flow cell's day is the
	 * first of its part of a month, so a ledger of every year since
	 * {@link Limits#EARLIEST_DATE} needs a few thousand at most.
	 */
	static final int MAX_KEPT_DAYS = 20_000;

	private final TreeMap<Integer, Rule> byYear = new TreeMap<>();

	/** The periods of each day asked for, as {@link Periods#of} gives them. */
	private final Map<String, List<String>> periodsOfDay = new ConcurrentHashMap<>();

	/**
	 * A calendar.
	 * @param rules the rules, at most one per year, the first in force from
	 * {@link Limits#EARLIEST_DATE}'s year or earlier
	 * @throws IllegalArgumentException if two rules share a year or no rule covers the
	 * earliest date
	 */
	public ReportCalendar(List<Rule> rules) {
		for (Rule rule : rules) {
			Rule previous = this.byYear.put(rule.fromYear(), rule);
			if (previous != null) {
				throw new IllegalArgumentException("Two cut-off rules from " + rule.fromYear());
			}
		}
		if (this.byYear.isEmpty() || this.byYear.firstKey() > Limits.EARLIEST_DATE.getYear()) {
			throw new IllegalArgumentException(
					"The report calendar must have a rule from " + Limits.EARLIEST_DATE.getYear() + " or earlier");
		}
	}

	/**
	 * The calendar shipped with the platform: FIA's releases as DOMAIN.md states them.
	 * @return the shipped calendar
	 */
	public static ReportCalendar standard() {
		return STANDARD;
	}

	/**
	 * Reads a calendar from a UTF-8 CSV file with the header
	 * {@code from_year,cut_off,december,source}.
	 * @param csv the file
	 * @return the calendar
	 * @throws IllegalArgumentException naming the row if one is malformed
	 */
	public static ReportCalendar read(Path csv) {
		try (InputStream in = Files.newInputStream(csv)) {
			return new ReportCalendar(parse(ReferenceCsv.read(in, HEADER, csv.toString()), csv.toString()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the report calendar " + csv, ex);
		}
	}

	/**
	 * The last day a month's release counts.
	 * @param month a report month
	 * @return its cut-off date, within the month
	 */
	public LocalDate cutOff(YearMonth month) {
		Rule rule = ruleOf(month.getYear());
		int day = (month.getMonthValue() == 12) ? rule.decemberCutOff() : rule.cutOff();
		return month.atDay(Math.min(day, month.lengthOfMonth()));
	}

	/**
	 * The release an event of this date counts in.
	 * @param date an effective date
	 * @return its month's release, the next month's if it is after its month's cut-off,
	 * none if it is after December's
	 */
	public Optional<YearMonth> reportMonthOf(LocalDate date) {
		YearMonth month = YearMonth.from(date);
		if (!date.isAfter(cutOff(month))) {
			return Optional.of(month);
		}
		return (month.getMonthValue() < 12) ? Optional.of(month.plusMonths(1)) : Optional.empty();
	}

	/**
	 * The periods an event of a day counts in ({@link Periods#of}), computed once per
	 * day: the figures ask for the periods of every cell's day, once per event and once
	 * per cell spread over the figures.
	 * @param day the day, ISO-8601 ({@code 2024-03-21})
	 * @return {@code all}, the year, quarter, month and, if it has one, report month
	 * @throws java.time.format.DateTimeParseException if the day is not a date
	 */
	public List<String> periodsOf(String day) {
		List<String> known = this.periodsOfDay.get(day);
		if (known != null) {
			return known;
		}
		List<String> periods = List.copyOf(Periods.of(LocalDate.parse(day), this));
		if (this.periodsOfDay.size() < MAX_KEPT_DAYS) {
			this.periodsOfDay.put(day, periods);
		}
		return periods;
	}

	/**
	 * How many days' periods are remembered.
	 * @return at most {@link #MAX_KEPT_DAYS}
	 */
	int keptDays() {
		return this.periodsOfDay.size();
	}

	/**
	 * Whether a month's release is closed: its cut-off day has passed, so no event of its
	 * days is still to come in the ordinary course.
	 * @param release a release's month
	 * @param today today, in Vietnam
	 * @return {@code true} from the day after its cut-off
	 */
	public boolean isClosed(YearMonth release, LocalDate today) {
		return cutOff(release).isBefore(today);
	}

	/**
	 * The newest release whose cut-off day has passed: the newest month a report can be
	 * asked for. On 21 March 2024 (cut-off the 20th) it is March 2024; on 31 October 2025
	 * (cut-off month-end) it is September 2025, and October from 1 November.
	 * @param today today, in Vietnam
	 * @return the newest closed release
	 */
	public YearMonth lastClosedRelease(LocalDate today) {
		YearMonth month = YearMonth.from(today);
		return isClosed(month, today) ? month : month.minusMonths(1);
	}

	/**
	 * The first day of the part of its month a date is in: the 1st up to the cut-off, the
	 * day after the cut-off from then on. Every day of a part counts in the same periods,
	 * so a figure's finest grain ({@link Cell}) is kept by part of month, not by day.
	 * @param date an effective date
	 * @return the first day of its part of the month
	 */
	public LocalDate partOfMonth(LocalDate date) {
		LocalDate cutOff = cutOff(YearMonth.from(date));
		return date.isAfter(cutOff) ? cutOff.plusDays(1) : date.withDayOfMonth(1);
	}

	/**
	 * Every rule, oldest first.
	 * @return the rules
	 */
	public List<Rule> rules() {
		return List.copyOf(this.byYear.values());
	}

	private Rule ruleOf(int year) {
		Map.Entry<Integer, Rule> rule = this.byYear.floorEntry(year);
		return (rule != null) ? rule.getValue() : this.byYear.firstEntry().getValue();
	}

	private static List<Rule> parse(List<String[]> rows, String source) {
		List<Rule> rules = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			String[] row = rows.get(i);
			try {
				if (row.length != 4) {
					throw new IllegalArgumentException("expected from_year,cut_off,december,source");
				}
				rules.add(new Rule(Integer.parseInt(row[0].strip()), day(row[1]), day(row[2]), row[3].strip()));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("Report calendar " + source + ", row " + (i + 1) + " \""
						+ String.join(",", row) + "\": " + ex.getMessage(), ex);
			}
		}
		return rules;
	}

	private static int day(String value) {
		String day = value.strip();
		return MONTH_END.equals(day) ? 31 : Integer.parseInt(day);
	}

	/**
	 * The cut-offs of the releases of a year and of every later year until the next rule.
	 *
	 * @param fromYear the first year
	 * @param cutOff the day the January to November releases run to (31: month-end)
	 * @param decemberCutOff the day the December release runs to (31: the year's end)
	 * @param source where the rule comes from
	 */
	public record Rule(int fromYear, int cutOff, int decemberCutOff, String source) {

		public Rule {
			if (cutOff < 1 || cutOff > 31 || decemberCutOff < 1 || decemberCutOff > 31) {
				throw new IllegalArgumentException("a cut-off is a day from 1 to 31 or \"" + MONTH_END + "\"");
			}
		}

	}

	/**
	 * The calendar's rules, oldest first, one text each (without their sources, which
	 * only describe them): the same rules give the same texts whatever file they were
	 * read from.
	 * @return e.g. {@code 2025,31,31}
	 */
	public List<String> rows() {
		return this.byYear.values()
			.stream()
			.map((rule) -> rule.fromYear() + "," + rule.cutOff() + "," + rule.decemberCutOff())
			.toList();
	}

}
