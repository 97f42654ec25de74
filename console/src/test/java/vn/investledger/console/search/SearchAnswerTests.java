package vn.investledger.console.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import co.elastic.clients.elasticsearch._types.FieldValue;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reading Elasticsearch's answer without binding its documents: whatever the documents
 * hold (Vietnamese, escapes, nesting) and however the answer is laid out, each source
 * comes out as the same JSON and each hit's sort values as given.
 */
class SearchAnswerTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final JsonMapper pretty = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	@Property(tries = 300)
	void shouldGiveBackEverySourceAndSortAsTheAnswerHoldsThem(@ForAll("documents") List<ObjectNode> documents,
			@ForAll("sorts") List<List<Object>> sortSeeds, @ForAll boolean indented, @ForAll long seed,
			@ForAll @IntRange(min = 0, max = 2_000_000) int total) throws IOException {
		Random random = new Random(seed);
		ObjectNode answer = nodes.objectNode();
		if (random.nextBoolean()) {
			answer.put("pit_id", "pit-" + seed + "==");
		}
		ObjectNode hits = nodes.objectNode();
		ArrayNode hitList = nodes.arrayNode();
		List<List<FieldValue>> expectedSorts = new ArrayList<>();
		for (int i = 0; i < documents.size(); i++) {
			List<Object> sort = sortSeeds.get(i % sortSeeds.size());
			ObjectNode hit = nodes.objectNode();
			List<Runnable> fields = new ArrayList<>();
			ObjectNode document = documents.get(i);
			fields.add(() -> hit.set("_source", document));
			fields.add(() -> hit.set("sort", sortNode(sort)));
			// what filter_path would have left out, should an older node send it
			fields.add(() -> hit.put("_index", "projects-v1"));
			fields.add(() -> hit.putObject("_ignored").putArray("x").add(1));
			Collections.shuffle(fields, random);
			fields.forEach(Runnable::run);
			hitList.add(hit);
			expectedSorts.add(sort.stream().map(SearchAnswerTests::fieldValue).toList());
		}
		hits.putObject("total").put("value", total).put("relation", "eq");
		hits.set("hits", hitList);
		answer.set("hits", hits);
		answer.putObject("aggregations").putObject("asOf").put("value", 1.7e12);

		SearchAnswer read = SearchAnswer.read((indented ? pretty : json).writeValueAsBytes(answer));

		assertThat(read.total()).isEqualTo(total);
		assertThat(read.pointInTime()).isEqualTo(answer.has("pit_id") ? answer.get("pit_id").asString() : null);
		assertThat(read.sources()).hasSize(documents.size());
		for (int i = 0; i < documents.size(); i++) {
			// written out raw, it reads back as the same document
			String raw = json.writeValueAsString(List.of(read.sources().get(i)));
			assertThat(json.readTree(raw).get(0)).isEqualTo(json.readTree(json.writeValueAsBytes(documents.get(i))));
		}
		assertThat(read.sorts()).hasSize(documents.size());
		for (int i = 0; i < documents.size(); i++) {
			assertThat(read.sorts().get(i)).hasSize(expectedSorts.get(i).size());
			for (int j = 0; j < expectedSorts.get(i).size(); j++) {
				assertThat(read.sorts().get(i).get(j)._get()).isEqualTo(expectedSorts.get(i).get(j)._get());
			}
		}
		assertThat(read.aggregation("asOf").get("value").asDouble()).isEqualTo(1.7e12);
		assertThat(read.aggregation("province").isNull()).isTrue();
	}

	@Test
	void shouldCountAHitWithoutASourceAmongTheHitsButNotThePage() throws IOException {
		String answer = "{\"hits\":{\"total\":{\"value\":2},\"hits\":[{\"sort\":[1]},"
				+ "{\"_source\":{\"projectCode\":\"A\"},\"sort\":[2]}]}}";

		SearchAnswer read = SearchAnswer.read(answer.getBytes(StandardCharsets.UTF_8));

		assertThat(read.sources()).hasSize(1);
		assertThat(read.sources().get(0).rawValue()).isEqualTo("{\"projectCode\":\"A\"}");
		assertThat(read.sorts()).hasSize(2);
		assertThat(read.aggregations().isEmpty()).isTrue();
	}

	@Test
	void shouldRefuseAnAnswerThatIsNotOne() {
		for (String answer : List.of("[1]", "", "{\"hits\":{\"hits\":[{\"_source\":",
				"{\"hits\":{\"hits\":[{\"sort\":[{\"a\":1}]}]}}", "{\"hits\":[]}")) {
			assertThatThrownBy(() -> SearchAnswer.read(answer.getBytes(StandardCharsets.UTF_8))).as(answer)
				.isInstanceOf(UnreadableAnswerException.class)
				.hasMessageContaining("cannot be read");
		}
	}

	@Property(tries = 200)
	void shouldRefuseEveryAnswerCutShort(@ForAll("documents") List<ObjectNode> documents,
			@ForAll @IntRange(min = 0, max = 1_000_000) int cut) {
		ObjectNode answer = nodes.objectNode();
		ArrayNode hits = answer.putObject("hits").put("total", 1).putArray("hits");
		documents.forEach((document) -> hits.addObject().<ObjectNode>set("_source", document).putArray("sort").add(1));
		byte[] whole = json.writeValueAsBytes(answer);
		byte[] part = java.util.Arrays.copyOf(whole, cut % whole.length);

		assertThatThrownBy(() -> SearchAnswer.read(part)).isInstanceOf(UnreadableAnswerException.class);
	}

	@Test
	void shouldAnswer502NotUnreachableWhenTheAnswerCannotBeRead() throws IOException {
		ResponseEntity<ProblemDetail> answer = new SearchErrors()
			.unreadable(new UnreadableAnswerException("END_OBJECT expected", null));

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
		assertThat(answer.getBody().getDetail()).contains("cannot read").doesNotContain("reached");
		assertThat(new SearchErrors().unreachable(new IOException("Connection refused")).getStatusCode())
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
	}

	@Provide
	Arbitrary<List<ObjectNode>> documents() {
		return document(2).list().ofMaxSize(25);
	}

	@Provide
	Arbitrary<List<List<Object>>> sorts() {
		Arbitrary<Object> value = Arbitraries.oneOf(Arbitraries.longs().map(Object.class::cast),
				Arbitraries.doubles().map(Object.class::cast), text().map(Object.class::cast), Arbitraries.just(null));
		return value.list().ofMinSize(1).ofMaxSize(3).list().ofMinSize(1).ofMaxSize(4);
	}

	private static Arbitrary<ObjectNode> document(int depth) {
		Arbitrary<JsonNode> leaf = Arbitraries.oneOf(text().map(nodes::stringNode),
				Arbitraries.longs().map(nodes::numberNode), Arbitraries.bigDecimals().ofScale(2).map(nodes::numberNode),
				Arbitraries.of(true, false).map(nodes::booleanNode), Arbitraries.just(nodes.nullNode()));
		Arbitrary<JsonNode> value = (depth == 0) ? leaf
				: Arbitraries.oneOf(leaf, leaf, document(depth - 1).map(JsonNode.class::cast),
						leaf.list().ofMaxSize(3).map((list) -> (JsonNode) nodes.arrayNode().addAll(list)));
		return Combinators.combine(text().list().ofMaxSize(6).uniqueElements(), value.list().ofSize(6))
			.as((names, values) -> {
				ObjectNode object = nodes.objectNode();
				for (int i = 0; i < names.size(); i++) {
					object.set(names.get(i), values.get(i));
				}
				return object;
			});
	}

	private static Arbitrary<String> text() {
		Arbitrary<String> text = Arbitraries.strings()
			.withChars("aăâđêôơưÁẠẢẤẦỆỮỳýỹĐ \"\\/{}[],:\n\t\u0000\u2028")
			.withCharRange('a', 'z')
			.ofMaxLength(12);
		// characters beyond the BMP, as surrogate pairs
		return Arbitraries.oneOf(text, text.map((s) -> s + "😀𝔘"));
	}

	private static JsonNode sortNode(List<Object> sort) {
		ArrayNode array = nodes.arrayNode();
		for (Object value : sort) {
			if (value == null) {
				array.addNull();
			}
			else if (value instanceof Long number) {
				array.add(number);
			}
			else if (value instanceof Double number) {
				array.add(number);
			}
			else {
				array.add((String) value);
			}
		}
		return array;
	}

	private static FieldValue fieldValue(Object value) {
		if (value == null) {
			return FieldValue.NULL;
		}
		if (value instanceof Long number) {
			return FieldValue.of(number.longValue());
		}
		if (value instanceof Double number) {
			return FieldValue.of(number.doubleValue());
		}
		return FieldValue.of((String) value);
	}

}
