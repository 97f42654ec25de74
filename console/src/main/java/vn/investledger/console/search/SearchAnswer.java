package vn.investledger.console.search;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.transport.endpoints.BinaryEndpoint;
import co.elastic.clients.transport.endpoints.BinaryResponse;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.util.RawValue;

/**
 * Elasticsearch's answer to a search, read without binding its documents: each hit's
 * {@code _source} is kept as the bytes the index holds and written out as they are, and
 * only the total, the sort values, the point in time and the aggregations are read. The
 * request goes through the client's transport (its connections, credentials and error
 * handling: a refusal is an {@code ElasticsearchException} as for any typed call), asking
 * Elasticsearch to leave out everything else ({@code filter_path}).
 *
 * @param total how many documents match
 * @param sources each hit's document, as indexed
 * @param sorts each hit's sort values
 * @param pointInTime the point in time the answer gives, or {@code null}
 * @param aggregations the aggregations by name, an empty object if none
 */
record SearchAnswer(long total, List<RawValue> sources, List<List<FieldValue>> sorts, String pointInTime,
		JsonNode aggregations) {

	/** What the answer keeps: the error's fields too, so that a refusal reads as one. */
	static final String FILTER_PATH = "pit_id,hits.total.value,hits.hits._source,hits.hits.sort,aggregations,error,status";

	private static final JsonMapper json = JsonMapper.builder().build();

	/**
	 * The search endpoint, answered as bytes, with plain aggregation names (no
	 * {@code typed_keys}) and only the parts read here.
	 */
	private static final BinaryEndpoint<SearchRequest> ENDPOINT = new BinaryEndpoint<>("es/search",
			SearchRequest._ENDPOINT::method, SearchRequest._ENDPOINT::requestUrl,
			SearchRequest._ENDPOINT::pathParameters, SearchAnswer::parameters, SearchRequest._ENDPOINT::headers, true,
			null);

	/**
	 * Sends a search.
	 * @param client the client
	 * @param request the search
	 * @return the answer
	 * @throws IOException if Elasticsearch cannot be reached or its answer cannot be read
	 */
	static SearchAnswer search(ElasticsearchClient client, SearchRequest request) throws IOException {
		try (BinaryResponse response = client._transport()
			.performRequest(request, ENDPOINT, client._transportOptions()); InputStream content = response.content()) {
			return read(content.readAllBytes());
		}
	}

	private static Map<String, String> parameters(SearchRequest request) {
		Map<String, String> parameters = new HashMap<>(SearchRequest._ENDPOINT.queryParameters(request));
		parameters.remove("typed_keys");
		parameters.put("filter_path", FILTER_PATH);
		return parameters;
	}

	/**
	 * Reads an answer.
	 * @param body the answer's bytes, UTF-8 JSON
	 * @return the answer
	 * @throws UnreadableAnswerException if it is not a search answer
	 */
	static SearchAnswer read(byte[] body) throws IOException {
		long total = 0;
		List<RawValue> sources = new ArrayList<>();
		List<List<FieldValue>> sorts = new ArrayList<>();
		String pointInTime = null;
		JsonNode aggregations = json.createObjectNode();
		try (JsonParser parser = json.createParser(body)) {
			expect(parser.nextToken(), JsonToken.START_OBJECT);
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				switch (name) {
					case "pit_id" -> pointInTime = (value == JsonToken.VALUE_STRING) ? parser.getString() : null;
					case "aggregations" -> aggregations = parser.readValueAsTree();
					case "hits" -> {
						expect(value, JsonToken.START_OBJECT);
						while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
							String part = parser.currentName();
							JsonToken partValue = parser.nextToken();
							if ("total".equals(part)) {
								JsonNode node = parser.readValueAsTree();
								total = node.path("value").asLong(0);
							}
							else if ("hits".equals(part)) {
								expect(partValue, JsonToken.START_ARRAY);
								while (parser.nextToken() == JsonToken.START_OBJECT) {
									readHit(parser, body, sources, sorts);
								}
							}
							else {
								parser.skipChildren();
							}
						}
					}
					default -> parser.skipChildren();
				}
			}
		}
		catch (tools.jackson.core.JacksonException | IllegalStateException ex) {
			throw new UnreadableAnswerException(ex.getMessage(), ex);
		}
		return new SearchAnswer(total, sources, sorts, pointInTime, aggregations);
	}

	private static void readHit(JsonParser parser, byte[] body, List<RawValue> sources, List<List<FieldValue>> sorts) {
		RawValue source = null;
		List<FieldValue> sort = List.of();
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			if ("_source".equals(name) && value == JsonToken.START_OBJECT) {
				int start = (int) parser.currentTokenLocation().getByteOffset();
				parser.skipChildren();
				int end = (int) parser.currentTokenLocation().getByteOffset() + 1;
				source = new RawValue(new String(body, start, end - start, StandardCharsets.UTF_8));
			}
			else if ("sort".equals(name) && value == JsonToken.START_ARRAY) {
				sort = sortValues(parser);
			}
			else {
				parser.skipChildren();
			}
		}
		// a hit without a source (one indexed without it) is left out, as the typed
		// client's answer left it
		if (source != null) {
			sources.add(source);
		}
		sorts.add(sort);
	}

	private static List<FieldValue> sortValues(JsonParser parser) {
		List<FieldValue> values = new ArrayList<>();
		JsonToken token;
		while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
			values.add(switch (token) {
				case VALUE_NUMBER_INT -> FieldValue.of(parser.getLongValue());
				case VALUE_NUMBER_FLOAT -> FieldValue.of(parser.getDoubleValue());
				case VALUE_TRUE, VALUE_FALSE -> FieldValue.of(token == JsonToken.VALUE_TRUE);
				case VALUE_NULL -> FieldValue.NULL;
				case VALUE_STRING -> FieldValue.of(parser.getString());
				default -> throw new IllegalStateException("Unexpected sort value " + token);
			});
		}
		return values;
	}

	private static void expect(JsonToken token, JsonToken expected) throws IOException {
		if (token != expected) {
			throw new UnreadableAnswerException(expected + " expected, " + token + " found", null);
		}
	}

	/**
	 * An aggregation of the answer.
	 * @param name its name
	 * @return the aggregation, or a missing node
	 */
	JsonNode aggregation(String name) {
		JsonNode aggregation = this.aggregations.get(name);
		return (aggregation != null) ? aggregation : NullNode.getInstance();
	}

}
