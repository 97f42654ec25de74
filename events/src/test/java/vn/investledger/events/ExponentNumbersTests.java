package vn.investledger.events;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import tools.jackson.core.JacksonException;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Numbers written with an exponent are short to send and can be immense to work out: the
 * checks of an event refuse them with a short reason, without writing out their digits.
 */
class ExponentNumbersTests {

	@ParameterizedTest
	@ValueSource(strings = { "1e999999999", "1E+999999999", "-1e999999999", "1e-999999999", "9.5e18", "1e400", "1.5e-3",
			"1e0", "0e999999999" })
	void shouldRefuseAnAmountOrRevisionWithAnyExponentQuicklyAndSayWhy(String number) {
		String licence = EventJson.toJson(Samples.fdiLicence());
		for (String json : new String[] { licence.replace("\"minorUnits\":100000000050", "\"minorUnits\":" + number),
				licence.replace("\"revision\":1", "\"revision\":" + number) }) {
			assertThat(json).contains(number);
			String reason = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> reasonRefused(json));
			assertThat(reason).as(json).isNotBlank().hasSizeLessThan(400);
		}
	}

	/**
	 * A decimal field, and a text field given a number, with an exponent beyond the
	 * bound: refused as it is read, quickly (writing one out took a billion characters
	 * and the processor's heap), and a zero with one too, which every schema check
	 * passes.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "1e-999999999", "1e999999999", "-1E+999999999", "0e-999999999", "0E999999999", "1.5e-65",
			"1e65", "1e-2147483648" })
	void shouldRefuseANumberWithAnExponentBeyondTheBoundInAnyFieldAsItIsRead(String number) {
		// a decimal field, a text field, and a field the contract does not name
		for (String field : new String[] { "landAreaHa", "projectName", "unnamed" }) {
			String json = withField(field, number);
			String reason = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> reasonRefused(json));
			assertThat(reason).as(json).contains("exponent must lie within ±" + Limits.MAX_NUMBER_SCALE);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "12.5", "1.2500", "0.0001", "1e1", "0e-4", "125E-1" })
	void shouldTakeALandAreaWithinTheBound(String number) {
		CheckedEvent checked = EventValidator.read(withField("landAreaHa", number).getBytes(StandardCharsets.UTF_8),
				Instant.now());

		assertThat(checked.violations()).isEmpty();
		assertThat(checked.event()).isNotNull();
	}

	/**
	 * The publisher's and the importer's check of an event object judges its numbers as
	 * the ledger will read them: a land area of {@code 0E-999999999} passed it and was
	 * published, counted as sent, and refused by the ledger.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "0E-999999999", "0E+70", "1E+65", "1.5E-65" })
	void shouldRefuseAnEventObjectWhoseNumberTheLedgerWouldRefuse(String number) {
		Licensed licence = Samples.fdiLicence();
		Licensed far = new Licensed(licence.envelope(), licence.investmentType(), licence.projectName(),
				licence.ircNumber(), licence.enterpriseCode(), licence.investors(), licence.zoneCode(),
				licence.sector(), licence.registeredCapital(), new BigDecimal(number), licence.plannedEmployment(),
				licence.durationYears());

		List<Violation> violations = assertTimeoutPreemptively(Duration.ofSeconds(5),
				() -> EventValidator.validate(far, licence.envelope().emittedAt()));

		assertThat(violations).as(number)
			.singleElement()
			.satisfies((violation) -> assertThat(violation.toString())
				.contains("exponent must lie within ±" + Limits.MAX_NUMBER_SCALE));
		assertThat(EventValidator.validate(licence, licence.envelope().emittedAt())).isEmpty();
	}

	/** A licence with a field's value written as the given JSON number. */
	private static String withField(String field, String number) {
		tools.jackson.databind.node.ObjectNode licence = (tools.jackson.databind.node.ObjectNode) EventJson
			.toTree(Samples.fdiLicence());
		licence.put(field, "NUMBER-HERE");
		return licence.toString().replace("\"NUMBER-HERE\"", number);
	}

	/** Why the event is refused: it cannot be bound, or it breaks the contract. */
	private static String reasonRefused(String json) {
		try {
			CheckedEvent checked = EventValidator.read(json.getBytes(StandardCharsets.UTF_8), Instant.now());
			assertThat(checked.valid()).as(json).isFalse();
			return checked.violations().toString();
		}
		catch (JacksonException ex) {
			return ex.getOriginalMessage();
		}
	}

}
