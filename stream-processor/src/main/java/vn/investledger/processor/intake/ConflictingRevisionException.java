package vn.investledger.processor.intake;

import java.util.UUID;

/**
 * Two different events claim the same revision of a project; the later one goes to the
 * dead-letter topic.
 */
class ConflictingRevisionException extends RuntimeException {

	ConflictingRevisionException(String projectCode, long revision, UUID applied, UUID rejected) {
		super("Revision " + revision + " of project " + projectCode + " was already applied from event " + applied
				+ "; event " + rejected + " claims it too");
	}

}
