package vn.investledger.producers.gateway.rejections;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import vn.investledger.access.KnownParameters;
import vn.investledger.events.Limits;
import vn.investledger.producers.gateway.security.ProvinceClient;

/**
 * Where a province system reads back what the ledger refused of its unit's records, with
 * the reasons, whether they came through the gateway or straight to Kafka. The unit is
 * the key's: no parameter names another.
 */
@RestController
@RequestMapping(path = "/api/v1/rejections", produces = MediaType.APPLICATION_JSON_VALUE)
class RejectionsController {

	/**
	 * The earliest {@code since} looked up: the start of the ledger's earliest date. An
	 * earlier one (1970-01-01, as a client asks for everything) lists from there: no
	 * record is older, and Kafka looks up no time before 1970.
	 */
	static final Instant EARLIEST = Limits.EARLIEST_DATE.atStartOfDay(Limits.VIETNAM).toInstant();

	/**
	 * The latest {@code since} looked up: a later one lists nothing yet, as this one
	 * does, and its milliseconds may not fit a long.
	 */
	static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

	private final RejectionLog log;

	RejectionsController(RejectionLog log) {
		this.log = log;
	}

	@Operation(summary = "List your unit's refused records",
			description = "Newest first; or oldest first from `since`. Each page's `next` is the cursor of the "
					+ "following one (older records, or newer ones from `since`).",
			responses = { @ApiResponse(responseCode = "200", description = "A page of refused records"),
					@ApiResponse(responseCode = "400", description = "A bad parameter",
							content = @Content(mediaType = "application/problem+json")),
					@ApiResponse(responseCode = "401", description = "No valid API key"),
					@ApiResponse(responseCode = "503",
							description = "Kafka unavailable, or as many listings running as may at once (in all or "
									+ "of the unit's); retry after Retry-After") })
	@GetMapping
	RejectionPage list(@AuthenticationPrincipal ProvinceClient client,
			@Parameter(description = "ISO-8601 instant, e.g. 2026-11-30T00:00:00Z; one before 1987-12-29 (Vietnam's "
					+ "time) lists from then") @RequestParam(
							required = false) @KnownParameters.WorkedOutDefault("none: newest first") String since,
			@Parameter(description = "1 to 1000") @RequestParam(defaultValue = "100") String limit,
			@Parameter(description = "the `next` of the previous page") @RequestParam(
					required = false) @KnownParameters.WorkedOutDefault("none: the first page") String cursor) {
		// ASCII digits only: Spring's number parsing would take +5 or 0x10
		if (!limit.matches("[0-9]{1,4}") || Integer.parseInt(limit) < 1
				|| Integer.parseInt(limit) > RejectionLog.MAX_LIMIT) {
			throw badRequest("limit is 1 to " + RejectionLog.MAX_LIMIT + " in digits, was \""
					+ ((limit.length() > 20) ? limit.substring(0, 20) + "…" : limit) + "\"");
		}
		return this.log.list(client.province(), since(since, Instant.now()), cursor(cursor), Integer.parseInt(limit));
	}

	@ExceptionHandler(RejectionsUnavailableException.class)
	ResponseEntity<ProblemDetail> unavailable(RejectionsUnavailableException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		problem.setTitle("Rejections unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
	}

	@ExceptionHandler(ListingsBusyException.class)
	ResponseEntity<ProblemDetail> busy(ListingsBusyException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		problem.setTitle("Listings busy");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
	}

	/**
	 * The instant a listing starts from: none, or the instant given, brought within
	 * {@link #EARLIEST} and {@link #LATEST} (the same listing, and one Kafka can look
	 * up).
	 * @param since the parameter as given
	 * @param now the time of the request
	 * @return the instant, or {@code null} for none
	 * @throws ResponseStatusException 400 if it is not an instant
	 */
	static Instant since(String since, Instant now) {
		if (since == null || since.isBlank()) {
			return null;
		}
		Instant instant;
		try {
			instant = Instant.parse(since.strip());
		}
		catch (DateTimeParseException ex) {
			throw badRequest("since is an ISO-8601 instant, e.g. 2026-11-30T00:00:00Z, was \"" + since + "\"");
		}
		return instant.isBefore(EARLIEST) ? EARLIEST : instant.isAfter(LATEST) ? LATEST : instant;
	}

	private static Cursor cursor(String cursor) {
		if (cursor == null || cursor.isBlank()) {
			return null;
		}
		try {
			return Cursor.parse(cursor.strip());
		}
		catch (IllegalArgumentException ex) {
			throw badRequest(ex.getMessage());
		}
	}

	private static ResponseStatusException badRequest(String detail) {
		return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
	}

}
