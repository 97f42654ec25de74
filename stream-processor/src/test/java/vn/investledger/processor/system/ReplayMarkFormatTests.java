package vn.investledger.processor.system;

import java.util.LinkedHashMap;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.TopicPartition;

import vn.investledger.events.EventJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A replay's mark as recorded on the rulebook topic: every mark the processor writes is
 * read back as it was; any other value (not JSON, another shape, a place without a
 * partition, a negative or fractional offset, a partition past an int) is refused rather
 * than read as a mark whose offsets every partition has passed, which would lift the
 * console's refusal before the figures are counted.
 */
class ReplayMarkFormatTests {

	@Property(tries = 300)
	void shouldReadEveryMarkAsItWasWritten(@ForAll("marks") RulesInForce.ReplayMark mark) {
		assertThat(RulesInForce.ReplayMark.parse(mark.json())).isEqualTo(mark);
	}

	@Property(tries = 300)
	void shouldRefuseAMarkWithOnePlaceSpoilt(@ForAll("marks") RulesInForce.ReplayMark mark,
			@ForAll("spoiltPlaces") Map.Entry<String, Object> spoilt) {
		Map<String, Object> to = new LinkedHashMap<>();
		mark.to().forEach((partition, offset) -> to.put(partition.topic() + ":" + partition.partition(), offset));
		to.put(spoilt.getKey(), spoilt.getValue());
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("to", to);
		value.put("retired", mark.retired());
		assertThat(RulesInForce.ReplayMark.parse(EventJson.mapper().writeValueAsString(value))).isNull();
	}

	/**
	 * A place named twice, as {@code t:1} and {@code t:01} would be, or in the same words
	 * (JSON with a key twice), or a field beside the two, is refused.
	 */
	@Property(tries = 100)
	void shouldRefuseAPlaceNamedTwiceOrAFieldMore(@ForAll("marks") RulesInForce.ReplayMark mark,
			@ForAll("topics") String topic, @ForAll("spoilers") String spoiler) {
		String json = mark.json();
		String body = json.substring(json.indexOf("\"to\":{") + 6);
		String place = "\"" + topic + ":7\":1";
		String spoilt = switch (spoiler) {
			case "twice" -> "{\"to\":{" + place + "," + place + (body.startsWith("}") ? "" : ",") + body;
			case "padded" -> "{\"to\":{" + place + ",\"" + topic + ":07\":1" + (body.startsWith("}") ? "" : ",") + body;
			default -> json.substring(0, json.length() - 1) + ",\"by\":\"someone\"}";
		};
		assertThat(RulesInForce.ReplayMark.parse(spoilt)).as(spoilt).isNull();
	}

	@Provide
	Arbitrary<String> spoilers() {
		return Arbitraries.of("twice", "padded", "field");
	}

	@Property(tries = 300)
	void shouldRefuseAnyOtherShape(@ForAll("otherShapes") String value) {
		assertThat(RulesInForce.ReplayMark.parse(value)).isNull();
	}

	@Property(tries = 100)
	void shouldNotMakeAMarkOfANegativePlace(@ForAll("topics") String topic,
			@ForAll("negativePlaces") Map.Entry<Integer, Long> place) {
		assertThatIllegalArgumentException().isThrownBy(() -> new RulesInForce.ReplayMark(
				Map.of(new TopicPartition(topic, place.getKey()), place.getValue()), false));
	}

	@Provide
	Arbitrary<RulesInForce.ReplayMark> marks() {
		Arbitrary<TopicPartition> partitions = Combinators
			.combine(topics(), Arbitraries.integers().between(0, Integer.MAX_VALUE))
			.as(TopicPartition::new);
		Arbitrary<Long> offsets = Arbitraries.oneOf(Arbitraries.longs().between(0, 1_000_000),
				Arbitraries.longs().between(0, Long.MAX_VALUE));
		return Combinators.combine(Arbitraries.maps(partitions, offsets).ofMaxSize(40), Arbitraries.of(true, false))
			.as(RulesInForce.ReplayMark::new);
	}

	/** Kafka's topic names: letters, digits, dots, underscores and hyphens. */
	@Provide
	Arbitrary<String> topics() {
		return Arbitraries.strings()
			.withChars("abcxyzABCXYZ0123456789._-")
			.ofMinLength(1)
			.ofMaxLength(60)
			.map((name) -> "investledger.events." + name);
	}

	@Provide
	Arbitrary<Map.Entry<String, Object>> spoiltPlaces() {
		Arbitrary<String> topic = topics();
		Arbitrary<Map.Entry<String, Object>> negativeOffset = Combinators
			.combine(topic, Arbitraries.longs().between(Long.MIN_VALUE, -1))
			.as((name, offset) -> Map.entry(name + ":0", offset));
		Arbitrary<Map.Entry<String, Object>> fractionalOffset = Combinators
			.combine(topic, Arbitraries.doubles().between(0.001, 1e9).ofScale(3).filter((d) -> d != Math.rint(d)))
			.as((name, offset) -> Map.entry(name + ":1", offset));
		Arbitrary<Map.Entry<String, Object>> offsetAsText = topic.map((name) -> Map.entry(name + ":2", "12"));
		Arbitrary<Map.Entry<String, Object>> offsetPastALong = topic
			.map((name) -> Map.entry(name + ":3", new java.math.BigInteger("9223372036854775808")));
		Arbitrary<Map.Entry<String, Object>> noPartition = topic.map((name) -> Map.entry(name, 5L));
		Arbitrary<Map.Entry<String, Object>> noTopic = Arbitraries.integers()
			.between(0, 100)
			.map((partition) -> Map.entry(":" + partition, 5L));
		Arbitrary<Map.Entry<String, Object>> oddPartition = Combinators
			.combine(topic,
					Arbitraries.of("-1", "", "x", "1.5", "2147483648", "99999999999", " 1", "١", "01", "00", "+1"))
			.as((name, partition) -> Map.entry(name + ":" + partition, 5L));
		Arbitrary<Map.Entry<String, Object>> nullOffset = topic.map((name) -> {
			Map<String, Object> holder = new LinkedHashMap<>();
			holder.put(name + ":4", null);
			return holder.entrySet().iterator().next();
		});
		return Arbitraries.oneOf(negativeOffset, fractionalOffset, offsetAsText, offsetPastALong, noPartition, noTopic,
				oddPartition, nullOffset);
	}

	@Provide
	Arbitrary<String> otherShapes() {
		return Arbitraries.oneOf(
				// not JSON, or JSON of another kind
				Arbitraries.strings().ofMaxLength(40).filter((text) -> !text.trim().startsWith("{")),
				Arbitraries.of("", "null", "[]", "{}", "true", "42", "\"to\"", "{\"to\":{}}", "{\"retired\":true}",
						"{\"to\":[],\"retired\":false}", "{\"to\":{},\"retired\":\"true\"}",
						"{\"to\":{},\"retired\":1}", "{\"to\":null,\"retired\":true}", "{\"to\":{},\"retired\":true",
						"{\"to\":\"t:0\",\"retired\":false}"));
	}

	@Provide
	Arbitrary<Map.Entry<Integer, Long>> negativePlaces() {
		return Arbitraries.oneOf(
				Arbitraries.integers().between(Integer.MIN_VALUE, -1).map((partition) -> Map.entry(partition, 0L)),
				Arbitraries.longs().between(Long.MIN_VALUE, -1).map((offset) -> Map.entry(0, offset)));
	}

}
