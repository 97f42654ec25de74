package vn.investledger.console.search;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
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

import vn.investledger.events.Money;
import vn.investledger.events.UsdEquivalent;
import vn.investledger.events.rulebook.Periods;
import vn.investledger.index.FlowDocument;
import vn.investledger.console.system.SpreadsheetCells;
import vn.investledger.console.system.SpreadsheetExport;

/**
 * Drill-down: from a flow figure to the events behind it, the audit trail officials need
 * when two published figures disagree. The figure is named as for
 * {@code /api/search/totals} (cuboid, exactly the cuboid's dimensions, period, type);
 * each event links to its project's history by project code.
 */
@RestController
@RequestMapping("/api/search/totals/events")
class FigureEventsController {

	static final String[] HEADER = { "projectCode", "revision", "eventId", "kind", "unit", "provinceCode",
			"effectiveDate", "receivedAt", "afterGap", "investmentType", "currency", "newProjects", "newCapital",
			"adjustments", "adjustedCapital", "contributions", "contributionCapital", "realisedCapital",
			"registeredCapital", "usdRegisteredCapital", "usdRealisedCapital" };

	/**
	 * The export's count of the applied entries without their flow, which no drill-down
	 * lists (the first page's {@code entriesWithoutFlow}).
	 */
	static final String ENTRIES_WITHOUT_FLOW_HEADER = "X-Entries-Without-Flow";

	private final FigureEvents events;

	FigureEventsController(FigureEvents events) {
		this.events = events;
	}

	/**
	 * A page of the events behind a figure, oldest effective date first.
	 * @param figure which figure: the cuboid and exactly its dimensions, and the type
	 * @param period the figure's period (all if left out; given empty, a 400)
	 * @param size the page size, 1 to 1000
	 * @param cursor the previous page's {@code next}, to read the page after it
	 * @return the page, with the number of events behind the figure on the first page
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	@GetMapping
	FigureEvents.EventPage events(@Valid @ParameterObject @ModelAttribute FigureCoordinates figure,
			@RequestParam(required = false) @Pattern(regexp = Periods.GRAMMAR,
					message = Periods.GRAMMAR_MESSAGE) String period,
			@RequestParam(defaultValue = "50") @Min(value = 1, message = "at least 1") @Max(value = 1000,
					message = "at most 1000") int size,
			@RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9_-]{1,4000}",
					message = "a cursor is the next of a previous page") String cursor)
			throws IOException {
		return this.events.page(figure, FigureCoordinates.periodOf(period), size, cursor);
	}

	/**
	 * Every event behind a figure as CSV (UTF-8 with a byte order mark) or an Excel
	 * workbook ({@link SpreadsheetExport}), oldest first, streamed from one point in time
	 * of the history index: there is no limit on the number of rows, and an export holds
	 * one of its user's points in time until it ends (429 past the limits, as for the
	 * project export). Amounts are exact decimals in the figure's currency; the sum of
	 * each amount column is the figure's as it was when the export began. The USD
	 * equivalents of an event that could not be converted (dated before the first
	 * reference rate) are left empty, never 0. The header
	 * {@value #ENTRIES_WITHOUT_FLOW_HEADER} gives the number of applied entries without
	 * their flow in the whole history when the export began, none of them among the rows:
	 * above 0, the figure may sum to more than the rows.
	 * @param figure which figure
	 * @param period its period (all if left out; given empty, a 400)
	 * @param format {@code csv} (the default) or {@code xlsx}
	 * @param user the signed-in user, who holds the export's point in time
	 * @return the file
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	@GetMapping(path = "/export", produces = { "text/csv", SpreadsheetExport.XLSX_TYPE })
	ResponseEntity<StreamingResponseBody> export(@Valid @ParameterObject @ModelAttribute FigureCoordinates figure,
			@RequestParam(required = false) @Pattern(regexp = Periods.GRAMMAR,
					message = Periods.GRAMMAR_MESSAGE) String period,
			@RequestParam(defaultValue = "csv") @Pattern(regexp = SpreadsheetExport.FORMATS,
					message = SpreadsheetExport.FORMATS_MESSAGE) String format,
			Principal user) throws IOException {
		// dimensions that are not the cuboid's, an unreachable Elasticsearch and a user
		// past the limits are refused before the answer starts
		FigureEvents.Export export = this.events.export(figure, FigureCoordinates.periodOf(period), user.getName());
		SpreadsheetExport.Format file = SpreadsheetExport.Format.of(format);
		StreamingResponseBody body = SpreadsheetExport.body(file, "Sự kiện", HEADER,
				(rows) -> export.pages().each((page) -> rows.page(page, FigureEventsController::row)));
		String name = figure.key(FigureCoordinates.periodOf(period)).replaceAll("[^A-Za-z0-9=,+-]", "_");
		return ResponseEntity.ok()
			.header(ENTRIES_WITHOUT_FLOW_HEADER, Long.toString(export.entriesWithoutFlow()))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file.fileName("events-" + name) + "\"")
			.contentType(file.mediaType())
			.body(body);
	}

	static List<Object> row(FigureEvents.FigureEvent event) {
		FlowDocument flow = event.flow();
		// an event in đồng dated before the first reference rate has no dollars: its
		// equivalent holds zeros that would read as US$0
		UsdEquivalent usd = flow.usdEquivalent();
		boolean converted = usd != null && usd.unconvertedEvents() == 0;
		return SpreadsheetCells.record(event.projectCode(), event.revision(), event.eventId(), event.kind(),
				event.unit(), event.provinceCode(), event.effectiveDate(), event.receivedAt(), event.afterGap(),
				flow.investmentType(), flow.registeredCapital().currency().name(), flow.newProjects(),
				major(flow.newCapital()), flow.adjustments(), major(flow.adjustedCapital()), flow.contributions(),
				major(flow.contributionCapital()), major(flow.realisedCapital()), major(flow.registeredCapital()),
				converted ? major(usd.registeredCapital()) : null, converted ? major(usd.realisedCapital()) : null);
	}

	private static BigDecimal major(Money money) {
		return (money != null) ? money.toMajor() : null;
	}

}
