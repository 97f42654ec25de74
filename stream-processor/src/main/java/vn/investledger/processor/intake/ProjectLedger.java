package vn.investledger.processor.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import vn.investledger.events.CapitalAdjusted;
import vn.investledger.events.CapitalContributed;
import vn.investledger.events.Disbursed;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Investor;
import vn.investledger.events.Licensed;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Money;
import vn.investledger.events.ProjectState;
import vn.investledger.events.ProjectStatus;
import vn.investledger.events.Resumed;
import vn.investledger.events.Suspended;
import vn.investledger.events.Terminated;

/**
 * Applies each project's events once and in revision order. The next revision is applied
 * at once, with any held revisions that follow it. A later revision is held until the
 * missing one arrives, or until it has waited the gap timeout, when the held revisions
 * are applied with the gap recorded in the state and the events flagged. A missing
 * revision that arrives after all is applied then, flagged, without rolling the state
 * back. A retry (an applied or held revision with the same event id) has no effect; a
 * different event claiming it throws, so that the processing handler dead-letters it.
 */
class ProjectLedger implements Processor<String, LicensingEvent, String, AppliedEvent> {

	private final Duration gapTimeout;

	private ProcessorContext<String, AppliedEvent> context;

	private KeyValueStore<String, ProjectState> states;

	private KeyValueStore<String, HeldEvents> held;

	ProjectLedger(Duration gapTimeout) {
		this.gapTimeout = gapTimeout;
	}

	@Override
	public void init(ProcessorContext<String, AppliedEvent> context) {
		this.context = context;
		this.states = context.getStateStore(EventIntake.PROJECT_STATE_STORE);
		this.held = context.getStateStore(EventIntake.HELD_EVENTS_STORE);
		Duration every = this.gapTimeout.compareTo(Duration.ofSeconds(1)) < 0 ? this.gapTimeout : Duration.ofSeconds(1);
		context.schedule(every, PunctuationType.WALL_CLOCK_TIME, this::releaseTimedOut);
	}

	@Override
	public void process(Record<String, LicensingEvent> record) {
		String projectCode = record.key();
		LicensingEvent event = record.value();
		long revision = event.envelope().revision();
		UUID eventId = event.envelope().eventId();
		ProjectState state = stateOf(projectCode);
		UUID applied = state.applied().get(revision);
		if (applied != null) {
			requireSame(projectCode, revision, applied, eventId);
			return;
		}
		HeldEvents waiting = heldOf(projectCode);
		HeldEvents.Held alreadyHeld = waiting.find(revision);
		if (alreadyHeld != null) {
			requireSame(projectCode, revision, alreadyHeld.event().envelope().eventId(), eventId);
			return;
		}
		if (revision <= state.revision()) {
			// a revision the gap timeout gave up on has arrived after all
			List<Long> missing = new ArrayList<>(state.missingRevisions());
			missing.remove(revision);
			// apply() leaves the revision, status and registered capital that later
			// events set
			ProjectState after = apply(state, event, true).withMissingRevisions(missing);
			save(record, state, after, event, true);
			return;
		}
		if (revision == state.revision() + 1) {
			state = save(record, state, apply(state, event, false), event, false);
			releaseFollowing(record, state, waiting);
			return;
		}
		this.held.put(projectCode, waiting.with(event, this.context.currentSystemTimeMs()));
	}

	private void releaseFollowing(Record<String, ?> record, ProjectState state, HeldEvents waiting) {
		if (waiting.events().isEmpty()) {
			// nothing held: no write, so no changelog record
			return;
		}
		HeldEvents.Held next;
		while ((next = waiting.find(state.revision() + 1)) != null) {
			waiting = waiting.without(next.event().envelope().revision());
			state = save(record, state, apply(state, next.event(), false), next.event(), false);
		}
		putHeld(record.key(), waiting);
	}

	private void releaseTimedOut(long now) {
		List<KeyValue<String, HeldEvents>> due = new ArrayList<>();
		try (KeyValueIterator<String, HeldEvents> all = this.held.all()) {
			all.forEachRemaining((entry) -> {
				if (now - entry.value.oldest() >= this.gapTimeout.toMillis()) {
					due.add(entry);
				}
			});
		}
		for (KeyValue<String, HeldEvents> entry : due) {
			ProjectState state = stateOf(entry.key);
			Record<String, LicensingEvent> record = new Record<>(entry.key, null, now);
			for (HeldEvents.Held waiting : entry.value.events()) {
				LicensingEvent event = waiting.event();
				long revision = event.envelope().revision();
				List<Long> missing = new ArrayList<>(state.missingRevisions());
				for (long gap = state.revision() + 1; gap < revision; gap++) {
					missing.add(gap);
				}
				state = save(record, state, apply(state, event, false).withMissingRevisions(missing), event, true);
			}
			this.held.delete(entry.key);
		}
	}

	private ProjectState save(Record<String, ?> record, ProjectState before, ProjectState state, LicensingEvent event,
			boolean afterGap) {
		this.states.put(record.key(), state);
		this.context
			.forward(new Record<>(record.key(), new AppliedEvent(event, before, state, afterGap), record.timestamp()));
		return state;
	}

	/**
	 * The state after an event. A late event adds its flows and fills attributes still
	 * unknown, but leaves the revision, status and registered capital that later events
	 * set.
	 */
	static ProjectState apply(ProjectState state, LicensingEvent event, boolean late) {
		var applied = new java.util.TreeMap<>(state.applied());
		applied.put(event.envelope().revision(), event.envelope().eventId());
		long revision = Math.max(state.revision(), event.envelope().revision());
		Instant newest = (state.newestEventAt() == null || event.envelope().emittedAt().isAfter(state.newestEventAt()))
				? event.envelope().emittedAt() : state.newestEventAt();
		String province = (state.provinceCode() != null) ? state.provinceCode() : event.envelope().provinceCode();
		InvestmentType type = state.investmentType();
		String name = state.projectName();
		List<String> investors = state.investorNames();
		String zone = state.zoneCode();
		String country = state.partnerCountry();
		String sector = state.sectorSection();
		java.time.LocalDate licensedOn = state.licensedOn();
		ProjectStatus status = state.status();
		Money registered = state.registeredCapital();
		Money contributed = state.contributedCapital();
		Money realised = state.realisedCapital();
		switch (event) {
			case Licensed licence -> {
				type = licence.investmentType();
				province = licence.envelope().provinceCode();
				name = licence.projectName();
				investors = licence.investors().stream().map(Investor::name).toList();
				zone = licence.zoneCode();
				country = licence.partnerCountry();
				sector = licence.sector().section();
				licensedOn = licence.envelope().effectiveDate();
				if (!late) {
					registered = licence.registeredCapital();
				}
			}
			case CapitalAdjusted adjustment -> {
				type = (type != null) ? type : adjustment.investmentType();
				if (!late) {
					registered = adjustment.newRegisteredCapital();
				}
			}
			case CapitalContributed contribution -> {
				type = (type != null) ? type : contribution.investmentType();
				name = (name != null) ? name : contribution.enterpriseName();
				investors = !investors.isEmpty() ? investors
						: contribution.investors().stream().map(Investor::name).toList();
				zone = (zone != null) ? zone : contribution.zoneCode();
				country = (country != null) ? country : contribution.investors().get(0).country();
				sector = (sector != null) ? sector : contribution.sector().section();
				contributed = add(contributed, contribution.amount());
			}
			case Disbursed disbursement -> {
				type = (type != null) ? type : disbursement.investmentType();
				realised = add(realised, disbursement.amount());
			}
			case Suspended suspended -> status = late ? status : ProjectStatus.SUSPENDED;
			case Resumed resumed -> status = late ? status : ProjectStatus.VALID;
			case Terminated terminated -> status = late ? status : ProjectStatus.TERMINATED;
		}
		return new ProjectState(state.projectCode(), revision, applied, state.missingRevisions(), type, province, name,
				investors, zone, country, sector, licensedOn, status, registered, contributed, realised, newest);
	}

	private static Money add(Money sum, Money amount) {
		return (sum == null) ? amount : sum.plus(amount);
	}

	private ProjectState stateOf(String projectCode) {
		ProjectState state = this.states.get(projectCode);
		return (state != null) ? state : ProjectState.none(projectCode);
	}

	private HeldEvents heldOf(String projectCode) {
		HeldEvents waiting = this.held.get(projectCode);
		return (waiting != null) ? waiting : HeldEvents.none();
	}

	private void putHeld(String projectCode, HeldEvents waiting) {
		if (waiting.events().isEmpty()) {
			this.held.delete(projectCode);
		}
		else {
			this.held.put(projectCode, waiting);
		}
	}

	private static void requireSame(String projectCode, long revision, UUID known, UUID arriving) {
		if (!known.equals(arriving)) {
			throw new ConflictingRevisionException(projectCode, revision, known, arriving);
		}
	}

}
