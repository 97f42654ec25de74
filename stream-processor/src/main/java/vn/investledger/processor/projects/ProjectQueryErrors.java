package vn.investledger.processor.projects;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * While Kafka Streams starts, rebalances or restores its state, a project's owner cannot
 * be read: that is a 503 with Retry-After, not an error of the caller.
 */
@RestControllerAdvice(assignableTypes = { ProjectOwnerController.class, LocalProjectOwnerController.class })
class ProjectQueryErrors {

	@ExceptionHandler(ProjectsNotReadyException.class)
	ResponseEntity<ProblemDetail> notReady(ProjectsNotReadyException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				ex.getMessage() + "; ask again shortly");
		problem.setTitle("Project states not ready");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "2").body(problem);
	}

}
