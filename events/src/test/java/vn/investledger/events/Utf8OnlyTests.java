package vn.investledger.events;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.core.JacksonException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An event's JSON is UTF-8: the same event in UTF-16 or UTF-32, which the parser would
 * detect and read, or with a byte order mark, is refused before it can be counted and its
 * text kept garbled in the ledger's history.
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
