package vn.investledger.producers.gateway.ingest;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.sun.management.ThreadMXBean;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refused batch item is answered with its event id when it names one, at the cost of
 * reading it, not of holding a tree of it: one unit's refused items must not fill the
 * memory every unit's requests share.
 */
class RefusedItemIdTests {

	@Property(tries = 50)
	void shouldFindTheEnvelopesEventIdWhereverItStandsAndNothingElse(@ForAll long high, @ForAll long low,
			@ForAll @IntRange(min = 0, max = 3) int before, @ForAll boolean nestedDecoy) {
		UUID id = new UUID(high, low);
		// Given an item whose envelope's id follows other fields, of any shape, and
		// perhaps an "eventId" elsewhere
		String decoy = nestedDecoy ? "\"data\":{\"envelope\":{\"eventId\":\"" + UUID.randomUUID() + "\"}}," : "";
		String others = "\"a\":[1,{\"eventId\":\"x\"}],".repeat(before);
		String item = "{" + decoy + "\"kind\":\"licensed\",\"envelope\":{" + others + "\"eventId\":\"" + id
				+ "\",\"revision\":1}}";

		assertThat(EventIngestion.eventId(item.getBytes(StandardCharsets.UTF_8))).isEqualTo(id);
	}

	@Test
	void shouldAnswerNoIdForAnItemThatIsNotAnEventsObject() {
		assertThat(EventIngestion.eventId("[{\"envelope\":{\"eventId\":\"x\"}}]".getBytes(StandardCharsets.UTF_8)))
			.isNull();
		assertThat(
				EventIngestion.eventId("{\"envelope\":{\"eventId\":\"not a uuid\"}}".getBytes(StandardCharsets.UTF_8)))
			.isNull();
		assertThat(EventIngestion.eventId("{\"envelope\":".getBytes(StandardCharsets.UTF_8))).isNull();
	}

	@Test
	void shouldFindTheIdAfterMillionsOfEmptyObjectsWithoutHoldingThem() {
		// Given an item of 8 MB, an event's object whose first field holds two million
		// empty objects, its envelope after them
		UUID id = UUID.randomUUID();
		byte[] item = ("{\"data\":[" + "{},".repeat(2_000_000) + "{}],\"envelope\":{\"eventId\":\"" + id + "\"}}")
			.getBytes(StandardCharsets.UTF_8);
		ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
		long thread = Thread.currentThread().threadId();
		EventIngestion.eventId(item);
		long before = threads.getThreadAllocatedBytes(thread);

		// When its id is looked for
		UUID found = EventIngestion.eventId(item);

		// Then it is found, and reading it allocated less than a tenth of the item's size
		// (a tree of it would be some 30 times its size)
		long allocated = threads.getThreadAllocatedBytes(thread) - before;
		assertThat(found).isEqualTo(id);
		assertThat(allocated).isLessThan(item.length / 10);
	}

}
