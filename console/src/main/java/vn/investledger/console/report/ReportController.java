package vn.investledger.console.report;

import java.io.IOException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
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
	 * @param which the year, month and provinces
	 * @return the report
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	@GetMapping(params = "format=json", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "The monthly report in FIA's layout as JSON (format=json)")
	MonthlyReport data(@Valid @ModelAttribute ReportMonth which) throws IOException {
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
	ResponseEntity<StreamingResponseBody> file(
			@Valid @ModelAttribute ReportMonth which, @Parameter(description = "xlsx, csv (or json)") @RequestParam(
					defaultValue = "xlsx") @Pattern(regexp = "xlsx|csv", message = "xlsx, csv or json") String format)
			throws IOException {
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

}
