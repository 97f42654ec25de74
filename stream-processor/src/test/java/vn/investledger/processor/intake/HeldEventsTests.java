package vn.investledger.processor.intake;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import vn.investledger.events.EventJson;
import vn.investledger.events.Limits;
import vn.investledger.processor.intake.HeldEvents.Held;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The waiting places of a project without an owner, shared by the units that send its
 * events: whatever order their events arrive in, a unit is refused a place only when no
 * other unit holds more than one event more than it does; and how what waits is stored.
 */
class HeldEventsTests {

	@Property(tries = 300)
	void shouldRefuseAUnitAPlaceOnlyWhenTheyAreSharedFairly(@ForAll("arrivals") List<Integer> arrivals,
			@ForAll("revisions") List<Integer> revisions) {
		HeldEvents held = HeldEvents.none();
		for (int i = 0; i < arrivals.size(); i++) {
			String unit = String.valueOf(10 + arrivals.get(i));
			long revision = revisions.get(i % revisions.size());
			if (held.find(revision, unit) != null) {
				// a copy, or a conflict: the ledger never holds it
				continue;
			}
			if (held.isFull()) {
				Held yielding = held.yieldingTo(unit);
				if (yielding == null) {
					assertFair(held, unit);
					continue;
				}
				long before = held.countOf(yielding.unit());
				assertThat(yielding.unit()).isNotEqualTo(unit);
				assertThat(before).as("the yielding unit holds at least two more")
					.isGreaterThanOrEqualTo(held.countOf(unit) + 2);
				for (Held other : held.events()) {
					assertThat(held.countOf(other.unit())).as("no unit holds more than the yielding one")
						.isLessThanOrEqualTo(before);
					if (other.unit().equals(yielding.unit())) {
						assertThat(other.revision()).as("its latest revision yields")
							.isLessThanOrEqualTo(yielding.revision());
					}
				}
				held = held.without(yielding);
				assertThat(held.countOf(yielding.unit())).isEqualTo(before - 1);
			}
			held = held.with(held(revision, unit));
			assertThat(held.events()).hasSizeLessThanOrEqualTo(Limits.MAX_HELD_EVENTS);
		}
	}

	/**
	 * What waits for a project is read back as written, and the JSON of an earlier
	 * version (which kept each event's original bytes in it) is refused naming the
	 * replay, not read as held events without their bytes.
	 */
	@Test
	void shouldReadHeldEventsBackAndRefuseAnEarlierVersionsFormat() {
		HeldEvents waiting = HeldEvents.none().with(held(3, "31")).with(held(4, "22"));
		Serde<HeldEvents> serde = HeldEvents.serde();
		byte[] written = serde.serializer().serialize("t", waiting);

		assertThat(serde.deserializer().deserialize("t", written)).isEqualTo(waiting);
		assertThat(new String(written, StandardCharsets.UTF_8)).doesNotContain("\"value\"");

		ObjectNode earlier = (ObjectNode) EventJson.mapper().readTree(written);
		earlier.withArray("events").forEach((event) -> ((ObjectNode) event).put("value", "eyJ9"));
		byte[] earlierBytes = EventJson.mapper().writeValueAsBytes(earlier);
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> serde.deserializer().deserialize("t", earlierBytes))
			.withMessageContaining("replay the processor")
			.withMessageContaining("value");
	}

	private static void assertFair(HeldEvents held, String unit) {
		Map<String, Long> counts = new TreeMap<>();
		held.events().forEach((waiting) -> counts.merge(waiting.unit(), 1L, Long::sum));
		long mine = counts.getOrDefault(unit, 0L);
		counts.forEach((other, count) -> assertThat(count).as("unit %s refused while %s holds %d", unit, other, count)
			.isLessThanOrEqualTo(mine + 1));
		int units = counts.containsKey(unit) ? counts.size() : counts.size() + 1;
		// 16 places, the k - 1 others holding at most one more each: at least
		// (16 - (k - 1)) / k, rounded up, which is 16 / k rounded down
		long share = Limits.MAX_HELD_EVENTS / units;
		assertThat(mine).as("places of unit %s among %d units", unit, units).isGreaterThanOrEqualTo(share);
	}

	@Provide
	Arbitrary<List<Integer>> arrivals() {
		return Arbitraries.integers()
			.between(2, 6)
			.flatMap((units) -> Arbitraries.integers().between(0, units - 1).list().ofMinSize(1).ofMaxSize(200));
	}

	@Provide
	Arbitrary<List<Integer>> revisions() {
		// revisions in any order, several units' at the same revision
		return Arbitraries.integers().between(2, 40).list().ofMinSize(1).ofMaxSize(200);
	}

	private static Held held(long revision, String unit) {
		return new Held(revision, UUID.randomUUID(), revision, unit, "events." + unit, 0, revision, Instant.EPOCH,
				revision);
	}

}
