package vn.investledger.console.release;

import java.time.Instant;
import java.time.LocalDate;

import vn.investledger.events.CapitalContributed;
import vn.investledger.events.EventJson;
import vn.investledger.events.LicensingEvent;
import vn.investledger.index.FlowDocument;
import vn.investledger.index.HistoryDocument;

/**
 * One event the ledger applied, as a release reads it from the history index: when it
 * reached the ledger, what it adds to the flow figures, and the event itself, which the
 * stock of valid projects is folded from.
 *
 * @param projectCode the project code
 * @param revision the revision it holds
 * @param eventId the event id
 * @param kind its kind, as in the event's JSON
 * @param unit the unit whose topic published it
 * @param effectiveDate when it takes effect
 * @param receivedAt when the broker appended it to its unit's topic: a vintage "as known
 * at T" holds the entries received at or before T
 * @param flow what it adds to the flow figures, or {@code null} for none
 * @param event the event as published
 */
public record ReleaseEntry(String projectCode, long revision, String eventId, String kind, String unit,
		LocalDate effectiveDate, Instant receivedAt, FlowDocument flow, LicensingEvent event) {

	static ReleaseEntry of(HistoryDocument document) {
		return new ReleaseEntry(document.projectCode(), document.revision(), document.eventId(), document.kind(),
				document.unit(), document.effectiveDate(), document.receivedAt(), document.flow(),
				EventJson.read(document.eventJson()));
	}

	/**
	 * Whether the entry is known at an instant.
	 * @param bound the instant, {@code null} for now (every entry indexed)
	 * @return whether it was received at or before the instant
	 */
	public boolean knownAt(Instant bound) {
		return bound == null || !this.receivedAt.isAfter(bound);
	}

	/**
	 * Whether a contribution raises the enterprise's charter capital (làm tăng vốn điều
	 * lệ), as its event says; the contract requires the flag.
	 * @return the flag
	 * @throws IllegalStateException if the entry is not a contribution carrying it
	 */
	boolean raisesCharterCapital() {
		if (this.event instanceof CapitalContributed contribution && contribution.raisesCharterCapital() != null) {
			return contribution.raisesCharterCapital();
		}
		throw new IllegalStateException("Entry " + this.projectCode + "#" + this.revision + " (" + this.kind
				+ ") counts a contribution but its event does not say whether charter capital rises");
	}

}
