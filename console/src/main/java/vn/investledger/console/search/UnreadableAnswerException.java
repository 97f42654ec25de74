package vn.investledger.console.search;

import java.io.IOException;

/**
 * Elasticsearch answered a search, but not with an answer the API can read (not JSON, cut
 * short, or a sort value of an unknown kind): answered 502, not as an Elasticsearch that
 * cannot be reached.
 */
class UnreadableAnswerException extends IOException {

	private static final long serialVersionUID = 1L;

	UnreadableAnswerException(String message, Throwable cause) {
		super("Elasticsearch's answer to a search cannot be read: " + message, cause);
	}

}
