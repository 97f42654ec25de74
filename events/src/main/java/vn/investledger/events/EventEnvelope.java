package vn.investledger.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * What every licensing event carries besides its kind and payload.
 *
 * @param schemaVersion the contract version the producer wrote
 * ({@value #CURRENT_SCHEMA_VERSION} today)
 * @param eventId unique per event and stable across retries: the processor drops a
 * repeated id
 * @param projectCode the project code (mã số dự án), an opaque non-blank string in
 * Unicode's composed form (NFC); also the Kafka key
 * @param revision the project's revision, 1 for the licence and one more for each later
 * event; orders a project's events and makes retries idempotent
 * @param provinceCode the two-digit code of the province that licensed the event, as
 * licensed
 * @param effectiveDate the date the event takes effect (the IRC date): figures are by
 * this date
 * @param emittedAt when the province system emitted the event
 */
public record EventEnvelope(Integer schemaVersion, UUID eventId, String projectCode, Long revision, String provinceCode,
		LocalDate effectiveDate, Instant emittedAt) {

	/** The schema version this code writes and reads. */
	public static final int CURRENT_SCHEMA_VERSION = 1;

}
