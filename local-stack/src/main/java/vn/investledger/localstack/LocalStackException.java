package vn.investledger.localstack;

/**
 * A local server could not be started or found what it needs.
 */
public class LocalStackException extends RuntimeException {

	public LocalStackException(String message) {
		super(message);
	}

	public LocalStackException(String message, Throwable cause) {
		super(message, cause);
	}

}
