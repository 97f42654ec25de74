package vn.investledger.processor.intake;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import tools.jackson.core.JacksonException;

import vn.investledger.events.CapitalAdjusted;
import vn.investledger.events.CheckedEvent;
import vn.investledger.events.EventJson;
import vn.investledger.events.EventValidator;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Licensed;
import vn.investledger.events.Limits;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.ProjectState;
import vn.investledger.events.Rejection;
import vn.investledger.events.RejectionReason;
import vn.investledger.events.Suspended;
import vn.investledger.events.Terminated;
import vn.investledger.events.Violation;
import vn.investledger.events.reference.Provinces;
import vn.investledger.events.reference.VsicEditions;
import vn.investledger.events.rulebook.ProjectLife;
import vn.investledger.events.rulebook.StateTransitions;
import vn.investledger.processor.intake.HeldEvents.Held;
import vn.investledger.processor.intake.ProjectRecord.Fingerprint;

/**
 * The ledger: every record of every unit's topic passes here, and each project revision
 * is applied once, in revision order, or refused with a reason. In order, a record must
 * <ol>
 * <li>come from the topic of a current unit, have a key and a value of at most
 * {@link Limits#MAX_EVENT_BYTES}, and be a valid event, judged at the time the broker
 * appended it (so that a replay decides as the first pass did);</li>
 * <li>be keyed by its project code, in the partition Kafka's Java client gives that key
 * (so that a project's records meet in this task whoever wrote them);</li>
 * <li>name a province its topic's unit governs today;</li>
 * <li>concern a project its unit owns: the unit whose topic wrote the project's first
 * applied event;</li>
 * <li>be the next revision (applied, with any held revisions that follow it), an earlier
 * missing one (applied late), or a later one within {@link Limits#MAX_REVISION_JUMP}
 * (held, at most {@link Limits#MAX_HELD_EVENTS}, until the missing one arrives or the gap
 * timeout passes); a copy of an applied or held event has no effect, while another event
 * claiming its revision, or its id with other content, is a conflict;</li>
 * <li>have effects the figures can hold: its changes of cells computed, its unit's sums
 * within their {@link SumBudget}, the project's record within
 * {@link ProjectRecord#MAX_BYTES}.</li>
 * </ol>
 * The decision is made in memory first; only then are the stores written and the outcomes
 * forwarded, so a refused event changes nothing, and an exception downstream aborts the
 * whole transaction (the processing handler fails the task, and it starts again from its
 * last commit).
 */
class ProjectLedger implements Processor<byte[], byte[], String, Outcome> {

	private final IntakeSettings settings;

	private final UnaryOperator<AppliedEvent> effects;

	private final SumBudget budget;

	private ProcessorContext<String, Outcome> context;

	private KeyValueStore<String, ProjectRecord> projects;

	private KeyValueStore<String, HeldEvents> held;

	private KeyValueStore<String, Long> volumes;

	private KeyValueStore<String, String> heldDue;

	/** The held events' original bytes, by {@link Held#source()} and project. */
	private KeyValueStore<String, byte[]> heldValues;

	/**
	 * For each source (an event topic's partition), when the broker received the oldest
	 * held event it gave the task's projects, or a time before it: no record of that
	 * source received less than the gap timeout after it releases anything.
	 */
	private final Map<String, Long> earliestReceived = new HashMap<>();

	private VsicEditions vsic;

	ProjectLedger(IntakeSettings settings, UnaryOperator<AppliedEvent> effects) {
		this.settings = settings;
		this.effects = effects;
		this.budget = new SumBudget(settings.eventPartitions(), Provinces.standard().currentCodes().size());
	}

	@Override
	public void init(ProcessorContext<String, Outcome> context) {
		// a task that starts after a replay or recount elsewhere recorded other tables or
		// a new generation counts nothing: its instance stops
		Intake.checkBeforeCounting(context.appConfigs());
		this.context = context;
		this.projects = context.getStateStore(Intake.PROJECT_STATE_STORE);
		this.held = context.getStateStore(Intake.HELD_EVENTS_STORE);
		this.volumes = context.getStateStore(Intake.UNIT_VOLUMES_STORE);
		this.heldDue = context.getStateStore(Intake.HELD_DUE_STORE);
		this.heldValues = context.getStateStore(Intake.HELD_VALUES_STORE);
		this.earliestReceived.clear();
		List<String> unreadable = new ArrayList<>();
		try (KeyValueIterator<String, String> entries = this.heldDue.range(RECEIVED, RECEIVED + "~")) {
			while (entries.hasNext()) {
				String key = entries.next().key;
				String[] parts = receivedParts(key);
				if (parts == null) {
					// an entry of another form: its project is released by the wall clock
					unreadable.add(key);
				}
				else {
					this.earliestReceived.merge(parts[0], Long.parseLong(parts[1]), Math::min);
				}
			}
		}
		unreadable.forEach(this.heldDue::delete);
		this.vsic = Intake.vsicEditions(context.appConfigs());
		java.time.Duration timeout = this.settings.gapTimeout();
		java.time.Duration every = (timeout.compareTo(java.time.Duration.ofSeconds(1)) < 0) ? timeout
				: java.time.Duration.ofSeconds(1);
		context.schedule(every, PunctuationType.WALL_CLOCK_TIME, this::releaseTimedOut);
	}

	@Override
	public void process(Record<byte[], byte[]> record) {
		Received received = received(record);
		// what this record's source gave the ledger and waited the gap timeout by the
		// broker's clock is released first, as the wall clock released it when the
		// record was read live
		String source = source(received.topic(), received.partition());
		long cutOff = brokerCutOff(received);
		releaseReceivedBefore(source, cutOff);
		this.settings.metrics().received();
		Admitted admitted;
		try {
			admitted = admit(received);
		}
		catch (RuntimeException ex) {
			// a fault of the ledger's own, before anything was written: refuse the record
			// alone and go on
			emit(List.of(refusal(received, RejectionReason.INTERNAL, "The ledger could not decide: " + ex, null)));
			return;
		}
		Batch batch = null;
		if (admitted.refusal() == null) {
			// (the record's own project, should it still hold events due by its source's
			// clock past the ones released at once)
			releaseOwnIfDue(admitted.event().key(), source, cutOff);
			// the project's record is read outside the try: one this version cannot read
			// (an
			// upgrade that changed its format, not followed by a replay) fails the task
			// and
			// stops the processor, rather than refuse every event of every project
			batch = new Batch(admitted.event().key());
			try {
				arrive(batch, received, admitted.event());
			}
			catch (UnreadableState ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				emit(List.of(refusal(received, RejectionReason.INTERNAL, "The ledger could not decide: " + ex, null)));
				return;
			}
		}
		// written and forwarded only now, outside the try: a failure downstream fails the
		// task (and its transaction), it is not the record's fault
		if (batch != null) {
			batch.commit();
		}
		else {
			emit(List.of(admitted.refusal()));
		}
	}

	/**
	 * The record as received, with its unit: the unit of its topic, or (after the
	 * optional repartition) the unit stamped on it before.
	 */
	private Received received(Record<byte[], byte[]> record) {
		String topic;
		int partition;
		long offset;
		if (this.settings.placement() == IntakeSettings.Placement.REPARTITION) {
			String[] source = SourceStamp.read(record.headers());
			topic = source[0];
			partition = Integer.parseInt(source[1]);
			offset = Long.parseLong(source[2]);
		}
		else {
			RecordMetadata metadata = this.context.recordMetadata().orElseThrow();
			topic = metadata.topic();
			partition = metadata.partition();
			offset = metadata.offset();
		}
		String code = this.settings.topics().codeOfEventTopic(topic);
		String unit = (code != null) ? Provinces.standard().currentUnitOf(code).orElse(null) : null;
		return new Received(record.key(), record.value(), topic, partition, offset,
				Instant.ofEpochMilli(record.timestamp()), unit);
	}

	/**
	 * An event that passed the checks every record must pass, or the refusal of the
	 * record.
	 */
	private record Admitted(LicensingEvent event, Record<String, Outcome> refusal) {

	}

	private Admitted admit(Received r) {
		if (r.unit() == null) {
			return refused(r, RejectionReason.NO_UNIT,
					"Topic " + r.topic() + " belongs to no provincial unit: each unit writes "
							+ this.settings.topics().eventTopicName("NN") + " with its own two-digit code",
					null);
		}
		if (r.value() == null) {
			return refused(r, RejectionReason.MALFORMED,
					"A record without a value (a tombstone): the ledger keeps every event, so there is nothing to delete",
					null);
		}
		if (r.value().length > Limits.MAX_EVENT_BYTES) {
			return refused(r, RejectionReason.TOO_LARGE, "An event is at most " + Limits.MAX_EVENT_BYTES
					+ " bytes of UTF-8 JSON, this record's value is " + r.value().length, null);
		}
		if (r.key() == null) {
			return refused(r, RejectionReason.MALFORMED,
					"A record without a key: the key must be the event's project code", null);
		}
		CheckedEvent checked;
		try {
			// parsed once: the tree is checked against the schemas, then bound
			checked = EventValidator.read(r.value(), r.receivedAt(), this.vsic);
		}
		catch (JacksonException ex) {
			return refused(r, RejectionReason.MALFORMED, "Not a licensing event: " + ex.getOriginalMessage(), null);
		}
		LicensingEvent event = checked.event();
		List<Violation> violations = checked.violations();
		if (!violations.isEmpty()) {
			return refused(r, RejectionReason.INVALID,
					violations.stream().map(Violation::toString).collect(Collectors.joining("; ")), event);
		}
		String projectCode = event.key();
		if (!Arrays.equals(r.key(), projectCode.getBytes(StandardCharsets.UTF_8))) {
			return refused(r, RejectionReason.KEY_MISMATCH, "The record's key must be the event's project code \""
					+ projectCode + "\", was " + describe(r.key()), event);
		}
		if (this.settings.placement() == IntakeSettings.Placement.REFUSE_MISPLACED) {
			int expected = Utils.toPositive(Utils.murmur2(r.key())) % this.settings.eventPartitions();
			if (r.partition() != expected) {
				return refused(r, RejectionReason.MISPLACED, "Written to partition " + r.partition() + ", but key \""
						+ projectCode + "\" belongs in partition " + expected + " of " + this.settings.eventPartitions()
						+ " (murmur2 of the key, as Kafka's Java client chooses), where the project's other events are."
						+ " Let the client choose the partition with murmur2: librdkafka clients (kcat, Python, Go,"
						+ " .NET) need partitioner=murmur2_random, e.g. kcat -X partitioner=murmur2_random", event);
			}
		}
		String province = event.envelope().provinceCode();
		String governing = Provinces.standard().latestUnitOf(province, event.envelope().effectiveDate());
		if (!governing.equals(r.unit())) {
			return refused(r, RejectionReason.FOREIGN_PROVINCE,
					"Unit " + unitName(r.unit()) + " does not govern province " + province + " ("
							+ Provinces.standard().nameOn(province, event.envelope().effectiveDate()) + "), which "
							+ unitName(governing) + " does today: its events go to "
							+ this.settings.topics().eventTopicName(governing),
					event);
		}
		return new Admitted(event, null);
	}

	private Admitted refused(Received r, RejectionReason reason, String message, LicensingEvent event) {
		return new Admitted(null, refusal(r, reason, message, event));
	}

	/**
	 * A new event of a project: applied, held, a copy without effect, or refused; the
	 * events other units hold for the project refused once it has an owner, before the
	 * decision (so that they take no place it needs) and after it (it may have made the
	 * owner).
	 */
	private void arrive(Batch b, Received r, LicensingEvent event) {
		String owner = b.project.state().ownerUnit();
		if (!b.project.isNew() && owner != null && !owner.equals(r.unit())) {
			// refused before the project's held events are read: a unit sending another's
			// project code must not make the task read them (up to half a megabyte) for
			// every record it sends
			b.refuse(r, RejectionReason.FOREIGN_PROJECT, foreignProject(event.key(), owner), event);
			return;
		}
		refuseForeignHeld(b);
		decide(b, r, event);
		refuseForeignHeld(b);
	}

	/**
	 * Refuses the events other units hold for a project that has an owner, rather than
	 * let them take places until their revision is due.
	 */
	private void refuseForeignHeld(Batch b) {
		String owner = b.project.state().ownerUnit();
		if (owner == null) {
			return;
		}
		for (Held waiting : b.held().events()) {
			if (!waiting.unit().equals(owner)) {
				b.hold(b.held().without(waiting));
				Received foreign = b.received(waiting);
				b.refuse(foreign, RejectionReason.FOREIGN_PROJECT, foreignProject(b.projectCode, owner),
						labelOf(foreign));
			}
		}
	}

	/**
	 * A held event read again to label its refusal, or {@code null} if it cannot be (the
	 * refusal then names the record alone): one unreadable held event must not block the
	 * project's other events.
	 */
	private static LicensingEvent labelOf(Received held) {
		try {
			return EventJson.read(held.value());
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private String foreignProject(String projectCode, String owner) {
		return "Project " + projectCode + " belongs to " + unitName(owner) + ", which licensed it: only its topic "
				+ this.settings.topics().eventTopicName(owner) + " may write the project's events";
	}

	private void decide(Batch b, Received r, LicensingEvent event) {
		// the content hash re-serialises the event: computed once per record
		Fingerprint fingerprint = Fingerprint.of(event);
		if (!projectAccepts(b, r, event, fingerprint)) {
			return;
		}
		long revision = event.envelope().revision();
		Held waiting = b.held().find(revision, r.unit());
		if (waiting != null) {
			if (waiting.fingerprint().sameEvent(fingerprint)) {
				this.settings.metrics().duplicate();
			}
			else {
				b.refuse(r, RejectionReason.CONFLICT,
						"Revision " + revision + " of project " + event.key() + " already waits with event "
								+ waiting.eventId()
								+ " for an earlier revision: an event id names one event, and a revision one event",
						event);
			}
			return;
		}
		Held sameId = b.held().withId(fingerprint.eventId(), r.unit());
		if (sameId != null) {
			b.refuse(
					r, RejectionReason.CONFLICT, "Event id " + fingerprint.eventId() + " already waits as revision "
							+ sameId.revision() + " of project " + event.key() + "; give another event another id",
					event);
			return;
		}
		long current = b.project.state().revision();
		if (revision <= current) {
			// a revision the gap timeout gave up on has arrived after all
			List<Long> missing = new ArrayList<>(b.project.state().missingRevisions());
			missing.remove(revision);
			apply(b, r, event, fingerprint, true, missing);
		}
		else if (revision == current + 1) {
			if (apply(b, r, event, fingerprint, false, b.project.state().missingRevisions())) {
				releaseFollowing(b);
			}
		}
		else if (revision > current + Limits.MAX_REVISION_JUMP) {
			b.refuse(r, RejectionReason.REVISION_TOO_FAR,
					"Revision " + revision + " is more than " + Limits.MAX_REVISION_JUMP
							+ " ahead of the highest applied revision of project " + event.key() + " (" + current
							+ "): send the revisions from " + (current + 1) + " first",
					event);
		}
		else if (b.heldOf(r.unit()) >= Limits.MAX_HELD_EVENTS_PER_UNIT) {
			b.refuse(r, RejectionReason.TOO_MANY_HELD, Limits.MAX_HELD_EVENTS_PER_UNIT + " events of "
					+ unitName(r.unit())
					+ " already wait for earlier revisions in this part of the ledger: send the missing revisions first",
					event);
		}
		else if (b.held().isFull() && !makeRoom(b, r.unit(), current)) {
			b.refuse(r, RejectionReason.TOO_MANY_HELD, Limits.MAX_HELD_EVENTS + " events of project " + event.key()
					+ " already wait for an earlier revision (" + (current + 1) + ")"
					+ ((b.project.state().ownerUnit() == null) ? ", shared fairly by the units that sent them" : "")
					+ ": send it first, or wait for the gap timeout and resend this one", event);
		}
		else {
			b.hold(b.held()
				.with(b.held(
						new Held(revision, fingerprint.eventId(), fingerprint.contentHash(), r.unit(), r.topic(),
								r.partition(), r.offset(), r.receivedAt(), this.context.currentSystemTimeMs()),
						r.value())));
		}
	}

	/**
	 * Frees a place among a project's held events for a unit's new one, while no unit
	 * owns the project: the unit holding the most gives up its latest revision
	 * ({@link HeldEvents#yieldingTo}), refused with the reason.
	 * @return whether a place is free
	 */
	private boolean makeRoom(Batch b, String unit, long current) {
		if (b.project.state().ownerUnit() != null) {
			return false;
		}
		Held yielding = b.held().yieldingTo(unit);
		if (yielding == null) {
			return false;
		}
		b.hold(b.held().without(yielding));
		Received yielded = b.received(yielding);
		LicensingEvent event = labelOf(yielded);
		b.refuse(yielded, RejectionReason.TOO_MANY_HELD,
				"Project " + b.projectCode + " has no owner yet, and its " + Limits.MAX_HELD_EVENTS
						+ " places for events waiting for an earlier revision (" + (current + 1)
						+ ") are shared fairly by the units that send them: " + unitName(yielding.unit()) + " held "
						+ (b.held().countOf(yielding.unit()) + 1) + " of them and " + unitName(unit)
						+ " fewer, so its latest revision (" + yielding.revision() + ") gave its place up. Send "
						+ "it again once the revisions before it are applied",
				event);
		return true;
	}

	/**
	 * Whether a project accepts an event from a unit: the owner's, and no conflict with
	 * an applied revision; refuses it, or drops an exact copy, otherwise.
	 */
	private boolean projectAccepts(Batch b, Received r, LicensingEvent event, Fingerprint fingerprint) {
		ProjectRecord project = b.project;
		String owner = project.state().ownerUnit();
		if (!project.isNew() && owner != null && !owner.equals(r.unit())) {
			b.refuse(r, RejectionReason.FOREIGN_PROJECT, foreignProject(event.key(), owner), event);
			return false;
		}
		long revision = event.envelope().revision();
		Fingerprint applied = project.applied().get(revision);
		if (applied != null) {
			if (applied.sameEvent(fingerprint)) {
				this.settings.metrics().duplicate();
			}
			else if (applied.eventId().equals(fingerprint.eventId())) {
				b.refuse(r, RejectionReason.CONFLICT, "Event " + fingerprint.eventId() + " was applied as revision "
						+ revision + " of project " + event.key()
						+ " with other content: an event id names one event; send a change as the next revision ("
						+ (project.state().revision() + 1) + ") with a new id", event);
			}
			else {
				b.refuse(r, RejectionReason.CONFLICT,
						"Revision " + revision + " of project " + event.key() + " was already applied from event "
								+ applied.eventId() + "; send this one as the next revision ("
								+ (project.state().revision() + 1) + ")",
						event);
			}
			return false;
		}
		Long other = project.revisionOf(fingerprint.eventId());
		if (other != null) {
			b.refuse(r, RejectionReason.CONFLICT, "Event id " + fingerprint.eventId() + " already holds revision "
					+ other + " of project " + event.key() + "; give another event another id", event);
			return false;
		}
		return true;
	}

	/**
	 * Applies an event in memory: the project's next state, the event's changes of cells,
	 * its unit's sums and the record's size, all checked before anything is written.
	 * @return whether it was applied (else it was refused)
	 */
	private boolean apply(Batch b, Received r, LicensingEvent event, Fingerprint fingerprint, boolean afterGap,
			List<Long> missing) {
		try {
			ProjectState before = b.project.state();
			InvestmentType type = StateTransitions.typeOf(event);
			if (type != null && before.investmentType() != null && type != before.investmentType()) {
				b.refuse(
						r, RejectionReason.TYPE_MISMATCH, "Project " + event.key() + " is " + before.investmentType()
								+ ", recorded in " + before.investmentType().currency() + "; this event is " + type,
						event);
				return false;
			}
			if (event instanceof Licensed && before.licensedOn() != null) {
				b.refuse(r, RejectionReason.CONFLICT,
						"Project " + event.key() + " was licensed already, on " + before.licensedOn()
								+ ": a project has one licence, counted once as a new project. Send a "
								+ "change of its registered capital as capital-adjusted, its next revision ("
								+ (before.revision() + 1) + ")",
						event);
				return false;
			}
			String misnamed = ProjectLife.misnamedProvince(before, event);
			if (misnamed != null) {
				b.refuse(r, RejectionReason.INVALID, misnamed, event);
				return false;
			}
			long revision = event.envelope().revision();
			long adjustedBelow = b.project.adjustmentBelow(revision);
			if (event instanceof Licensed && adjustedBelow > 0) {
				// an adjustment of a lower revision is applied (a licence would have been
				// refused above): a licence after it would count a new project's capital
				// on top of an adjustment of the same capital, whether it comes after
				// every revision that stated the capital or arrives late, between two
				b.refuse(r, RejectionReason.INVALID,
						"Project " + event.key() + "'s revision " + adjustedBelow
								+ ", an adjustment of its registered capital, is applied already;"
								+ " this licence is revision " + revision
								+ ", after it. A licence comes before the adjustments" + " of its project: "
								+ (b.project.state().missingRevisions().isEmpty()
										? "no revision before it is missing, so the adjustment was sent before any"
												+ " licence. Check envelope.revision of both; operators: see README,"
												+ " Trust model"
										: "send it as the revision it held before them (missing: "
												+ b.project.state().missingRevisions() + ")"),
						event);
				return false;
			}
			long licenceRevision = b.project.licenceRevision();
			if (event instanceof CapitalAdjusted && licenceRevision > revision) {
				// the mirror of the above: an adjustment arriving late, below the
				// revision of a licence applied after a gap timeout. In revision order
				// the
				// licence would have been refused after it; counted both, the
				// adjustment's
				// change would add to the flows while the stock keeps the licence's
				// capital, stated by the higher revision
				b.refuse(r, RejectionReason.INVALID, "Project " + event.key() + "'s licence, revision "
						+ licenceRevision + ", is applied already; this adjustment is revision " + revision
						+ ", before it. A licence comes before the adjustments of its project: an adjustment of "
						+ "a project licensed in this ledger takes a revision after its licence's. Check "
						+ "envelope.revision of both; operators: see README, Trust model", event);
				return false;
			}
			// judged against the status the revisions below it left, as it would have
			// been
			// had it arrived in order (a later resumption applied already does not let a
			// flow dated after the end in)
			ProjectLife.FoldedStatus followed = b.project.statusBefore(revision);
			String afterTermination = ProjectLife.afterTermination(before.toBuilder().status(followed.status()).build(),
					followed.setBy(), event);
			// a suspension or termination is refused only if no revision below it is
			// missing: a missing one may be a resumption that reinstated the project
			// first, or an earlier termination that ends it otherwise. Applied, it
			// changes
			// nothing of an ended project ({@link ProjectLife#foldStatus}) unless such a
			// revision arrives; a flow or a licence is refused all the same, since its
			// flows could not be taken back
			boolean maybeOtherwise = (event instanceof Suspended || event instanceof Terminated)
					&& missing.stream().anyMatch((m) -> m < revision);
			if (afterTermination != null && !maybeOtherwise) {
				b.refuse(r, RejectionReason.INVALID, afterTermination, event);
				return false;
			}
			String beforeLicence = ProjectLife.adjustedBeforeLicence(before, event);
			if (beforeLicence != null) {
				b.refuse(r, RejectionReason.INVALID, beforeLicence, event);
				return false;
			}
			// the capital before an adjustment is known when no revision before it is
			// missing, whether it arrives in order or late, after a later one
			if (event instanceof CapitalAdjusted adjustment && missing.stream().allMatch((m) -> m > revision)
					&& b.project.registeredRevision() > 0 && revision > b.project.registeredRevision()) {
				String inconsistent = ProjectLife.inconsistentStep(adjustment, before.registeredCapital(),
						b.project.registeredRevision());
				if (inconsistent != null) {
					b.refuse(r, RejectionReason.INVALID, inconsistent, event);
					return false;
				}
			}
			// one that arrives after a later revision stated the capital is checked
			// against
			// the revisions on either side of it that did, where none between is missing
			if (StateTransitions.statesRegistered(event) && revision < b.project.registeredRevision()) {
				String inconsistent = lateStep(b.project, event, missing);
				if (inconsistent != null) {
					b.refuse(r, RejectionReason.INVALID, inconsistent, event);
					return false;
				}
			}
			ProjectState after = b.project.stateAfter(event, r.unit(), missing);
			AppliedEvent applied = this.effects.apply(new AppliedEvent(event, before, after, afterGap));
			long volume = SumBudget.volumeOf(event);
			long used = b.volume(r.unit());
			if (used > this.budget.perUnitAndTask() - volume) {
				b.refuse(r, RejectionReason.SUM_BOUND,
						"The events of " + unitName(r.unit()) + " in this part of the ledger already sum to " + used
								+ " minor units of capital (of at most " + this.budget.perUnitAndTask()
								+ ", so that every figure stays exact); this event adds " + volume
								+ ". Check its amounts; operators: see README, Trust model",
						event);
				return false;
			}
			ProjectRecord next = b.project.with(after, revision, fingerprint, ProjectRecord.Stated.of(event),
					ProjectLife.StatusChange.of(event));
			if (next.sizeBound() > ProjectRecord.MAX_BYTES) {
				b.refuse(r, RejectionReason.STATE_TOO_LARGE, "Project " + event.key() + "'s record would take up to "
						+ next.sizeBound() + " bytes, more than " + ProjectRecord.MAX_BYTES, event);
				return false;
			}
			b.project = next;
			b.projectChanged = true;
			b.volumes.put(r.unit(), used + volume);
			b.outputs.add(new Record<>(event.key(), new Outcome.Applied(applied, r), r.receivedAt().toEpochMilli()));
			return true;
		}
		catch (RuntimeException ex) {
			b.refuse(r, RejectionReason.INTERNAL, "The event's effects could not be computed: " + ex, event);
			return false;
		}
	}

	/**
	 * Why a revision that states the registered capital, arriving after a later one that
	 * stated it, disagrees with the capital stated before it or with the step of the next
	 * one, or {@code null}: a step is judged only where no revision between the two is
	 * missing.
	 */
	private static String lateStep(ProjectRecord project, LicensingEvent event, List<Long> missing) {
		long revision = event.envelope().revision();
		ProjectRecord.Stated stated = ProjectRecord.Stated.of(event);
		Map.Entry<Long, ProjectRecord.Stated> previous = project.stated().lowerEntry(revision);
		if (event instanceof CapitalAdjusted adjustment && previous != null
				&& noneMissingBetween(missing, previous.getKey(), revision)) {
			String inconsistent = ProjectLife.inconsistentStep(adjustment, previous.getValue().registered(),
					previous.getKey());
			if (inconsistent != null) {
				return inconsistent;
			}
		}
		Map.Entry<Long, ProjectRecord.Stated> following = project.stated().higherEntry(revision);
		if (following != null && following.getValue().change() != null
				&& noneMissingBetween(missing, revision, following.getKey())) {
			return ProjectLife.inconsistentWithNext(event, stated.registered(), following.getKey(),
					following.getValue().change(), following.getValue().registered());
		}
		return null;
	}

	private static boolean noneMissingBetween(List<Long> missing, long from, long to) {
		return missing.stream().noneMatch((m) -> m > from && m < to);
	}

	/**
	 * Applies the held revisions that now follow the project's highest one, the owner's
	 * candidate of each; the other units' candidates are refused.
	 */
	private void releaseFollowing(Batch b) {
		while (!b.held().isEmpty()) {
			long next = b.project.state().revision() + 1;
			List<Held> candidates = b.held().candidates(next);
			if (candidates.isEmpty()) {
				return;
			}
			b.hold(b.held().without(next));
			if (!release(b, candidates, b.project.state().missingRevisions(), false)) {
				return;
			}
		}
	}

	/**
	 * Applies the owner's candidate of a revision and refuses the others; with no owner
	 * yet, the first candidate to have arrived makes its unit the owner.
	 * @return whether a candidate was applied
	 */
	private boolean release(Batch b, List<Held> candidates, List<Long> missing, boolean afterGap) {
		boolean applied = false;
		for (Held candidate : candidates) {
			Received r = b.received(candidate);
			LicensingEvent event = EventJson.read(r.value());
			String owner = b.project.state().ownerUnit();
			boolean foreign = owner != null && !owner.equals(candidate.unit());
			if (applied || foreign) {
				// the revision is taken, or the candidate's unit does not own the project
				if (projectAccepts(b, r, event, candidate.fingerprint())) {
					b.refuse(r, RejectionReason.CONFLICT, "Revision " + candidate.revision() + " of project "
							+ event.key() + " was applied from another event", event);
				}
				continue;
			}
			if (projectAccepts(b, r, event, candidate.fingerprint())) {
				applied = apply(b, r, event, candidate.fingerprint(), afterGap, missing);
			}
		}
		return applied;
	}

	/**
	 * The projects whose held events one tick of the wall clock releases at most; the
	 * rest wait for the next ticks, a second apart.
	 */
	static final int MAX_RELEASED_AT_ONCE = 64;

	/**
	 * Applies the held events that waited the gap timeout, each with the missing
	 * revisions before it recorded and the event flagged.
	 */
	private void releaseTimedOut(long now) {
		List<String> due = new ArrayList<>();
		long cutOff = now - this.settings.gapTimeout().toMillis();
		// only the projects whose oldest held event is due, by the index of when each was
		// held: the held events themselves are read for those alone
		// (at most MAX_RELEASED_AT_ONCE projects a tick: all of a task's held events due
		// at
		// once, after the processor was down longer than the gap timeout, in one
		// transaction could outlast its timeout, be aborted and fall due again, for ever)
		try (KeyValueIterator<String, String> entries = this.heldDue.range(dueKey(0, ""), upTo(cutOff))) {
			while (entries.hasNext() && due.size() < MAX_RELEASED_AT_ONCE) {
				due.add(entries.next().key);
			}
		}
		releaseDue(due);
	}

	/**
	 * Applies the held events of the projects whose oldest was received by the broker at
	 * or before a time: those that waited the gap timeout by the broker's clock when a
	 * record received after them is read. The wall clock releases them in a live run
	 * (when the record is read, they have waited the timeout there too, to the processing
	 * lag); in a replay, which reads in seconds what the broker received over months, the
	 * log's own times decide, and a gap that timed out live times out at the same place
	 * in the log.
	 */
	private void releaseReceivedBefore(String source, long cutOff) {
		if (cutOff < this.earliestReceived.getOrDefault(source, Long.MAX_VALUE)) {
			return;
		}
		List<String> due = new ArrayList<>();
		try (KeyValueIterator<String, String> entries = this.heldDue.range(receivedKey(source, 0, ""),
				RECEIVED + source + "|" + upTo(cutOff))) {
			while (entries.hasNext() && due.size() < MAX_RELEASED_AT_ONCE) {
				due.add(entries.next().key);
			}
		}
		releaseDue(due);
		try (KeyValueIterator<String, String> entries = this.heldDue.range(receivedKey(source, 0, ""),
				RECEIVED + source + "|" + upTo(MAX_KEY_TIME))) {
			if (entries.hasNext()) {
				this.earliestReceived.put(source, Long.parseLong(receivedParts(entries.next().key)[1]));
			}
			else {
				this.earliestReceived.remove(source);
			}
		}
	}

	/**
	 * Releases the held events of a record's own project if they are due by its source's
	 * clock: more projects than are released at once may have been due.
	 */
	private void releaseOwnIfDue(String projectCode, String source, long cutOff) {
		if (cutOff < this.earliestReceived.getOrDefault(source, Long.MAX_VALUE)) {
			return;
		}
		HeldEvents waiting = this.held.get(projectCode);
		Held oldest = (waiting != null) ? waiting.oneSourcesOldest() : null;
		if (oldest != null && source(oldest.topic(), oldest.partition()).equals(source)
				&& oldest.receivedAt().toEpochMilli() <= cutOff) {
			releaseProject(projectCode);
		}
	}

	/**
	 * The time by the broker's clock before which what a record's source gave the ledger
	 * has waited the gap timeout: the record's time of receipt, but never past the wall
	 * clock (a topic still on its producers' timestamps could otherwise say any time; a
	 * replay reads the log after it was written, so the cap never moves its decisions).
	 */
	private long brokerCutOff(Received received) {
		long receivedAt = Math.min(received.receivedAt().toEpochMilli(), this.context.currentSystemTimeMs());
		return receivedAt - this.settings.gapTimeout().toMillis();
	}

	/**
	 * The source of a record in the index of held projects by time of receipt: its topic
	 * and partition, whose records the broker appended in order (a project's records from
	 * one unit come from one).
	 */
	static String source(String topic, int partition) {
		return topic + "|" + partition;
	}

	private static String receivedKey(Held oldest, String projectCode) {
		return receivedKey(source(oldest.topic(), oldest.partition()), oldest.receivedAt().toEpochMilli(), projectCode);
	}

	/**
	 * The source and the time of receipt of a key of the index by time of receipt, or
	 * {@code null} if it is not of the form {@link #receivedKey} writes.
	 */
	private static String[] receivedParts(String receivedKey) {
		String rest = receivedKey.substring(RECEIVED.length());
		int partition = rest.indexOf('|');
		int time = (partition > 0) ? rest.indexOf('|', partition + 1) : -1;
		if (time < 0 || rest.length() < time + 15 || rest.charAt(time + 14) != '|') {
			return null;
		}
		String digits = rest.substring(time + 1, time + 14);
		if (!digits.chars().allMatch(Character::isDigit)
				|| !rest.substring(partition + 1, time).chars().allMatch(Character::isDigit)) {
			return null;
		}
		return new String[] { rest.substring(0, time), digits };
	}

	/**
	 * The end of a range of index keys up to a time, every project code included: a key
	 * goes on with {@code |} after its time, which sorts before {@code }}.
	 */
	private static String upTo(long time) {
		return String.format("%013d}", Math.clamp(time, 0, MAX_KEY_TIME));
	}

	/**
	 * Releases the projects of some keys of the held-due index, and removes the keys
	 * (each project then holds nothing, so no key of it is still true: one left by an
	 * earlier version, or an index out of step with the held events, would otherwise take
	 * a place among those released at once for ever).
	 */
	private void releaseDue(List<String> dueKeys) {
		for (String key : dueKeys) {
			String projectCode = this.heldDue.get(key);
			this.heldDue.delete(key);
			if (projectCode == null) {
				continue;
			}
			releaseProject(projectCode);
		}
	}

	private void releaseProject(String projectCode) {
		Batch batch;
		try {
			batch = releaseTimedOut(projectCode);
		}
		catch (UnreadableState ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			// a fault of the ledger's own: refuse what waited rather than retry it
			// forever
			batch = new Batch(projectCode);
			for (Held held : batch.held().events()) {
				batch.refuse(batch.received(held), RejectionReason.INTERNAL,
						"The ledger could not release this event after the gap timeout: " + ex, null);
			}
			batch.hold(HeldEvents.none());
		}
		batch.commit();
	}

	private Batch releaseTimedOut(String projectCode) {
		Batch b = new Batch(projectCode);
		for (long revision : new LinkedHashSet<>(b.held().events().stream().map(Held::revision).toList())) {
			List<Held> candidates = b.held().candidates(revision);
			b.hold(b.held().without(revision));
			List<Long> missing = new ArrayList<>(b.project.state().missingRevisions());
			for (long gap = b.project.state().revision() + 1; gap < revision; gap++) {
				missing.add(gap);
			}
			release(b, candidates, missing, true);
		}
		return b;
	}

	/**
	 * The key of a project in the index of held events: when its oldest was held, then
	 * its code (zero-padded, so that keys sort by time).
	 */
	static String dueKey(long heldSince, String projectCode) {
		return String.format("%013d|%s", Math.clamp(heldSince, 0, MAX_KEY_TIME), projectCode);
	}

	/** The latest time a key of the held-events index can say (in the year 2286). */
	private static final long MAX_KEY_TIME = 9_999_999_999_999L;

	/**
	 * The prefix of the held-events index by source and when the broker received a
	 * project's oldest held event, beside the index by when it was held (whose keys begin
	 * with a digit).
	 */
	static final String RECEIVED = "r";

	/**
	 * The key of a project in the index of held events by the source and time of receipt
	 * of its oldest: {@code r<topic>|<partition>|<13-digit milliseconds>|<project code>}.
	 */
	static String receivedKey(String source, long receivedAt, String projectCode) {
		return RECEIVED + source + "|" + dueKey(receivedAt, projectCode);
	}

	private Record<String, Outcome> refusal(Received r, RejectionReason reason, String message, LicensingEvent event) {
		String eventId = (event != null && event.envelope() != null && event.envelope().eventId() != null)
				? event.envelope().eventId().toString() : null;
		String projectCode = (event != null) ? event.key() : null;
		boolean truncated = (r.key() != null && r.key().length > Rejection.MAX_KEY_BYTES)
				|| (r.value() != null && r.value().length > Rejection.MAX_VALUE_BYTES);
		Rejection rejection = new Rejection(reason, message, eventId, projectCode, r.unit(), r.topic(), r.partition(),
				r.offset(), r.receivedAt(), truncated);
		String topic = (r.unit() != null) ? this.settings.topics().rejectionTopicName(r.unit())
				: this.settings.topics().deadLetterTopicName();
		Outcome.Refused refused = new Outcome.Refused(rejection, cut(r.key(), Rejection.MAX_KEY_BYTES),
				cut(r.value(), Rejection.MAX_VALUE_BYTES), topic);
		this.settings.metrics().refused(r.unit(), reason);
		return new Record<>(null, refused, r.receivedAt().toEpochMilli(), rejection.toHeaders());
	}

	private void emit(List<Record<String, Outcome>> outputs) {
		outputs.forEach(this.context::forward);
	}

	private static byte[] cut(byte[] bytes, int max) {
		return (bytes == null || bytes.length <= max) ? bytes : Arrays.copyOf(bytes, max);
	}

	private static String describe(byte[] key) {
		if (key.length > 80) {
			return "a key of " + key.length + " bytes";
		}
		return "\"" + new String(key, StandardCharsets.UTF_8) + "\"";
	}

	private static String unitName(String code) {
		return "unit " + code
				+ Provinces.standard()
					.find(code, Provinces.REORGANISATION)
					.map((unit) -> " (" + unit.name() + ")")
					.orElse("");
	}

	/** The prefix of a unit's count of held events in the volumes store. */
	private static final String HELD = "held:";

	/**
	 * What one record (or one project's timed-out events) changes, decided in memory and
	 * written at once by {@link #commit()}.
	 */
	private final class Batch {

		private final String projectCode;

		private ProjectRecord project;

		/** The held events with this batch's changes, once read. */
		private HeldEvents held;

		/**
		 * The held events as stored, before this batch: {@code null} until first needed
		 * (a record refused before, e.g. another unit's for an owned project, never reads
		 * them: up to {@link Limits#MAX_HELD_EVENTS} events of
		 * {@link Limits#MAX_EVENT_BYTES} each).
		 */
		private HeldEvents heldBefore;

		private boolean projectChanged;

		private boolean heldChanged;

		private final Map<String, Long> volumes = new HashMap<>();

		/**
		 * The original bytes of the events this batch holds, by {@link Held#source()} and
		 * project.
		 */
		private final Map<String, byte[]> newValues = new HashMap<>();

		private final List<Record<String, Outcome>> outputs = new ArrayList<>();

		Batch(String projectCode) {
			this.projectCode = projectCode;
			ProjectRecord stored = ProjectLedger.this.projects.get(projectCode);
			this.project = (stored != null) ? stored : ProjectRecord.none(projectCode);
		}

		/** The project's held events, this batch's changes included. */
		HeldEvents held() {
			if (this.heldBefore == null) {
				HeldEvents waiting;
				try {
					waiting = ProjectLedger.this.held.get(this.projectCode);
				}
				catch (RuntimeException ex) {
					throw new UnreadableState(ex);
				}
				this.heldBefore = (waiting != null) ? waiting : HeldEvents.none();
				this.held = this.heldBefore;
			}
			return this.held;
		}

		/**
		 * A new held event, whose original bytes are written with the held events.
		 * @param held the event
		 * @param value its original bytes
		 * @return the event
		 */
		Held held(Held held, byte[] value) {
			this.newValues.put(valueKey(held), value);
			return held;
		}

		/**
		 * A held event as its record was received, its original bytes read from the store
		 * of held values. Bytes that store does not hold, or cannot give, mean state out
		 * of step: the task fails (a replay rebuilds it) rather than decide without them.
		 */
		Received received(Held held) {
			String key = valueKey(held);
			byte[] value = this.newValues.get(key);
			if (value == null) {
				try {
					value = ProjectLedger.this.heldValues.get(key);
				}
				catch (RuntimeException ex) {
					throw new UnreadableState(ex);
				}
			}
			if (value == null) {
				throw new UnreadableState(new IllegalStateException("The bytes of held revision " + held.revision()
						+ " of project " + this.projectCode + " (" + held.source()
						+ ") are not in the store of held values: replay the processor (README \"Replay\")"));
			}
			return held.received(this.projectCode, value);
		}

		/**
		 * The key of a held event's bytes: its source (whose topic holds no {@code |}),
		 * then the project, so that a topic made anew, its offsets counting again, cannot
		 * give one project's bytes to another.
		 */
		private String valueKey(Held held) {
			return held.source() + "|" + this.projectCode;
		}

		/** Changes the project's held events, written by {@link #commit()}. */
		void hold(HeldEvents changed) {
			held();
			this.held = changed;
			this.heldChanged = true;
		}

		/**
		 * How many of a unit's events wait in this task, this batch's changes included.
		 */
		long heldOf(String unit) {
			held();
			return stored(HELD + unit) + this.held.countOf(unit) - this.heldBefore.countOf(unit);
		}

		private long stored(String key) {
			Long stored = ProjectLedger.this.volumes.get(key);
			return (stored != null) ? stored : 0L;
		}

		long volume(String unit) {
			return this.volumes.computeIfAbsent(unit, (code) -> {
				Long stored = ProjectLedger.this.volumes.get(code);
				return (stored != null) ? stored : 0L;
			});
		}

		void refuse(Received r, RejectionReason reason, String message, LicensingEvent event) {
			this.outputs.add(refusal(r, reason, message, event));
		}

		void commit() {
			if (this.projectChanged) {
				ProjectLedger.this.projects.put(this.projectCode, this.project);
			}
			if (this.heldChanged) {
				Set<String> kept = new HashSet<>();
				this.held.events().forEach((waiting) -> kept.add(valueKey(waiting)));
				for (Held gone : this.heldBefore.events()) {
					if (!kept.contains(valueKey(gone))) {
						ProjectLedger.this.heldValues.delete(valueKey(gone));
					}
				}
				this.newValues.forEach((source, value) -> {
					if (kept.contains(source)) {
						ProjectLedger.this.heldValues.put(source, value);
					}
				});
				if (this.held.isEmpty()) {
					ProjectLedger.this.held.delete(this.projectCode);
				}
				else {
					ProjectLedger.this.held.put(this.projectCode, this.held);
				}
				if (!this.heldBefore.isEmpty()) {
					ProjectLedger.this.heldDue.delete(dueKey(this.heldBefore.oldest(), this.projectCode));
					Held oldestBefore = this.heldBefore.oneSourcesOldest();
					if (oldestBefore != null) {
						ProjectLedger.this.heldDue.delete(receivedKey(oldestBefore, this.projectCode));
					}
				}
				if (!this.held.isEmpty()) {
					ProjectLedger.this.heldDue.put(dueKey(this.held.oldest(), this.projectCode), this.projectCode);
					// (a project held from several sources, units contesting a code it
					// has
					// no owner of yet, is released by the wall clock alone: no one unit's
					// clock decides for the others)
					Held oldest = this.held.oneSourcesOldest();
					if (oldest != null) {
						ProjectLedger.this.heldDue.put(receivedKey(oldest, this.projectCode), this.projectCode);
						ProjectLedger.this.earliestReceived.merge(source(oldest.topic(), oldest.partition()),
								Math.clamp(oldest.receivedAt().toEpochMilli(), 0, MAX_KEY_TIME), Math::min);
					}
				}
				Set<String> units = new HashSet<>();
				this.held.events().forEach((waiting) -> units.add(waiting.unit()));
				this.heldBefore.events().forEach((waiting) -> units.add(waiting.unit()));
				for (String unit : units) {
					long count = heldOf(unit);
					if (count == 0) {
						ProjectLedger.this.volumes.delete(HELD + unit);
					}
					else {
						ProjectLedger.this.volumes.put(HELD + unit, count);
					}
				}
			}
			this.volumes.forEach((unit, volume) -> {
				ProjectLedger.this.volumes.put(unit, volume);
				ProjectLedger.this.settings.metrics()
					.volume(ProjectLedger.this.context.taskId().toString(), unit,
							(double) volume / ProjectLedger.this.budget.perUnitAndTask());
			});
			emit(this.outputs);
		}

	}

	/**
	 * State this version cannot read (an upgrade that changed its format, not followed by
	 * a replay): it fails the task and stops the processor, as the project's own record
	 * does, rather than refuse every event of the project as the ledger's fault.
	 */
	static final class UnreadableState extends RuntimeException {

		UnreadableState(RuntimeException cause) {
			super(cause.getMessage(), cause);
		}

	}

	/**
	 * Where a record came from, stamped on it before the optional repartition (any such
	 * header a client set is replaced).
	 */
	static final class SourceStamp {

		static final String HEADER = "investledger.source";

		private SourceStamp() {
		}

		static void write(Headers headers, String topic, int partition, long offset) {
			headers.remove(HEADER);
			headers.add(HEADER, (topic + "|" + partition + "|" + offset).getBytes(StandardCharsets.UTF_8));
		}

		static String[] read(Headers headers) {
			Header header = headers.lastHeader(HEADER);
			return new String(header.value(), StandardCharsets.UTF_8).split("\\|");
		}

	}

}
