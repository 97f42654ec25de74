package vn.investledger.console.search;

/**
 * A search the API cannot run as asked; answered with 400 and the message.
 */
class BadSearchException extends RuntimeException {

	BadSearchException(String message) {
		super(message);
	}

}
