package vn.investledger.console.system;

import org.apache.catalina.connector.ClientAbortException;

import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/**
 * Whether the caller went away while its answer was written: the container's exceptions
 * for it, not Elasticsearch's connection reset. (Spring's
 * {@code DisconnectedClientHelper} also takes any "Connection reset by peer" for the
 * caller's, and an Elasticsearch node that reset the console's connection then had a
 * search answer 200 with an empty body.)
 */
public final class CallerGone {

	private CallerGone() {
	}

	/**
	 * Whether a failure is the caller's disconnection.
	 * @param failure what the request threw
	 * @return whether the container said the caller went away
	 */
	public static boolean is(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ClientAbortException || cause instanceof AsyncRequestNotUsableException) {
				return true;
			}
		}
		return false;
	}

}
