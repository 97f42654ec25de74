package vn.investledger.processor.intake;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
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

	/** Per project: the revisions applied and the event id of each. */
	public static final String APPLIED_REVISIONS_STORE = "applied-revisions";

	private EventIntake() {
	}

	/**
	 * Adds the intake to a builder.
	 * @param builder the builder
	 * @param topics the topic registry
	 * @return valid events, each project revision once, keyed by project code
	 */
	public static KStream<String, LicensingEvent> acceptedEvents(StreamsBuilder builder, Topics topics) {
		builder.addStateStore(
				Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(APPLIED_REVISIONS_STORE), Serdes.String(),
						new JacksonJsonSerde<AppliedRevisions>(AppliedRevisions.class, EventJson.mapper()).noTypeInfo()
							.ignoreTypeHeaders()));
		// Unparseable records never reach here: the deserialization handler dead-letters
		// them.
		KStream<String, LicensingEvent> events = builder.stream(topics.eventTopicPattern(),
				Consumed.with(Serdes.String(), Topics.eventSerde()).withName("licensing-events"));
		// An invalid or misrouted event throws; the processing handler dead-letters its
		// original bytes.
		return events.mapValues(EventIntake::requireValid, Named.as("validate"))
			.processValues(Deduplicator::new, Named.as("deduplicate"), APPLIED_REVISIONS_STORE);
	}

	private static LicensingEvent requireValid(String key, LicensingEvent event) {
		EventValidator.requireValid(event);
		if (!event.key().equals(key)) {
			throw new MisroutedEventException(key, event.key());
		}
		return event;
	}

}
