package vn.investledger.processor.intake;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import vn.investledger.events.CapitalAdjusted;
import vn.investledger.events.EventJson;
import vn.investledger.events.Licensed;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Money;
import vn.investledger.events.ProjectState;
import vn.investledger.events.ProjectStatus;
import vn.investledger.events.rulebook.ProjectLife;
import vn.investledger.events.rulebook.ProjectLife.StatusChange;
import vn.investledger.events.rulebook.StateTransitions;

/**
 * What the ledger keeps of a project: its public state, and for each applied revision the
 * id and a fingerprint of the content of the event that holds it, so that a retry has no
 * effect while any other event claiming the revision, or the id with other content, is a
 * conflict.
 *
 * @param state the project's state
 * @param applied each applied revision's event
 * @param registeredRevision the highest applied revision that stated the registered
 * capital, 0 if none
 * @param stated the registered capital each applied revision stated (a licence, an
 * adjustment), by revision: a revision that arrives late is checked against its
 * neighbours
 * @param statuses what each applied status event (a licence, a suspension, a resumption,
 * a termination) said of the status, by revision: the status is folded from them in
 * revision order ({@link ProjectLife#foldStatus}), so a status event that arrives late
 * takes the place it has among them
 */
record ProjectRecord(ProjectState state, TreeMap<Long, Fingerprint> applied, long registeredRevision,
		TreeMap<Long, Stated> stated, TreeMap<Long, StatusChange> statuses) {

	/**
	 * The most bytes a project's record may take in the state store: below the broker's
	 * default 1 MB per record, so that its changelog record can always be written. The
	 * contract's bounds keep a record under about 750 KB (10,000 revisions, each an
	 * adjustment with its id, hash and amounts, 50 investors' names of 300 characters;
	 * {@link #sizeBound()} counts it under 870 KB); this is checked before every write
	 * anyway.
	 */
	static final int MAX_BYTES = 900 * 1024;

	/**
	 * The project's status and what set it as the revisions below one left it: what an
	 * event of that revision follows, whatever later revisions arrived before it.
	 * @param revision the revision
	 * @return the status, {@code null} if none set one
	 */
	ProjectLife.FoldedStatus statusBefore(long revision) {
		return ProjectLife.foldStatus(this.statuses.headMap(revision));
	}

	/**
	 * The project's state after an event, as it stands now: the event's transitions
	 * ({@link StateTransitions}), the registered capital taken only from a revision above
	 * every one that stated it, and the status folded from the status events in revision
	 * order, this one among them ({@link ProjectLife#foldStatus}).
	 * @param event the event
	 * @param unit the unit of its topic
	 * @param missing the revisions missing after it
	 * @return the state after it
	 */
	ProjectState stateAfter(LicensingEvent event, String unit, List<Long> missing) {
		long revision = event.envelope().revision();
		ProjectState after = StateTransitions.apply(this.state, event, unit,
				StateTransitions.statesRegistered(event) && revision > this.registeredRevision, false, missing);
		StatusChange change = StatusChange.of(event);
		return (change != null) ? after.toBuilder().status(statusWith(revision, change)).build() : after;
	}

	/**
	 * The project's status with one more status event among those applied, folded in
	 * revision order.
	 * @param revision the event's revision
	 * @param change what it says of the status
	 * @return the status then, {@code null} if no event set one
	 */
	ProjectStatus statusWith(long revision, StatusChange change) {
		TreeMap<Long, StatusChange> more = new TreeMap<>(this.statuses);
		more.put(revision, change);
		return ProjectLife.foldStatus(more).status();
	}

	/**
	 * An applied event: its id and a hash of its content.
	 *
	 * @param eventId the event id
	 * @param contentHash the first 8 bytes of the SHA-256 of the event's canonical JSON,
	 * or 0 if unknown (revisions applied by an earlier version of the processor)
	 */
	record Fingerprint(UUID eventId, long contentHash) {

		/**
		 * The fingerprint of an event.
		 * @param event a valid event
		 * @return its id and content hash
		 */
		static Fingerprint of(LicensingEvent event) {
			return new Fingerprint(event.envelope().eventId(), ProjectRecord.contentHash(event));
		}

		/**
		 * Whether another copy is this event: the same id and, where both are known, the
		 * same content.
		 * @param other another fingerprint
		 * @return whether it is the same event
		 */
		boolean sameEvent(Fingerprint other) {
			return this.eventId.equals(other.eventId)
					&& (this.contentHash == 0 || other.contentHash == 0 || this.contentHash == other.contentHash);
		}

	}

	static ProjectRecord none(String projectCode) {
		return new ProjectRecord(ProjectState.none(projectCode), new TreeMap<>(), 0, new TreeMap<>(), new TreeMap<>());
	}

	/**
	 * The registered capital a revision stated.
	 *
	 * @param registered the capital after it
	 * @param change the change an adjustment states, {@code null} for a licence
	 */
	record Stated(Money registered, Money change) {

		/**
		 * What an event states of the registered capital.
		 * @param event the event
		 * @return what it states, or {@code null} if it states none
		 */
		static Stated of(LicensingEvent event) {
			return switch (event) {
				case Licensed licence -> new Stated(licence.registeredCapital(), null);
				case CapitalAdjusted adjustment ->
					new Stated(adjustment.newRegisteredCapital(), adjustment.capitalChange());
				default -> null;
			};
		}

	}

	/**
	 * The revision of the project's applied licence: the one revision that stated the
	 * registered capital without a change.
	 * @return the revision, or 0 if no licence is applied
	 */
	long licenceRevision() {
		for (Map.Entry<Long, Stated> entry : this.stated.entrySet()) {
			if (entry.getValue().change() == null) {
				return entry.getKey();
			}
		}
		return 0;
	}

	/**
	 * The highest applied adjustment below a revision.
	 * @param revision the revision
	 * @return the adjustment's revision, or 0 if no adjustment below it is applied
	 */
	long adjustmentBelow(long revision) {
		for (Map.Entry<Long, Stated> entry : this.stated.headMap(revision, false).descendingMap().entrySet()) {
			if (entry.getValue().change() != null) {
				return entry.getKey();
			}
		}
		return 0;
	}

	/**
	 * Whether nothing was applied to the project yet.
	 * @return whether it is new
	 */
	boolean isNew() {
		return this.applied.isEmpty();
	}

	/**
	 * The revision an event id holds, if any.
	 * @param eventId an event id
	 * @return the revision, or {@code null}
	 */
	Long revisionOf(UUID eventId) {
		for (Map.Entry<Long, Fingerprint> entry : this.applied.entrySet()) {
			if (entry.getValue().eventId().equals(eventId)) {
				return entry.getKey();
			}
		}
		return null;
	}

	/**
	 * The record after one more event.
	 * @param next the state after it
	 * @param revision its revision
	 * @param fingerprint its fingerprint
	 * @param stated what the event states of the registered capital, {@code null} if
	 * nothing
	 * @param status what the event says of the status, {@code null} if nothing
	 * @return a new record
	 */
	ProjectRecord with(ProjectState next, long revision, Fingerprint fingerprint, Stated stated, StatusChange status) {
		TreeMap<Long, Fingerprint> more = new TreeMap<>(this.applied);
		more.put(revision, fingerprint);
		TreeMap<Long, Stated> capitals = this.stated;
		if (stated != null) {
			capitals = new TreeMap<>(this.stated);
			capitals.put(revision, stated);
		}
		TreeMap<Long, StatusChange> statusChanges = this.statuses;
		if (status != null) {
			statusChanges = new TreeMap<>(this.statuses);
			statusChanges.put(revision, status);
		}
		return new ProjectRecord(next, more,
				(stated != null) ? Math.max(this.registeredRevision, revision) : this.registeredRevision, capitals,
				statusChanges);
	}

	/**
	 * An upper bound of the record's size in the state store, without writing it: every
	 * character counted as 4 bytes of UTF-8, with its length prefix.
	 * @return bytes
	 */
	long sizeBound() {
		ProjectState s = this.state;
		long text = length(s.projectCode()) + length(s.ownerUnit()) + length(s.projectName()) + length(s.provinceCode())
				+ length(s.zoneCode()) + length(s.partnerCountry()) + length(s.sectorSection())
				+ length(s.sectorCode());
		for (String investor : s.investorNames()) {
			text += length(investor);
		}
		return 310 + 4 * text + 4L * s.investorNames().size() + 8L * s.missingRevisions().size()
				+ 32L * this.applied.size() + 48L * this.stated.size() + 17L * this.statuses.size();
	}

	private static long length(String text) {
		return (text != null) ? 4 + text.length() : 0;
	}

	/**
	 * The content hash of an event ({@link EventJson#contentHash}).
	 */
	static long contentHash(LicensingEvent event) {
		return EventJson.contentHash(event);
	}

}
