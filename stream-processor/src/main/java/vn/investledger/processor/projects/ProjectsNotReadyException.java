package vn.investledger.processor.projects;

/**
 * The project states cannot be read now: the streams start, rebalance or restore, or the
 * instance that holds the project does not answer. Asking again shortly is the remedy.
 */
class ProjectsNotReadyException extends RuntimeException {

	ProjectsNotReadyException(String message) {
		super(message);
	}

	ProjectsNotReadyException(String message, Throwable cause) {
		super(message, cause);
	}

}
