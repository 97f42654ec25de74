package vn.investledger.producers.gateway.rejections;

/**
 * The rejections topic could not be read now; asking again later is the remedy.
 */
class RejectionsUnavailableException extends RuntimeException {

	RejectionsUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
