package vn.investledger.processor.intake;

import vn.investledger.events.Rejection;

/**
 * What the ledger decided of a record: applied, or refused with a reason.
 */
sealed interface Outcome {

	/**
	 * An event applied to its project.
	 *
	 * @param event the event with the project before and after, and what it adds to the
	 * figures
	 * @param received the record it came in
	 */
	record Applied(AppliedEvent event, Received received) implements Outcome {

	}

	/**
	 * A record refused: it goes to its unit's rejection topic.
	 *
	 * @param rejection why, and where it came from
	 * @param key the original key, cut to {@link Rejection#MAX_KEY_BYTES}
	 * @param value the original value, cut to {@link Rejection#MAX_VALUE_BYTES}
	 * @param topic the rejection topic
	 */
	record Refused(Rejection rejection, byte[] key, byte[] value, String topic) implements Outcome {

	}

}
