package vn.investledger.console.release.zone;

import java.net.URI;
import java.util.stream.Collectors;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import vn.investledger.console.release.zone.ZoneReleaseController.BadZoneReleaseException;
import vn.investledger.console.release.zone.ZoneScope.UnknownScopeException;

/**
 * How the zone-board release's own requests fail, as {@code application/problem+json}: a
 * 400 saying what to fix (a malformed parameter, an unknown province or zone). What it
 * shares with the national release (a month not closed, too many releases at once,
 * Elasticsearch unreachable) is answered by {@code ReleaseErrors}, as for that release.
 */
@RestControllerAdvice(basePackageClasses = ZoneReleaseController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ZoneReleaseErrors {

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

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setType(URI.create("about:blank"));
		return ResponseEntity.status(status).body(problem);
	}

}
