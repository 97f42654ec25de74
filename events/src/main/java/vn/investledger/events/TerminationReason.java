package vn.investledger.events;

/**
 * Why a project ends (Law on Investment, Art. 48).
 */
public enum TerminationReason {

	/** The investor decides to end it. */
	INVESTOR_DECISION,

	/** The duration on the IRC has run out. */
	EXPIRED,

	/** The licensing authority revoked the IRC. */
	IRC_REVOKED,

	/** Another ground the decision names. */
	OTHER

}
