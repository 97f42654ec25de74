package vn.investledger.events;

import java.time.LocalDate;
import java.util.List;

/**
 * The periods a figure is kept for. An event counts, by its effective date, in
 * {@code all}, its year ({@code 2024}), quarter ({@code 2024-Q1}), month
 * ({@code 2024-03}) and report month ({@code 2024-R03}).
 * <p>
 * FIA's monthly reports run from 1 January to a cut-off day (the 20th) of the month.
 * Report month {@code R03} therefore holds the events from 21 February to 20 March. An
 * event after the cut-off day counts in the next report month; those after the cut-off in
 * December stay in {@code R12}, which ends with the year. The year-to-date figure of a
 * report is the sum of the report months from {@code R01} to its own.
 */
public final class Periods {

	/** Every event counts in this period. */
	public static final String ALL = "all";

	private Periods() {
	}

	/**
	 * The periods an event of this effective date counts in.
	 * @param date the effective date
	 * @param cutOffDay the report cut-off day, 1 to 28 (FIA: 20)
	 * @return {@code all}, year, quarter, month and report month
	 */
	public static List<String> of(LocalDate date, int cutOffDay) {
		return List.of(ALL, year(date.getYear()), date.getYear() + "-Q" + ((date.getMonthValue() - 1) / 3 + 1),
				String.format("%d-%02d", date.getYear(), date.getMonthValue()), reportMonth(date, cutOffDay));
	}

	/**
	 * The report month an event of this date counts in.
	 * @param date the effective date
	 * @param cutOffDay the report cut-off day
	 * @return e.g. {@code 2024-R03}
	 */
	public static String reportMonth(LocalDate date, int cutOffDay) {
		int month = date.getMonthValue();
		if (date.getDayOfMonth() > cutOffDay && month < 12) {
			month++;
		}
		return reportMonth(date.getYear(), month);
	}

	public static String reportMonth(int year, int month) {
		return String.format("%d-R%02d", year, month);
	}

	public static String year(int year) {
		return Integer.toString(year);
	}

}
