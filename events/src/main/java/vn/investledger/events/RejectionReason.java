package vn.investledger.events;

/**
 * Why the ledger refused a record. The code travels in the rejection's headers, so a
 * province system can act on it; the message beside it says what to fix.
 */
public enum RejectionReason {

	/** The record is larger than {@link Limits#MAX_EVENT_BYTES}. */
	TOO_LARGE,

	/** No key, no value, not JSON, or not an event of a known kind. */
	MALFORMED,

	/** The event breaks the contract; the message lists every field and reason. */
	INVALID,

	/** The record's topic belongs to no provincial unit. */
	NO_UNIT,

	/**
	 * The record is not in the partition Kafka's Java client (murmur2 of the key) would
	 * choose, so the project's events would be counted in two places.
	 */
	MISPLACED,

	/** The Kafka key is not the event's project code. */
	KEY_MISMATCH,

	/** The unit of the topic does not govern the province the event names. */
	FOREIGN_PROVINCE,

	/** The project belongs to another unit; only that unit writes its later events. */
	FOREIGN_PROJECT,

	/**
	 * Another event already holds this revision, or this event id was seen with other
	 * content or at another revision.
	 */
	CONFLICT,

	/**
	 * The event's investment type (FDI or DDI) is not the project's: a project's figures
	 * are kept in one currency.
	 */
	TYPE_MISMATCH,

	/**
	 * The revision lies more than {@link Limits#MAX_REVISION_JUMP} ahead of the project's
	 * highest applied revision.
	 */
	REVISION_TOO_FAR,

	/** {@link Limits#MAX_HELD_EVENTS} of the project's events already wait for a gap. */
	TOO_MANY_HELD,

	/**
	 * Counting the event would take the sums of the unit's events past what the figures
	 * can hold exactly.
	 */
	SUM_BOUND,

	/** The project's state would exceed what one state record may hold. */
	STATE_TOO_LARGE,

	/** The event's effects could not be computed; the message says why. */
	INTERNAL

}
