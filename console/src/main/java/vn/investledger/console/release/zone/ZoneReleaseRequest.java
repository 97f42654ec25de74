package vn.investledger.console.release.zone;

import java.time.Instant;
import java.time.YearMonth;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Which zone-board release: the parameters every format of it takes.
 *
 * @param month the report month, {@code yyyy-MM}: the flows from 1 January to its cut-off
 * @param province today's unit whose zones it covers, e.g. {@code 31}; or
 * @param zone one zone's code, e.g. {@code HP-DEEP-C}
 * @param asOf the release as known at this instant (events received at or before it),
 * unset for every event indexed now
 * @param format {@code json} (the default), {@code csv} or {@code xlsx}
 */
record ZoneReleaseRequest(
		@NotNull(message = "a month is required, as yyyy-MM, e.g. 2025-10") @Pattern(
				regexp = "(19|20)\\d\\d-(0[1-9]|1[0-2])|2100-(0[1-9]|1[0-2])",
				message = "a month as yyyy-MM from 1900-01 to 2100-12, e.g. 2025-10") String month,
		String province, String zone, Instant asOf,
		@Pattern(regexp = "json|csv|xlsx", message = "json, csv or xlsx") String format) {

	YearMonth yearMonth() {
		return YearMonth.parse(this.month);
	}

}
