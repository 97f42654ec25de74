package vn.investledger.events;

import java.time.Instant;
import java.util.List;

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
 * @param flow what the event adds to the flow figures, as the ledger counted it, or
 * {@code null} for an event that makes no flow (a suspension, a resumption, a
 * termination) and for an entry written before entries carried their flow
 */
public record AppliedEntry(String projectCode, long revision, String eventId, String kind, String unit,
		boolean afterGap, String sourceTopic, int sourcePartition, long sourceOffset, Instant receivedAt, String event,
		Flow flow) {

	/**
	 * The entry's id, unique per project revision: {@code <project code>#<revision>}.
	 * @return the id
	 */
	@JsonIgnore
	public String id() {
		return this.projectCode + "#" + this.revision;
	}

	/**
	 * What one event adds to the flow figures: its cell's change and the periods it
	 * counts in. The figures it counts in are those of every cuboid whose dimensions the
	 * cell has ({@code vn.investledger.events.rulebook.Cuboid#dimensionsOf}), in each of
	 * these periods; the events behind a figure are found, and summed to it, from here.
	 *
	 * @param cell the change of the event's cell: its dimensions, the first day of its
	 * part of the month as period, its type, amounts, counts and USD equivalents
	 * @param periods the periods it counts in ({@code all}, year, quarter, month, report
	 * month), by the report calendar the ledger applied
	 */
	public record Flow(Total cell, List<String> periods) {

		public Flow {
			periods = List.copyOf(periods);
		}

	}

}
