package vn.investledger.console.release;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

import vn.investledger.events.Limits;
import vn.investledger.events.rulebook.ReportCalendar;

/**
 * What a release request names, read and checked: a closed report month, an instant not
 * in the future, the rankings' sizes. Anything else is a 400 that says what to fix.
 */
public final class ReleaseRequest {

	private ReleaseRequest() {
	}

	/**
	 * A report month whose release is closed.
	 * @param text {@code yyyy-MM}
	 * @param calendar the report calendar
	 * @param clock the console's clock
	 * @return the month
	 * @throws BadReleaseRequestException if it is not a month from
	 * {@link Limits#EARLIEST_YEAR} to 2100
	 * @throws MonthNotClosedException if its cut-off day has not passed
	 */
	static YearMonth closedMonth(String text, ReportCalendar calendar, Clock clock) {
		YearMonth month;
		try {
			month = YearMonth.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new BadReleaseRequestException(
					"month: a report month is yyyy-MM, e.g. 2025-10, was \"" + text + "\"");
		}
		if (month.getYear() < Limits.EARLIEST_YEAR || month.getYear() > 2100) {
			throw new BadReleaseRequestException(
					"month: a year from " + Limits.EARLIEST_YEAR + " to 2100, was \"" + text + "\"");
		}
		String empty = holdsNothing(month, calendar);
		if (empty != null) {
			throw new BadReleaseRequestException(empty);
		}
		LocalDate today = LocalDate.now(clock);
		if (!calendar.isClosed(month, today)) {
			throw new MonthNotClosedException(month, calendar.cutOff(month), calendar.lastClosedRelease(today));
		}
		return month;
	}

	/**
	 * Why a month's release would hold nothing, if it would: its cut-off lies before the
	 * ledger's earliest date, so no event can count in it (published, it would stand for
	 * ever, all zeros).
	 * @param month the report month
	 * @param calendar the report calendar
	 * @return the reason, or {@code null}
	 */
	public static String holdsNothing(YearMonth month, ReportCalendar calendar) {
		LocalDate cutOff = calendar.cutOff(month);
		if (!cutOff.isBefore(Limits.EARLIEST_DATE)) {
			return null;
		}
		return "month: the release of " + month + " counts the events dated up to its cut-off, " + cutOff + ", before "
				+ Limits.EARLIEST_DATE + ", before which the ledger holds no event: it would hold nothing";
	}

	/**
	 * The first instant the ledger can hold an event of: its earliest date, in Vietnam
	 * (UTC+7).
	 */
	static final Instant EARLIEST = Limits.EARLIEST_DATE.atStartOfDay(java.time.ZoneOffset.ofHours(7)).toInstant();

	/**
	 * An instant, not after now nor before the ledger's earliest date.
	 * @param name the parameter's name
	 * @param text ISO-8601 with a zone or offset ({@code 2025-11-01T00:00:00Z},
	 * {@code 2025-11-01T07:00:00+07:00}), or {@code null}
	 * @param clock the console's clock
	 * @return the instant, {@code null} for none
	 * @throws BadReleaseRequestException if it is empty, cannot be read, is in the
	 * future, or is before {@link Limits#EARLIEST_DATE} (Elasticsearch would refuse year
	 * −1,000,000,000, which reads as an outage)
	 */
	static Instant instant(String name, String text, Clock clock) {
		if (text == null) {
			return null;
		}
		if (text.isBlank()) {
			// given empty (a script's unset variable) is not left out: answered for
			// none, it would be another release than asked, unseen
			throw new BadReleaseRequestException(name + ": given empty; give an instant, or leave it out");
		}
		Instant instant;
		try {
			instant = OffsetDateTime.parse(text.strip()).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new BadReleaseRequestException(name + ": an instant is ISO-8601 with its offset, e.g. "
					+ "2025-11-01T00:00:00Z or 2025-11-01T07:00:00+07:00, was \"" + text + "\"");
		}
		if (instant.isAfter(clock.instant())) {
			throw new BadReleaseRequestException(
					name + ": " + instant + " is in the future, and a release as known then does not exist yet");
		}
		if (instant.isBefore(EARLIEST)) {
			throw new BadReleaseRequestException(name + ": " + text.strip() + " is before " + Limits.EARLIEST_DATE
					+ ", before which the ledger holds no event");
		}
		return instant;
	}

	/**
	 * The rankings' sizes, each from 1 to {@link Release.Sizes#MAX}.
	 * @param countries partners named, {@code null} for the default
	 * @param provinces provinces named
	 * @param sectors sectors named
	 * @return the sizes
	 */
	static Release.Sizes sizes(Integer countries, Integer provinces, Integer sectors) {
		Release.Sizes sizes = Release.Sizes.DEFAULT;
		return new Release.Sizes(size("countries", countries, sizes.countries()),
				size("provinces", provinces, sizes.provinces()), size("sectors", sectors, sizes.sectors()));
	}

	private static int size(String name, Integer size, int otherwise) {
		if (size == null) {
			return otherwise;
		}
		if (size < 1 || size > Release.Sizes.MAX) {
			throw new BadReleaseRequestException(
					name + ": a ranking names 1 to " + Release.Sizes.MAX + " lines, was " + size);
		}
		return size;
	}

	/**
	 * A release request that cannot be answered as asked.
	 */
	static final class BadReleaseRequestException extends RuntimeException {

		BadReleaseRequestException(String message) {
			super(message);
		}

	}

	/**
	 * A release of a month whose cut-off has not passed: it does not exist yet.
	 */
	public static final class MonthNotClosedException extends RuntimeException {

		private final YearMonth lastClosed;

		public MonthNotClosedException(YearMonth release, LocalDate cutOff, YearMonth lastClosed) {
			super("The release of " + release + " runs to its cut-off on " + cutOff
					+ ", which has not passed yet; the newest month with a closed release is " + lastClosed);
			this.lastClosed = lastClosed;
		}

		YearMonth lastClosed() {
			return this.lastClosed;
		}

	}

}
