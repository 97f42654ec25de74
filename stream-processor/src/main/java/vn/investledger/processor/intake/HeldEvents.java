package vn.investledger.processor.intake;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import vn.investledger.events.EventJson;
import vn.investledger.events.Limits;

/**
 * A project's events that arrived before an earlier revision, waiting for it: at most
 * {@link Limits#MAX_HELD_EVENTS}, each kept with where it came from; their original bytes
 * are kept apart, by {@link Held#source()} and project (so that a record that needs to
 * know only what waits, e.g. a copy of a held event, reads a few hundred bytes, not up to
 * {@link Limits#MAX_HELD_EVENTS} times {@link Limits#MAX_EVENT_BYTES}). While a project
 * has no owner yet, units may hold candidates for the same revision; when the revision is
 * due, the owner's candidate is applied and the others refused. The places are shared
 * fairly while no unit owns the project ({@link #yieldingTo}): a unit that holds fewer
 * events takes a place from the unit holding the most, so that no unit can fill them all
 * and have the licensing unit's own early events refused.
 *
 * @param events the held events, by revision, then by arrival
 */
record HeldEvents(List<Held> events) {

	HeldEvents {
		events = events.stream().sorted(Comparator.comparingLong(Held::revision)).toList();
	}

	/**
	 * One held event.
	 *
	 * @param revision its revision
	 * @param eventId its id
	 * @param contentHash its {@link ProjectRecord#contentHash content hash}
	 * @param unit the unit of its topic
	 * @param topic its topic
	 * @param partition its partition
	 * @param offset its offset
	 * @param receivedAt when the broker appended it
	 * @param heldSince when it was first held (wall-clock milliseconds)
	 */
	record Held(long revision, UUID eventId, long contentHash, String unit, String topic, int partition, long offset,
			Instant receivedAt, long heldSince) {

		/**
		 * The held record as received.
		 * @param projectCode its key
		 * @param value its original bytes
		 * @return the record
		 */
		Received received(String projectCode, byte[] value) {
			return new Received(projectCode.getBytes(StandardCharsets.UTF_8), value, this.topic, this.partition,
					this.offset, this.receivedAt, this.unit);
		}

		/**
		 * Where the record was read, which names one record: the key of its original
		 * bytes in the store of held values.
		 * @return its topic, partition and offset
		 */
		String source() {
			return this.topic + "|" + this.partition + "|" + this.offset;
		}

		ProjectRecord.Fingerprint fingerprint() {
			return new ProjectRecord.Fingerprint(this.eventId, this.contentHash);
		}

	}

	/**
	 * The JSON of what waits for a project, read strictly: a field this version does not
	 * know (e.g. the original bytes an earlier version kept in each) is refused, naming
	 * the replay that rebuilds the ledger's state, rather than read as held events
	 * without their bytes.
	 */
	private static final JsonMapper STRICT = EventJson.mapper()
		.rebuild()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	static Serde<HeldEvents> serde() {
		return Serdes.serdeFrom((topic, held) -> (held != null) ? STRICT.writeValueAsBytes(held) : null,
				(topic, bytes) -> {
					if (bytes == null) {
						return null;
					}
					try {
						return STRICT.readValue(bytes, HeldEvents.class);
					}
					catch (JacksonException ex) {
						throw new SerializationException("Held events this version cannot read (an earlier version's"
								+ " format?): replay the processor (README \"Replay\"). " + ex.getOriginalMessage(),
								ex);
					}
				});
	}

	/** No held events: what almost every project has, looked up for every record. */
	private static final HeldEvents NONE = new HeldEvents(List.of());

	static HeldEvents none() {
		return NONE;
	}

	boolean isEmpty() {
		return this.events.isEmpty();
	}

	boolean isFull() {
		return this.events.size() >= Limits.MAX_HELD_EVENTS;
	}

	HeldEvents with(Held held) {
		List<Held> more = new ArrayList<>(this.events);
		more.add(held);
		return new HeldEvents(more);
	}

	/**
	 * The events without those of one revision.
	 * @param revision the revision
	 * @return a copy
	 */
	HeldEvents without(long revision) {
		return new HeldEvents(this.events.stream().filter((held) -> held.revision() != revision).toList());
	}

	/**
	 * The events without one of them.
	 * @param gone the held event to leave out
	 * @return a copy
	 */
	HeldEvents without(Held gone) {
		return new HeldEvents(this.events.stream().filter((held) -> held != gone).toList());
	}

	/**
	 * The held event that gives its place up to a unit's new one when every place is
	 * taken and the project has no owner: that of the highest revision of the unit
	 * holding the most events (the lowest unit code among equals), if that unit holds at
	 * least two more than the one asking (so that the places never pass back and forth).
	 * A unit asking for a place is therefore refused only when no other unit holds more
	 * than one event more than it does: with {@code k} units holding events, each can
	 * hold at least {@code (MAX_HELD_EVENTS - k + 1) / k} of them, rounded up (8 of 16
	 * with two units).
	 * @param unit the unit asking for a place
	 * @return the held event to refuse, or {@code null} if none gives way
	 */
	Held yieldingTo(String unit) {
		Map<String, Long> counts = new TreeMap<>();
		this.events.forEach((held) -> counts.merge(held.unit(), 1L, Long::sum));
		long mine = counts.getOrDefault(unit, 0L);
		String most = null;
		long mostHeld = mine + 1;
		for (Map.Entry<String, Long> count : counts.entrySet()) {
			if (!count.getKey().equals(unit) && count.getValue() > mostHeld) {
				most = count.getKey();
				mostHeld = count.getValue();
			}
		}
		if (most == null) {
			return null;
		}
		Held yielding = null;
		for (Held held : this.events) {
			// (a unit holds one event per revision)
			if (held.unit().equals(most) && (yielding == null || held.revision() > yielding.revision())) {
				yielding = held;
			}
		}
		return yielding;
	}

	/**
	 * The candidates for a revision, in arrival order.
	 * @param revision the revision
	 * @return the held events of that revision
	 */
	List<Held> candidates(long revision) {
		return this.events.stream().filter((held) -> held.revision() == revision).toList();
	}

	/**
	 * The candidate of one unit for a revision.
	 * @param revision the revision
	 * @param unit the unit
	 * @return the held event, or {@code null}
	 */
	Held find(long revision, String unit) {
		return this.events.stream()
			.filter((held) -> held.revision() == revision && held.unit().equals(unit))
			.findFirst()
			.orElse(null);
	}

	/**
	 * The held event of a unit that carries an event id, if any.
	 * @param eventId the id
	 * @param unit the unit
	 * @return the held event, or {@code null}
	 */
	Held withId(UUID eventId, String unit) {
		return this.events.stream()
			.filter((held) -> held.eventId().equals(eventId) && held.unit().equals(unit))
			.findFirst()
			.orElse(null);
	}

	/**
	 * How many of a unit's events wait.
	 * @param unit the unit
	 * @return the count
	 */
	long countOf(String unit) {
		return this.events.stream().filter((held) -> held.unit().equals(unit)).count();
	}

	long oldest() {
		return this.events.stream().mapToLong(Held::heldSince).min().orElse(Long.MAX_VALUE);
	}

	/**
	 * The event the broker received first, if every event came from one source (one topic
	 * partition): the one whose clock times the project's gap out.
	 * @return it, or {@code null} if none waits or they came from several sources
	 */
	Held oneSourcesOldest() {
		for (Held held : this.events) {
			if (!held.topic().equals(this.events.get(0).topic())
					|| held.partition() != this.events.get(0).partition()) {
				return null;
			}
		}
		return oldestReceived();
	}

	/**
	 * The event the broker received first (the first to have arrived among equals).
	 * @return it, or {@code null} if none waits
	 */
	Held oldestReceived() {
		Held oldest = null;
		for (Held held : this.events) {
			if (oldest == null || held.receivedAt().isBefore(oldest.receivedAt())
					|| (held.receivedAt().equals(oldest.receivedAt()) && held.heldSince() < oldest.heldSince())) {
				oldest = held;
			}
		}
		return oldest;
	}

}
