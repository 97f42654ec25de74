package vn.investledger.processor.intake;

import java.util.UUID;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

import vn.investledger.events.LicensingEvent;

/**
 * Lets each revision of a project through once. A retry (same revision, same event id)
 * has no effect; a different event for an applied revision throws, so that the processing
 * handler dead-letters it.
 */
class Deduplicator implements FixedKeyProcessor<String, LicensingEvent, LicensingEvent> {

	private FixedKeyProcessorContext<String, LicensingEvent> context;

	private KeyValueStore<String, AppliedRevisions> applied;

	@Override
	public void init(FixedKeyProcessorContext<String, LicensingEvent> context) {
		this.context = context;
		this.applied = context.getStateStore(EventIntake.APPLIED_REVISIONS_STORE);
	}

	@Override
	public void process(FixedKeyRecord<String, LicensingEvent> record) {
		String projectCode = record.key();
		long revision = record.value().envelope().revision();
		UUID eventId = record.value().envelope().eventId();
		AppliedRevisions revisions = this.applied.get(projectCode);
		if (revisions == null) {
			revisions = AppliedRevisions.none();
		}
		UUID existing = revisions.revisions().get(revision);
		if (existing == null) {
			this.applied.put(projectCode, revisions.with(revision, eventId));
			this.context.forward(record);
		}
		else if (!existing.equals(eventId)) {
			throw new ConflictingRevisionException(projectCode, revision, existing, eventId);
		}
	}

}
