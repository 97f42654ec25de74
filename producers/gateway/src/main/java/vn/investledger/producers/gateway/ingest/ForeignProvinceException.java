package vn.investledger.producers.gateway.ingest;

/**
 * A province system sent an event of a province it does not speak for; nothing was
 * published.
 */
class ForeignProvinceException extends RuntimeException {

	ForeignProvinceException(String client, String event) {
		super("Your key speaks for province " + client + " (and the units it absorbed), not for province " + event);
	}

}
