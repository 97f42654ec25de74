package vn.investledger.indexer.documents;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

import vn.investledger.events.CapitalAdjusted;
import vn.investledger.events.CapitalContributed;
import vn.investledger.events.Disbursed;
import vn.investledger.events.Licensed;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Money;

/**
 * One event of a project's history, the audit trail behind a figure. Its Elasticsearch id
 * is the event id, so indexing an event twice leaves one document.
 *
 * @param eventId the event id
 * @param projectCode the project code
 * @param revision the event's revision of the project
 * @param kind the kind, as in the event's JSON
 * @param provinceCode the province that published it
 * @param effectiveDate the date it takes effect
 * @param emittedAt when the licensing system emitted it
 * @param amount the capital it carries (registered capital of a licence, the change of an
 * adjustment, the value of a contribution, the amount disbursed), or {@code null}
 * @param eventJson the event exactly as published, UTF-8 JSON
 */
public record EventDocument(String eventId, String projectCode, long revision, String kind, String provinceCode,
		LocalDate effectiveDate, Instant emittedAt, Money amount, String eventJson) {

	/**
	 * The document of a published event.
	 * @param event the event, valid
	 * @param published its bytes as published
	 * @return the document
	 */
	public static EventDocument of(LicensingEvent event, byte[] published) {
		Money amount = switch (event) {
			case Licensed licence -> licence.registeredCapital();
			case CapitalAdjusted adjustment -> adjustment.capitalChange();
			case CapitalContributed contribution -> contribution.amount();
			case Disbursed disbursement -> disbursement.amount();
			default -> null;
		};
		var envelope = event.envelope();
		return new EventDocument(envelope.eventId().toString(), envelope.projectCode(), envelope.revision(),
				event.kind().jsonName(), envelope.provinceCode(), envelope.effectiveDate(), envelope.emittedAt(),
				amount, new String(published, StandardCharsets.UTF_8));
	}

}
