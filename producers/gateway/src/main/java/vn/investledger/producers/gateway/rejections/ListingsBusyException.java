package vn.investledger.producers.gateway.rejections;

/**
 * As many listings run as may at once, in all or of the unit's; asking again shortly is
 * the remedy.
 */
class ListingsBusyException extends RuntimeException {

	ListingsBusyException(String message) {
		super(message);
	}

}
