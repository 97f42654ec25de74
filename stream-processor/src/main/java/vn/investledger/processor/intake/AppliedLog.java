package vn.investledger.processor.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.DslKeyValueParams;
import org.apache.kafka.streams.state.DslStoreSuppliers;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;

import vn.investledger.events.AppliedEntry;
import vn.investledger.events.EventJson;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.ProjectState;
import vn.investledger.events.Topics;
import vn.investledger.events.rulebook.ProjectLife;

/**
 * The applied-events topic read back as the ledger's decisions, for a recount
 * ({@code --investledger.replay-from=applied-events}): each entry's event is applied
 * again to its project's state, in the order the ledger applied it, and its changes of
 * the figures' cells are computed by the rules of this instance. The ledger's checks are
 * not made again: the ledger made them when it wrote the entry. Its state, its topics and
 * the units' rejection topics are left as they are; only the figures are counted again.
 * <p>
 * An entry whose changes of cells cannot be computed under this instance's rules (a
 * sector that its VSIC tables no longer know) stops the recount, naming the entry: the
 * ledger would judge that event otherwise now, which only a replay from the event topics
 * can do.
 */
public final class AppliedLog {

	/** Per project: its state as the recount has applied it so far. */
	public static final String RECOUNT_PROJECTS_STORE = "recount-projects";

	private AppliedLog() {
	}

	/**
	 * Adds the recount's source to a builder. The applied-events topic has the ledger's
	 * partitions (the recount refuses to start otherwise), so each of its tasks reads the
	 * decisions of the projects of one of the ledger's tasks, in the order they were
	 * made.
	 * @param builder the builder
	 * @param topics the topics
	 * @param effects computes the changes an applied event makes to the figures' cells
	 * @param stores the kind of state stores
	 * @return each applied event again, keyed by project code
	 */
	public static KStream<String, AppliedEvent> recounted(StreamsBuilder builder, Topics topics,
			UnaryOperator<AppliedEvent> effects, DslStoreSuppliers stores) {
		builder.addStateStore(Stores
			.keyValueStoreBuilder(stores.keyValueStore(new DslKeyValueParams(RECOUNT_PROJECTS_STORE, false)),
					Serdes.String(), ProjectRecordSerde.serde())
			.withCachingEnabled());
		// bytes, read as a decision: only what re-applies the event, not the flow the
		// ledger counted
		return builder
			.stream(topics.appliedEvents().name(),
					Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("applied-entries-read"))
			.process(() -> new Recount(effects), Named.as("apply-again"), RECOUNT_PROJECTS_STORE);
	}

	/**
	 * What a recount reads of an {@link AppliedEntry}: the rest (its flow, where it came
	 * from) is skipped.
	 *
	 * @param projectCode the project code
	 * @param revision the revision it holds
	 * @param eventId the event id
	 * @param unit the unit whose topic published it
	 * @param afterGap whether a gap preceded it
	 * @param event the event's JSON
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Decision(String projectCode, long revision, String eventId, String unit, boolean afterGap, String event) {

		private static final ObjectReader READER = EventJson.mapper().readerFor(Decision.class);

		static Decision read(byte[] json) {
			return READER.readValue(json);
		}

		String id() {
			return this.projectCode + "#" + this.revision;
		}

	}

	/**
	 * Whether the ledger could have applied a revision next: the one after the highest,
	 * one further on after a gap timed out, or one such a gap skipped.
	 * @param before the project before
	 * @param entry the entry
	 * @return whether it is in the ledger's order
	 */
	static boolean inLedgerOrder(ProjectState before, Decision entry) {
		long revision = entry.revision();
		long current = before.revision();
		if (revision == current + 1) {
			return true;
		}
		if (revision > current + 1) {
			return entry.afterGap();
		}
		return revision >= 1 && entry.afterGap() && before.missingRevisions().contains(revision);
	}

	/**
	 * The state after an entry's event, without the ledger's checks.
	 * @param project the project's record before
	 * @param entry the entry
	 * @param event its event
	 * @return the state after
	 */
	static ProjectState stateAfter(ProjectRecord project, Decision entry, LicensingEvent event) {
		ProjectState before = project.state();
		long revision = entry.revision();
		List<Long> missing = new ArrayList<>(before.missingRevisions());
		if (revision <= before.revision()) {
			// a revision the gap timeout gave up on, applied after all
			missing.remove(revision);
		}
		else {
			// after a gap that timed out, the revisions skipped are missing
			for (long gap = before.revision() + 1; gap < revision; gap++) {
				missing.add(gap);
			}
		}
		return project.stateAfter(event, entry.unit(), missing);
	}

	private static final class Recount implements Processor<String, byte[], String, AppliedEvent> {

		private final UnaryOperator<AppliedEvent> effects;

		private ProcessorContext<String, AppliedEvent> context;

		private KeyValueStore<String, ProjectRecord> projects;

		Recount(UnaryOperator<AppliedEvent> effects) {
			this.effects = effects;
		}

		@Override
		public void init(ProcessorContext<String, AppliedEvent> context) {
			this.context = context;
			this.projects = context.getStateStore(RECOUNT_PROJECTS_STORE);
		}

		@Override
		public void process(Record<String, byte[]> record) {
			if (record.value() == null) {
				return;
			}
			Decision entry;
			try {
				entry = Decision.read(record.value());
			}
			catch (JacksonException ex) {
				throw new IllegalStateException("The applied event at "
						+ this.context.recordMetadata()
							.map((m) -> m.topic() + "-" + m.partition() + "@" + m.offset())
							.orElse("?")
						+ " cannot be read (" + ex.getOriginalMessage()
						+ "): replay from the event topics (--investledger.replay=true)", ex);
			}
			String code = entry.projectCode();
			ProjectRecord project = this.projects.get(code);
			if (project == null) {
				project = ProjectRecord.none(code);
			}
			UUID eventId = UUID.fromString(entry.eventId());
			ProjectRecord.Fingerprint held = project.applied().get(entry.revision());
			if (held != null) {
				// from one mark on, the ledger decides each revision once
				throw new IllegalStateException("The applied events hold revision " + entry.revision() + " of project "
						+ code + " twice, from events " + held.eventId() + " and " + eventId
						+ ": replay from the event topics (--investledger.replay=true)");
			}
			if (!inLedgerOrder(project.state(), entry)) {
				throw new IllegalStateException("Applied event " + entry.id() + " follows revision "
						+ project.state().revision() + " (missing " + project.state().missingRevisions()
						+ ") in an order the ledger does not apply revisions in: replay from the event topics"
						+ " (--investledger.replay=true)");
			}
			LicensingEvent event = EventJson.read(entry.event());
			ProjectState after = stateAfter(project, entry, event);
			AppliedEvent applied;
			try {
				applied = this.effects.apply(new AppliedEvent(event, project.state(), after, entry.afterGap()));
			}
			catch (RuntimeException ex) {
				throw new IllegalStateException("Applied event " + entry.id() + " (" + entry.eventId()
						+ ") cannot be counted under this instance's rules (" + ex.getMessage()
						+ "): they judge it otherwise than the ledger did. Replay from the event topics"
						+ " (--investledger.replay=true without --investledger.replay-from)", ex);
			}
			this.projects.put(code, project.with(after, entry.revision(), new ProjectRecord.Fingerprint(eventId, 0),
					ProjectRecord.Stated.of(event), ProjectLife.StatusChange.of(event)));
			this.context.forward(record.withKey(code).withValue(applied));
		}

	}

}
