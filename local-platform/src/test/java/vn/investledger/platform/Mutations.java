package vn.investledger.platform;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.BiFunction;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import vn.investledger.events.EventJson;
import vn.investledger.events.LicensingEvent;

/**
 * What a careless or hostile province system sends instead of a good event: the event as
 * it is, or changed by one of these mutations, each named so that a failing case says
 * which.
 */
final class Mutations {

	/**
	 * A JSON mapper without the contract's read limits, so that any shape can be built.
	 */
	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String[] ODD_TEXT = { "Nhà máy\tA", "line\nbreak", "\u0000", "C1\u0085", "\u200B\u200F\u202E",
			"🏭🏭🏭", "Đình Vũ", "Hải Phòng", "=HYPERLINK(\"http://x\",\"y\")", "<script>alert(1)</script>",
			"'; DROP TABLE projects; --", "   ", "" };

	private Mutations() {
	}

	/**
	 * A sent record: its body and key.
	 *
	 * @param mutation the mutation's name ({@code none} for the event as it is)
	 * @param body the bytes sent
	 * @param key the Kafka key it is sent under
	 */
	record Sent(String mutation, byte[] body, String key) {

	}

	/**
	 * A mutation of an event into a tree or bytes; {@code others} are events of other
	 * units.
	 */
	private record Mutation(String name, BiFunction<Context, Random, Object> apply) {

	}

	/**
	 * The event mutated, and what it may use.
	 *
	 * @param event the event
	 * @param tree its JSON tree
	 * @param foreign an event of another unit's project
	 */
	private record Context(LicensingEvent event, ObjectNode tree, LicensingEvent foreign) {

	}

	private static final List<Mutation> MUTATIONS = List.of(new Mutation("none", (c, r) -> c.tree()),
			new Mutation("unknown-field", (c, r) -> c.tree().put("futureField", "optional")),
			new Mutation("wrong-type", (c, r) -> {
				envelope(c).put("revision", "one");
				return c.tree();
			}), new Mutation("number-for-object", (c, r) -> c.tree().put("envelope", 42)),
			new Mutation("huge-number", (c, r) -> {
				envelope(c).put("revision", new java.math.BigInteger("9".repeat(30)));
				return c.tree();
			}), new Mutation("huge-amount", (c, r) -> {
				money(c).ifPresent((money) -> money.put("minorUnits", r.nextBoolean() ? Long.MAX_VALUE
						: (r.nextBoolean() ? 9_000_000_000_000_000_000L : Long.MIN_VALUE)));
				return c.tree();
			}), new Mutation("negative-amount", (c, r) -> {
				money(c).ifPresent((money) -> money.put("minorUnits", -1 - r.nextInt(1000)));
				return c.tree();
			}), new Mutation("fractional-amount", (c, r) -> {
				money(c).ifPresent((money) -> money.put("minorUnits", 100.5));
				return c.tree();
			}), new Mutation("deep-nesting", (c, r) -> {
				JsonNode nested = json.createObjectNode();
				for (int i = 0; i < 20 + r.nextInt(900); i++) {
					ArrayNode wrap = json.createArrayNode();
					wrap.add(nested);
					nested = wrap;
				}
				return c.tree().set("deep", nested);
			}), new Mutation("long-name", (c, r) -> {
				c.tree().put("projectName", "Nhà máy ".repeat(1 + r.nextInt(20_000)));
				return c.tree();
			}), new Mutation("long-code", (c, r) -> {
				envelope(c).put("projectCode", "9".repeat(65 + r.nextInt(30_000)));
				return c.tree();
			}), new Mutation("decomposed-code", (c, r) -> {
				// the code's letters typed decomposed (Ố as O, U+0302, U+0301): another
				// project's key by its bytes, refused rather than counted as a new
				// project
				envelope(c).put("projectCode", envelope(c).get("projectCode").asString() + "-O\u0302\u0301");
				return c.tree();
			}), new Mutation("odd-text", (c, r) -> {
				c.tree().put("projectName", ODD_TEXT[r.nextInt(ODD_TEXT.length)]);
				if (c.tree().has("investors") && c.tree().get("investors").size() > 0) {
					((ObjectNode) c.tree().get("investors").get(0)).put("name", ODD_TEXT[r.nextInt(ODD_TEXT.length)]);
				}
				return c.tree();
			}),
			new Mutation("lone-surrogate",
					(c, r) -> new String(toBytes(c.tree()), StandardCharsets.UTF_8)
						.replace("\"envelope\"", "\"x\":\"\\ud800\",\"envelope\"")
						.getBytes(StandardCharsets.UTF_8)),
			new Mutation("overlong-utf8", (c, r) -> {
				// the project code's first letter in an overlong form (C1 95 for U),
				// which
				// a lenient parser reads as the letter, while text kept of the event
				// holds replacement characters in its place
				byte[] bytes = toBytes(c.tree());
				int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("\"projectCode\":\"") + 15;
				int letter = bytes[at];
				if (at < 15 || letter < 0x40 || letter > 0x7E) {
					return bytes;
				}
				byte[] spoiled = new byte[bytes.length + 1];
				System.arraycopy(bytes, 0, spoiled, 0, at);
				spoiled[at] = (byte) (0xC0 | (letter >> 6));
				spoiled[at + 1] = (byte) (0x80 | (letter & 0x3F));
				System.arraycopy(bytes, at + 1, spoiled, at + 2, bytes.length - at - 1);
				return spoiled;
			}), new Mutation("ancient-date", (c, r) -> {
				envelope(c).put("effectiveDate", "1900-01-0" + (1 + r.nextInt(9)));
				return c.tree();
			}), new Mutation("future-date", (c, r) -> {
				envelope(c).put("effectiveDate", r.nextBoolean() ? "9999-12-31" : "2099-01-01");
				return c.tree();
			}), new Mutation("future-emission", (c, r) -> {
				envelope(c).put("emittedAt", "9999-01-01T00:00:00Z");
				return c.tree();
			}), new Mutation("bad-date", (c, r) -> {
				envelope(c).put("effectiveDate", "2024-02-30");
				return c.tree();
			}), new Mutation("revision-jump", (c, r) -> {
				envelope(c).put("revision", envelope(c).get("revision").asLong() + 101 + r.nextInt(1_000_000));
				return c.tree();
			}), new Mutation("revision-zero", (c, r) -> {
				envelope(c).put("revision", r.nextBoolean() ? 0 : -1);
				return c.tree();
			}), new Mutation("foreign-project", (c, r) -> {
				envelope(c).put("projectCode", c.foreign().key());
				envelope(c).put("revision", c.foreign().envelope().revision() + 1);
				envelope(c).put("eventId", UUID.randomUUID().toString());
				return c.tree();
			}), new Mutation("foreign-province", (c, r) -> {
				envelope(c).put("provinceCode", c.foreign().envelope().provinceCode());
				return c.tree();
			}), new Mutation("same-id-other-content", (c, r) -> {
				c.tree().put("projectName", "Đổi nội dung " + r.nextInt());
				money(c).ifPresent((money) -> money.put("minorUnits", 1 + r.nextInt(1000)));
				return c.tree();
			}), new Mutation("unknown-kind", (c, r) -> c.tree().put("kind", "merged")),
			new Mutation("missing-envelope", (c, r) -> {
				c.tree().remove("envelope");
				return c.tree();
			}),
			new Mutation("duplicate-property",
					(c, r) -> new String(toBytes(c.tree()), StandardCharsets.UTF_8)
						.replaceFirst("\\{", "{\"kind\":\"terminated\",")
						.getBytes(StandardCharsets.UTF_8)),
			new Mutation("truncated", (c, r) -> {
				byte[] bytes = toBytes(c.tree());
				return java.util.Arrays.copyOf(bytes, r.nextInt(bytes.length));
			}), new Mutation("array", (c, r) -> json.createArrayNode().add(c.tree())),
			new Mutation("json-null", (c, r) -> "null".getBytes(StandardCharsets.UTF_8)),
			new Mutation("random-bytes", (c, r) -> {
				byte[] bytes = new byte[1 + r.nextInt(2000)];
				r.nextBytes(bytes);
				return bytes;
			}), new Mutation("oversized", (c, r) -> {
				c.tree().put("padding", "x".repeat(40_000 + r.nextInt(200_000)));
				return c.tree();
			}));

	/**
	 * An event as a province system might send it: as it is about a third of the time,
	 * else mutated.
	 * @param event the good event
	 * @param foreign an event of another unit's project
	 * @param random the case's randomness
	 * @return what is sent
	 */
	static Sent send(LicensingEvent event, LicensingEvent foreign, Random random) {
		Mutation mutation = (random.nextInt(3) == 0) ? MUTATIONS.get(0)
				: MUTATIONS.get(1 + random.nextInt(MUTATIONS.size() - 1));
		ObjectNode tree = (ObjectNode) json.readTree(EventJson.toBytes(event));
		Object result = mutation.apply().apply(new Context(event, tree, foreign), random);
		byte[] body = (result instanceof byte[] bytes) ? bytes : toBytes((JsonNode) result);
		JsonNode envelope = tree.path("envelope");
		String key = envelope.path("projectCode").isString() ? envelope.get("projectCode").asString() : event.key();
		return new Sent(mutation.name(), body, key);
	}

	private static ObjectNode envelope(Context context) {
		return (ObjectNode) context.tree().get("envelope");
	}

	private static java.util.Optional<ObjectNode> money(Context context) {
		for (String field : List.of("registeredCapital", "capitalChange", "amount")) {
			if (context.tree().get(field) instanceof ObjectNode money) {
				return java.util.Optional.of(money);
			}
		}
		return java.util.Optional.empty();
	}

	private static byte[] toBytes(JsonNode tree) {
		return json.writeValueAsBytes(tree);
	}

}
