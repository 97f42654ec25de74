package vn.investledger.console.release.zone;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import vn.investledger.console.release.ReleaseRequest;
import vn.investledger.events.rulebook.ReportCalendar;

/**
 * The zone-board release of a province's zones or of one zone, for a report month whose
 * release is closed, as JSON, CSV or an Excel workbook; the release as known at an
 * instant with {@code asOf}; under the national release's prefix, with its month, its
 * vintage headers and its reading of a month and an instant. A month not closed, a
 * malformed month or instant, an unknown province or zone are answered 400 before any
 * figure is read.
 */
@RestController
@RequestMapping("/api/releases/{month}/zone-board")
class ZoneReleaseController {

	static final MediaType XLSX = MediaType
		.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

	private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

	private final ZoneReleases releases;

	private final Clock clock;

	ZoneReleaseController(ZoneReleases releases, Clock clock) {
		this.releases = releases;
		this.clock = clock;
	}

	/**
	 * A release as data.
	 * @param month the report month, {@code yyyy-MM}
	 * @param which the province or zone, the instant
	 * @return the release, with {@code X-Vintage} ({@code current}, {@code as-of}) and
	 * {@code X-As-Of} (the instant it is known at), as the national release's
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	@GetMapping(params = { "format!=csv", "format!=xlsx" }, produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "The zone-board release of a province's zones (province=31) or of one zone "
			+ "(zone=HP-DEEP-C) for a closed report month: FDI and DDI side by side with DDI in USD, "
			+ "progress against the year's target, occupancy by zone; asOf for the release as known at an instant; "
			+ "format=csv or xlsx for a file")
	ResponseEntity<ZoneRelease> data(@PathVariable @Parameter(description = "yyyy-MM, closed") String month,
			@Valid @ModelAttribute ZoneReleaseRequest which) throws IOException {
		ZoneRelease release = release(month, which);
		return asOf(ResponseEntity.ok(), release).body(release);
	}

	/**
	 * A release as a file to download.
	 * @param month the report month, {@code yyyy-MM}
	 * @param which the province or zone, the instant and the format
	 * @return the CSV or the workbook
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	@GetMapping(params = "format")
	@Operation(summary = "The zone-board release as CSV (format=csv, every figure exact) or an Excel workbook "
			+ "(format=xlsx)")
	ResponseEntity<StreamingResponseBody> file(@PathVariable String month,
			@Valid @ModelAttribute ZoneReleaseRequest which) throws IOException {
		ZoneRelease release = release(month, which);
		boolean csv = "csv".equals(which.format());
		String name = String.format("thong-cao-kkt-kcn-%s-%s.%s",
				release.header().scope().code().toLowerCase(Locale.ROOT), release.header().month(), which.format());
		StreamingResponseBody body = csv ? (out) -> ZoneReleaseFiles.csv(release, out)
				: (out) -> ZoneReleaseFiles.xlsx(release, out);
		return asOf(ResponseEntity.ok(), release).contentType(csv ? CSV : XLSX)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.body(body);
	}

	/** The release asked for, once the request names a scope and a closed month. */
	private ZoneRelease release(String text, ZoneReleaseRequest which) throws IOException {
		YearMonth month = ZoneReleaseRequest.month(text);
		if ((which.province() == null) == (which.zone() == null)) {
			throw new BadZoneReleaseException("give either province (today's unit, e.g. 31) or zone (e.g. "
					+ "HP-DEEP-C), not " + ((which.province() == null) ? "neither" : "both"));
		}
		ZoneScope scope = this.releases.scope(which.province(), which.zone());
		Instant asOf = which.instant(this.clock);
		requireClosed(month);
		return this.releases.release(scope, month, asOf);
	}

	/**
	 * The vintage, as the national release states it: {@code X-Vintage} {@code current}
	 * or {@code as-of}, and {@code X-As-Of} the instant it is known at.
	 */
	private static ResponseEntity.BodyBuilder asOf(ResponseEntity.BodyBuilder answer, ZoneRelease release) {
		Instant at = release.header().asOf();
		answer.header("X-Vintage", (at != null) ? "as-of" : "current");
		if (at != null) {
			answer.header("X-As-Of", at.toString());
		}
		return answer;
	}

	private void requireClosed(YearMonth month) {
		ReportCalendar calendar = this.releases.calendar();
		LocalDate today = LocalDate.now(this.clock);
		if (!calendar.isClosed(month, today)) {
			throw new ReleaseRequest.MonthNotClosedException(month, calendar.cutOff(month),
					calendar.lastClosedRelease(today));
		}
	}

	/**
	 * A request the release cannot answer, with what to fix.
	 */
	static final class BadZoneReleaseException extends RuntimeException {

		BadZoneReleaseException(String message) {
			super(message);
		}

	}

}
