package vn.investledger.producers.gateway.ingest;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import vn.investledger.events.EventTooLargeException;
import vn.investledger.events.InvalidEventException;
import vn.investledger.events.Limits;

/**
 * Every error as RFC 9457 problem details: 400 malformed, 403 another province's event or
 * a project another unit owns, 413 too large (the request, an event over
 * {@link Limits#MAX_EVENT_BYTES}, or a record Kafka refuses), 422 invalid (with each
 * field's reason in {@code violations}), 503 Kafka unavailable or the gateway holding as
 * many request bodies as it may (with Retry-After). Spring MVC's own errors (405, 406,
 * 415, …) come out the same way.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemHandler.class);

	@ExceptionHandler(InvalidEventException.class)
	ProblemDetail invalid(InvalidEventException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
		problem.setTitle("Invalid event");
		problem.setProperty("violations", ex.violations());
		return problem;
	}

	@ExceptionHandler(MalformedEventException.class)
	ProblemDetail malformed(MalformedEventException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Malformed event", ex.getMessage());
	}

	@ExceptionHandler(ForeignProvinceException.class)
	ProblemDetail foreign(ForeignProvinceException ex) {
		return problem(HttpStatus.FORBIDDEN, "Event of another province", ex.getMessage());
	}

	@ExceptionHandler(ForeignProjectException.class)
	ProblemDetail foreignProject(ForeignProjectException ex) {
		ProblemDetail problem = problem(HttpStatus.FORBIDDEN, "Project of another unit", ex.getMessage());
		problem.setProperty("projectCode", ex.projectCode());
		problem.setProperty("ownerUnit", ex.ownerUnit());
		return problem;
	}

	@ExceptionHandler(EventTooLargeException.class)
	ProblemDetail eventTooLarge(EventTooLargeException ex) {
		ProblemDetail problem = problem(HttpStatus.CONTENT_TOO_LARGE, "Event too large", ex.getMessage());
		problem.setProperty("maxEventBytes", Limits.MAX_EVENT_BYTES);
		return problem;
	}

	@ExceptionHandler(EventBodyTooLargeException.class)
	ProblemDetail eventBodyTooLarge(EventBodyTooLargeException ex) {
		ProblemDetail problem = problem(HttpStatus.CONTENT_TOO_LARGE, "Event too large", ex.getMessage());
		problem.setProperty("maxEventBytes", Limits.MAX_EVENT_BYTES);
		return problem;
	}

	@ExceptionHandler(KafkaRefusedException.class)
	ProblemDetail refusedByKafka(KafkaRefusedException ex) {
		logger.warn("Kafka refused an event as too large", ex);
		return problem(HttpStatus.CONTENT_TOO_LARGE, "Too large for Kafka", ex.getMessage());
	}

	@ExceptionHandler(RequestTooLargeException.class)
	ProblemDetail tooLarge(RequestTooLargeException ex) {
		return problem(HttpStatus.CONTENT_TOO_LARGE, "Request too large", ex.getMessage());
	}

	@ExceptionHandler(KafkaUnavailableException.class)
	ResponseEntity<ProblemDetail> unavailable(KafkaUnavailableException ex) {
		logger.warn("Kafka unavailable", ex);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "5")
			.body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Kafka unavailable",
					ex.getMessage() + "; send it again with the same event id"));
	}

	@ExceptionHandler(GatewayBusyException.class)
	ResponseEntity<ProblemDetail> busy(GatewayBusyException ex) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "1")
			.body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Gateway busy", ex.getMessage()));
	}

	/**
	 * The error of one batch item, as the problem a single request would have had.
	 * @param ex what went wrong
	 * @return the item's error
	 */
	static IngestResult.ItemError itemError(RuntimeException ex) {
		return switch (ex) {
			case InvalidEventException invalid ->
				new IngestResult.ItemError(422, "Invalid event", invalid.getMessage(), invalid.violations());
			case MalformedEventException malformed ->
				new IngestResult.ItemError(400, "Malformed event", malformed.getMessage(), List.of());
			case ForeignProvinceException foreign ->
				new IngestResult.ItemError(403, "Event of another province", foreign.getMessage(), List.of());
			case ForeignProjectException foreign ->
				new IngestResult.ItemError(403, "Project of another unit", foreign.getMessage(), List.of());
			case EventTooLargeException large ->
				new IngestResult.ItemError(413, "Event too large", large.getMessage(), List.of());
			case KafkaRefusedException refused ->
				new IngestResult.ItemError(413, "Too large for Kafka", refused.getMessage(), List.of());
			case KafkaUnavailableException kafka ->
				new IngestResult.ItemError(503, "Kafka unavailable", kafka.getMessage(), List.of());
			default -> {
				// a fault of the gateway's own: the item's result says so, and the other
				// items' results still reach the caller
				logger.error("Could not handle a batch item", ex);
				yield new IngestResult.ItemError(500, "Internal error",
						"The gateway could not handle this event and did not publish it", List.of());
			}
		};
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}
