package vn.investledger.index;

import java.time.Instant;
import java.time.LocalDate;

import vn.investledger.events.AppliedEntry;
import vn.investledger.events.CapitalAdjusted;
import vn.investledger.events.CapitalContributed;
import vn.investledger.events.Disbursed;
import vn.investledger.events.EventJson;
import vn.investledger.events.Licensed;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Money;

/**
 * One event of a project's history as the ledger applied it: the audit trail behind a
 * figure. Its Elasticsearch id is {@link AppliedEntry#id()} (project code and revision),
 * and each revision is applied once, so a copy sent again, or a refused event with the
 * same id, can never replace what the figures count.
 *
 * @param projectCode the project code
 * @param revision the revision it holds
 * @param eventId the event id
 * @param kind the kind, as in the event's JSON
 * @param unit the current unit whose topic published it
 * @param provinceCode the province it names, as licensed
 * @param effectiveDate the date it takes effect
 * @param emittedAt when the licensing system emitted it
 * @param receivedAt when the broker appended it
 * @param afterGap whether it was applied with an earlier revision missing
 * @param amount the capital it carries (registered capital of a licence, the change of an
 * adjustment, the value of a contribution, the amount disbursed), or {@code null}
 * @param eventJson the event exactly as published, UTF-8 JSON
 * @param flow what it adds to the flow figures, or {@code null} if it makes no flow (or
 * was applied before the ledger recorded flows with its entries)
 * @param decision where the ledger's entry sits on the applied-events topic, or
 * {@code null} if not known
 */
public record HistoryDocument(String projectCode, long revision, String eventId, String kind, String unit,
		String provinceCode, LocalDate effectiveDate, Instant emittedAt, Instant receivedAt, boolean afterGap,
		Money amount, String eventJson, FlowDocument flow, Decision decision) {

	/**
	 * The document of an applied event, without its place on the applied-events topic.
	 * @param entry the ledger's entry
	 * @return the document
	 */
	public static HistoryDocument of(AppliedEntry entry) {
		LicensingEvent event = EventJson.read(entry.event());
		Money amount = switch (event) {
			case Licensed licence -> licence.registeredCapital();
			case CapitalAdjusted adjustment -> adjustment.capitalChange();
			case CapitalContributed contribution -> contribution.amount();
			case Disbursed disbursement -> disbursement.amount();
			default -> null;
		};
		var envelope = event.envelope();
		return new HistoryDocument(entry.projectCode(), entry.revision(), entry.eventId(), entry.kind(), entry.unit(),
				envelope.provinceCode(), envelope.effectiveDate(), envelope.emittedAt(), entry.receivedAt(),
				entry.afterGap(), amount, entry.event(), FlowDocument.of(entry.flow()), null);
	}

	/**
	 * The same document with its entry's place on the applied-events topic.
	 * @param partition the topic's partition
	 * @param offset the entry's offset in it
	 * @return the document
	 */
	public HistoryDocument at(int partition, long offset) {
		return new HistoryDocument(this.projectCode, this.revision, this.eventId, this.kind, this.unit,
				this.provinceCode, this.effectiveDate, this.emittedAt, this.receivedAt, this.afterGap, this.amount,
				this.eventJson, this.flow, new Decision(partition, offset));
	}

	/**
	 * The document's id: {@link AppliedEntry#id()}.
	 * @return the id
	 */
	public String id() {
		return this.projectCode + "#" + this.revision;
	}

	/**
	 * Where the ledger's entry of a decision sits on the applied-events topic. A replay
	 * from the event topics decides every event again, writing its decisions after a mark
	 * of offsets; an entry before the mark is an earlier counting's, which the indexer
	 * removes from the history.
	 *
	 * @param partition the topic's partition
	 * @param offset the entry's offset in it
	 */
	public record Decision(int partition, long offset) {

	}

}
