package vn.investledger.console.release.zone;

import java.io.IOException;
import java.net.URI;
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
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import vn.investledger.console.release.Releases.ReleaseBusyException;
import vn.investledger.console.release.zone.ZoneReleaseController.BadZoneReleaseException;
import vn.investledger.console.release.zone.ZoneReleaseController.MonthNotClosedException;
import vn.investledger.console.release.zone.ZoneScope.UnknownScopeException;

/**
 * How the zone-board release fails, as {@code application/problem+json}: a bad request is
 * a 400 saying what to fix (a malformed month, a month not closed with the newest closed
 * one, an unknown province or zone); too many releases at once, or Elasticsearch
 * unreachable, a 503 with {@code Retry-After}.
 */
@RestControllerAdvice(basePackageClasses = ZoneReleaseController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ZoneReleaseErrors {

	private static final String RETRY_AFTER_SECONDS = "10";

	private static final Logger logger = LoggerFactory.getLogger(ZoneReleaseErrors.class);

	@ExceptionHandler(BindException.class)
	ResponseEntity<ProblemDetail> badParameters(BindException ex) {
		String detail = ex.getFieldErrors().stream().map(ZoneReleaseErrors::describe).collect(Collectors.joining("; "));
		return problem(HttpStatus.BAD_REQUEST, "Bad release request", detail);
	}

	private static String describe(FieldError error) {
		String reason = error.isBindingFailure() ? "cannot be read" : error.getDefaultMessage();
		return error.getField() + ": " + reason + ", was \"" + error.getRejectedValue() + "\"";
	}

	@ExceptionHandler(BadZoneReleaseException.class)
	ResponseEntity<ProblemDetail> bad(BadZoneReleaseException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Bad release request", ex.getMessage());
	}

	@ExceptionHandler(UnknownScopeException.class)
	ResponseEntity<ProblemDetail> unknown(UnknownScopeException ex) {
		ResponseEntity<ProblemDetail> answer = problem(HttpStatus.BAD_REQUEST, "Unknown " + ex.parameter(),
				ex.getMessage());
		return answer;
	}

	@ExceptionHandler(MonthNotClosedException.class)
	ResponseEntity<ProblemDetail> notClosed(MonthNotClosedException ex) {
		ResponseEntity<ProblemDetail> answer = problem(HttpStatus.BAD_REQUEST, "Month not closed", ex.getMessage());
		answer.getBody().setProperty("lastClosedMonth", ex.lastClosed().toString());
		return answer;
	}

	@ExceptionHandler(ReleaseBusyException.class)
	ResponseEntity<ProblemDetail> busy(ReleaseBusyException ex) {
		return unavailable("Releases busy", ex.getMessage());
	}

	@ExceptionHandler({ IOException.class, ElasticsearchException.class })
	ResponseEntity<ProblemDetail> unreachable(Exception ex) {
		logger.warn("Elasticsearch cannot answer a release: {}", ex.toString());
		return unavailable("Search unavailable", "Elasticsearch cannot answer now; try again shortly");
	}

	private static ResponseEntity<ProblemDetail> unavailable(String title, String detail) {
		ResponseEntity<ProblemDetail> answer = problem(HttpStatus.SERVICE_UNAVAILABLE, title, detail);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
			.body(answer.getBody());
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setType(URI.create("about:blank"));
		return ResponseEntity.status(status).body(problem);
	}

}
