package vn.investledger.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

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
