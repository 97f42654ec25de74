package vn.investledger.testsupport;

/**
 * A server stopped on purpose; closing the outage brings it back.
 */
@FunctionalInterface
public interface Outage extends AutoCloseable {

	/**
	 * Ends the outage: the server serves again when this returns.
	 */
	@Override
	void close();

	/**
	 * Begins an outage of a server.
	 */
	@FunctionalInterface
	interface Maker {

		Outage begin();

	}

}
