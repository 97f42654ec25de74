package vn.investledger.events;

/**
 * Where a project stands.
 */
public enum ProjectStatus {

	/** Licensed and running: in the stock of valid projects. */
	VALID,

	/** Paused: still in the stock, counted apart. */
	SUSPENDED,

	/** Ended: out of the stock; its flows stay counted. */
	TERMINATED

}
