package vn.investledger.console.release.zone;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

import jakarta.validation.constraints.Pattern;

import vn.investledger.events.Limits;
import vn.investledger.console.release.zone.ZoneReleaseController.BadZoneReleaseException;

/**
 * Which zone-board release, besides its month: the parameters every format of it takes.
 *
 * @param province today's unit whose zones it covers, e.g. {@code 31}; or
 * @param zone one zone's code, e.g. {@code HP-DEEP-C}
 * @param asOf the release as known at this instant (events received at or before it),
 * ISO-8601 with its offset; unset for every event indexed now
 * @param format {@code json} (the default), {@code csv} or {@code xlsx}
 * @param vintage {@code first-published} for the release as first published; unset for
 * the current release or the one as known at {@code asOf}
 */
record ZoneReleaseRequest(String province, String zone, String asOf,
		@Pattern(regexp = "json|csv|xlsx", message = "json, csv or xlsx") String format,
		@Pattern(regexp = "first-published", message = "first-published") String vintage) {

	/**
	 * A report month, as the national release reads it.
	 * @param text {@code yyyy-MM}
	 * @return the month
	 * @throws BadZoneReleaseException if it is not a month from
	 * {@link Limits#EARLIEST_YEAR} to 2100
	 */
	static YearMonth month(String text) {
		YearMonth month;
		try {
			month = YearMonth.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new BadZoneReleaseException("month: a report month is yyyy-MM, e.g. 2025-10, was \"" + text + "\"");
		}
		if (month.getYear() < Limits.EARLIEST_YEAR || month.getYear() > 2100) {
			throw new BadZoneReleaseException(
					"month: a year from " + Limits.EARLIEST_YEAR + " to 2100, was \"" + text + "\"");
		}
		return month;
	}

	/**
	 * The instant the release is known at, not after now.
	 * @param clock the console's clock
	 * @return the instant, {@code null} for now
	 * @throws BadZoneReleaseException if it is empty, cannot be read or is in the future
	 */
	Instant instant(Clock clock) {
		if (this.asOf == null) {
			return null;
		}
		if (this.asOf.isBlank()) {
			throw new BadZoneReleaseException("asOf: given empty; give an instant, or leave it out");
		}
		Instant instant;
		try {
			instant = OffsetDateTime.parse(this.asOf.strip()).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new BadZoneReleaseException("asOf: an instant is ISO-8601 with its offset, e.g. "
					+ "2025-11-01T00:00:00Z or 2025-11-01T07:00:00+07:00, was \"" + this.asOf + "\"");
		}
		if (instant.isAfter(clock.instant())) {
			throw new BadZoneReleaseException(
					"asOf: " + instant + " is in the future, and a release as known then does not exist yet");
		}
		if (instant.isBefore(Limits.EARLIEST_DATE.atStartOfDay(java.time.ZoneOffset.ofHours(7)).toInstant())) {
			throw new BadZoneReleaseException("asOf: " + this.asOf.strip() + " is before " + Limits.EARLIEST_DATE
					+ ", before which the ledger holds no event");
		}
		return instant;
	}

}
