package vn.investledger.producers.publisher;

/**
 * Kafka did not acknowledge an event; it may or may not have been written, and publishing
 * it again with the same event id is safe.
 */
public class PublishException extends RuntimeException {

	public PublishException(String message, Throwable cause) {
		super(message, cause);
	}

}
