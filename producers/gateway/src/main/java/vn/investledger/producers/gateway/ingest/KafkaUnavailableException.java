package vn.investledger.producers.gateway.ingest;

/**
 * Kafka did not acknowledge an event in time; it may or may not have been written, and
 * sending it again with the same event id is safe.
 */
class KafkaUnavailableException extends RuntimeException {

	KafkaUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
