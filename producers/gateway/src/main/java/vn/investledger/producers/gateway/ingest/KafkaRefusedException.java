package vn.investledger.producers.gateway.ingest;

/**
 * Kafka refused an event as too large for its record or request limits: sending it again
 * will not help. The gateway's own bound ({@code Limits.MAX_EVENT_BYTES}) is checked
 * first, so this happens only when a cluster is configured below it.
 */
class KafkaRefusedException extends RuntimeException {

	KafkaRefusedException(String message, Throwable cause) {
		super(message, cause);
	}

}
