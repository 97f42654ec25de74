package vn.investledger.console.search;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import co.elastic.clients.elasticsearch._types.FieldValue;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where the next page of a search starts: the point in time the search reads and the sort
 * values of the last hit, as an opaque URL-safe string.
 *
 * @param pointInTime the point-in-time id, or {@code null} after the first page
 * @param after the sort values of the last hit returned
 */
record Cursor(String pointInTime, List<FieldValue> after) {

	private static final JsonMapper json = JsonMapper.builder().build();

	String encode() {
		ObjectNode node = json.createObjectNode();
		if (this.pointInTime != null) {
			node.put("pit", this.pointInTime);
		}
		else {
			node.putNull("pit");
		}
		ArrayNode values = node.putArray("after");
		for (FieldValue value : this.after) {
			switch (value._kind()) {
				case Long -> values.add(value.longValue());
				case Double -> values.add(value.doubleValue());
				case Boolean -> values.add(value.booleanValue());
				case String -> values.add(value.stringValue());
				case Null -> values.addNull();
				default -> throw new IllegalStateException("Unexpected sort value " + value);
			}
		}
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(node));
	}

	static Cursor decode(String text) {
		try {
			JsonNode node = json.readTree(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8));
			List<FieldValue> after = new ArrayList<>();
			for (JsonNode value : node.required("after")) {
				if (value.isIntegralNumber()) {
					after.add(FieldValue.of(value.longValue()));
				}
				else if (value.isNumber()) {
					after.add(FieldValue.of(value.doubleValue()));
				}
				else if (value.isBoolean()) {
					after.add(FieldValue.of(value.booleanValue()));
				}
				else if (value.isNull()) {
					after.add(FieldValue.NULL);
				}
				else {
					after.add(FieldValue.of(value.stringValue()));
				}
			}
			JsonNode pit = node.get("pit");
			if (after.isEmpty() || (pit != null && !pit.isNull() && !pit.isString())) {
				throw new BadSearchException("The cursor is not one this API gave out; start again without it");
			}
			return new Cursor((pit == null || pit.isNull()) ? null : pit.stringValue(), after);
		}
		catch (IllegalArgumentException | JacksonException ex) {
			throw new BadSearchException("The cursor is not one this API gave out; start again without it");
		}
	}

}
