package vn.investledger.events;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ValueNode;

/**
 * The contract's JSON form: UTF-8, ISO-8601 dates and instants, money as integer minor
 * units. Binding ignores a property it does not know, so that an event kept by a later
 * version is read back; an arriving event is checked against the schemas first, which
 * refuse one ({@link EventValidator}).
 * <p>
 * Reading is bounded: an event is at most {@link Limits#MAX_EVENT_BYTES}, nested at most
 * {@link Limits#MAX_JSON_DEPTH} deep, with numbers of at most 40 digits and (in an
 * event's tree) an exponent within {@link Limits#MAX_NUMBER_SCALE}; a property named
 * twice is refused, since readers in other languages may take the other copy.
 */
public final class EventJson {

	private static final JsonFactory FACTORY = JsonFactory.builder()
		.streamReadConstraints(StreamReadConstraints.builder()
			.maxNestingDepth(Limits.MAX_JSON_DEPTH)
			.maxNumberLength(40)
			.maxStringLength(Limits.MAX_EVENT_BYTES)
			.maxNameLength(256)
			.build())
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private static final JsonMapper MAPPER = JsonMapper.builder(FACTORY)
		.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		// 265000000000.5 must be refused, never truncated into a long of đồng
		.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	/**
	 * Reads an event's tree with every number exact (a land area stays the decimal it was
	 * written as), so that binding the tree gives the event reading the bytes would.
	 */
	private static final ObjectReader TREE_READER = MAPPER.readerFor(JsonNode.class)
		.with(new BoundedNumbers())
		.with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.with(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);

	private static final ObjectReader EVENT_READER = MAPPER.readerFor(LicensingEvent.class);

	private EventJson() {
	}

	/**
	 * Makes the nodes of an event's tree, refusing a decimal whose exponent lies beyond
	 * {@link Limits#MAX_NUMBER_SCALE}: a few characters that no check may write out or
	 * add.
	 */
	private static final class BoundedNumbers extends JsonNodeFactory {

		@Override
		public ValueNode numberNode(BigDecimal value) {
			if (value != null && Math.abs((long) value.scale()) > Limits.MAX_NUMBER_SCALE) {
				throw new StreamConstraintsException("A number's exponent must lie within ±" + Limits.MAX_NUMBER_SCALE
						+ " (this one's decimal scale is " + value.scale() + ")");
			}
			return super.numberNode(value);
		}

	}

	/**
	 * The content hash of an event: the first 8 bytes of the SHA-256 of its canonical
	 * JSON (its known fields in a fixed order; a land area without trailing zeros), never
	 * 0, so that two copies of an event compare equal however their JSON was spaced or
	 * ordered, or their land area written ({@code 12.5}, {@code 12.50}). The ledger tells
	 * a copy from a conflict by it, and the backfill importer a repeated row from another
	 * row of the same revision.
	 * @param event the event
	 * @return the hash
	 */
	public static long contentHash(LicensingEvent event) {
		LicensingEvent canonical = event;
		if (event instanceof Licensed licence && licence.landAreaHa() != null) {
			BigDecimal area = licence.landAreaHa().stripTrailingZeros();
			canonical = new Licensed(licence.envelope(), licence.investmentType(), licence.projectName(),
					licence.ircNumber(), licence.enterpriseCode(), licence.investors(), licence.zoneCode(),
					licence.sector(), licence.registeredCapital(), area, licence.plannedEmployment(),
					licence.durationYears());
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(toBytes(canonical));
			long hash = ByteBuffer.wrap(digest).getLong();
			// 0 means "unknown" in the ledger's records
			return (hash != 0) ? hash : 1;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	/**
	 * The shared mapper, configured for the contract.
	 * @return the mapper
	 */
	public static JsonMapper mapper() {
		return MAPPER;
	}

	public static byte[] toBytes(Object value) {
		return MAPPER.writeValueAsBytes(value);
	}

	public static String toJson(Object value) {
		return MAPPER.writeValueAsString(value);
	}

	/**
	 * Reads an event.
	 * @param json the UTF-8 JSON bytes
	 * @return the event, not yet validated
	 * @throws EventTooLargeException if the bytes are more than
	 * {@link Limits#MAX_EVENT_BYTES}
	 * @throws JacksonException if the bytes are not an event's JSON
	 */
	public static LicensingEvent read(byte[] json) {
		EventTooLargeException.check(json.length);
		// no encoding check: this reads events already kept (the ledger's history, held
		// events), some written by versions that took a UTF-8 byte order mark; events
		// arriving are read by readTree, which checks
		return MAPPER.readValue(json, LicensingEvent.class);
	}

	/**
	 * Refuses JSON bytes in an encoding other than UTF-8, which the parser would detect
	 * and read, as an event arrives ({@link #readTree(byte[])}): a byte order mark
	 * (UTF-8's, UTF-16's or UTF-32's), or a zero byte among the first four (UTF-16 or
	 * UTF-32 without a mark; UTF-8 JSON never begins with one). Such an event would be
	 * counted, and its text, read as UTF-8 wherever it is kept (the ledger's history),
	 * garbled or unreadable. So are bytes that are not UTF-8 anywhere after the start,
	 * strictly: the parser takes an overlong form ({@code C1 95} for {@code U}) as the
	 * letter it would stand for, so an event would be counted as read while the text kept
	 * of it (decoded as UTF-8 wherever it is kept) holds replacement characters in its
	 * place, and a recount or an index of that text could not read it back.
	 * @param json the bytes
	 * @throws StreamConstraintsException if they are not UTF-8 JSON
	 */
	public static void requireUtf8(byte[] json) {
		String other = otherEncoding(json);
		if (other != null) {
			throw new StreamConstraintsException(
					"An event's JSON must be UTF-8, without a byte order mark: these bytes " + other);
		}
	}

	private static String otherEncoding(byte[] json) {
		if (json.length >= 3 && json[0] == (byte) 0xEF && json[1] == (byte) 0xBB && json[2] == (byte) 0xBF) {
			return "begin with UTF-8's byte order mark (EF BB BF)";
		}
		if (json.length >= 2 && ((json[0] == (byte) 0xFE && json[1] == (byte) 0xFF)
				|| (json[0] == (byte) 0xFF && json[1] == (byte) 0xFE))) {
			return "begin with a UTF-16 or UTF-32 byte order mark";
		}
		for (int i = 0; i < Math.min(4, json.length); i++) {
			if (json[i] == 0) {
				return "have a zero byte among the first four, as UTF-16 and UTF-32 do";
			}
		}
		return notUtf8(json);
	}

	/**
	 * Where bytes stop being UTF-8, as Java's decoder reads it strictly: no overlong
	 * form, no surrogate, nothing past U+10FFFF, no sequence cut short.
	 */
	private static String notUtf8(byte[] json) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(json);
		// a buffer of its own size, whatever the bytes': an 8 MB batch is checked in 8
		// KiB
		CharBuffer out = CharBuffer.allocate(8 * 1024);
		CoderResult result = decoder.decode(in, out, true);
		while (result.isOverflow()) {
			out.clear();
			result = decoder.decode(in, out, true);
		}
		if (!result.isError()) {
			return null;
		}
		int at = in.position();
		StringBuilder bytes = new StringBuilder();
		// the bytes from there, up to four: the sequence and what follows it
		for (int i = at; i < Math.min(json.length, at + 4); i++) {
			bytes.append((bytes.isEmpty()) ? "" : " ").append(String.format("%02X", json[i] & 0xFF));
		}
		return "are not UTF-8 at byte " + at + " (" + bytes
				+ "): a sequence no UTF-8 writer produces (an overlong form, a surrogate, a byte above F4, a sequence cut short)";
	}

	public static LicensingEvent read(String json) {
		return read(json.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Reads an event's JSON as a tree, with the same bounds as {@link #read(byte[])}: the
	 * form in which it is checked against the schemas and then bound
	 * ({@link #read(JsonNode)}), so that it is parsed once.
	 * @param json the UTF-8 JSON bytes
	 * @return the tree, not yet validated
	 * @throws EventTooLargeException if the bytes are more than
	 * {@link Limits#MAX_EVENT_BYTES}
	 * @throws JacksonException if the bytes are not UTF-8 JSON
	 */
	public static JsonNode readTree(byte[] json) {
		EventTooLargeException.check(json.length);
		requireUtf8(json);
		return tree(json);
	}

	/**
	 * The tree of an event object as the ledger will read it, whatever its size: numbers
	 * bounded as {@link #readTree(byte[])} bounds them (an object's decimal can hold an
	 * exponent that its JSON must not).
	 * @param event an event
	 * @return its tree
	 * @throws StreamConstraintsException if a number lies beyond the bounds
	 */
	static JsonNode treeAsRead(LicensingEvent event) {
		return tree(toBytes(event));
	}

	private static JsonNode tree(byte[] json) {
		try {
			return TREE_READER.readValue(json);
		}
		catch (NumberFormatException | ArithmeticException ex) {
			// a number Java cannot hold (1e-2147483648), as Jackson reports it: not JSON
			// of an event, like any other unreadable number
			throw new StreamConstraintsException(
					"A number's exponent must lie within ±" + Limits.MAX_NUMBER_SCALE + " (" + ex.getMessage() + ")");
		}
	}

	/**
	 * Binds an event from its tree.
	 * @param tree a tree read by {@link #readTree(byte[])}
	 * @return the event, not yet validated; {@code null} for JSON's {@code null}
	 * @throws JacksonException if the tree is not an event's
	 */
	public static LicensingEvent read(JsonNode tree) {
		return EVENT_READER.readValue(tree);
	}

	/**
	 * The tree of an event, as it would be written.
	 * @param event an event
	 * @return its JSON tree
	 */
	public static JsonNode toTree(LicensingEvent event) {
		return MAPPER.valueToTree(event);
	}

}
