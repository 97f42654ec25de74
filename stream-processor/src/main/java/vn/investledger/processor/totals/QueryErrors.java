package vn.investledger.processor.totals;

import org.apache.kafka.streams.errors.InvalidStateStoreException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * While Kafka Streams starts, rebalances or restores its state, or while the instance
 * that holds a figure is gone and the group has not yet given its tasks to another, the
 * figures cannot be read: that is a 503 with Retry-After, not an error of the caller or
 * of the processor.
 */
@RestControllerAdvice
class QueryErrors {

	@ExceptionHandler(InvalidStateStoreException.class)
	ResponseEntity<ProblemDetail> notReady(InvalidStateStoreException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The figures are being restored or rebalanced; ask again shortly");
		problem.setTitle("Figures not ready");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "2").body(problem);
	}

	@ExceptionHandler(FigureLookup.PeerUnavailableException.class)
	ResponseEntity<ProblemDetail> peerUnavailable(FigureLookup.PeerUnavailableException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage()
				+ "; another instance takes its figures over once Kafka's group has noticed; ask again" + " shortly");
		problem.setTitle("Figures not reachable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
	}

}
