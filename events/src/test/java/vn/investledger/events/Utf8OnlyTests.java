package vn.investledger.events;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import tools.jackson.core.JacksonException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An event's JSON is UTF-8: the same event in UTF-16 or UTF-32, which the parser would
 * detect and read, with a byte order mark, or with bytes that are not UTF-8 anywhere in
 * it, is refused before it can be counted and its text kept garbled in the ledger's
 * history.
 */
class Utf8OnlyTests {

	private static final byte[] UTF8_MARK = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	@Property
	void shouldRefuseAnEventInAnotherEncodingOrWithAByteOrderMark(@ForAll("events") LicensingEvent event,
			@ForAll("otherEncodings") Charset charset, @ForAll boolean marked) {
		byte[] bytes = EventJson.toJson(event).getBytes(charset);
		byte[] json = marked ? withMark(bytes, charset) : bytes;

		for (Runnable read : List.<Runnable>of(() -> EventJson.readTree(json),
				() -> EventValidator.read(json, Instant.now()))) {
			assertThatExceptionOfType(JacksonException.class).isThrownBy(read::run)
				.withMessageContaining("must be UTF-8");
		}
	}

	/**
	 * Bytes that no UTF-8 writer produces, at any letter of an event: an overlong form of
	 * that letter (the parser would read {@code C1 95} as {@code U}, while the text kept
	 * of the event would hold replacement characters), a surrogate, a continuation byte
	 * alone, a sequence cut short, a byte that never occurs in UTF-8.
	 */
	@Property
	void shouldRefuseBytesThatAreNotUtf8AnywhereInAnEvent(@ForAll("events") LicensingEvent event,
			@ForAll @IntRange(min = 0, max = 10_000) int where, @ForAll("invalid") String kind) {
		byte[] json = EventJson.toBytes(event);
		List<Integer> letters = new ArrayList<>();
		for (int i = 0; i < json.length; i++) {
			if (Character.isLetter(json[i])) {
				letters.add(i);
			}
		}
		int at = letters.get(where % letters.size());
		int letter = json[at];
		byte[] invalid = switch (kind) {
			case "overlong in two bytes" -> bytes(0xC0 | (letter >> 6), 0x80 | (letter & 0x3F));
			case "overlong in three bytes" -> bytes(0xE0, 0x80 | (letter >> 6), 0x80 | (letter & 0x3F));
			case "a surrogate" -> bytes(0xED, 0xA0, 0x80, letter);
			case "a continuation byte alone" -> bytes(0x80, letter);
			case "a sequence cut short" -> bytes(0xE1, 0x80, letter);
			default -> bytes(0xFF, letter);
		};
		byte[] spoiled = new byte[json.length - 1 + invalid.length];
		System.arraycopy(json, 0, spoiled, 0, at);
		System.arraycopy(invalid, 0, spoiled, at, invalid.length);
		System.arraycopy(json, at + 1, spoiled, at + invalid.length, json.length - at - 1);

		for (Runnable read : List.<Runnable>of(() -> EventJson.readTree(spoiled),
				() -> EventValidator.read(spoiled, Instant.now()))) {
			assertThatExceptionOfType(JacksonException.class).isThrownBy(read::run)
				.withMessageContaining("are not UTF-8 at byte " + at + " (");
		}
	}

	@Property
	void shouldRefuseUtf8WithItsByteOrderMark(@ForAll("events") LicensingEvent event) {
		byte[] json = withMark(EventJson.toBytes(event), StandardCharsets.UTF_8);

		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> EventJson.readTree(json))
			.withMessageContaining("byte order mark");
	}

	@Property
	void shouldReadTheSameEventInUtf8(@ForAll("events") LicensingEvent event) {
		assertThat(EventJson.read(EventJson.toBytes(event))).isEqualTo(event);
	}

	/**
	 * An event kept by a version that took a UTF-8 byte order mark (the ledger's history
	 * keeps the text as received) is still read back: a recount or an index rebuild never
	 * stops on it.
	 */
	@Property
	void shouldReadBackAnEventKeptWithAByteOrderMark(@ForAll("events") LicensingEvent event) {
		assertThat(EventJson.read("\uFEFF" + EventJson.toJson(event))).isEqualTo(event);
	}

	@Provide
	Arbitrary<LicensingEvent> events() {
		return Arbitraries.of(Samples.everyKind().toList());
	}

	@Provide
	Arbitrary<String> invalid() {
		return Arbitraries.of("overlong in two bytes", "overlong in three bytes", "a surrogate",
				"a continuation byte alone", "a sequence cut short", "a byte never in UTF-8");
	}

	private static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

	@Provide
	Arbitrary<Charset> otherEncodings() {
		return Arbitraries.of(StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE, Charset.forName("UTF-32BE"),
				Charset.forName("UTF-32LE"));
	}

	private static byte[] withMark(byte[] bytes, Charset charset) {
		byte[] mark = charset.equals(StandardCharsets.UTF_8) ? UTF8_MARK : "\uFEFF".getBytes(charset);
		byte[] marked = new byte[mark.length + bytes.length];
		System.arraycopy(mark, 0, marked, 0, mark.length);
		System.arraycopy(bytes, 0, marked, mark.length, bytes.length);
		return marked;
	}

}
