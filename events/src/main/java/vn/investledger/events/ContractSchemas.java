package vn.investledger.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import tools.jackson.databind.JsonNode;

/**
 * The event's structure, read from the published JSON Schemas (draft 2020-12) and checked
 * at run time with them: types, required properties, enumerations, patterns, lengths,
 * bounds and formats. Each schema is compiled once. A schema's failures become
 * {@link Violation}s with the field's path ({@code investors[0].name}) and a reason: the
 * schema's own {@code message} for the keyword where it gives one, otherwise one written
 * from the keyword and the value.
 */
final class ContractSchemas {

	/** Where the schemas say they live; mapped to wherever they are read from. */
	static final String ID_PREFIX = "https://investledger.vn/schemas/v1/";

	/**
	 * The published schemas, in the order the gateway lists them: the event (choosing the
	 * kind's by {@code kind}), its parts, and one per kind.
	 */
	static final List<String> PUBLISHED = List.of("event", "envelope", "money", "common", "licensed",
			"capital-adjusted", "capital-contributed", "disbursed", "suspended", "resumed", "terminated");

	/**
	 * The keyword of the schemas' own reasons, e.g. {@code "message": {"pattern": …}}.
	 */
	static final String MESSAGE_KEYWORD = "message";

	private static final ContractSchemas SHIPPED = new ContractSchemas(URI.create("classpath:schemas/"));

	private final Map<EventKind, Schema> byKind = new EnumMap<>(EventKind.class);

	/** Each schema document's tree, by its {@code $id}. */
	private final Map<String, JsonNode> documents = new HashMap<>();

	/** Per kind: each field's place in the schema, so violations come in its order. */
	private final Map<EventKind, Map<String, Integer>> fieldOrder = new EnumMap<>(EventKind.class);

	/**
	 * Reads and compiles the schemas.
	 * @param location the directory holding the {@code *.schema.json} files, e.g.
	 * {@code classpath:schemas/} or a {@code file:} URI
	 */
	ContractSchemas(URI location) {
		Map<String, String> texts = new HashMap<>();
		for (String name : PUBLISHED) {
			String id = ID_PREFIX + name + ".schema.json";
			texts.put(id, read(location, name));
			this.documents.put(id, EventJson.mapper().readTree(texts.get(id)));
		}
		SchemaRegistryConfig config = SchemaRegistryConfig.builder()
			.errorMessageKeyword(MESSAGE_KEYWORD)
			// binding refuses most malformed dates and ids first, but not all (an instant
			// as a number, an id in base64): the schema's formats are asserted too
			.formatAssertionsEnabled(true)
			.build();
		// the registry compiles the documents read here, and fetches nothing
		SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
				(builder) -> builder.schemaRegistryConfig(config).schemas(texts::get));
		for (EventKind kind : EventKind.values()) {
			Schema schema = registry.getSchema(SchemaLocation.of(id(kind)));
			// resolve every $ref now, not on the first event
			schema.initializeValidators();
			this.byKind.put(kind, schema);
			Map<String, Integer> order = new HashMap<>();
			walk(id(kind), this.documents.get(id(kind)), "", order);
			this.fieldOrder.put(kind, order);
		}
	}

	/**
	 * The schemas shipped in this jar, compiled once.
	 * @return the shipped schemas
	 */
	static ContractSchemas shipped() {
		return SHIPPED;
	}

	/**
	 * Checks an event's tree against its kind's schema.
	 * @param kind the kind the tree was bound as
	 * @param tree the event's JSON tree
	 * @param violations where to add a violation per field (the first failure of each)
	 */
	void check(EventKind kind, JsonNode tree, Violations violations) {
		List<Error> errors = this.byKind.get(kind).validate(tree);
		for (Error error : errors) {
			String field = path(error.getInstanceLocation());
			if ("required".equals(error.getKeyword())) {
				field = field.isEmpty() ? error.getProperty() : field + "." + error.getProperty();
			}
			else if ("additionalProperties".equals(error.getKeyword())) {
				// the sender's own name: as written if it is a plain name, else quoted,
				// so that its dots and brackets are not read as the path's
				String name = plain(error.getProperty()) ? error.getProperty()
						: EventValidator.quoted(error.getProperty());
				field = field.isEmpty() ? name : field + "." + name;
			}
			violations.add(field, reason(error));
		}
	}

	/**
	 * Orders violations as the schemas declare their fields, items of an array by index.
	 * @param kind the event's kind
	 * @return the order
	 */
	Comparator<Violation> inFieldOrder(EventKind kind) {
		Map<String, Integer> order = this.fieldOrder.get(kind);
		return Comparator.comparing((Violation violation) -> sortKey(order, violation.field()),
				ContractSchemas::compare);
	}

	/** Letters, digits, {@code _}, {@code -} and {@code $}: a name shown as written. */
	private static boolean plain(String name) {
		return name != null && !name.isEmpty() && name.length() <= 64
				&& name.codePoints()
					.allMatch((c) -> (Character.isLetterOrDigit(c) && !EventRules.invisible(c)) || c == '_' || c == '-'
							|| c == '$');
	}

	/**
	 * {@code investors[1].name}: the place of {@code investors}, 1, the place of
	 * {@code investors[].name}; a field the schemas do not name comes after the others,
	 * and so does a name quoted or an index that is not one.
	 */
	private static int[] sortKey(Map<String, Integer> order, String field) {
		List<Integer> key = new ArrayList<>();
		StringBuilder prefix = new StringBuilder();
		int i = 0;
		while (i < field.length()) {
			if (field.charAt(i) == '"') {
				key.add(Integer.MAX_VALUE);
				break;
			}
			if (field.charAt(i) == '[') {
				int end = field.indexOf(']', i);
				String index = (end > i) ? field.substring(i + 1, end) : "";
				if (index.isEmpty() || index.length() > 9 || !index.chars().allMatch((c) -> c >= '0' && c <= '9')) {
					key.add(Integer.MAX_VALUE);
					break;
				}
				key.add(Integer.parseInt(index));
				prefix.append("[]");
				i = end + 1;
			}
			else {
				if (field.charAt(i) == '.') {
					i++;
				}
				if (i < field.length() && field.charAt(i) == '"') {
					key.add(Integer.MAX_VALUE);
					break;
				}
				int end = i;
				while (end < field.length() && field.charAt(end) != '.' && field.charAt(end) != '[') {
					end++;
				}
				if (!prefix.isEmpty()) {
					prefix.append('.');
				}
				prefix.append(field, i, end);
				key.add(order.getOrDefault(prefix.toString(), Integer.MAX_VALUE));
				i = end;
			}
		}
		return key.stream().mapToInt(Integer::intValue).toArray();
	}

	private static int compare(int[] a, int[] b) {
		return Arrays.compare(a, b);
	}

	/**
	 * The tree of a published schema as this instance read it.
	 * @param name e.g. {@code licensed}
	 * @return the schema document
	 */
	JsonNode document(String name) {
		return this.documents.get(ID_PREFIX + name + ".schema.json");
	}

	private static String id(EventKind kind) {
		return ID_PREFIX + kind.jsonName() + ".schema.json";
	}

	private static String read(URI location, String name) {
		String file = name + ".schema.json";
		try (InputStream in = open(location, file)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the schema " + file + " from " + location, ex);
		}
	}

	private static InputStream open(URI location, String file) throws IOException {
		if ("classpath".equals(location.getScheme())) {
			String resource = location.getSchemeSpecificPart() + file;
			InputStream in = ContractSchemas.class.getClassLoader().getResourceAsStream(resource);
			if (in == null) {
				throw new IllegalStateException("Missing schema " + resource + " on the class path");
			}
			return in;
		}
		URL url = location.resolve(file).toURL();
		return url.openStream();
	}

	/**
	 * Numbers the fields a schema declares, depth first in declaration order, following
	 * {@code $ref} and {@code allOf}; conditional parts only repeat fields declared
	 * before.
	 */
	private void walk(String document, JsonNode schema, String path, Map<String, Integer> order) {
		if (schema == null || !schema.isObject()) {
			return;
		}
		JsonNode ref = schema.get("$ref");
		if (ref != null) {
			String target = ref.asString();
			int hash = target.indexOf('#');
			String file = (hash < 0) ? target : target.substring(0, hash);
			String targetDocument = file.isEmpty() ? document : ID_PREFIX + file;
			JsonNode node = this.documents.get(targetDocument);
			if (hash >= 0 && node != null) {
				node = node.at(target.substring(hash + 1));
			}
			walk(targetDocument, node, path, order);
		}
		JsonNode properties = schema.get("properties");
		if (properties != null) {
			for (Map.Entry<String, JsonNode> property : properties.properties()) {
				String field = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
				order.putIfAbsent(field, order.size());
				walk(document, property.getValue(), field, order);
			}
		}
		JsonNode items = schema.get("items");
		if (items != null) {
			walk(document, items, path + "[]", order);
		}
		JsonNode allOf = schema.get("allOf");
		if (allOf != null) {
			allOf.values().forEach((part) -> walk(document, part, path, order));
		}
	}

	/** {@code investors[0].name} for the JSON pointer {@code /investors/0/name}. */
	static String path(NodePath location) {
		StringBuilder path = new StringBuilder();
		for (int i = 0; i < location.getNameCount(); i++) {
			Object element = location.getElement(i);
			if (element instanceof Integer index) {
				path.append('[').append(index).append(']');
			}
			else {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(element);
			}
		}
		return path.toString();
	}

	/**
	 * A failure's reason: the schema's own message for the keyword, with the value it was
	 * given; otherwise one written from the keyword.
	 */
	private String reason(Error error) {
		JsonNode value = error.getInstanceNode();
		if (error.isCustomMessage()) {
			// the value, where it tells more than the reason: not for a blank text, nor
			// for
			// what the schema says a value must not be
			boolean tells = value != null && value.isValueNode() && !value.isNull() && !"not".equals(error.getKeyword())
					&& !(value.isString() && value.asString().isBlank());
			return tells ? error.getMessage() + ", was " + shown(value) : error.getMessage();
		}
		JsonNode keyword = error.getSchemaNode();
		return switch (error.getKeyword()) {
			case "required" -> "is required";
			// read as absent, it would be left out of every figure it names
			case "additionalProperties" -> "is not a field of the contract (check its name and case)";
			case "type" -> (value == null || value.isNull()) ? "is required"
					: "must be " + types(keyword) + ", was " + kindOf(value);
			case "const" -> "must be " + keyword + ", was " + shown(value);
			case "enum" -> "must be one of " + enumeration(keyword) + ", was " + shown(value);
			case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" ->
				bounds(error) + ", was " + shown(value);
			case "maxLength" -> "must be at most " + keyword.asInt() + " characters, was "
					+ value.asString().codePointCount(0, value.asString().length());
			case "minLength" -> (keyword.asInt() == 1) ? "must not be empty"
					: "must be at least " + keyword.asInt() + " characters, was " + shown(value);
			case "maxItems" -> "must have at most " + keyword.asInt() + " items, had " + value.size();
			case "minItems" -> "must have at least " + keyword.asInt() + " items, had " + value.size();
			case "format" -> "must be " + format(keyword.asString()) + ", was " + shown(value);
			case "multipleOf" ->
				"must be a multiple of " + keyword.decimalValue().toPlainString() + ", was " + shown(value);
			case "pattern" -> "must match " + keyword.asString() + ", was " + shown(value);
			default -> error.getMessage();
		};
	}

	/**
	 * The bounds of a number as its schema states them together, e.g. {@code must be 1 to
	 * 10000}.
	 */
	private String bounds(Error error) {
		JsonNode schema = schemaOf(error.getSchemaLocation());
		BigDecimal minimum = decimal(schema, "minimum");
		BigDecimal above = decimal(schema, "exclusiveMinimum");
		BigDecimal maximum = decimal(schema, "maximum");
		BigDecimal below = decimal(schema, "exclusiveMaximum");
		String upper = (maximum != null) ? "at most " + maximum.toPlainString()
				: (below != null) ? "less than " + below.toPlainString() : null;
		if (minimum != null && maximum != null) {
			return "must be " + minimum.toPlainString() + " to " + maximum.toPlainString();
		}
		if (above != null && above.signum() == 0 && upper == null) {
			return "must be positive";
		}
		if (minimum != null && minimum.signum() == 0 && upper == null) {
			return "must not be negative";
		}
		String lower = (minimum != null) ? "at least " + minimum.toPlainString()
				: (above != null) ? "more than " + above.toPlainString() : null;
		return "must be "
				+ ((lower != null && upper != null) ? lower + " and " + upper : (lower != null) ? lower : upper);
	}

	/** The schema object holding a failed keyword. */
	private JsonNode schemaOf(SchemaLocation keyword) {
		String location = keyword.toString();
		int hash = location.indexOf('#');
		JsonNode document = this.documents.get((hash < 0) ? location : location.substring(0, hash));
		if (document == null || hash < 0) {
			return null;
		}
		String pointer = location.substring(hash + 1);
		int slash = pointer.lastIndexOf('/');
		return (slash <= 0) ? document : document.at(pointer.substring(0, slash));
	}

	private static BigDecimal decimal(JsonNode schema, String keyword) {
		JsonNode value = (schema != null) ? schema.get(keyword) : null;
		return (value != null && value.isNumber()) ? value.decimalValue() : null;
	}

	private static String types(JsonNode type) {
		StringJoiner names = new StringJoiner(" or ");
		if (type.isArray()) {
			type.values().forEach((t) -> names.add(article(t.asString())));
		}
		else {
			names.add(article(type.asString()));
		}
		return names.toString();
	}

	private static String article(String type) {
		return switch (type) {
			case "integer", "object", "array" -> "an " + type;
			case "null" -> "null";
			default -> "a " + type;
		};
	}

	private static String kindOf(JsonNode value) {
		if (value.isString()) {
			return "a string " + shown(value);
		}
		if (value.isNumber()) {
			return "the number " + shown(value);
		}
		if (value.isBoolean()) {
			return value.asString();
		}
		return value.isArray() ? "an array" : "an object";
	}

	private static String enumeration(JsonNode values) {
		StringJoiner names = new StringJoiner(", ");
		values.values().forEach((value) -> names.add(value.asString()));
		return names.toString();
	}

	private static String format(String format) {
		return switch (format) {
			case "date" -> "a date, yyyy-mm-dd";
			case "date-time" -> "an instant with its offset, e.g. 2024-03-15T03:00:00Z";
			case "uuid" -> "a UUID";
			default -> "a " + format;
		};
	}

	/**
	 * A value as a reason shows it: a text quoted and cut, a number in full unless huge.
	 */
	static String shown(JsonNode value) {
		if (value == null || value.isNull()) {
			return "null";
		}
		if (value.isString()) {
			return EventValidator.quoted(value.asString());
		}
		if (value.isNumber()) {
			BigDecimal number = value.decimalValue();
			// the digits are written out only when they are few: never from the exponent
			// alone (1e-999999999)
			long length = (long) number.precision() + Math.abs((long) number.scale());
			return (length > 24) ? "a number of " + number.precision() + " digits and exponent " + (-number.scale())
					: number.toPlainString();
		}
		if (value.isContainer()) {
			return value.isArray() ? "an array" : "an object";
		}
		return value.asString();
	}

}
