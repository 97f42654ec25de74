package vn.investledger.console.search;

import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.stream.Collectors;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.BindException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import vn.investledger.console.system.CallerGone;
import vn.investledger.console.system.ParameterProblems;

/**
 * How the search API fails, and the reports and the console's own reads of the indices
 * (freshness, years, refusals) with it: a bad request is a 400 saying what to fix;
 * Elasticsearch unreachable or overloaded is a 503 with {@code Retry-After}; an expired
 * cursor is a 410; a search that would hold more points in time open than allowed is a
 * 429 naming the limit, with {@code Retry-After}; an answer of Elasticsearch the API
 * cannot read is a 502. Never a 500 for any of them. All as
 * {@code application/problem+json}. A client that went away (a closed console's stream of
 * figures, an export cancelled) is no failure of Elasticsearch's: it is left to Spring,
 * which answers nobody.
 */
@RestControllerAdvice(basePackages = { "vn.investledger.console.search", "vn.investledger.console.report",
		"vn.investledger.console.dashboard" })
@Order(Ordered.HIGHEST_PRECEDENCE)
class SearchErrors {

	static final String RETRY_AFTER_SECONDS = "10";

	private static final Logger logger = LoggerFactory.getLogger(SearchErrors.class);

	@ExceptionHandler(BadSearchException.class)
	ResponseEntity<ProblemDetail> badSearch(BadSearchException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Bad search", ex.getMessage(), null);
	}

	@ExceptionHandler(TooManySearchesException.class)
	ResponseEntity<ProblemDetail> tooMany(TooManySearchesException ex) {
		return problem(HttpStatus.TOO_MANY_REQUESTS, "Too many open searches", ex.getMessage(),
				Long.toString(ex.retryAfterSeconds()));
	}

	@ExceptionHandler(BindException.class)
	ResponseEntity<ProblemDetail> badFilters(BindException ex) {
		String detail = ex.getFieldErrors().stream().map(ParameterProblems::of).collect(Collectors.joining("; "));
		return problem(HttpStatus.BAD_REQUEST, "Bad search", detail, null);
	}

	@ExceptionHandler(HandlerMethodValidationException.class)
	ResponseEntity<ProblemDetail> badParameters(HandlerMethodValidationException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Bad search", ParameterProblems.of(ex), null);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> badValue(MethodArgumentTypeMismatchException ex) {
		Class<?> type = ex.getRequiredType();
		String expected = (type != null && type.isEnum())
				? "one of "
						+ Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "))
				: "a " + ((type != null) ? type.getSimpleName() : "value");
		return problem(HttpStatus.BAD_REQUEST, "Bad search",
				ex.getName() + ": must be " + expected + ", was \"" + ex.getValue() + "\"", null);
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<ProblemDetail> badParameter(ConstraintViolationException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Bad search", ex.getMessage(), null);
	}

	@ExceptionHandler(ElasticsearchException.class)
	ResponseEntity<ProblemDetail> refused(ElasticsearchException ex) {
		String type = (ex.error() != null) ? ex.error().type() : "";
		if (contextMissing(ex)) {
			return problem(HttpStatus.GONE, "Cursor expired",
					"The search this cursor belongs to has expired; start again without a cursor", null);
		}
		if (ex.status() == 429 || ex.status() >= 500 || "index_not_found_exception".equals(type)) {
			logger.warn("Elasticsearch cannot answer: {}", ex.getMessage());
			return problem(HttpStatus.SERVICE_UNAVAILABLE, "Search unavailable",
					"Elasticsearch cannot answer now (" + ex.status() + " " + type + "); try again shortly",
					RETRY_AFTER_SECONDS);
		}
		logger.warn("Elasticsearch refused a search: {}", ex.getMessage());
		return problem(HttpStatus.BAD_REQUEST, "Bad search", "Elasticsearch refused the search: " + type, null);
	}

	/**
	 * Whether Elasticsearch refused a search because its point in time no longer exists
	 * (expired, closed, or lost with a node's restart): as a failure of every shard,
	 * caused by its missing search context.
	 * @param failure what the search threw
	 * @return whether it is that refusal
	 */
	static boolean contextMissing(Throwable failure) {
		if (!(failure instanceof ElasticsearchException ex)) {
			return false;
		}
		String type = (ex.error() != null) ? ex.error().type() : "";
		boolean cause = (ex.error() != null) && ex.error()
			.rootCause()
			.stream()
			.anyMatch((root) -> "search_context_missing_exception".equals(root.type()));
		return "search_context_missing_exception".equals(type) || cause
				|| (ex.status() == 404 && type.contains("context"));
	}

	@ExceptionHandler(UnreadableAnswerException.class)
	ResponseEntity<ProblemDetail> unreadable(UnreadableAnswerException ex) {
		logger.error("Elasticsearch answered a search with something the API cannot read", ex);
		return problem(HttpStatus.BAD_GATEWAY, "Search unavailable",
				"Elasticsearch answered the search with something the API cannot read; tell the operators", null);
	}

	@ExceptionHandler(IOException.class)
	ResponseEntity<ProblemDetail> unreachable(IOException ex) throws IOException {
		if (CallerGone.is(ex)) {
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
