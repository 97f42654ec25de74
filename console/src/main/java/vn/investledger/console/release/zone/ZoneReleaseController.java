package vn.investledger.console.release.zone;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.investledger.console.release.Publication;
import vn.investledger.console.release.Releases;
import vn.investledger.console.release.Vintages;
import vn.investledger.console.system.NotAcceptable;

/**
 * The zone-board release of a province's zones or of one zone, for a report month whose
 * release is closed, as JSON, CSV or an Excel workbook; the release as known at an
 * instant with {@code asOf}, as first published with {@code vintage=first-published}
 * (published by an admin, {@link ZonePublicationController}); under the national
 * release's prefix, with its month, its vintage headers and its reading of a month and an
 * instant. A month not closed, a malformed month or instant, an unknown province or zone
 * are answered 400 before any figure is read.
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
			+ "progress against the year's target, occupancy by zone; asOf for the release as known at an instant, "
			+ "vintage=first-published for the release as first published; format=csv or xlsx for a file")
	ResponseEntity<byte[]> data(@PathVariable @Parameter(description = "yyyy-MM, closed") String month,
			@Valid @ModelAttribute ZoneReleaseRequest which) throws IOException {
		Answer answer = answer(month, which);
		return answer.headers(ResponseEntity.ok())
			.contentType(MediaType.APPLICATION_JSON)
			.header("X-Release-SHA256", Vintages.sha256(answer.json()))
			.body(answer.json());
	}

	/**
	 * A release's publications.
	 * @param month the report month, {@code yyyy-MM}
	 * @param province today's unit whose zones it covers, or
	 * @param zone one zone
	 * @return its publications, first first
	 */
	@GetMapping("/publications")
	@Operation(summary = "The publications of a zone-board release, first first")
	List<Publication> publications(@PathVariable String month, @RequestParam(required = false) String province,
			@RequestParam(required = false) String zone) {
		YearMonth release = ZoneReleaseRequest.month(month);
		ZoneScope scope = this.releases.scope(province, zone);
		this.releases.requireClosed(release);
		return this.releases.publications(scope, release).stream().map(Publication::listed).toList();
	}

	/**
	 * A release as a file to download.
	 * @param month the report month, {@code yyyy-MM}
	 * @param which the province or zone, the instant and the format
	 * @return the CSV or the workbook, with the JSON's {@code X-Vintage} and
	 * {@code X-As-Of}, named after its vintage and instant ({@link Vintages#fileName})
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	@GetMapping(params = "format")
	@Operation(summary = "The zone-board release as CSV (format=csv, every figure exact) or an Excel workbook "
			+ "(format=xlsx)")
	ResponseEntity<byte[]> file(@PathVariable String month, @Valid @ModelAttribute ZoneReleaseRequest which)
			throws IOException {
		if ("json".equals(which.format())) {
			throw NotAcceptable.json(which.format());
		}
		Answer answer = answer(month, which);
		ZoneRelease release = answer.release();
		boolean csv = "csv".equals(which.format());
		String name = Vintages.fileName("thong-cao-kkt-kcn-" + release.header().scope().code().toLowerCase(Locale.ROOT)
				+ "-" + release.header().month(), answer.vintage(), answer.at(), which.format());
		// a release is a few kilobytes: written whole before the answer begins, so that a
		// failure is an error answer rather than a truncated file answered 200
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		if (csv) {
			ZoneReleaseFiles.csv(release, body);
		}
		else {
			ZoneReleaseFiles.xlsx(release, body);
		}
		return answer.headers(ResponseEntity.ok())
			.contentType(csv ? CSV : XLSX)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.body(body.toByteArray());
	}

	/**
	 * The release asked for, once the request names a scope, a closed month and one
	 * vintage.
	 */
	private Answer answer(String text, ZoneReleaseRequest which) throws IOException {
		YearMonth month = ZoneReleaseRequest.month(text);
		ZoneScope scope = this.releases.scope(which.province(), which.zone());
		Instant asOf = which.instant(this.clock);
		if (which.vintage() != null && asOf != null) {
			throw new BadZoneReleaseException("asOf and vintage: name one vintage, not both");
		}
		this.releases.requireClosed(month);
		if (which.vintage() != null) {
			ZoneReleases.Published published = this.releases.firstPublished(scope, month);
			return new Answer(published::asRelease, published.json(), Vintages.FIRST_PUBLISHED,
					published.publication().publishedAt());
		}
		this.releases.awaitKnown(asOf);
		ZoneRelease release = this.releases.release(scope, month, asOf);
		return new Answer(() -> release, Releases.json(release), (asOf != null) ? Vintages.AS_OF : Vintages.CURRENT,
				asOf);
	}

	/**
	 * A release as answered: the release, its JSON as published or served, and its
	 * vintage: {@code X-Vintage} {@code current}, {@code as-of} or
	 * {@code first-published}, and {@code X-As-Of} the instant it is known at, as the
	 * national release states them.
	 */
	private record Answer(java.util.function.Supplier<ZoneRelease> read, byte[] json, String vintage, Instant at) {

		/** The release: a kept JSON read only for a file. */
		ZoneRelease release() {
			return this.read.get();
		}

		<T extends ResponseEntity.BodyBuilder> ResponseEntity.BodyBuilder headers(T answer) {
			answer.header("X-Vintage", this.vintage);
			if (this.at != null) {
				answer.header("X-As-Of", this.at.toString());
			}
			return answer;
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
