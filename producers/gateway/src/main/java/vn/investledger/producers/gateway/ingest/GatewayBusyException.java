package vn.investledger.producers.gateway.ingest;

/**
 * The gateway holds as many request bodies as it may at once, in all or of the unit's;
 * nothing of the request was read or published, and sending it again shortly is the
 * remedy.
 */
class GatewayBusyException extends RuntimeException {

	GatewayBusyException(String message) {
		super(message);
	}

}
