package vn.investledger.producers.gateway.ingest;

/**
 * A request body or batch item is not an event's JSON.
 */
class MalformedEventException extends RuntimeException {

	MalformedEventException(String message) {
		super(message);
	}

}
