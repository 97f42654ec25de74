package vn.investledger.events;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dates anywhere a calendar holds them, the first and last days of year ±999,999,999
 * included, are judged, never thrown on: a suspension's {@code until} and its effective
 * date, as objects and as the JSON a province sends.
 */
class DateExtremesTests {

	private static final Instant RECEIVED = Instant.parse("2025-06-01T03:00:00Z");

	@Property(tries = 500)
	void shouldJudgeASuspensionsDatesAnywhereInTheCalendar(@ForAll("dates") LocalDate effective,
			@ForAll("dates") LocalDate until) {
		Suspended suspension = new Suspended(envelope(effective), "Tạm ngừng để tái cơ cấu", until);

		List<Violation> violations = EventValidator.validate(suspension, RECEIVED);
		CheckedEvent read = EventValidator.read(EventJson.toBytes(suspension), RECEIVED);

		// more than ten years, counted in months and days (a leap day's tenth
		// anniversary is the 28th)
		Period span = effective.until(until);
		boolean tooLong = span.toTotalMonths() > 12L * Limits.MAX_SUSPENSION_YEARS
				|| (span.toTotalMonths() == 12L * Limits.MAX_SUSPENSION_YEARS && span.getDays() > 0);
		assertThat(violations.stream().anyMatch((v) -> v.field().equals("until")))
			.as("until %s after %s: %s", until, effective, violations)
			.isEqualTo(!contractDate(until) || until.isBefore(effective) || tooLong);
		assertThat(violations.stream().anyMatch((v) -> v.field().equals("envelope.effectiveDate")))
			.as("effective date %s", effective)
			.isEqualTo(effective.isAfter(LocalDate.of(2025, 7, 2)) || effective.isBefore(Limits.EARLIEST_DATE));
		assertThat(read.valid()).as("the same suspension read from its JSON").isEqualTo(violations.isEmpty());
	}

	/** The contract writes dates as yyyy-mm-dd: years 0000 to 9999. */
	private static boolean contractDate(LocalDate date) {
		return date.getYear() >= 0 && date.getYear() <= 9999;
	}

	@Provide
	Arbitrary<LocalDate> dates() {
		return Arbitraries.oneOf(
				Arbitraries.of(LocalDate.MIN, LocalDate.MAX, LocalDate.MAX.minusYears(5), LocalDate.MIN.plusYears(5),
						LocalDate.of(0, 1, 1), LocalDate.of(9999, 12, 31), LocalDate.of(10000, 1, 1)),
				Arbitraries.longs()
					.between(LocalDate.MIN.toEpochDay(), LocalDate.MAX.toEpochDay())
					.map(LocalDate::ofEpochDay),
				Arbitraries.longs()
					.between(LocalDate.of(2014, 1, 1).toEpochDay(), LocalDate.of(2036, 1, 1).toEpochDay())
					.map(LocalDate::ofEpochDay));
	}

	private static EventEnvelope envelope(LocalDate effective) {
		return new EventEnvelope(1, java.util.UUID.randomUUID(), "2104567890", 5L, "31", effective,
				Instant.parse("2025-06-01T02:00:00Z"));
	}

}
