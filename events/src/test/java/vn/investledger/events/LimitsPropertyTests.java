package vn.investledger.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import tools.jackson.core.JacksonException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every bound of {@link Limits}, tried on both sides of its edge with generated values:
 * inside, the validator and the JSON Schema accept; outside, both refuse, and the
 * validator's reason names the field.
 */
class LimitsPropertyTests {

	private static final Schema LICENSED = SchemaRegistry
		.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, (builder) -> builder.schemaIdResolvers(
				(resolvers) -> resolvers.mapPrefix("https://investledger.vn/schemas/v1/", "classpath:schemas/")))
		.getSchema(SchemaLocation.of("https://investledger.vn/schemas/v1/licensed.schema.json"));

	/** The sample's receipt: the day after its effective date. */
	private static final Instant RECEIVED = Instant.parse("2024-03-16T03:00:00Z");

	@Property(tries = 300)
	void shouldBoundTheProjectCodeByLength(@ForAll @IntRange(min = 1, max = 200) int length) {
		String code = "9".repeat(length);
		Licensed licence = withEnvelope(Samples.fdiLicence(), envelope(code, 1, LocalDate.of(2024, 3, 15)));

		assertAgreement(licence, length <= Limits.MAX_PROJECT_CODE_LENGTH, "envelope.projectCode");
	}

	@Property(tries = 300)
	void shouldRefuseControlCharactersAndLoneSurrogatesInAnyText(@ForAll("oddText") String name) {
		Licensed licence = withName(Samples.fdiLicence(), name);

		boolean clean = name.codePoints().noneMatch(Character::isISOControl) && wellFormed(name) && !name.isBlank()
				&& name.codePointCount(0, name.length()) <= Limits.MAX_NAME_LENGTH;
		List<Violation> violations = EventValidator.validate(licence, RECEIVED);
		if (clean) {
			assertThat(violations).isEmpty();
		}
		else {
			assertThat(violations).extracting(Violation::field).contains("projectName");
		}
	}

	@Property(tries = 300)
	void shouldBoundTheRevision(@ForAll @LongRange(min = -5, max = 20_000) long revision) {
		Licensed licence = withEnvelope(Samples.fdiLicence(),
				envelope("2104567890", revision, LocalDate.of(2024, 3, 15)));

		assertAgreement(licence, revision >= 1 && revision <= Limits.MAX_REVISION, "envelope.revision");
	}

	@Property(tries = 500)
	void shouldBoundEveryAmountByItsCurrency(@ForAll("amounts") long minorUnits, @ForAll boolean fdi) {
		Licensed sample = fdi ? Samples.fdiLicence() : Samples.ddiLicence();
		Currency currency = fdi ? Currency.USD : Currency.VND;
		Licensed licence = new Licensed(sample.envelope(), sample.investmentType(), sample.projectName(),
				sample.ircNumber(), sample.enterpriseCode(), sample.investors(), sample.zoneCode(), sample.sector(),
				new Money(minorUnits, currency), sample.landAreaHa(), sample.plannedEmployment(),
				sample.durationYears());

		boolean inside = minorUnits > 0 && minorUnits <= Limits.maxMinorUnits(currency);
		assertAgreement(licence, inside, "registeredCapital.minorUnits");
	}

	@Property(tries = 300)
	void shouldBoundTheEffectiveDateByTheLawAndTheTimeOfReceipt(@ForAll("days") int daysFromReceipt) {
		LocalDate received = RECEIVED.atZone(Limits.VIETNAM).toLocalDate();
		LocalDate effective = received.plusDays(daysFromReceipt);
		Licensed licence = withEnvelope(Samples.fdiLicence(), new EventEnvelope(1, UUID.randomUUID(), "2104567890", 1L,
				"31", effective, Instant.parse("2024-03-15T03:00:00Z")));

		boolean inside = !effective.isBefore(Limits.EARLIEST_DATE)
				&& !effective.isAfter(received.plusDays(Limits.MAX_EFFECTIVE_DAYS_AHEAD));
		assertThat(EventValidator.validate(licence, RECEIVED)).extracting(Violation::field)
			.as("effective date %s", effective)
			.matches((fields) -> inside != fields.contains("envelope.effectiveDate"));
	}

	@Property(tries = 300)
	void shouldBoundTheEmissionByTheClockSkew(@ForAll @LongRange(min = -600, max = 600) long secondsAfterReceipt) {
		Instant emitted = RECEIVED.plusSeconds(secondsAfterReceipt);
		Licensed licence = withEnvelope(Samples.fdiLicence(),
				new EventEnvelope(1, UUID.randomUUID(), "2104567890", 1L, "31", LocalDate.of(2024, 3, 15), emitted));

		boolean inside = secondsAfterReceipt <= Limits.MAX_CLOCK_SKEW.toSeconds();
		assertThat(EventValidator.validate(licence, RECEIVED)).extracting(Violation::field)
			.matches((fields) -> inside != fields.contains("envelope.emittedAt"));
	}

	@Property(tries = 100)
	void shouldBoundTheInvestors(@ForAll @IntRange(min = 1, max = 80) int count) {
		Licensed sample = Samples.fdiLicence();
		List<Investor> investors = Collections.nCopies(count, new Investor("Samsung Electronics", "KR"));
		Licensed licence = new Licensed(sample.envelope(), sample.investmentType(), sample.projectName(),
				sample.ircNumber(), sample.enterpriseCode(), investors, sample.zoneCode(), sample.sector(),
				sample.registeredCapital(), sample.landAreaHa(), sample.plannedEmployment(), sample.durationYears());

		assertAgreement(licence, count <= Limits.MAX_INVESTORS, "investors");
	}

	@Example
	void shouldRefuseAnEventLargerThanTheBoundBeforeParsingIt() {
		byte[] large = ("{\"kind\":\"licensed\",\"padding\":\"" + "x".repeat(Limits.MAX_EVENT_BYTES) + "\"}")
			.getBytes(StandardCharsets.UTF_8);

		assertThatThrownBy(() -> EventJson.read(large)).isInstanceOf(EventTooLargeException.class)
			.hasMessageContaining(Integer.toString(Limits.MAX_EVENT_BYTES));
	}

	@Property(tries = 50)
	void shouldRefuseDeepNestingAndHugeNumbers(@ForAll @IntRange(min = 1, max = 200) int depth) {
		String json = EventJson.toJson(Samples.fdiLicence());
		String nested = json.substring(0, json.length() - 1) + ",\"extra\":" + "[".repeat(depth) + "]".repeat(depth)
				+ "}";
		if (depth + 1 <= Limits.MAX_JSON_DEPTH) {
			assertThat(EventJson.read(nested)).isEqualTo(Samples.fdiLicence());
		}
		else {
			assertThatThrownBy(() -> EventJson.read(nested)).isInstanceOf(JacksonException.class);
		}
	}

	@Example
	void shouldRefuseAPropertyNamedTwice() {
		String json = EventJson.toJson(Samples.fdiLicence());
		String twice = json.replace("\"kind\":\"licensed\"", "\"kind\":\"licensed\",\"kind\":\"terminated\"");

		assertThatThrownBy(() -> EventJson.read(twice)).isInstanceOf(JacksonException.class)
			.hasMessageContaining("kind");
	}

	@Example
	void shouldRefuseAnAmountBeyondALongRatherThanWrapIt() {
		String json = EventJson.toJson(Samples.fdiLicence()).replace("100000000050", "92233720368547758070");

		assertThatThrownBy(() -> EventJson.read(json)).isInstanceOf(JacksonException.class);
	}

	@Provide
	Arbitrary<String> oddText() {
		Arbitrary<String> vietnamese = Arbitraries.strings()
			.withChars("aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậ ĐỨỪỰ")
			.ofMinLength(1)
			.ofMaxLength(600);
		Arbitrary<String> anything = Arbitraries.strings().all().ofMinLength(0).ofMaxLength(40);
		Arbitrary<String> withControl = Arbitraries.of("Nhà máy\tA", "Line\nbreak", "Null\u0000byte", "C1\u0085next",
				"lone \uD800 surrogate", "emoji 🏭 ok", "   ", "\uDC00first");
		return Arbitraries.oneOf(vietnamese, anything, withControl);
	}

	@Provide
	Arbitrary<Long> amounts() {
		return Arbitraries.oneOf(Arbitraries.longs().between(-5, 5),
				Arbitraries.longs().between(Limits.MAX_USD_MINOR_UNITS - 3, Limits.MAX_USD_MINOR_UNITS + 3),
				Arbitraries.longs().between(Limits.MAX_VND_MINOR_UNITS - 3, Limits.MAX_VND_MINOR_UNITS + 3),
				Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, 9_000_000_000_000_000_000L), Arbitraries.longs());
	}

	@Provide
	Arbitrary<Integer> days() {
		int back = (int) (RECEIVED.atZone(Limits.VIETNAM).toLocalDate().toEpochDay()
				- Limits.EARLIEST_DATE.toEpochDay());
		return Arbitraries.oneOf(Arbitraries.integers().between(-back - 3, -back + 3),
				Arbitraries.integers()
					.between(Limits.MAX_EFFECTIVE_DAYS_AHEAD - 3, Limits.MAX_EFFECTIVE_DAYS_AHEAD + 3),
				Arbitraries.integers().between(-back - 400, 3_000_000));
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
