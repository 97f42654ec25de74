package vn.investledger.indexer.search;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.apache.commons.csv.CSVPrinter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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

import vn.investledger.events.Money;
import vn.investledger.indexer.documents.HistoryDocument;
import vn.investledger.indexer.documents.Indices;
import vn.investledger.indexer.documents.ProjectDocument;
import vn.investledger.indexer.system.IndexerProperties;
import vn.investledger.indexer.system.SpreadsheetCells;

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

	/** The export's stamp: the emission time of the newest event in the index. */
	static final String AS_OF_HEADER = "X-As-Of";

	private static final int MAX_HISTORY = 10_000;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final ProjectSearch search;

	private final ElasticsearchClient client;

	private final Indices indices;

	ProjectsController(ProjectSearch search, ElasticsearchClient client, IndexerProperties properties) {
		this.search = search;
		this.client = client;
		this.indices = properties.indices();
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
			@RequestParam(required = false) ProjectSort sort,
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
	 * Every matching project as CSV (UTF-8 with a byte-order mark, for spreadsheets),
	 * streamed: there is no limit on the number of rows. The header
	 * {@value #AS_OF_HEADER} gives the emission time of the newest event in the index
	 * when the export began.
	 * @param filters the filters
	 * @param sort the order (default: project code)
	 * @param order asc or desc (default asc)
	 * @param user the signed-in user, who holds the export's point in time
	 * @return the CSV
	 */
	@GetMapping(path = "/export", produces = "text/csv")
	ResponseEntity<StreamingResponseBody> export(@Valid @ParameterObject @ModelAttribute ProjectFilters filters,
			@RequestParam(defaultValue = "CODE") ProjectSort sort,
			@RequestParam(defaultValue = "asc") @Pattern(regexp = "asc|desc",
					message = "an order is asc or desc") String order,
			Principal user) throws IOException {
		// contradictory filters, an unreachable Elasticsearch and too many open searches
		// are answered before the response starts
		filters.toQuery();
		Instant asOf = this.search.newestEvent();
		ProjectSearch.Export export = this.search.export(filters, sort, "desc".equals(order), user.getName());
		StreamingResponseBody body = (out) -> {
			Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
			writer.write('\uFEFF');
			try (CSVPrinter csv = new CSVPrinter(writer, SpreadsheetCells.csv(CsvRow.HEADER))) {
				export.pages((page) -> {
					try {
						for (ProjectDocument project : page) {
							csv.printRecord(CsvRow.of(project));
						}
						csv.flush();
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				});
			}
		};
		return ResponseEntity.ok()
			.header(AS_OF_HEADER, (asOf != null) ? asOf.toString() : "")
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"projects-" + LocalDate.now() + ".csv\"")
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
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
		GetResponse<ProjectDocument> response = this.client
			.get((get) -> get.index(this.indices.projects()).id(projectCode), ProjectDocument.class);
		if (!response.found()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No project " + projectCode + " indexed");
		}
		return response.source();
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
		SearchResponse<HistoryDocument> response = this.client.search((search) -> search.index(this.indices.history())
			.query((query) -> query.term((term) -> term.field("projectCode").value(projectCode)))
			.sort((sort) -> sort.field((field) -> field.field("revision").order(SortOrder.Asc)))
			.size(MAX_HISTORY), HistoryDocument.class);
		List<HistoryEntry> events = response.hits()
			.hits()
			.stream()
			.map(Hit::source)
			.filter(Objects::nonNull)
			.map((event) -> new HistoryEntry(event.eventId(), event.revision(), event.kind(), event.effectiveDate(),
					event.emittedAt(), event.receivedAt(), event.amount(), event.afterGap(), event.unit(),
					json.readTree(event.eventJson())))
			.toList();
		if (events.isEmpty()
				&& !this.client.exists((exists) -> exists.index(this.indices.projects()).id(projectCode)).value()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No project " + projectCode + " indexed");
		}
		Instant asOf = events.stream().map(HistoryEntry::emittedAt).max(Instant::compareTo).orElse(null);
		return new ProjectHistory(projectCode, events, asOf);
	}

	private static ProjectSort sortOf(ProjectSort sort, ProjectFilters filters) {
		if (sort != null) {
			return sort;
		}
		return (filters.getQ() != null && !filters.getQ().isBlank()) ? ProjectSort.RELEVANCE : ProjectSort.NEWEST;
	}

	/**
	 * A project's history.
	 *
	 * @param projectCode the project code
	 * @param events its events in revision order
	 * @param asOf the emission time of the newest of them
	 */
	record ProjectHistory(String projectCode, List<HistoryEntry> events, Instant asOf) {

	}

	/**
	 * One event of a history.
	 *
	 * @param eventId the event id
	 * @param revision its revision
	 * @param kind its kind
	 * @param effectiveDate when it takes effect
	 * @param emittedAt when it was emitted
	 * @param receivedAt when the ledger received it
	 * @param amount the capital it carries, or {@code null}
	 * @param afterGap whether it was applied with an earlier revision missing
	 * @param unit the unit whose topic published it
	 * @param event the event as published
	 */
	record HistoryEntry(String eventId, long revision, String kind, LocalDate effectiveDate, Instant emittedAt,
			Instant receivedAt, Money amount, boolean afterGap, String unit, JsonNode event) {

	}

}
