package vn.investledger.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JacksonException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every bound of {@link Limits}, tried with generated values on both sides of its edge:
 * inside, the validator and the JSON Schema accept; outside, both refuse, and the
 * validator's reason names the field.
 * <p>
 * Each case draws {@value #SAMPLES} values from a {@link Random} of its seed, biased to
 * the edges. Cases per run: {@code -Dinvestledger.property.tries} (default 10); a failure
 * names its seed, and {@code -Dinvestledger.property.seed=N} reruns it.
 */
class LimitsPropertyTests {

	private static final int SAMPLES = 60;

	private static final Schema LICENSED = SchemaRegistry
		.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, (builder) -> builder.schemaIdResolvers(
				(resolvers) -> resolvers.mapPrefix("https://investledger.vn/schemas/v1/", "classpath:schemas/")))
		.getSchema(SchemaLocation.of("https://investledger.vn/schemas/v1/licensed.schema.json"));

	/** A character the contract does not count as blank (common.schema.json, "text"). */
	private static final java.util.regex.Pattern NOT_BLANK = java.util.regex.Pattern
		.compile("[^\\t-\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF]");

	/** The sample's receipt: the day after its effective date. */
	private static final Instant RECEIVED = Instant.parse("2024-03-16T03:00:00Z");

	static Stream<Long> seeds() {
		String seed = System.getProperty("investledger.property.seed");
		if (seed != null) {
			return Stream.of(Long.parseLong(seed));
		}
		Random base = new Random();
		return LongStream.generate(base::nextLong).limit(Integer.getInteger("investledger.property.tries", 10)).boxed();
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void shouldBoundTheProjectCodeByLength(long seed) {
		Random random = new Random(seed);
		for (int i = 0; i < SAMPLES; i++) {
			int length = near(random, Limits.MAX_PROJECT_CODE_LENGTH, 1, 300);
			Licensed licence = withEnvelope(Samples.fdiLicence(),
					envelope("9".repeat(length), 1, LocalDate.of(2024, 3, 15)));

			assertAgreement(licence, length <= Limits.MAX_PROJECT_CODE_LENGTH, "envelope.projectCode");
		}
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void shouldRefuseControlCharactersLoneSurrogatesAndLongNames(long seed) {
		Random random = new Random(seed);
		for (int i = 0; i < SAMPLES; i++) {
			String name = oddText(random);
			Licensed licence = withName(Samples.fdiLicence(), name);

			// a text as the contract's "text" defines it: no control character, line or
			// paragraph separator (U+2028, U+2029) or lone surrogate, and not only spaces
			boolean clean = name.codePoints().noneMatch((c) -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029)
					&& wellFormed(name) && NOT_BLANK.matcher(name).find()
					&& name.codePointCount(0, name.length()) <= Limits.MAX_NAME_LENGTH;
			List<Violation> violations = EventValidator.validate(licence, RECEIVED);
			if (clean) {
				assertThat(violations).as("name %s", name).isEmpty();
			}
			else {
				assertThat(violations).as("name %s", name).extracting(Violation::field).contains("projectName");
			}
		}
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void shouldBoundTheRevision(long seed) {
		Random random = new Random(seed);
		for (int i = 0; i < SAMPLES; i++) {
			long revision = random.nextBoolean() ? near(random, (int) Limits.MAX_REVISION, -5, 20_000)
					: near(random, 1, -5, 20_000);
			Licensed licence = withEnvelope(Samples.fdiLicence(),
					envelope("2104567890", revision, LocalDate.of(2024, 3, 15)));

			assertAgreement(licence, revision >= 1 && revision <= Limits.MAX_REVISION, "envelope.revision");
		}
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void shouldBoundEveryAmountByItsCurrency(long seed) {
		Random random = new Random(seed);
		for (int i = 0; i < SAMPLES; i++) {
			boolean fdi = random.nextBoolean();
			long minorUnits = amount(random);
			Licensed sample = fdi ? Samples.fdiLicence() : Samples.ddiLicence();
			Currency currency = fdi ? Currency.USD : Currency.VND;
			Licensed licence = new Licensed(sample.envelope(), sample.investmentType(), sample.projectName(),
					sample.ircNumber(), sample.enterpriseCode(), sample.investors(), sample.zoneCode(), sample.sector(),
					new Money(minorUnits, currency), sample.landAreaHa(), sample.plannedEmployment(),
					sample.durationYears());

			boolean inside = minorUnits > 0 && minorUnits <= Limits.maxMinorUnits(currency);
			assertAgreement(licence, inside, "registeredCapital.minorUnits");
		}
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void shouldBoundTheEffectiveDateByTheLawAndTheTimeOfReceipt(long seed) {
		Random random = new Random(seed);
		LocalDate received = RECEIVED.atZone(Limits.VIETNAM).toLocalDate();
		int back = (int) (received.toEpochDay() - Limits.EARLIEST_DATE.toEpochDay());
		for (int i = 0; i < SAMPLES; i++) {
			int days = switch (random.nextInt(3)) {
				case 0 -> -back + random.nextInt(7) - 3;
				case 1 -> Limits.MAX_EFFECTIVE_DAYS_AHEAD + random.nextInt(7) - 3;
				default -> -back - 400 + random.nextInt(3_000_000);
			};
			LocalDate effective = received.plusDays(days);
			Licensed licence = withEnvelope(Samples.fdiLicence(), new EventEnvelope(1, UUID.randomUUID(), "2104567890",
					1L, "31", effective, Instant.parse("2024-03-15T03:00:00Z")));

			boolean inside = !effective.isBefore(Limits.EARLIEST_DATE)
					&& !effective.isAfter(received.plusDays(Limits.MAX_EFFECTIVE_DAYS_AHEAD));
			assertThat(EventValidator.validate(licence, RECEIVED)).extracting(Violation::field)
				.as("effective date %s", effective)
				.matches((fields) -> inside != fields.contains("envelope.effectiveDate"));
		}
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void shouldBoundTheEmissionByTheClockSkew(long seed) {
		Random random = new Random(seed);
		for (int i = 0; i < SAMPLES; i++) {
			long secondsAfterReceipt = random.nextInt(1201) - 600;
			Instant emitted = RECEIVED.plusSeconds(secondsAfterReceipt);
			Licensed licence = withEnvelope(Samples.fdiLicence(), new EventEnvelope(1, UUID.randomUUID(), "2104567890",
					1L, "31", LocalDate.of(2024, 3, 15), emitted));

			boolean inside = secondsAfterReceipt <= Limits.MAX_CLOCK_SKEW.toSeconds();
			assertThat(EventValidator.validate(licence, RECEIVED)).extracting(Violation::field)
				.as("emitted at %s", emitted)
				.matches((fields) -> inside != fields.contains("envelope.emittedAt"));
		}
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void shouldBoundTheInvestors(long seed) {
		Random random = new Random(seed);
		for (int i = 0; i < 10; i++) {
			int count = near(random, Limits.MAX_INVESTORS, 1, 80);
			Licensed sample = Samples.fdiLicence();
			List<Investor> investors = Collections.nCopies(count, new Investor("Samsung Electronics", "KR"));
			Licensed licence = new Licensed(sample.envelope(), sample.investmentType(), sample.projectName(),
					sample.ircNumber(), sample.enterpriseCode(), investors, sample.zoneCode(), sample.sector(),
					sample.registeredCapital(), sample.landAreaHa(), sample.plannedEmployment(),
					sample.durationYears());

			assertAgreement(licence, count <= Limits.MAX_INVESTORS, "investors");
		}
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void shouldRefuseDeepNesting(long seed) {
		Random random = new Random(seed);
		for (int i = 0; i < 20; i++) {
			int depth = near(random, Limits.MAX_JSON_DEPTH - 1, 1, 200);
			String json = EventJson.toJson(Samples.fdiLicence());
			String nested = json.substring(0, json.length() - 1) + ",\"extra\":" + "[".repeat(depth) + "]".repeat(depth)
					+ "}";
			if (depth + 1 <= Limits.MAX_JSON_DEPTH) {
				assertThat(EventJson.read(nested)).isEqualTo(Samples.fdiLicence());
			}
			else {
				assertThatThrownBy(() -> EventJson.read(nested)).as("depth %d", depth)
					.isInstanceOf(JacksonException.class);
			}
		}
	}

	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(strings = { "2104567890\u00A0", "\uFEFF2104567890",
			"2104567890\u202F", "21045\u200B67890", "2104567890\u2028", "\u3000" })
	void shouldRefuseAProjectCodeThatOnlyLooksLikeAnother(String code) {
		Licensed licence = withEnvelope(Samples.fdiLicence(), envelope(code, 1, LocalDate.of(2024, 3, 15)));

		assertAgreement(licence, false, "envelope.projectCode");
	}

	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(strings = { "\u00A0\u00A0", "\u2007", "Nhà máy\u2028A" })
	void shouldRefuseANameOfOnlyInvisibleSpaceOrWithALineSeparator(String name) {
		assertAgreement(withName(Samples.fdiLicence(), name), false, "projectName");
	}

	@Test
	void shouldRefuseAnEventLargerThanTheBoundBeforeParsingIt() {
		byte[] large = ("{\"kind\":\"licensed\",\"padding\":\"" + "x".repeat(Limits.MAX_EVENT_BYTES) + "\"}")
			.getBytes(StandardCharsets.UTF_8);

		assertThatThrownBy(() -> EventJson.read(large)).isInstanceOf(EventTooLargeException.class)
			.hasMessageContaining(Integer.toString(Limits.MAX_EVENT_BYTES));
	}

	@Test
	void shouldRefuseAPropertyNamedTwice() {
		String json = EventJson.toJson(Samples.fdiLicence());
		String twice = json.replace("\"kind\":\"licensed\"", "\"kind\":\"licensed\",\"kind\":\"terminated\"");

		assertThatThrownBy(() -> EventJson.read(twice)).isInstanceOf(JacksonException.class)
			.hasMessageContaining("kind");
	}

	@Test
	void shouldRefuseAnAmountBeyondALongRatherThanWrapIt() {
		String json = EventJson.toJson(Samples.fdiLicence()).replace("100000000050", "92233720368547758070");

		assertThatThrownBy(() -> EventJson.read(json)).isInstanceOf(JacksonException.class);
	}

	/** A value within 3 of an edge half of the time, anywhere in [min, max] otherwise. */
	private static int near(Random random, int edge, int min, int max) {
		return random.nextBoolean() ? edge + random.nextInt(7) - 3 : min + random.nextInt(max - min + 1);
	}

	private static long amount(Random random) {
		return switch (random.nextInt(6)) {
			case 0 -> random.nextInt(11) - 5;
			case 1 -> Limits.MAX_USD_MINOR_UNITS + random.nextInt(7) - 3;
			case 2 -> Limits.MAX_VND_MINOR_UNITS + random.nextInt(7) - 3;
			case 3 -> List.of(Long.MAX_VALUE, Long.MIN_VALUE, 9_000_000_000_000_000_000L).get(random.nextInt(3));
			case 4 -> -Limits.MAX_VND_MINOR_UNITS - random.nextInt(4);
			default -> random.nextLong();
		};
	}

	/**
	 * Vietnamese text of any length around the bound, arbitrary code units, or text with
	 * a control character or a lone surrogate.
	 */
	private static String oddText(Random random) {
		String vietnamese = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậ ĐỨỪỰ🏭";
		StringBuilder text = new StringBuilder();
		switch (random.nextInt(3)) {
			case 0 -> {
				int length = near(random, Limits.MAX_NAME_LENGTH, 1, 600);
				while (text.codePointCount(0, text.length()) < length) {
					text.appendCodePoint(vietnamese.codePointAt(vietnamese.offsetByCodePoints(0,
							random.nextInt(vietnamese.codePointCount(0, vietnamese.length())))));
				}
			}
			case 1 -> {
				int length = random.nextInt(40);
				for (int i = 0; i < length; i++) {
					text.append((char) random.nextInt(Character.MAX_VALUE + 1));
				}
			}
			default -> text.append(List
				.of("Nhà máy\tA", "Line\nbreak", "Null\u0000byte", "C1\u0085next", "lone \uD800 surrogate",
						"emoji 🏭 ok", "   ", "\uDC00first", "", "Đoạn\u2029mới", "\u00A0\u3000")
				.get(random.nextInt(11)));
		}
		return text.toString();
	}

	/**
	 * The validator and the schema agree; outside the bound the validator names the
	 * field.
	 */
	private static void assertAgreement(Licensed licence, boolean inside, String field) {
		List<Violation> violations = EventValidator.validate(licence, RECEIVED);
		List<?> schemaErrors = LICENSED.validate(EventJson.toJson(licence), InputFormat.JSON);
		if (inside) {
			assertThat(violations).isEmpty();
			assertThat(schemaErrors).isEmpty();
		}
		else {
			assertThat(violations).extracting(Violation::field).contains(field);
			assertThat(violations).allSatisfy((violation) -> assertThat(violation.reason()).isNotBlank());
			assertThat(schemaErrors).isNotEmpty();
		}
	}

	private static EventEnvelope envelope(String code, long revision, LocalDate effective) {
		return new EventEnvelope(1, UUID.randomUUID(), code, revision, "31", effective,
				Instant.parse("2024-03-15T03:00:00Z"));
	}

	private static Licensed withEnvelope(Licensed licence, EventEnvelope envelope) {
		return new Licensed(envelope, licence.investmentType(), licence.projectName(), licence.ircNumber(),
				licence.enterpriseCode(), licence.investors(), licence.zoneCode(), licence.sector(),
				licence.registeredCapital(), licence.landAreaHa(), licence.plannedEmployment(),
				licence.durationYears());
	}

	private static Licensed withName(Licensed licence, String name) {
		return new Licensed(licence.envelope(), licence.investmentType(), name, licence.ircNumber(),
				licence.enterpriseCode(), licence.investors(), licence.zoneCode(), licence.sector(),
				licence.registeredCapital(), licence.landAreaHa(), licence.plannedEmployment(),
				licence.durationYears());
	}

	private static boolean wellFormed(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

}
