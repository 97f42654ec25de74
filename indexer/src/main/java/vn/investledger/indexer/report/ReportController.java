package vn.investledger.indexer.report;

import java.io.IOException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The monthly report, as JSON, CSV or an Excel workbook.
 */
@RestController
@RequestMapping("/api/reports/monthly")
class ReportController {

	static final MediaType XLSX = MediaType
		.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

	private static final String CSV = "text/csv;charset=UTF-8";

	private final MonthlyReports reports;

	ReportController(MonthlyReports reports) {
		this.reports = reports;
	}

	/**
	 * The report of a month as data.
	 * @param year the year
	 * @param month the report's month, 1 to 12: flows from 1 January to its cut-off day
	 * @param provinces {@code restated} to today's units (as FIA publishes) or
	 * {@code licensed}
	 * @return the report
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	@GetMapping(params = "format=json", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "The monthly report in FIA's layout as JSON (format=json)")
	MonthlyReport data(
			@RequestParam @Min(value = 1990, message = "a year from 1990") @Max(value = 2100,
					message = "a year to 2100") int year,
			@RequestParam @Min(value = 1, message = "a month 1 to 12") @Max(value = 12,
					message = "a month 1 to 12") int month,
			@Parameter(description = "restated or licensed") @RequestParam(defaultValue = "restated") @Pattern(
					regexp = "restated|licensed", message = "restated or licensed") String provinces)
			throws IOException {
		return this.reports.of(year, month, "restated".equals(provinces));
	}

	/**
	 * The report of a month as a file to download.
	 * @param year the year
	 * @param month the report's month, 1 to 12: flows from 1 January to its cut-off day
	 * @param provinces {@code restated} to today's units (as FIA publishes) or
	 * {@code licensed}
	 * @param format {@code xlsx} or {@code csv}
	 * @return the file, with the time of the newest event it reflects in {@code X-As-Of}
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	@GetMapping
	@Operation(summary = "The monthly report in FIA's layout: year to date by province, partner and sector, "
			+ "as an Excel workbook or CSV")
	ResponseEntity<StreamingResponseBody> file(
			@RequestParam @Min(value = 1990, message = "a year from 1990") @Max(value = 2100,
					message = "a year to 2100") int year,
			@RequestParam @Min(value = 1, message = "a month 1 to 12") @Max(value = 12,
					message = "a month 1 to 12") int month,
			@Parameter(description = "restated or licensed") @RequestParam(defaultValue = "restated") @Pattern(
					regexp = "restated|licensed", message = "restated or licensed") String provinces,
			@Parameter(description = "xlsx, csv (or json)") @RequestParam(defaultValue = "xlsx") @Pattern(
					regexp = "xlsx|csv", message = "xlsx, csv or json") String format)
			throws IOException {
		MonthlyReport report = this.reports.of(year, month, "restated".equals(provinces));
		boolean csv = "csv".equals(format);
		String name = String.format("bao-cao-dau-tu-%d-%02d.%s", year, month, format);
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

}
