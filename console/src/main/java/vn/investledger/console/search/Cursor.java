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
 * Where the next page of a search starts: the point in time the search reads, the sort
 * values of the last hit, and which search it is ({@link #searchOf}), as an opaque
 * URL-safe string. A cursor given to another search (other filters, another figure,
 * another order) is refused: its sort values would skip or repeat that search's results
 * silently.
 *
 * A cursor may also be signed for the official it was given to ({@link CursorSigner}):
 * another official who pages with it is refused, rather than keeping open, and at its
 * last page closing, the point in time the first one reads.
 *
 * @param pointInTime the point-in-time id, or {@code null} after the first page
 * @param after the sort values of the last hit returned
 * @param search the fingerprint of the search it continues
 * @param holder its signature for the official it was given to ({@link CursorSigner}), or
 * {@code null} if it is not tied to one
 */
record Cursor(String pointInTime, List<FieldValue> after, String search, String holder) {

	/**
	 * A cursor not tied to an official.
	 * @param pointInTime the point-in-time id, or {@code null} after the first page
	 * @param after the sort values of the last hit returned
	 * @param search the fingerprint of the search it continues
	 */
	Cursor(String pointInTime, List<FieldValue> after, String search) {
		this(pointInTime, after, search, null);
	}

	private static final JsonMapper json = JsonMapper.builder().build();

	String encode() {
		ObjectNode node = unsigned();
		if (this.holder != null) {
			node.put("by", this.holder);
		}
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(node));
	}

	/**
	 * What a signature covers: everything the cursor carries but the signature.
	 * @return the cursor's JSON without it
	 */
	String payload() {
		return json.writeValueAsString(unsigned());
	}

	/**
	 * The same cursor, signed.
	 * @param signature its signature
	 * @return a copy
	 */
	Cursor signed(String signature) {
		return new Cursor(this.pointInTime, this.after, this.search, signature);
	}

	private ObjectNode unsigned() {
		ObjectNode node = json.createObjectNode();
		if (this.pointInTime != null) {
			node.put("pit", this.pointInTime);
		}
		else {
			node.putNull("pit");
		}
		node.put("search", this.search);
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
		return node;
	}

	/**
	 * The fingerprint of a search: what it asks of which endpoint, in which order.
	 * @param endpoint the endpoint's name
	 * @param parts the query, its sort, its direction
	 * @return a short fingerprint
	 */
	static String searchOf(String endpoint, Object... parts) {
		StringBuilder text = new StringBuilder(endpoint);
		for (Object part : parts) {
			text.append('\n').append(part);
		}
		try {
			byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
				.digest(text.toString().getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 12));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Reads a cursor given to a search.
	 * @param text the cursor
	 * @param search the fingerprint of the search it is given to ({@link #searchOf})
	 * @return the cursor
	 * @throws BadSearchException if it is not one this API gave out, or was given out by
	 * another search
	 */
	static Cursor decode(String text, String search) {
		Cursor cursor = decode(text);
		if (!search.equals(cursor.search())) {
			throw new BadSearchException("The cursor continues another search (other filters, another figure or "
					+ "another order): give the same parameters as the page it came from, or start again without it");
		}
		return cursor;
	}

	/**
	 * Reads a cursor's form, whatever search it continues.
	 * @param text the cursor
	 * @return the cursor
	 * @throws BadSearchException if it is not one this API gave out
	 */
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
			JsonNode search = node.get("search");
			JsonNode holder = node.get("by");
			if (after.isEmpty() || (pit != null && !pit.isNull() && !pit.isString()) || search == null
					|| !search.isString() || (holder != null && !holder.isString())) {
				throw new BadSearchException("The cursor is not one this API gave out; start again without it");
			}
			return new Cursor((pit == null || pit.isNull()) ? null : pit.stringValue(), after, search.stringValue(),
					(holder != null) ? holder.stringValue() : null);
		}
		catch (IllegalArgumentException | JacksonException ex) {
			throw new BadSearchException("The cursor is not one this API gave out; start again without it");
		}
	}

}
