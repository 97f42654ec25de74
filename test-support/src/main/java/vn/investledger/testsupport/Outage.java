package vn.investledger.testsupport;

/**
 * A server out of reach on purpose; closing the outage brings it back.
 */
@FunctionalInterface
public interface Outage extends AutoCloseable {

	/**
	 * Ends the outage: the server serves again when this returns.
	 */
	@Override
	void close();

}
