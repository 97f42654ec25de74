package vn.investledger.console.report;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import vn.investledger.events.Limits;

/**
 * Which monthly report: the parameters every format of it takes.
 *
 * @param year the year
 * @param month the report's month, 1 to 12: flows from 1 January to its cut-off day
 * @param provinces {@code restated} to today's units (as FIA publishes, the default) or
 * {@code licensed}
 */
record ReportMonth(@NotNull(message = "a year is required") @Min(value = Limits.EARLIEST_YEAR,
		message = "a year from " + Limits.EARLIEST_YEAR) @Max(value = 2100, message = "a year to 2100") Integer year,
		@NotNull(message = "a month 1 to 12 is required") @Min(value = 1, message = "a month 1 to 12") @Max(value = 12,
				message = "a month 1 to 12") Integer month,
		@Pattern(regexp = "restated|licensed", message = "restated or licensed") String provinces) {

	boolean restated() {
		return this.provinces == null || "restated".equals(this.provinces);
	}

}
