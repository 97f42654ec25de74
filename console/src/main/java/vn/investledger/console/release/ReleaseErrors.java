package vn.investledger.console.release;

import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.stream.Collectors;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import vn.investledger.console.system.CallerGone;
import vn.investledger.console.system.ParameterProblems;

/**
 * How the release endpoints fail, as {@code application/problem+json}: a malformed month,
 * instant or size is 400, a month not closed is 400 naming the newest closed one, a
 * release never published is 404, a release that regenerates otherwise than published is
 * 409, and so is a publication another admin's publication of the same release was
 * recorded before (naming the first publication: who, when, its SHA-256), a record of the
 * releases topic that may be its publication but cannot be read is 500 naming the record,
 * and a console busy with other releases, a ledger still taking events before a
 * publication, or Elasticsearch or Kafka unreachable is 503 with {@code Retry-After}.
 */
@RestControllerAdvice(basePackages = "vn.investledger.console.release")
@Order(Ordered.HIGHEST_PRECEDENCE)
class ReleaseErrors {

	private static final String RETRY_AFTER_SECONDS = "10";

	private static final Logger logger = LoggerFactory.getLogger(ReleaseErrors.class);

	@ExceptionHandler(ReleaseRequest.BadReleaseRequestException.class)
	ResponseEntity<ProblemDetail> bad(ReleaseRequest.BadReleaseRequestException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Bad release request", ex.getMessage(), null);
	}

	@ExceptionHandler(HandlerMethodValidationException.class)
	ResponseEntity<ProblemDetail> badParameters(HandlerMethodValidationException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Bad release request", ParameterProblems.of(ex), null);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> badValue(MethodArgumentTypeMismatchException ex) {
		Class<?> type = ex.getRequiredType();
		String expected = (type != null && type.isEnum())
				? "one of "
						+ Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "))
				: "a " + ((type != null) ? type.getSimpleName() : "value");
		return problem(HttpStatus.BAD_REQUEST, "Bad release request",
				ex.getName() + ": must be " + expected + ", was \"" + ex.getValue() + "\"", null);
	}

	@ExceptionHandler(ReleaseRequest.MonthNotClosedException.class)
	ResponseEntity<ProblemDetail> notClosed(ReleaseRequest.MonthNotClosedException ex) {
		ResponseEntity<ProblemDetail> answer = problem(HttpStatus.BAD_REQUEST, "Month not closed", ex.getMessage(),
				null);
		answer.getBody().setProperty("lastClosedMonth", ex.lastClosed().toString());
		return answer;
	}

	@ExceptionHandler(Vintages.NotPublishedException.class)
	ResponseEntity<ProblemDetail> notPublished(Vintages.NotPublishedException ex) {
		return problem(HttpStatus.NOT_FOUND, "Not published", ex.getMessage(), null);
	}

	@ExceptionHandler(Vintages.VintageMismatchException.class)
	ResponseEntity<ProblemDetail> mismatch(Vintages.VintageMismatchException ex) {
		logger.warn(ex.getMessage());
		ResponseEntity<ProblemDetail> answer = problem(HttpStatus.CONFLICT, "Release differs from its publication",
				ex.getMessage(), null);
		answer.getBody().setProperty("publishedAt", ex.publication().publishedAt().toString());
		answer.getBody().setProperty("publishedSha256", ex.publication().sha256());
		answer.getBody().setProperty("regeneratedSha256", ex.regenerated());
		return answer;
	}

	@ExceptionHandler(Publications.PublishedMeanwhileException.class)
	ResponseEntity<ProblemDetail> publishedMeanwhile(Publications.PublishedMeanwhileException ex) {
		logger.warn(ex.getMessage());
		ResponseEntity<ProblemDetail> answer = problem(HttpStatus.CONFLICT, "Published meanwhile", ex.getMessage(),
				null);
		answer.getBody().setProperty("firstPublication", (ex.first() != null) ? ex.first().listed() : null);
		answer.getBody().setProperty("publishedMeanwhile", (ex.meanwhile() != null) ? ex.meanwhile().listed() : null);
		answer.getBody().setProperty("refusedRecordOffset", ex.offset());
		return answer;
	}

	@ExceptionHandler(Releases.ReleaseBusyException.class)
	ResponseEntity<ProblemDetail> busy(Releases.ReleaseBusyException ex) {
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "Busy", ex.getMessage(), RETRY_AFTER_SECONDS);
	}

	@ExceptionHandler(LedgerCatchUp.LedgerBehindException.class)
	ResponseEntity<ProblemDetail> behind(LedgerCatchUp.LedgerBehindException ex) {
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "Ledger catching up", ex.getMessage(), RETRY_AFTER_SECONDS);
	}

	@ExceptionHandler(Publications.PublicationFailedException.class)
	ResponseEntity<ProblemDetail> kafka(Publications.PublicationFailedException ex) {
		logger.warn("Releases topic: {}", ex.toString());
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "Publications unavailable", ex.getMessage(),
				RETRY_AFTER_SECONDS);
	}

	@ExceptionHandler(Publications.UnreadablePublicationException.class)
	ResponseEntity<ProblemDetail> unreadable(Publications.UnreadablePublicationException ex) {
		logger.error("Releases topic: {}", ex.getMessage());
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Publication record unreadable", ex.getMessage(), null);
	}

	@ExceptionHandler(org.apache.kafka.common.KafkaException.class)
	ResponseEntity<ProblemDetail> kafkaClient(org.apache.kafka.common.KafkaException ex) {
		logger.warn("Releases topic", ex);
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "Publications unavailable",
				"The releases topic cannot be read or written now; try again shortly", RETRY_AFTER_SECONDS);
	}

	@ExceptionHandler(ElasticsearchException.class)
	ResponseEntity<ProblemDetail> refused(ElasticsearchException ex) {
		logger.warn("Elasticsearch cannot answer a release: {}", ex.getMessage());
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "Search unavailable",
				"Elasticsearch cannot answer now (" + ex.status() + "); try again shortly", RETRY_AFTER_SECONDS);
	}

	@ExceptionHandler(IOException.class)
	ResponseEntity<ProblemDetail> unreachable(IOException ex) throws IOException {
		if (CallerGone.is(ex)) {
			// nothing to answer, and not Elasticsearch's fault
			throw ex;
		}
		logger.warn("Elasticsearch unreachable: {}", ex.toString());
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "Search unavailable",
				"Elasticsearch cannot be reached; try again shortly", RETRY_AFTER_SECONDS);
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail,
			String retryAfter) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setType(URI.create("about:blank"));
		ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
		if (retryAfter != null) {
			response.header(HttpHeaders.RETRY_AFTER, retryAfter);
		}
		return response.body(problem);
	}

}
