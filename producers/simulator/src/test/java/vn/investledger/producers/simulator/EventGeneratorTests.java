package vn.investledger.producers.simulator;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import vn.investledger.events.EventValidator;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Licensed;

import static org.assertj.core.api.Assertions.assertThat;

class EventGeneratorTests {

	@Test
	void shouldGenerateTheSameEventsFromTheSameSeed() {
		List<Licensed> first = generate(42, 200);
		List<Licensed> second = generate(42, 200);

		assertThat(first).usingRecursiveFieldByFieldElementComparatorIgnoringFields("envelope.emittedAt")
			.isEqualTo(second);
		assertThat(generate(43, 200)).extracting((l) -> l.envelope().eventId())
			.doesNotContainAnyElementsOf(first.stream().map((l) -> l.envelope().eventId()).toList());
	}

	@Test
	void shouldGenerateOnlyValidEventsOfBothTypes() {
		List<Licensed> events = generate(7, 1000);

		assertThat(events).allSatisfy((event) -> assertThat(EventValidator.validate(event)).isEmpty());
		assertThat(events).extracting(Licensed::investmentType).contains(InvestmentType.FDI, InvestmentType.DDI);
		assertThat(events).extracting((l) -> l.envelope().provinceCode()).contains("22", "31", "33", "51");
	}

	private static List<Licensed> generate(long seed, int count) {
		EventGenerator generator = new EventGenerator(seed, LocalDate.of(2024, 1, 2));
		return Stream.generate(generator::next).limit(count).toList();
	}

}
