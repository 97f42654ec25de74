package vn.investledger.events.rulebook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.time.api.constraints.DateRange;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The report calendar against DOMAIN.md: FIA's releases ran to the 20th up to 2024
 * (December to the 20th in 2020 and 2023, to the 31st in 2024) and run to month-end from
 * 2025.
 */
class ReportCalendarTests {

	private final ReportCalendar calendar = ReportCalendar.standard();

	@ParameterizedTest(name = "{0} counts in the release of {1}")
	@CsvSource(textBlock = """
			# after October 2024's cut-off (the 20th): November's release
			2024-10-25, 2024-11
			# month-end from 2025: October's own
			2025-10-25, 2025-10
			2024-10-20, 2024-10
			2024-10-21, 2024-11
			# December 2024's release ran to the 31st
			2024-12-25, 2024-12
			2024-12-31, 2024-12
			# January 2025 ran to the 31st
			2025-01-31, 2025-01
			# February's last day is its month-end
			2025-02-28, 2025-02
			2019-02-21, 2019-03
			# a leap year: 29 February 2024 is after the 20th
			2024-02-29, 2024-03
			""")
	void shouldCountAnEventInItsRelease(LocalDate date, YearMonth release) {
		assertThat(this.calendar.reportMonthOf(date)).contains(release);
	}

	@ParameterizedTest(name = "{0} is in no release of its year")
	@CsvSource({ "2020-12-21", "2020-12-31", "2023-12-21", "2023-12-31", "2019-12-25" })
	void shouldCountNoReleaseAfterDecembersCutOffUpTo2023(LocalDate date) {
		assertThat(this.calendar.reportMonthOf(date)).isEmpty();
	}

	@ParameterizedTest(name = "the release of {0} runs to {1}")
	@CsvSource({ "2020-12, 2020-12-20", "2023-12, 2023-12-20", "2024-11, 2024-11-20", "2024-12, 2024-12-31",
			"2025-01, 2025-01-31", "2025-02, 2025-02-28", "2025-10, 2025-10-31", "2028-02, 2028-02-29",
			"1988-06, 1988-06-20" })
	void shouldCutEachReleaseOffOnItsDay(YearMonth release, LocalDate cutOff) {
		assertThat(this.calendar.cutOff(release)).isEqualTo(cutOff);
	}

	@ParameterizedTest(name = "on {0} the newest closed release is {1}")
	@CsvSource(textBlock = """
			# the 20th up to 2024: a month closes the day after its 20th
			2024-03-20, 2024-02
			2024-03-21, 2024-03
			# December 2024 ran to the 31st: closed on New Year's Day
			2024-12-31, 2024-11
			2025-01-01, 2024-12
			# month-end from 2025: the month before until the month is over
			2025-10-31, 2025-09
			2025-11-01, 2025-10
			2026-12-02, 2026-11
			""")
	void shouldCloseAReleaseTheDayAfterItsCutOff(LocalDate today, YearMonth newest) {
		assertThat(this.calendar.lastClosedRelease(today)).isEqualTo(newest);
		assertThat(this.calendar.isClosed(newest, today)).isTrue();
		assertThat(this.calendar.isClosed(newest.plusMonths(1), today)).isFalse();
	}

	@Property
	void shouldCountEveryDayUpToItsReleasesCutOffAndAfterThePreviousOne(
			@ForAll @DateRange(min = "1987-12-29", max = "2100-12-31") LocalDate date) {
		Optional<YearMonth> release = this.calendar.reportMonthOf(date);

		release.ifPresent((month) -> {
			assertThat(date).isBeforeOrEqualTo(this.calendar.cutOff(month));
			if (month.getMonthValue() > 1) {
				assertThat(date).isAfter(this.calendar.cutOff(month.minusMonths(1)));
			}
			assertThat(month.getYear()).isEqualTo(date.getYear());
		});
		if (release.isEmpty()) {
			assertThat(date).isAfter(this.calendar.cutOff(YearMonth.of(date.getYear(), 12)));
		}
	}

	@Property
	void shouldGiveEveryDayOfAPartOfTheMonthTheSamePeriods(
			@ForAll @DateRange(min = "1987-12-29", max = "2100-12-31") LocalDate date) {
		LocalDate part = this.calendar.partOfMonth(date);

		assertThat(part).isBeforeOrEqualTo(date).hasYear(date.getYear()).hasMonth(date.getMonth());
		assertThat(Periods.of(part, this.calendar)).isEqualTo(Periods.of(date, this.calendar));
	}

	@Property(tries = 2000)
	void shouldGiveADaysPeriodsTheSameWhetherWorkedOutOrRemembered(
			@ForAll @DateRange(min = "1987-12-29", max = "2100-12-31") LocalDate date) {
		int year = date.getYear();
		int month = date.getMonthValue();
		List<String> expected = new ArrayList<>(
				List.of("all", Integer.toString(year), String.format(Locale.ROOT, "%d-Q%d", year, (month - 1) / 3 + 1),
						String.format(Locale.ROOT, "%d-%02d", year, month)));
		this.calendar.reportMonthOf(date)
			.ifPresent(
					(release) -> expected.add(String.format("%d-R%02d", release.getYear(), release.getMonthValue())));

		assertThat(this.calendar.periodsOf(date.toString())).containsExactlyElementsOf(expected);
		assertThat(this.calendar.periodsOf(date.toString())).containsExactlyElementsOf(expected);
		assertThat(Periods.of(date, this.calendar)).containsExactlyElementsOf(expected);
	}

	@Test
	void shouldRememberEachCalendarsOwnPeriods() {
		// the shipped calendar cuts October 2024 off on the 20th, this one on the 15th
		ReportCalendar fifteenth = new ReportCalendar(List.of(new ReportCalendar.Rule(1987, 15, 15, "a test")));

		assertThat(this.calendar.periodsOf("2024-10-16")).contains("2024-R10");
		assertThat(fifteenth.periodsOf("2024-10-16")).contains("2024-R11").doesNotContain("2024-R10");
		assertThat(this.calendar.periodsOf("2024-10-16")).contains("2024-R10");
	}

	@Test
	void shouldKeepAnsweringPastTheDaysItRemembers() {
		ReportCalendar fresh = new ReportCalendar(this.calendar.rules());
		LocalDate day = LocalDate.of(1988, 1, 1);
		for (int i = 0; i < ReportCalendar.MAX_KEPT_DAYS + 500; i++, day = day.plusDays(1)) {
			assertThat(fresh.periodsOf(day.toString())).isEqualTo(Periods.of(day, fresh));
		}

		assertThat(fresh.keptDays()).isEqualTo(ReportCalendar.MAX_KEPT_DAYS);
		assertThat(fresh.periodsOf(day.toString())).isEqualTo(Periods.of(day, fresh));
	}

	@Nested
	class WhenAnOperatorReplacesIt {

		@TempDir
		Path directory;

		@Test
		void shouldReadTheirTable() throws IOException {
			Path csv = this.directory.resolve("calendar.csv");
			Files.writeString(csv, """
					from_year,cut_off,december,source
					1980,15,end,a calendar of the 15th
					2030,end,end,month-end
					""");

			ReportCalendar calendar = ReportCalendar.read(csv);

			assertThat(calendar.reportMonthOf(LocalDate.of(2024, 10, 16))).contains(YearMonth.of(2024, 11));
			assertThat(calendar.reportMonthOf(LocalDate.of(2024, 12, 16))).contains(YearMonth.of(2024, 12));
			assertThat(calendar.cutOff(YearMonth.of(2030, 4))).isEqualTo(LocalDate.of(2030, 4, 30));
		}

		@Test
		void shouldRefuseATableNamingTheRowAtFault() throws IOException {
			Path csv = this.directory.resolve("calendar.csv");
			Files.writeString(csv, """
					from_year,cut_off,december,source
					1980,20,20,fine
					2024,32,end,a day past any month
					""");

			assertThatIllegalArgumentException().isThrownBy(() -> ReportCalendar.read(csv))
				.withMessageContaining("row 2")
				.withMessageContaining("a cut-off is a day from 1 to 31");
		}

		@Test
		void shouldRefuseATableThatStartsAfterTheEarliestDate() throws IOException {
			Path csv = this.directory.resolve("calendar.csv");
			Files.writeString(csv, """
					from_year,cut_off,december,source
					2000,20,20,too late
					""");

			assertThatIllegalArgumentException().isThrownBy(() -> ReportCalendar.read(csv))
				.withMessageContaining("from 1987");
		}

	}

}
