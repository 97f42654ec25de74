package vn.investledger.console.search;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.apache.commons.csv.CSVPrinter;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import vn.investledger.events.Stock;
import vn.investledger.events.rulebook.Cuboid;
import vn.investledger.index.ProjectDocument;
import vn.investledger.console.system.SpreadsheetCells;
import vn.investledger.console.system.SpreadsheetExport;

/**
 * Drill-down of the stock: from a stock figure (valid projects) to the projects behind
 * it. The figure is named as for {@code /api/search/stock} (cuboid, exactly the cuboid's
 * dimensions, type); each project links to its history by project code.
 */
@RestController
@RequestMapping("/api/search/stock/projects")
class StockProjectsController {

	/**
	 * The project export's columns, then the suspension and the sector the figure counts
	 * it in.
	 */
	static final String[] HEADER = header();

	/**
	 * The export's count of the projects in the stock without their stock cell, which no
	 * drill-down lists (the first page's {@code projectsWithoutStockCell}).
	 */
	static final String PROJECTS_WITHOUT_STOCK_CELL_HEADER = "X-Projects-Without-Stock-Cell";

	private final StockProjects projects;

	StockProjectsController(StockProjects projects) {
		this.projects = projects;
	}

	/**
	 * A page of the projects behind a stock figure, by project code.
	 * @param figure which figure: the cuboid and exactly its dimensions, and the type
	 * @param size the page size, 1 to 1000
	 * @param cursor the previous page's {@code next}, to read the page after it
	 * @return the page, with the number of projects behind the figure on the first page
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	@GetMapping
	StockProjects.ProjectsPage projects(@Valid @ParameterObject @ModelAttribute FigureCoordinates figure,
			@RequestParam(defaultValue = "50") @Min(value = 1, message = "at least 1") @Max(value = 1000,
					message = "at most 1000") int size,
			@RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9_-]{1,4000}",
					message = "a cursor is the next of a previous page") String cursor)
			throws IOException {
		return this.projects.page(figure, size, cursor);
	}

	/**
	 * Every project behind a stock figure as CSV (UTF-8 with a byte order mark) or an
	 * Excel workbook ({@link SpreadsheetExport}), by project code, streamed from one
	 * point in time of the projects index: no limit on the number of rows, and an export
	 * holds one of its user's points in time until it ends (429 past the limits, as for
	 * the project export). The rows count the figure's valid projects, those with
	 * {@code suspended} true its suspended ones, and the registered and realised capital
	 * columns sum to its amounts (an empty realised capital is 0). The header
	 * {@value #PROJECTS_WITHOUT_STOCK_CELL_HEADER} gives the number of projects in the
	 * stock whose document had no stock cell when the export began, none of them among
	 * the rows: above 0, the figure may hold more than the rows.
	 * @param figure which figure
	 * @param format {@code csv} (the default) or {@code xlsx}
	 * @param user the signed-in user, who holds the export's point in time
	 * @return the file
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	@GetMapping(path = "/export", produces = { "text/csv", SpreadsheetExport.XLSX_TYPE })
	ResponseEntity<StreamingResponseBody> export(@Valid @ParameterObject @ModelAttribute FigureCoordinates figure,
			@RequestParam(defaultValue = "csv") @Pattern(regexp = SpreadsheetExport.FORMATS,
					message = SpreadsheetExport.FORMATS_MESSAGE) String format,
			Principal user) throws IOException {
		// dimensions that are not the cuboid's, an unreachable Elasticsearch and a user
		// past the limits are refused before the answer starts
		StockProjects.Export export = this.projects.export(figure, user.getName());
		SpreadsheetExport.Format file = SpreadsheetExport.Format.of(format);
		StreamingResponseBody body = SpreadsheetExport.body(file, "Dự án", HEADER,
				(rows) -> export.pages().each((page) -> rows.page(page, StockProjectsController::row)));
		String name = figure.key(Stock.PERIOD).replaceAll("[^A-Za-z0-9=,+-]", "_");
		return ResponseEntity.ok()
			.header(PROJECTS_WITHOUT_STOCK_CELL_HEADER, Long.toString(export.projectsWithoutStockCell()))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					"attachment; filename=\"" + file.fileName("projects-" + name) + "\"")
			.contentType(file.mediaType())
			.body(body);
	}

	static List<Object> row(ProjectDocument project) {
		List<Object> row = new ArrayList<>(CsvRow.of(project));
		boolean suspended = project.stock() != null && project.stock().suspended();
		String sector = (project.stock() != null) ? project.stock().cell().get(Cuboid.Dimension.SECTOR.cellKey())
				: null;
		row.addAll(SpreadsheetCells.record(suspended, sector));
		return row;
	}

	private static String[] header() {
		List<String> header = new ArrayList<>(List.of(CsvRow.HEADER));
		header.add("suspended");
		header.add("stockSector");
		return header.toArray(String[]::new);
	}

}
