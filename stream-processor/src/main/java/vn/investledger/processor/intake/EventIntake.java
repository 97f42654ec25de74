package vn.investledger.processor.intake;

import java.time.Duration;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.DslKeyValueParams;
import org.apache.kafka.streams.state.DslStoreSuppliers;
import org.apache.kafka.streams.state.Stores;

import org.springframework.kafka.support.serializer.JacksonJsonSerde;

import vn.investledger.events.EventJson;
import vn.investledger.events.EventValidator;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Topics;

/**
 * Where events enter the processor: every province's topic → parse → validate → once per
 * project revision. What fails on the way goes to the dead-letter topic through Kafka
 * Streams' handlers, with its original bytes.
 */
public final class EventIntake {

	/** Per project: its state, with the revisions applied and the event id of each. */
	public static final String PROJECT_STATE_STORE = "project-state";

	/** Per project: events waiting for an earlier revision. */
	public static final String HELD_EVENTS_STORE = "held-events";

	private EventIntake() {
	}

	/**
	 * Adds the intake to a builder.
	 * @param builder the builder
	 * @param topics the topic registry
	 * @param gapTimeout how long a revision waits for a missing earlier one
	 * @param stores the kind of state stores (RocksDB in service, in memory in topology
	 * tests)
	 * @return each project revision once, in revision order where it can be, keyed by
	 * project code
	 */
	public static KStream<String, AppliedEvent> acceptedEvents(StreamsBuilder builder, Topics topics,
			Duration gapTimeout, DslStoreSuppliers stores) {
		builder.addStateStore(Stores
			.keyValueStoreBuilder(stores.keyValueStore(new DslKeyValueParams(PROJECT_STATE_STORE, false)),
					Serdes.String(), ProjectStateSerde.serde())
			.withCachingEnabled());
		builder.addStateStore(Stores
			.keyValueStoreBuilder(stores.keyValueStore(new DslKeyValueParams(HELD_EVENTS_STORE, false)),
					Serdes.String(), jsonSerde(HeldEvents.class))
			.withCachingEnabled());
		// Unparseable records never reach here: the deserialization handler dead-letters
		// them.
		KStream<String, LicensingEvent> events = builder.stream(topics.eventTopicPattern(),
				Consumed.with(Serdes.String(), Topics.eventSerde()).withName("licensing-events"));
		// An invalid, misrouted or conflicting event throws; the processing handler
		// dead-letters its original bytes.
		KStream<String, AppliedEvent> applied = events.mapValues(EventIntake::requireValid, Named.as("validate"))
			.process(() -> new ProjectLedger(gapTimeout), Named.as("apply-in-revision-order"), PROJECT_STATE_STORE,
					HELD_EVENTS_STORE);
		var stateTopic = topics.projectState();
		applied.mapValues(AppliedEvent::state, Named.as("project-states"))
			.to(stateTopic.name(),
					Produced.with(stateTopic.keySerde(), stateTopic.valueSerde()).withName("project-state"));
		return applied;
	}

	/**
	 * The serde of applied events, for tests and downstream edges.
	 * @return a JSON serde
	 */
	public static Serde<AppliedEvent> appliedEventSerde() {
		return jsonSerde(AppliedEvent.class);
	}

	private static <T> Serde<T> jsonSerde(Class<T> type) {
		return new JacksonJsonSerde<T>(type, EventJson.mapper()).noTypeInfo().ignoreTypeHeaders();
	}

	private static LicensingEvent requireValid(String key, LicensingEvent event) {
		EventValidator.requireValid(event);
		if (!event.key().equals(key)) {
			throw new MisroutedEventException(key, event.key());
		}
		return event;
	}

}
