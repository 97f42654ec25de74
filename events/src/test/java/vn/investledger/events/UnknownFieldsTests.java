package vn.investledger.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A field the contract does not know is refused, in every object of every kind: read as
 * absent, a misspelt field would leave its value out of every figure without a word (a
 * licence's {@code zone_code} for {@code zoneCode} would be a project outside any zone,
 * missing from its zone's figures and release).
 */
class UnknownFieldsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Property
	void shouldRefuseAFieldTheContractDoesNotKnowInAnyObjectOfAnEvent(@ForAll("events") LicensingEvent event,
			@ForAll @IntRange(min = 0, max = 1_000) int where, @ForAll("names") String name) {
		ObjectNode tree = (ObjectNode) JSON.readTree(EventJson.toBytes(event));
		List<Place> places = new ArrayList<>();
		objects(tree, "", places);
		Place place = places.get(where % places.size());
		// a near miss of a field of that object, or any other name it does not have
		String unknown = nearMiss(place.object(), name);
		place.object().put(unknown, "HP-DEEP-C");
		String field = place.path().isEmpty() ? unknown : place.path() + "." + unknown;

		List<Violation> violations = EventValidator.read(JSON.writeValueAsBytes(tree), received(event)).violations();

		assertThat(violations).filteredOn((violation) -> violation.field().equals(field))
			.singleElement()
			.satisfies((violation) -> assertThat(violation.reason()).contains("not a field of the contract"));
	}

	/**
	 * A name is the sender's own text: one that looks like a path (dots, brackets,
	 * quotes), or holds a control character, is shown quoted and ordered after the
	 * others, never read as a path, however many there are.
	 */
	@Property
	void shouldRefuseNamesThatLookLikeAPathAndListEach(@ForAll("events") LicensingEvent event,
			@ForAll @IntRange(min = 0, max = 1_000) int where, @ForAll("oddNames") List<String> names) {
		ObjectNode tree = (ObjectNode) JSON.readTree(EventJson.toBytes(event));
		List<Place> places = new ArrayList<>();
		objects(tree, "", places);
		Place place = places.get(where % places.size());
		names.forEach((name) -> place.object().put(name, 1));

		List<Violation> violations = EventValidator.read(JSON.writeValueAsBytes(tree), received(event)).violations();

		assertThat(violations).filteredOn((violation) -> violation.reason().contains("not a field of the contract"))
			.extracting(Violation::field)
			.containsExactlyInAnyOrderElementsOf(names.stream()
				.map((name) -> (place.path().isEmpty() ? "" : place.path() + ".") + EventValidator.quoted(name))
				.toList());
	}

	@Provide
	Arbitrary<List<String>> oddNames() {
		return Arbitraries
			.oneOf(Arbitraries.of("[", "[]", "[x]", "[99999999999]", "a.b", "\"", "a]", ".", "x\u0000y", "\u200B",
					"\\u200B", "\u3164", "\uDB40\uDC41", "a\\\"b"),
					Arbitraries.strings()
						.withChars("[].\"\\ab0")
						.ofMinLength(1)
						.ofMaxLength(8)
						.filter((n) -> n.contains("[") || n.contains(".") || n.contains("\"")))
			.set()
			.ofMinSize(1)
			.ofMaxSize(4)
			.map(List::copyOf);
	}

	@Property
	void shouldAcceptEveryKindAsWritten(@ForAll("events") LicensingEvent event) {
		assertThat(EventValidator.read(EventJson.toBytes(event), received(event)).violations()).isEmpty();
	}

	@Provide
	Arbitrary<LicensingEvent> events() {
		return Arbitraries.of(Samples.everyKind().toList());
	}

	/**
	 * A name the object may not have: {@code snake_case} or another case of one of its
	 * fields half the time, otherwise letters and digits.
	 */
	@Provide
	Arbitrary<String> names() {
		return Arbitraries.oneOf(Arbitraries.of("snake", "lower", "upper"),
				Arbitraries.strings().alpha().numeric().withChars('_', '-', 'đ', 'ư').ofMinLength(1).ofMaxLength(20));
	}

	private static String nearMiss(ObjectNode object, String name) {
		List<String> fields = new ArrayList<>(object.propertyNames());
		String first = fields.get(Math.floorMod(name.hashCode(), fields.size()));
		String candidate = switch (name) {
			case "snake" -> first.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
			case "lower" -> first.toLowerCase(Locale.ROOT);
			case "upper" -> first.substring(0, 1).toUpperCase(Locale.ROOT) + first.substring(1);
			default -> name;
		};
		// a field with no capital in it is its own snake case and lower case: mark it
		return object.has(candidate) ? candidate + "_" : candidate;
	}

	/** Every object of a tree, with its path as the violations name it. */
	private static void objects(JsonNode node, String path, List<Place> places) {
		if (node instanceof ObjectNode object) {
			places.add(new Place(object, path));
			for (String field : object.propertyNames()) {
				objects(object.get(field), path.isEmpty() ? field : path + "." + field, places);
			}
		}
		else if (node instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				objects(array.get(i), path + "[" + i + "]", places);
			}
		}
	}

	private static Instant received(LicensingEvent event) {
		return event.envelope().emittedAt().plusSeconds(60);
	}

	private record Place(ObjectNode object, String path) {

	}

}
