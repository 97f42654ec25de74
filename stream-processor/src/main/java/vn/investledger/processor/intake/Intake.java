package vn.investledger.processor.intake;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.DslKeyValueParams;
import org.apache.kafka.streams.state.DslStoreSuppliers;
import org.apache.kafka.streams.state.Stores;

import vn.investledger.events.AppliedEntry;
import vn.investledger.events.ProjectState;
import vn.investledger.events.Rejection;
import vn.investledger.events.Topic;
import vn.investledger.events.Topics;
import vn.investledger.events.reference.Provinces;
import vn.investledger.events.reference.VsicEditions;

/**
 * Where records enter the processor: every unit's event topic → the {@link ProjectLedger}
 * → refused records to their unit's rejection topic, applied events to the project-state
 * and applied-events topics and on to the figures.
 */
public final class Intake {

	/** Per project: its state, with each applied revision's event id and content hash. */
	public static final String PROJECT_STATE_STORE = "project-state";

	/** Per project: events waiting for an earlier revision. */
	public static final String HELD_EVENTS_STORE = "held-events";

	/**
	 * Per unit: the volume of its events applied in this task (see {@link SumBudget}),
	 * and (under {@code held:<unit>}) how many of its events wait for a gap.
	 */
	public static final String UNIT_VOLUMES_STORE = "unit-volumes";

	/**
	 * The projects with held events, by when their oldest was held on the wall clock
	 * ({@code <13-digit milliseconds>|<project code>}) and, for a project held from one
	 * topic partition, by that source and when the broker received it
	 * ({@code r<topic>|<partition>|<13-digit milliseconds>|<project code>}), so that the
	 * gap timeout looks only at those due, by either clock.
	 */
	public static final String HELD_DUE_STORE = "held-due";

	/**
	 * The store of the held events' original bytes, by where each was read (its topic,
	 * partition and offset), apart from the store of what waits for each project.
	 */
	public static final String HELD_VALUES_STORE = "held-values";

	/**
	 * The Kafka Streams setting that hands the ledger the deployment's VSIC tables (a
	 * {@link vn.investledger.events.reference.VsicEditions}); without it the ledger
	 * judges sectors by the shipped tables.
	 */
	public static final String VSIC_EDITIONS_CONFIG = "investledger.vsic-editions";

	/**
	 * The Kafka Streams setting that hands the ledger a check to run as each of its tasks
	 * starts, before it counts anything (a {@link Runnable} that throws to refuse): a
	 * service instance compares its tables and the generation of its state with those
	 * last recorded. Without it (a replay, a topology test) nothing is compared.
	 */
	public static final String COUNTING_CHECK_CONFIG = "investledger.counting-check";

	private Intake() {
	}

	/**
	 * Adds the intake to a builder.
	 * @param builder the builder
	 * @param settings the topics, gap timeout, partitions and placement
	 * @param effects computes the changes an applied event makes to the figures' cells
	 * @param stores the kind of state stores (RocksDB in service, in memory in topology
	 * tests)
	 * @return each project revision once, in revision order where it can be, keyed by
	 * project code
	 */
	public static KStream<String, AppliedEvent> acceptedEvents(StreamsBuilder builder, IntakeSettings settings,
			UnaryOperator<AppliedEvent> effects, DslStoreSuppliers stores) {
		builder.addStateStore(Stores
			.keyValueStoreBuilder(stores.keyValueStore(new DslKeyValueParams(PROJECT_STATE_STORE, false)),
					Serdes.String(), ProjectRecordSerde.serde())
			.withCachingEnabled());
		builder.addStateStore(Stores
			.keyValueStoreBuilder(stores.keyValueStore(new DslKeyValueParams(HELD_EVENTS_STORE, false)),
					Serdes.String(), HeldEvents.serde())
			.withCachingEnabled());
		builder.addStateStore(Stores
			.keyValueStoreBuilder(stores.keyValueStore(new DslKeyValueParams(UNIT_VOLUMES_STORE, false)),
					Serdes.String(), Serdes.Long())
			.withCachingEnabled());
		builder.addStateStore(
				Stores
					.keyValueStoreBuilder(stores.keyValueStore(new DslKeyValueParams(HELD_DUE_STORE, false)),
							Serdes.String(), Serdes.String())
					.withCachingEnabled());
		builder.addStateStore(Stores
			.keyValueStoreBuilder(stores.keyValueStore(new DslKeyValueParams(HELD_VALUES_STORE, false)),
					Serdes.String(), Serdes.ByteArray())
			.withCachingEnabled());
		Topics topics = settings.topics();
		// bytes, not events: a record that is not an event is refused by the ledger with
		// its reason, like any other
		KStream<byte[], byte[]> records = builder.stream(topics.eventTopicPattern(),
				Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("licensing-events"));
		if (settings.placement() == IntakeSettings.Placement.REPARTITION) {
			records = records.process(StampSource::new, Named.as("stamp-source"))
				.repartition(Repartitioned.<byte[], byte[]>as("by-project")
					.withKeySerde(Serdes.ByteArray())
					.withValueSerde(Serdes.ByteArray())
					.withNumberOfPartitions(settings.eventPartitions()));
		}
		KStream<String, Outcome> outcomes = records.process(() -> new ProjectLedger(settings, effects),
				Named.as("apply-in-revision-order"), PROJECT_STATE_STORE, HELD_EVENTS_STORE, UNIT_VOLUMES_STORE,
				HELD_DUE_STORE, HELD_VALUES_STORE);
		Map<String, KStream<String, Outcome>> branches = outcomes.split(Named.as("outcome-"))
			.branch((key, outcome) -> outcome instanceof Outcome.Refused, Branched.as("refused"))
			.defaultBranch(Branched.as("applied"));
		// each refused record to its unit's rejection topic, named in its headers
		branches.get("outcome-refused")
			.map((key, outcome) -> KeyValue.pair(((Outcome.Refused) outcome).key(),
					((Outcome.Refused) outcome).value()), Named.as("rejection-records"))
			.to((key, value, context) -> rejectionTopic(topics, context.headers().lastHeader(Rejection.UNIT)),
					Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("rejections"));
		KStream<String, Outcome> appliedOutcomes = branches.get("outcome-applied");
		Topic<String, AppliedEntry> entries = topics.appliedEvents();
		appliedOutcomes.mapValues((outcome) -> entry((Outcome.Applied) outcome), Named.as("applied-entries"))
			.to(entries.name(), Produced.with(entries.keySerde(), entries.valueSerde()).withName("applied-events"));
		KStream<String, AppliedEvent> applied = appliedOutcomes
			.mapValues((outcome) -> ((Outcome.Applied) outcome).event(), Named.as("applied"));
		var stateTopic = topics.projectState();
		// each state stamped with the VSIC tables the ledger judged it by, so that the
		// indexer names a stock cell only by the same tables
		applied.mapValues(AppliedEvent::state, Named.as("project-states"))
			.processValues(StampVsicTables::new, Named.as("stamp-vsic-tables"))
			.to(stateTopic.name(),
					Produced.with(stateTopic.keySerde(), stateTopic.valueSerde()).withName("project-state"));
		return applied;
	}

	/**
	 * The VSIC tables the ledger judges sectors by: those handed through the streams
	 * settings ({@link #VSIC_EDITIONS_CONFIG}), else the shipped ones.
	 * @param configs the application's settings
	 * @return the tables
	 */
	static VsicEditions vsicEditions(Map<String, Object> configs) {
		return (configs.get(VSIC_EDITIONS_CONFIG) instanceof VsicEditions configured) ? configured
				: VsicEditions.standard();
	}

	/**
	 * Runs the check handed through the streams settings
	 * ({@link #COUNTING_CHECK_CONFIG}), if any.
	 * @param configs the application's settings
	 */
	static void checkBeforeCounting(Map<String, Object> configs) {
		if (configs.get(COUNTING_CHECK_CONFIG) instanceof Runnable check) {
			check.run();
		}
	}

	private static String rejectionTopic(Topics topics, Header unit) {
		return (unit != null) ? topics.rejectionTopicName(new String(unit.value(), StandardCharsets.UTF_8))
				: topics.deadLetterTopicName();
	}

	private static AppliedEntry entry(Outcome.Applied outcome) {
		Received r = outcome.received();
		var event = outcome.event().event();
		return new AppliedEntry(event.key(), event.envelope().revision(), event.envelope().eventId().toString(),
				event.kind().jsonName(), r.unit(), outcome.event().afterGap(), r.topic(), r.partition(), r.offset(),
				r.receivedAt(), r.valueText(), outcome.event().flow());
	}

	/**
	 * The project's state in a value of the {@link #PROJECT_STATE_STORE} store, for
	 * interactive queries from other packages: the rest of the value is the ledger's own.
	 * @param stored a value read from the store
	 * @return the project's state
	 */
	public static ProjectState stateOf(Object stored) {
		return ((ProjectRecord) stored).state();
	}

	/**
	 * The codes of the units whose topics the processor reads and writes rejections to.
	 * @return today's units
	 */
	public static java.util.Set<String> units() {
		return Provinces.standard().currentCodes();
	}

	/**
	 * Puts the fingerprint of the ledger's VSIC tables ({@link #VSIC_EDITIONS_CONFIG}) on
	 * each project state, as its only header.
	 */
	private static final class StampVsicTables implements FixedKeyProcessor<String, ProjectState, ProjectState> {

		private FixedKeyProcessorContext<String, ProjectState> context;

		private byte[] fingerprint;

		@Override
		public void init(FixedKeyProcessorContext<String, ProjectState> context) {
			this.context = context;
			this.fingerprint = vsicEditions(context.appConfigs()).fingerprint().getBytes(StandardCharsets.US_ASCII);
		}

		@Override
		public void process(FixedKeyRecord<String, ProjectState> record) {
			this.context.forward(
					record.withHeaders(new RecordHeaders().add(ProjectState.VSIC_TABLES_HEADER, this.fingerprint)));
		}

	}

	/**
	 * Stamps each record with where it came from and drops the client's headers, before
	 * the optional repartition.
	 */
	private static final class StampSource implements Processor<byte[], byte[], byte[], byte[]> {

		private ProcessorContext<byte[], byte[]> context;

		@Override
		public void init(ProcessorContext<byte[], byte[]> context) {
			this.context = context;
		}

		@Override
		public void process(Record<byte[], byte[]> record) {
			RecordMetadata metadata = this.context.recordMetadata().orElseThrow();
			Record<byte[], byte[]> stamped = new Record<>(record.key(), record.value(), record.timestamp());
			ProjectLedger.SourceStamp.write(stamped.headers(), metadata.topic(), metadata.partition(),
					metadata.offset());
			this.context.forward(stamped);
		}

	}

}
