package vn.investledger.indexer.search;

import java.io.IOException;
import java.net.URI;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * How the search API fails: a bad request is a 400 saying what to fix; Elasticsearch
 * unreachable or overloaded is a 503 with {@code Retry-After}; an expired cursor is a
 * 410. Never a 500 for either. All as {@code application/problem+json}.
 */
@RestControllerAdvice(basePackageClasses = SearchErrors.class)
class SearchErrors {

	static final String RETRY_AFTER_SECONDS = "10";

	private static final Logger logger = LoggerFactory.getLogger(SearchErrors.class);

	@ExceptionHandler(BadSearchException.class)
	ResponseEntity<ProblemDetail> badSearch(BadSearchException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Bad search", ex.getMessage(), null);
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<ProblemDetail> badParameter(ConstraintViolationException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Bad search", ex.getMessage(), null);
	}

	@ExceptionHandler(ElasticsearchException.class)
	ResponseEntity<ProblemDetail> refused(ElasticsearchException ex) {
		String type = (ex.error() != null) ? ex.error().type() : "";
		if ("search_context_missing_exception".equals(type) || (ex.status() == 404 && type.contains("context"))) {
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

	@ExceptionHandler(IOException.class)
	ResponseEntity<ProblemDetail> unreachable(IOException ex) {
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
