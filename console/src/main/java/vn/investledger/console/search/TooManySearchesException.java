package vn.investledger.console.search;

/**
 * A search would open a point in time beyond a limit ({@link PointInTimeProperties});
 * answered with 429, the message and {@code Retry-After}.
 */
class TooManySearchesException extends RuntimeException {

	private final long retryAfterSeconds;

	TooManySearchesException(String message, long retryAfterSeconds) {
		super(message);
		this.retryAfterSeconds = retryAfterSeconds;
	}

	/**
	 * When one of the points in time that count against the limit expires at the latest.
	 * @return seconds, at least 1
	 */
	long retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

}
