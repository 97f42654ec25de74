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
	void shouldReadAnItemOfMillionsOfEmptyObjectsWithoutHoldingThem() {
		// Given an item of 8 MB: two million empty objects in an array
		byte[] item = ("[[" + "{},".repeat(2_000_000) + "{}]]").getBytes(StandardCharsets.UTF_8);
		ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
		long id = Thread.currentThread().threadId();
		EventIngestion.eventId(item);
		long before = threads.getThreadAllocatedBytes(id);

		// When its id is looked for
		UUID found = EventIngestion.eventId(item);

		// Then there is none, and reading it allocated less than a tenth of its size (a
		// tree of it would be some 30 times its size)
		long allocated = threads.getThreadAllocatedBytes(id) - before;
		assertThat(found).isNull();
		assertThat(allocated).isLessThan(item.length / 10);
	}

}
