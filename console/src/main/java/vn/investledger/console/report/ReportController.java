package vn.investledger.console.report;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import vn.investledger.console.system.ConsoleProperties;
import vn.investledger.console.system.NotAcceptable;
import vn.investledger.events.rulebook.ReportCalendar;

/**
 * The monthly report, as JSON, CSV or an Excel workbook, of a month whose release is
 * closed: a month whose cut-off day has not passed yet is refused with 400, since its
 * figures are still arriving and a release of it does not exist.
 */
@RestController
@RequestMapping("/api/reports/monthly")
class ReportController {

	static final MediaType XLSX = MediaType
		.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

	private static final String CSV = "text/csv;charset=UTF-8";

	private final MonthlyReports reports;

	private final ReportCalendar calendar;

	private final Clock clock;

	ReportController(MonthlyReports reports, ConsoleProperties properties, Clock clock) {
		this.reports = reports;
		this.calendar = properties.calendar();
		this.clock = clock;
	}

	/**
	 * The report of a month as data.
	 * @param which the year, month and provinces
	 * @return the report
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	@GetMapping(params = "format=json", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "The monthly report in FIA's layout as JSON (format=json)")
	MonthlyReport data(@Valid @ModelAttribute ReportMonth which) throws IOException {
		requireClosed(which);
		return this.reports.of(which.year(), which.month(), which.restated());
	}

	/**
	 * The report of a month as a file to download.
	 * @param which the year, month and provinces
	 * @param format {@code xlsx} or {@code csv}
	 * @return the file, with the time of the newest event it reflects in {@code X-As-Of}
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	@GetMapping
	@Operation(summary = "The monthly report in FIA's layout: year to date by province, partner and sector, "
			+ "as an Excel workbook or CSV")
	ResponseEntity<StreamingResponseBody> file(@Valid @ModelAttribute ReportMonth which,
			@Parameter(description = "xlsx, csv (or json)") @RequestParam(defaultValue = "xlsx") @Pattern(
					regexp = "xlsx|csv|json", message = "xlsx, csv or json") String format)
			throws IOException {
		if ("json".equals(format)) {
			throw NotAcceptable.json(format);
		}
		requireClosed(which);
		MonthlyReport report = this.reports.of(which.year(), which.month(), which.restated());
		boolean csv = "csv".equals(format);
		String name = String.format("bao-cao-dau-tu-%d-%02d.%s", which.year(), which.month(), format);
		StreamingResponseBody body = csv ? (out) -> ReportFiles.csv(report, out)
				: (out) -> ReportFiles.xlsx(report, out);
		ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
			.contentType(csv ? MediaType.parseMediaType(CSV) : XLSX)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString());
		if (report.asOf() != null) {
			answer.header("X-As-Of", report.asOf().toString());
		}
		return answer.body(body);
	}

	private void requireClosed(ReportMonth which) {
		YearMonth release = YearMonth.of(which.year(), which.month());
		LocalDate today = LocalDate.now(this.clock);
		if (!this.calendar.isClosed(release, today)) {
			throw new MonthNotClosedException(release, this.calendar.cutOff(release),
					this.calendar.lastClosedRelease(today));
		}
	}

	@ExceptionHandler(MonthNotClosedException.class)
	ResponseEntity<ProblemDetail> notClosed(MonthNotClosedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Month not closed");
		problem.setType(URI.create("about:blank"));
		problem.setProperty("lastClosedMonth", ex.lastClosed.toString());
		return ResponseEntity.badRequest().body(problem);
	}

	/**
	 * A report asked for a month whose release is not closed yet.
	 */
	static final class MonthNotClosedException extends RuntimeException {

		private final YearMonth lastClosed;

		MonthNotClosedException(YearMonth release, LocalDate cutOff, YearMonth lastClosed) {
			super("The report of " + release + " runs to its cut-off on " + cutOff
					+ ", which has not passed yet; the newest month with a closed release is " + lastClosed);
			this.lastClosed = lastClosed;
		}

	}

}
