package vn.investledger.events.rulebook;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The periods a flow figure is kept for. An event counts, by its effective date, in
 * {@code all}, its year ({@code 2024}), quarter ({@code 2024-Q1}), month
 * ({@code 2024-03}) and report month ({@code 2024-R03}): the part of the year FIA's
 * release of that month adds, from the previous release's cut-off to its own (see
 * {@link ReportCalendar}). A release's year-to-date figure is the sum of the report
 * months from {@code R01} to its own; an event after December's cut-off has no report
 * month.
 */
public final class Periods {

	/** Every event counts in this period. */
	public static final String ALL = "all";

	/**
	 * The grammar of a period, the one every reader and writer of figures accepts: its
	 * year from {@link vn.investledger.events.Limits#EARLIEST_YEAR} to 2100, as every
	 * date of the ledger.
	 */
	public static final String GRAMMAR = "all|(19(8[7-9]|9\\d)|20\\d{2}|2100)(-Q[1-4]|-(0[1-9]|1[0-2])|-R(0[1-9]|1[0-2]))?";

	/** What {@link #GRAMMAR} says, for a refusal. */
	public static final String GRAMMAR_MESSAGE = "a period is all, a year from 1987 to 2100 (2024), a quarter (2024-Q1), "
			+ "a month (2024-03) or a report month (2024-R03)";

	private static final Pattern PATTERN = Pattern.compile(GRAMMAR);

	private Periods() {
	}

	/**
	 * The periods an event of this effective date counts in.
	 * @param date the effective date (or the first day of its part of the month)
	 * @param calendar the report calendar
	 * @return {@code all}, year, quarter, month and, if it has one, report month
	 */
	public static List<String> of(LocalDate date, ReportCalendar calendar) {
		List<String> periods = new ArrayList<>(5);
		periods.add(ALL);
		periods.add(year(date.getYear()));
		periods.add(date.getYear() + "-Q" + ((date.getMonthValue() - 1) / 3 + 1));
		periods.add(date.getYear() + "-" + twoDigits(date.getMonthValue()));
		calendar.reportMonthOf(date).ifPresent((month) -> periods.add(reportMonth(month)));
		return periods;
	}

	/**
	 * The report month of a release.
	 * @param month the release's month
	 * @return e.g. {@code 2024-R03}
	 */
	public static String reportMonth(YearMonth month) {
		return month.getYear() + "-R" + twoDigits(month.getMonthValue());
	}

	private static String twoDigits(int month) {
		return (month < 10) ? "0" + month : Integer.toString(month);
	}

	/**
	 * The report months a release's year-to-date figure sums.
	 * @param release the release's month
	 * @return {@code R01} to the release's own, oldest first
	 */
	public static List<String> yearToDate(YearMonth release) {
		List<String> months = new ArrayList<>(release.getMonthValue());
		for (int m = 1; m <= release.getMonthValue(); m++) {
			months.add(reportMonth(YearMonth.of(release.getYear(), m)));
		}
		return months;
	}

	public static String year(int year) {
		return Integer.toString(year);
	}

	/**
	 * Whether a text is a period.
	 * @param period a text
	 * @return whether it follows {@link #GRAMMAR}
	 */
	public static boolean isPeriod(String period) {
		return period != null && PATTERN.matcher(period).matches();
	}

	/**
	 * The release of a report month period.
	 * @param period a period
	 * @return its release's month, empty if it is not a report month
	 */
	public static Optional<YearMonth> releaseOf(String period) {
		if (!isPeriod(period) || period.length() != 8 || period.charAt(5) != 'R') {
			return Optional.empty();
		}
		return Optional
			.of(YearMonth.of(Integer.parseInt(period.substring(0, 4)), Integer.parseInt(period.substring(6))));
	}

}
