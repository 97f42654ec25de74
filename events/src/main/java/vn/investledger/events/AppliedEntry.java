package vn.investledger.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One event as the ledger applied it, on {@link Topics#appliedEvents()}: each project
 * revision once, in the order applied, with the event exactly as its unit published it.
 * Projects' histories are read from here, so they show what every figure counts and never
 * a copy the ledger refused.
 *
 * @param projectCode the project code
 * @param revision the revision it holds
 * @param eventId the event id
 * @param kind the kind, as in the event's JSON
 * @param unit the current unit whose topic published it
 * @param afterGap whether it was applied with an earlier revision missing (the gap timed
 * out), or arrived after such a gap was closed
 * @param sourceTopic the topic it was published to
 * @param sourcePartition its partition
 * @param sourceOffset its offset
 * @param receivedAt when the broker appended it
 * @param event the event's JSON as published (UTF-8)
 */
public record AppliedEntry(String projectCode, long revision, String eventId, String kind, String unit,
		boolean afterGap, String sourceTopic, int sourcePartition, long sourceOffset, Instant receivedAt,
		String event) {

	/**
	 * The entry's id, unique per project revision: {@code <project code>#<revision>}.
	 * @return the id
	 */
	@JsonIgnore
	public String id() {
		return this.projectCode + "#" + this.revision;
	}

}
