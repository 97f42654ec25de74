package vn.investledger.producers.gateway.ingest;

/**
 * A request body or batch is over the gateway's limit.
 */
class RequestTooLargeException extends RuntimeException {

	RequestTooLargeException(String message) {
		super(message);
	}

}
