package vn.investledger.events;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The copy-paste examples of the README ({@code examples/}) say what the contract says of
 * them.
 */
class ExamplesTests {

	private static final Path EXAMPLES = Path.of("..", "examples");

	@ParameterizedTest
	@ValueSource(strings = { "licensed.json", "licensed-2025.json" })
	void shouldBeValidEvents(String file) throws Exception {
		assertThat(EventValidator.read(Files.readAllBytes(EXAMPLES.resolve(file)), Instant.now()).violations())
			.isEmpty();
	}

	@Test
	void shouldHaveTwoValidEventsAndTheInvalidOneTheReadmeShows() throws Exception {
		JsonNode batch = EventJson.mapper().readTree(EXAMPLES.resolve("batch.json").toFile());

		List<List<Violation>> violations = batch.valueStream()
			.map((item) -> EventValidator.read(EventJson.mapper().writeValueAsBytes(item), Instant.now()).violations())
			.toList();

		assertThat(violations.get(0)).isEmpty();
		assertThat(violations.get(1)).isEmpty();
		assertThat(violations.get(2)).containsExactly(new Violation("envelope.revision", "must be 1 to 10000, was 0"),
				new Violation("registeredCapital.currency", "FDI capital is recorded in USD, was VND"));
	}

}
