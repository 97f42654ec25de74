package vn.investledger.producers.gateway.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import vn.investledger.access.KnownParameters;
import vn.investledger.events.EventTooLargeException;
import vn.investledger.events.Limits;
import vn.investledger.producers.gateway.security.ProvinceClient;
import vn.investledger.producers.gateway.system.GatewayProperties;

/**
 * Where province systems post licensing events. "Accepted" means durable in Kafka; the
 * stream processor applies each project revision once, so posting the same event again is
 * safe.
 */
@RestController
@RequestMapping(path = "/api/v1/events", consumes = MediaType.APPLICATION_JSON_VALUE,
		produces = MediaType.APPLICATION_JSON_VALUE)
class IngestController {

	/** How much more of a body is held before each read. */
	private static final int STEP = 64 * 1024;

	private final EventIngestion ingestion;

	private final InFlightBodies bodies;

	private final long maxRequestBytes;

	IngestController(EventIngestion ingestion, InFlightBodies bodies, GatewayProperties properties) {
		this.ingestion = ingestion;
		this.bodies = bodies;
		this.maxRequestBytes = properties.maxRequestSize().toBytes();
	}

	@Operation(summary = "Publish one event",
			description = "Body: one event (schema at /api/v1/schemas/event.schema.json). 202 when Kafka holds it.",
			responses = { @ApiResponse(responseCode = "202", description = "Durable in Kafka"),
					@ApiResponse(responseCode = "400", description = "Not an event's JSON",
							content = @Content(mediaType = "application/problem+json")),
					@ApiResponse(responseCode = "401", description = "No valid API key"),
					@ApiResponse(responseCode = "403",
							description = "An event of another province, or of a project another unit owns"),
					@ApiResponse(responseCode = "413", description = "An event over the contract's size limit"),
					@ApiResponse(responseCode = "422", description = "Invalid, with field-level violations"),
					@ApiResponse(responseCode = "503",
							description = "Kafka unavailable, or the gateway holds as many request bodies as it may "
									+ "(in all or of the unit's); retry after Retry-After") })
	@PostMapping
	@KnownParameters.Takes({})
	@ResponseStatus(HttpStatus.ACCEPTED)
	IngestResult publish(@AuthenticationPrincipal ProvinceClient client, HttpServletRequest request)
			throws IOException {
		requireNoContentCoding(request);
		// an event is refused past the contract's size before more of it is read
		long max = Math.min(Limits.MAX_EVENT_BYTES, this.maxRequestBytes);
		long length = request.getContentLengthLong();
		if (length > max) {
			throw (length > this.maxRequestBytes) ? new RequestTooLargeException(tooLarge())
					: new EventTooLargeException(length);
		}
		try (InFlightBodies.Held held = this.bodies.admit(client.province(), Math.max(length, 0))) {
			byte[] body = body(request, max, held);
			held.shrinkTo(body.length);
			held.bodyRead();
			return this.ingestion.publishOne(client, body);
		}
	}

	@Operation(summary = "Publish a batch of events",
			description = "Body: a JSON array of at most max-batch-size events. Each event is checked and published on "
					+ "its own: the good ones are published even when others are rejected, and each result says which. "
					+ "Once Kafka does not take an event, or batch-send-timeout has passed, the events not yet sent "
					+ "are answered 503 without being sent.",
			responses = {
					@ApiResponse(responseCode = "202", description = "A result per event",
							content = @Content(schema = @Schema(implementation = BatchResult.class))),
					@ApiResponse(responseCode = "503",
							description = "The gateway holds as many request bodies as it may (in all or of the "
									+ "unit's); retry after Retry-After") })
	@PostMapping("/batch")
	@KnownParameters.Takes({})
	@ResponseStatus(HttpStatus.ACCEPTED)
	BatchResult publishBatch(@AuthenticationPrincipal ProvinceClient client, HttpServletRequest request)
			throws IOException {
		requireNoContentCoding(request);
		long length = request.getContentLengthLong();
		if (length > this.maxRequestBytes) {
			throw new RequestTooLargeException(tooLarge());
		}
		try (InFlightBodies.Held held = this.bodies.admit(client.province(), Math.max(length, 0))) {
			byte[] body = body(request, this.maxRequestBytes, held);
			held.shrinkTo(body.length);
			held.bodyRead();
			return this.ingestion.publishBatch(client, body);
		}
	}

	/**
	 * The body, of at most {@code max} bytes; past them it is refused at once, with no
	 * more of it read. It holds room as it is read, a step at a time, whatever length it
	 * states: a sender that states 8 MB and sends a byte a minute holds a step.
	 */
	private byte[] body(HttpServletRequest request, long max, InFlightBodies.Held held) throws IOException {
		try (InputStream in = request.getInputStream()) {
			int limit = (int) Math.min(Integer.MAX_VALUE - 8, max + 1);
			byte[] body;
			if (request.getContentLengthLong() == 0) {
				body = in.readNBytes(limit);
			}
			else {
				ByteArrayOutputStream read = new ByteArrayOutputStream();
				byte[] step = new byte[STEP];
				// a stated length is all that arrives (the container holds the body to
				// it): no more room than it is held
				long stated = request.getContentLengthLong();
				long most = (stated > 0) ? Math.min(max, stated) : max;
				int n = 0;
				while (n >= 0 && read.size() < limit) {
					// the byte past the most taken, read to tell the body is too long, is
					// not held
					held.growTo((int) Math.min(most, (long) read.size() + STEP));
					n = in.read(step, 0, Math.min(STEP, limit - read.size()));
					if (n > 0) {
						read.write(step, 0, n);
					}
				}
				body = read.toByteArray();
			}
			if (body.length > max) {
				throw (max < this.maxRequestBytes) ? new EventBodyTooLargeException()
						: new RequestTooLargeException(tooLarge());
			}
			return body;
		}
	}

	private String tooLarge() {
		return "A request body holds at most " + this.maxRequestBytes + " bytes";
	}

	/**
	 * A body is JSON as written: a compressed one ({@code Content-Encoding: gzip}) is
	 * refused by name, rather than read as bytes that are not UTF-8.
	 */
	private static void requireNoContentCoding(HttpServletRequest request) {
		for (String coding : java.util.Collections.list(request.getHeaders(HttpHeaders.CONTENT_ENCODING))) {
			if (coding != null && !coding.isBlank() && !"identity".equalsIgnoreCase(coding.strip())) {
				throw new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
						"Content-Encoding " + ((coding.length() > 40) ? coding.substring(0, 40) + "…" : coding.strip())
								+ " is not taken: send the events' JSON as it is, without a content coding");
			}
		}
	}

}
