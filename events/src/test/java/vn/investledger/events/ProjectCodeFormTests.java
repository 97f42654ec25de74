package vn.investledger.events;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project code is the project's key: the same letters written decomposed (a base letter
 * and combining accents, as macOS and some Vietnamese keyboards write them) would be
 * another project, and its licence would be counted a second time. The contract refuses a
 * code that is not in Unicode's composed form (NFC), saying how to write it, wherever an
 * event enters (the publisher, the gateway, the importer and the ledger read it through
 * the same validator).
 */
class ProjectCodeFormTests {

	private static final String VIETNAMESE = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY";

	private static final String TONES = "\u0300\u0301\u0303\u0309\u0323";

	@Property
	void shouldRefuseACodeWrittenDecomposedAndNameTheComposedOne(@ForAll("vietnameseCodes") String composed) {
		String decomposed = Normalizer.normalize(composed, Normalizer.Form.NFD);

		List<Violation> violations = EventValidator.read(json(withCode(decomposed)), received()).violations();

		assertThat(violations).filteredOn((violation) -> violation.field().equals("envelope.projectCode"))
			.singleElement()
			.satisfies((violation) -> assertThat(violation.reason()).contains("composed form (NFC)")
				.contains("\"" + composed + "\""));
	}

	@Property
	void shouldAcceptTheSameCodeComposed(@ForAll("vietnameseCodes") String composed) {
		assertThat(EventValidator.read(json(withCode(composed)), received()).violations()).isEmpty();
		assertThat(EventValidator.validate(withCode(composed), received())).isEmpty();
	}

	/**
	 * A letter with an accent Unicode has no composed letter for stays as written in NFC:
	 * such a code is accepted as it is.
	 */
	@Property
	void shouldAcceptCombiningAccentsThatHaveNoComposedLetter(@ForAll("vietnameseCodes") String composed) {
		String code = composed + "Q\u0301";

		assertThat(Normalizer.isNormalized(code, Normalizer.Form.NFC)).isTrue();
		assertThat(EventValidator.read(json(withCode(code)), received()).violations()).isEmpty();
	}

	/**
	 * An invisible character inside a code (a format character, a variation selector, a
	 * Hangul filler, a tag, the blank braille pattern) would make a code that looks like
	 * another and is another project's: refused, naming it.
	 */
	@Property
	void shouldRefuseACodeWithAnInvisibleCharacterInside(@ForAll("vietnameseCodes") String code,
			@ForAll("invisibleCharacters") int invisible, @ForAll @IntRange(min = 1, max = 63) int where) {
		int at = 1 + (where - 1) % (code.length() - 1);
		String spoiled = code.substring(0, at) + Character.toString(invisible) + code.substring(at);

		List<Violation> violations = EventValidator.read(json(withCode(spoiled)), received()).violations();

		assertThat(violations).filteredOn((violation) -> violation.field().equals("envelope.projectCode"))
			.singleElement()
			.satisfies((violation) -> assertThat(violation.reason()).contains("must not contain invisible characters"));
	}

	/**
	 * The invisible characters the schema's pattern does not list are refused by the
	 * rule, which names the first and its place.
	 */
	@Property
	void shouldNameTheInvisibleCharacterAndItsPlace(@ForAll("vietnameseCodes") String code,
			@ForAll("unlistedInvisibleCharacters") int invisible, @ForAll @IntRange(min = 1, max = 63) int where) {
		int at = 1 + (where - 1) % (code.length() - 1);
		String spoiled = code.substring(0, at) + Character.toString(invisible) + code.substring(at);

		List<Violation> violations = EventValidator.read(json(withCode(spoiled)), received()).violations();

		assertThat(violations).filteredOn((violation) -> violation.field().equals("envelope.projectCode"))
			.singleElement()
			.satisfies((violation) -> assertThat(violation.reason()).contains("must not contain invisible characters: "
					+ String.format("U+%04X", invisible) + " at character " + (code.codePointCount(0, at) + 1)));
	}

	/**
	 * A code written with a full-width character (as Asian input methods type digits and
	 * letters) or a no-break space inside looks like the plain code and would be another
	 * project: refused, naming the character, its place and the plain code.
	 */
	@Property
	void shouldRefuseACodeWithAFullWidthCharacterOrNoBreakSpaceAndNameThePlainOne(
			@ForAll("vietnameseCodes") String code, @ForAll("widthVariants") int variant,
			@ForAll @IntRange(min = 1, max = 63) int where) {
		int at = 1 + (where - 1) % (code.length() - 1);
		String spoiled = code.substring(0, at) + Character.toString(variant) + code.substring(at);
		String plain = code.substring(0, at)
				+ ((variant >= 0xFF01 && variant <= 0xFF5E) ? Character.toString(variant - 0xFEE0) : " ")
				+ code.substring(at);

		List<Violation> violations = EventValidator.read(json(withCode(spoiled)), received()).violations();

		assertThat(violations).filteredOn((violation) -> violation.field().equals("envelope.projectCode"))
			.singleElement()
			.satisfies(
					(violation) -> assertThat(violation.reason()).contains("full-width characters or no-break spaces")
						.contains(String.format("U+%04X", variant) + " at character " + (at + 1))
						.contains(EventValidator.quoted(plain)));
		assertThat(EventValidator.read(json(withCode(plain)), received()).violations()).isEmpty();
	}

	/**
	 * Other compatibility characters are taken as written: a project code is opaque (a
	 * legacy licence number may hold a numero sign or a superscript).
	 */
	@Property
	void shouldTakeOtherCompatibilityCharactersAsWritten(@ForAll("vietnameseCodes") String code,
			@ForAll("otherCompatibilityCharacters") String compatible) {
		String written = code + compatible;

		assertThat(Normalizer.isNormalized(written, Normalizer.Form.NFKC)).isFalse();
		assertThat(EventValidator.read(json(withCode(written)), received()).violations()).isEmpty();
	}

	@Provide
	Arbitrary<Integer> widthVariants() {
		return Arbitraries.oneOf(Arbitraries.integers().between(0xFF01, 0xFF5E),
				Arbitraries.of(0x3000, 0x00A0, 0x2007, 0x202F));
	}

	@Provide
	Arbitrary<String> otherCompatibilityCharacters() {
		return Arbitraries.of("\u2116", "\u00B2", "\u2460", "\u2161", "\uFB01", "\uD835\uDFD9", "\u00BA");
	}

	@Provide
	Arbitrary<Integer> unlistedInvisibleCharacters() {
		return Arbitraries.of(0x034F, 0x115F, 0x1160, 0x17B4, 0x180B, 0x2065, 0x2800, 0x3164, 0xFE00, 0xFE0F, 0xFFA0,
				0xE0001, 0xE0041, 0xE0100, 0xE01EF);
	}

	@Provide
	Arbitrary<Integer> invisibleCharacters() {
		return Arbitraries.of(IntStream.rangeClosed(0, Character.MAX_CODE_POINT)
			.filter((c) -> Character.getType(c) == Character.FORMAT || IntStream
				.of(0x034F, 0x115F, 0x1160, 0x17B4, 0x180B, 0x180F, 0x2800, 0x3164, 0xFE00, 0xFE0F, 0xFFA0, 0xFFF0,
						0xE0000, 0xE0100, 0xE01EF, 0xE0FFF)
				.anyMatch((listed) -> listed == c))
			.boxed()
			.toList());
	}

	@Provide
	Arbitrary<String> vietnameseCodes() {
		Arbitrary<String> letter = Arbitraries.of(VIETNAMESE.chars().mapToObj((c) -> String.valueOf((char) c)).toList())
			.flatMap((base) -> Arbitraries.of(TONES.chars().mapToObj((c) -> String.valueOf((char) c)).toList())
				.map((tone) -> Normalizer.normalize(base + tone, Normalizer.Form.NFC)));
		Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(8);
		return Arbitraries.strings()
			.withChars("ABCDEFGHKLMNPQRSTVX-")
			.ofMinLength(0)
			.ofMaxLength(10)
			.flatMap((prefix) -> letter.list()
				.ofMinSize(1)
				.ofMaxSize(6)
				.flatMap(
						(letters) -> digits.map((number) -> "DA-" + prefix + String.join("", letters) + "-" + number)));
	}

	private static Licensed withCode(String code) {
		Licensed sample = Samples.fdiLicence();
		EventEnvelope e = sample.envelope();
		return new Licensed(
				new EventEnvelope(e.schemaVersion(), e.eventId(), code, e.revision(), e.provinceCode(),
						e.effectiveDate(), e.emittedAt()),
				sample.investmentType(), sample.projectName(), sample.ircNumber(), sample.enterpriseCode(),
				sample.investors(), sample.zoneCode(), sample.sector(), sample.registeredCapital(), sample.landAreaHa(),
				sample.plannedEmployment(), sample.durationYears());
	}

	private static byte[] json(LicensingEvent event) {
		return EventJson.toJson(event).getBytes(StandardCharsets.UTF_8);
	}

	private static Instant received() {
		return Samples.envelope().emittedAt().plusSeconds(60);
	}

}
