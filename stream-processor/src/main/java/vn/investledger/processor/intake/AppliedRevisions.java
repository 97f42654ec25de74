package vn.investledger.processor.intake;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The revisions of one project that the processor has applied, each with the id of the
 * event that carried it.
 *
 * @param revisions revision → event id
 */
record AppliedRevisions(Map<Long, UUID> revisions) {

	AppliedRevisions {
		revisions = Map.copyOf(revisions);
	}

	static AppliedRevisions none() {
		return new AppliedRevisions(Map.of());
	}

	AppliedRevisions with(long revision, UUID eventId) {
		Map<Long, UUID> more = new TreeMap<>(this.revisions);
		more.put(revision, eventId);
		return new AppliedRevisions(more);
	}

}
