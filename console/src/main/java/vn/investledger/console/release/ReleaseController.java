package vn.investledger.console.release;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

import jakarta.validation.constraints.Pattern;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.investledger.access.KnownParameters;
import vn.investledger.console.release.ReleaseRequest.BadReleaseRequestException;
import vn.investledger.console.system.TypeParameter;
import vn.investledger.events.InvestmentType;

/**
 * The national release of a closed report month: current, as known at an instant, or as
 * first published; as JSON, CSV or an Excel workbook; its publications, and its revisions
 * between two instants.
 */
@RestController
@RequestMapping("/api/releases")
class ReleaseController {

	static final MediaType XLSX = MediaType
		.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

	static final String FIRST_PUBLISHED = Vintages.FIRST_PUBLISHED;

	private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

	private final Releases releases;

	private final Vintages vintages;

	private final Publications publications;

	private final Clock clock;

	ReleaseController(Releases releases, Vintages vintages, Publications publications, Clock clock) {
		this.releases = releases;
		this.vintages = vintages;
		this.publications = publications;
		this.clock = clock;
	}

	/**
	 * A release.
	 * @return the release, with {@code X-Vintage} ({@code current}, {@code as-of},
	 * {@code first-published}), {@code X-As-Of} (the instant it is known at) and, for
	 * JSON, {@code X-Release-SHA256}; a file's name names its vintage and instant too
	 * ({@link Vintages#fileName})
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	@GetMapping("/{month}")
	@Operation(summary = "The national release of a closed report month, current, as known at an instant (asOf) "
			+ "or as first published (vintage=first-published), as JSON, CSV or xlsx")
	ResponseEntity<byte[]> release(@PathVariable @Parameter(description = "yyyy-MM, closed") String month,
			@RequestParam(required = false) @Pattern(regexp = TypeParameter.GRAMMAR,
					message = TypeParameter.MESSAGE) String type,
			@RequestParam(required = false) @Parameter(description = "ISO-8601 instant, not in the future") String asOf,
			@RequestParam(required = false) @Parameter(description = FIRST_PUBLISHED) String vintage,
			@RequestParam(defaultValue = "json") @Parameter(description = "json, csv or xlsx") String format,
			@RequestParam(
					required = false) @KnownParameters.WorkedOutDefault("" + Release.Sizes.COUNTRIES) Integer countries,
			@RequestParam(
					required = false) @KnownParameters.WorkedOutDefault("" + Release.Sizes.PROVINCES) Integer provinces,
			@RequestParam(
					required = false) @KnownParameters.WorkedOutDefault("" + Release.Sizes.SECTORS) Integer sectors)
			throws IOException {
		YearMonth release = ReleaseRequest.closedMonth(month, this.releases.calendar(), this.clock);
		if (!List.of("json", "csv", "xlsx").contains(format)) {
			throw new BadReleaseRequestException("format: json, csv or xlsx, was \"" + format + "\"");
		}
		if (vintage != null && !FIRST_PUBLISHED.equals(vintage)) {
			throw new BadReleaseRequestException("vintage: " + FIRST_PUBLISHED + ", was \"" + vintage + "\"");
		}
		Instant at = ReleaseRequest.instant("asOf", asOf, this.clock);
		if (vintage != null && at != null) {
			throw new BadReleaseRequestException("asOf and vintage: name one vintage, not both");
		}
		Release answer;
		byte[] json;
		String kind;
		if (vintage != null) {
			if (countries != null || provinces != null || sectors != null) {
				throw new BadReleaseRequestException(
						"countries, provinces, sectors: a release as first published has the sizes it was published with");
			}
			Vintages.Published published = this.vintages.firstPublished(release, TypeParameter.of(type));
			// read as a release only for a file (a kept JSON is served as it is)
			answer = ("json".equals(format)) ? null : published.asRelease();
			json = published.json();
			at = published.publication().publishedAt();
			kind = FIRST_PUBLISHED;
		}
		else {
			this.vintages.awaitKnown(at);
			answer = this.releases.release(release, TypeParameter.of(type), at,
					ReleaseRequest.sizes(countries, provinces, sectors));
			json = Releases.json(answer);
			kind = (at != null) ? Vintages.AS_OF : Vintages.CURRENT;
		}
		ResponseEntity.BodyBuilder ok = ResponseEntity.ok().header("X-Vintage", kind);
		if (at != null) {
			ok.header("X-As-Of", at.toString());
		}
		if ("json".equals(format)) {
			return ok.contentType(MediaType.APPLICATION_JSON)
				.header("X-Release-SHA256", Vintages.sha256(json))
				.body(json);
		}
		boolean csv = "csv".equals(format);
		String name = Vintages.fileName("thong-cao-" + TypeParameter.of(type) + "-" + release, kind, at, format);
		// a release is a few kilobytes: written whole, so that a failure is an error
		// answer
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		if (csv) {
			ReleaseFiles.csv(answer, body);
		}
		else {
			ReleaseFiles.xlsx(answer, body);
		}
		return ok.contentType(csv ? CSV : XLSX)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.body(body.toByteArray());
	}

	/**
	 * What changed in a release between two instants, and the events that changed it.
	 * Without {@code from}, the earlier side is the release as first published, checked
	 * against its publication's SHA-256 as {@code vintage=first-published} is.
	 * @return the revisions
	 * @throws IOException if Elasticsearch cannot be reached
	 * @throws Vintages.VintageMismatchException (409) if the release as first published
	 * regenerates otherwise than published
	 */
	@GetMapping("/{month}/revisions")
	@Operation(summary = "The figures of a release that changed between two instants (from the first publication "
			+ "to now by default, the published side checked against its SHA-256), each with the applied events "
			+ "received in between that changed it")
	Releases.Revisions revisions(@PathVariable String month,
			@RequestParam(required = false) @Pattern(regexp = TypeParameter.GRAMMAR,
					message = TypeParameter.MESSAGE) String type,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to) throws IOException {
		YearMonth release = ReleaseRequest.closedMonth(month, this.releases.calendar(), this.clock);
		Instant since = ReleaseRequest.instant("from", from, this.clock);
		Instant until = ReleaseRequest.instant("to", to, this.clock);
		Publication published = null;
		if (since == null) {
			published = this.vintages.firstPublication(release, TypeParameter.of(type));
			since = published.publishedAt();
		}
		if (until != null && until.isBefore(since)) {
			throw new BadReleaseRequestException("from " + since + " is after to " + until);
		}
		// each side as known at its instant: the published side is checked against its
		// SHA-256 instead
		if (published == null) {
			this.vintages.awaitKnown(since);
		}
		this.vintages.awaitKnown(until);
		return this.releases.revisions(release, TypeParameter.of(type), since, until, published);
	}

	/**
	 * A release's publications.
	 * @return its publications, first first
	 */
	@GetMapping("/{month}/publications")
	@Operation(summary = "The publications of a release, first first")
	List<Publication> publications(@PathVariable String month,
			@RequestParam(required = false) @Pattern(regexp = TypeParameter.GRAMMAR,
					message = TypeParameter.MESSAGE) String type) {
		YearMonth release = ReleaseRequest.closedMonth(month, this.releases.calendar(), this.clock);
		return this.publications.of(release, TypeParameter.of(type)).stream().map(Publication::listed).toList();
	}

}
