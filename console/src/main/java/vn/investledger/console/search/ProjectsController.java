package vn.investledger.console.search;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.apache.commons.csv.CSVPrinter;

import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import vn.investledger.access.KnownParameters;
import vn.investledger.console.search.ProjectLookup.ProjectHistory;
import vn.investledger.console.system.SpreadsheetCells;
import vn.investledger.console.system.SpreadsheetExport;
import vn.investledger.index.ProjectDocument;

/**
 * Officials' project search: filters, facets, sort, deep paging, CSV export of any result
 * set and each project's history. Every answer says the time of the newest event it
 * reflects.
 */
@RestController
@RequestMapping("/api/search/projects")
class ProjectsController {

	/**
	 * A project code is opaque: today's 10 digits, longer certificate numbers, legacy
	 * licence numbers such as {@code 123/GP}; only blank or overlong codes are refused.
	 */
	static final String CODE = "(?s)(?=.*\\S).{1,100}";

	static final String CODE_MESSAGE = "a project code is 1 to 100 characters, not all blank";

	/** The order of a search that names none. */
	static final String SORT_DEFAULT = "RELEVANCE with words to find (q), else NEWEST";

	/** The export's stamp: the emission time of the newest event in the index. */
	static final String AS_OF_HEADER = "X-As-Of";

	private final ProjectSearch search;

	private final ProjectLookup lookup;

	private final Clock clock;

	/**
	 * The controller.
	 * @param search the search
	 * @param lookup one project and its history
	 * @param clock the console's clock, in Vietnam's time: the export is named after the
	 * day there, whatever zone the server runs in
	 */
	ProjectsController(ProjectSearch search, ProjectLookup lookup, Clock clock) {
		this.search = search;
		this.lookup = lookup;
		this.clock = clock;
	}

	/**
	 * Finds projects.
	 * @param filters the filters
	 * @param sort the order (default: relevance with words to find, else newest first)
	 * @param order asc or desc (default desc)
	 * @param size projects per page
	 * @param cursor the {@code next} of the previous page
	 * @param facetValues the values each facet lists at most (the most frequent first)
	 * @param user the signed-in user, who holds the point in time of the pages after the
	 * first
	 * @return a page of projects with facets on the first page
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	@GetMapping
	ProjectPage projects(@Valid @ParameterObject @ModelAttribute ProjectFilters filters,
			@RequestParam(required = false) @KnownParameters.WorkedOutDefault(SORT_DEFAULT) ProjectSort sort,
			@RequestParam(defaultValue = "desc") @Pattern(regexp = "asc|desc",
					message = "an order is asc or desc") String order,
			@RequestParam(defaultValue = "20") @Min(value = 1, message = "at least 1") @Max(value = 1000,
					message = "at most 1000") int size,
			@RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9_-]{1,4096}",
					message = "a cursor is the next of a previous page") String cursor,
			@RequestParam(defaultValue = "10") @Min(value = 1, message = "at least 1") @Max(value = 100,
					message = "at most 100") int facetValues,
			Principal user) throws IOException {
		return this.search.search(filters, sortOf(sort, filters), "desc".equals(order), size, cursor, facetValues,
				user.getName());
	}

	/**
	 * Every matching project as CSV (UTF-8 with a byte-order mark) or an Excel workbook
	 * ({@link SpreadsheetExport}), streamed: there is no limit on the number of rows. Its
	 * file is named after the day in Vietnam ({@code projects-2026-12-02.csv}). The
	 * header {@value #AS_OF_HEADER} gives the emission time of the newest event in the
	 * index when the export began.
	 * @param filters the filters
	 * @param sort the order (default: project code)
	 * @param order asc or desc (default asc)
	 * @param format {@code csv} (the default) or {@code xlsx}
	 * @param user the signed-in user, who holds the export's point in time
	 * @return the file
	 */
	@GetMapping(path = "/export", produces = { "text/csv", SpreadsheetExport.XLSX_TYPE })
	ResponseEntity<StreamingResponseBody> export(@Valid @ParameterObject @ModelAttribute ProjectFilters filters,
			@RequestParam(defaultValue = "CODE") ProjectSort sort,
			@RequestParam(defaultValue = "asc") @Pattern(regexp = "asc|desc",
					message = "an order is asc or desc") String order,
			@RequestParam(defaultValue = "csv") @Pattern(regexp = SpreadsheetExport.FORMATS,
					message = SpreadsheetExport.FORMATS_MESSAGE) String format,
			Principal user) throws IOException {
		// contradictory filters, an unreachable Elasticsearch and too many open searches
		// are answered before the response starts
		ProjectSearch.Export export = this.search.export(filters, comparable(sort, filters), "desc".equals(order),
				user.getName());
		SpreadsheetExport.Format file = SpreadsheetExport.Format.of(format);
		StreamingResponseBody body = SpreadsheetExport.body(file, "Dự án", CsvRow.HEADER,
				(rows) -> export.pages().each((page) -> rows.page(page, CsvRow::of)));
		return ResponseEntity.ok()
			.header(AS_OF_HEADER, (export.asOf() != null) ? export.asOf().toString() : "")
			.header(HttpHeaders.CONTENT_DISPOSITION,
					"attachment; filename=\"" + file.fileName("projects-" + LocalDate.now(this.clock)) + "\"")
			.contentType(file.mediaType())
			.body(body);
	}

	/**
	 * One project.
	 * @param projectCode the project code
	 * @return the project
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	@GetMapping("/{projectCode}")
	ProjectDocument project(@PathVariable @Pattern(regexp = CODE, message = CODE_MESSAGE) String projectCode)
			throws IOException {
		return projectOf(projectCode);
	}

	/**
	 * One project, by a code given as a parameter: any code, including the legacy licence
	 * numbers that hold a slash ({@code 123/GP}).
	 * @param code the project code
	 * @return the project
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	@GetMapping("/by-code")
	ProjectDocument projectByCode(@RequestParam @Pattern(regexp = CODE, message = CODE_MESSAGE) String code)
			throws IOException {
		return projectOf(code);
	}

	/**
	 * A project's history, by a code given as a parameter.
	 * @param code the project code
	 * @return the history
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	@GetMapping("/by-code/history")
	ProjectHistory historyByCode(@RequestParam @Pattern(regexp = CODE, message = CODE_MESSAGE) String code)
			throws IOException {
		return historyOf(code);
	}

	private ProjectDocument projectOf(String projectCode) throws IOException {
		return this.lookup.project(projectCode).orElseThrow(() -> noProject(projectCode));
	}

	/**
	 * A project's events in revision order, as the ledger applied them: the audit trail
	 * behind its figures. An event refused by the ledger is not in it (the sending unit
	 * sees it among its rejections).
	 * @param projectCode the project code
	 * @return the history
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	@GetMapping("/{projectCode}/history")
	ProjectHistory history(@PathVariable @Pattern(regexp = CODE, message = CODE_MESSAGE) String projectCode)
			throws IOException {
		return historyOf(projectCode);
	}

	private ProjectHistory historyOf(String projectCode) throws IOException {
		return this.lookup.history(projectCode).orElseThrow(() -> noProject(projectCode));
	}

	private static ResponseStatusException noProject(String projectCode) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No project " + projectCode + " indexed");
	}

	private static ProjectSort sortOf(ProjectSort sort, ProjectFilters filters) {
		if (sort != null) {
			return comparable(sort, filters);
		}
		return (filters.getQ() != null && !filters.getQ().isBlank()) ? ProjectSort.RELEVANCE : ProjectSort.NEWEST;
	}

	/**
	 * Capital is sorted by minor units, which compare within one currency only: a project
	 * of 265 tỷ đồng would rank above one of US$1.5 billion.
	 */
	private static ProjectSort comparable(ProjectSort sort, ProjectFilters filters) {
		if (sort == ProjectSort.CAPITAL && filters.getType() == null && filters.getCurrency() == null) {
			throw new BadSearchException("sort=CAPITAL needs type or currency: đồng and dollars do not compare"
					+ " (type=FDI or currency=USD for dollars, type=DDI or currency=VND for đồng)");
		}
		return sort;
	}

}
