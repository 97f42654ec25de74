package vn.investledger.indexer.indexing;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import vn.investledger.events.EventJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The replay's mark as the indexer reads it: every mark the processor can write is read
 * back exactly; anything else is refused with a reason, and the mark before it stays.
 */
class DecisionsMarkTests {

	@Property(tries = 300)
	void shouldReadBackEveryMarkTheProcessorWrites(@ForAll("marks") Map<Integer, Long> mark) {
		byte[] written = EventJson.mapper().writeValueAsBytes(mark);

		assertThat(DecisionsMark.parse(written)).isEqualTo(mark);
		assertThat(DecisionsMark.valid(record(written), Map.of(0, 1L))).isEqualTo(mark);
	}

	@Property(tries = 300)
	void shouldRefuseANegativeOrMissingOffsetOrPartition(@ForAll("marks") Map<Integer, Long> mark,
			@ForAll @IntRange(min = 0, max = 63) int partition,
			@ForAll @LongRange(min = Long.MIN_VALUE, max = -1) long below) {
		String negativeOffset = json(mark, "\"" + partition + "\":" + below);
		String missingOffset = json(mark, "\"" + partition + "\":null");
		String negativePartition = json(mark, "\"-" + (partition + 1) + "\":0");

		for (String wrong : new String[] { negativeOffset, missingOffset, negativePartition }) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> DecisionsMark.parse(wrong.getBytes(StandardCharsets.UTF_8)))
				.withMessageContaining("partition");
			assertThat(DecisionsMark.valid(record(wrong.getBytes(StandardCharsets.UTF_8)), mark)).isNull();
		}
	}

	@Property(tries = 300)
	void shouldRefuseWhatIsNotAJsonObjectOfOffsets(@ForAll("notMarks") String wrong) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DecisionsMark.parse(wrong.getBytes(StandardCharsets.UTF_8)));
		assertThat(DecisionsMark.valid(record(wrong.getBytes(StandardCharsets.UTF_8)), Map.of())).isNull();
	}

	@Property(tries = 10)
	void shouldPassOverARemovedMark(@ForAll("marks") Map<Integer, Long> current) {
		assertThat(DecisionsMark.valid(record(null), current)).isNull();
	}

	@Property(tries = 100)
	void shouldDescribeAMarkOfAnySizeInABoundedLine(@ForAll @IntRange(min = 0, max = 20_000) int partitions,
			@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long offset) {
		Map<Integer, Long> mark = new TreeMap<>();
		for (int partition = 0; partition < partitions; partition++) {
			mark.put(partition, offset);
		}

		String described = DecisionsMark.describe(mark);

		if (partitions <= DecisionsMark.DESCRIBED) {
			assertThat(described).isEqualTo(mark.toString());
		}
		else {
			assertThat(described).startsWith("{0=" + offset + ", ")
				.endsWith("(" + partitions + " partitions)}")
				.hasSizeLessThan(DecisionsMark.DESCRIBED * 24 + 40);
		}
	}

	@Provide
	Arbitrary<Map<Integer, Long>> marks() {
		return Arbitraries.maps(Arbitraries.integers().between(0, 63), Arbitraries.longs().between(0, Long.MAX_VALUE))
			.ofMaxSize(12);
	}

	@Provide
	Arbitrary<String> notMarks() {
		return Arbitraries.oneOf(
				Arbitraries.of("null", "[1,2]", "nicht", "", "{", "{\"a\":1}", "{\"0\":\"x\"}", "{\"0\":{}}", "\"{}\"",
						"{\"0\":99999999999999999999}", "Đà Nẵng"),
				Arbitraries.strings().alpha().numeric().withChars(" ,:[]đàẵ").ofMinLength(1).ofMaxLength(40));
	}

	private static String json(Map<Integer, Long> mark, String extra) {
		StringBuilder json = new StringBuilder("{");
		mark.forEach(
				(partition, offset) -> json.append('"').append(partition).append("\":").append(offset).append(','));
		return json.append(extra).append('}').toString();
	}

	private static ConsumerRecord<String, byte[]> record(byte[] value) {
		return new ConsumerRecord<>("ledger.rulebook", 0, 7, "ledger-stream-processor/applied-from", value);
	}

}
