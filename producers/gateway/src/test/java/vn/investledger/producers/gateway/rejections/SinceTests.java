package vn.investledger.producers.gateway.rejections;

import java.time.Instant;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A listing's {@code since} is any instant from the ledger's earliest date to a few
 * minutes from now; any other text, however far an instant lies, is a 400 saying the
 * range, never a fault.
 */
class SinceTests {

	private static final Instant NOW = Instant.parse("2026-11-30T02:00:00Z");

	/** 29 December 1987, midnight in Vietnam. */
	private static final Instant EARLIEST = Instant.parse("1987-12-28T17:00:00Z");

	/** Five minutes after {@link #NOW}. */
	private static final Instant LATEST = Instant.parse("2026-11-30T02:05:00Z");

	@Property(tries = 300)
	void shouldTakeAnyInstantFromTheEarliestDateToFiveMinutesFromNow(@ForAll("inRange") Instant since) {
		assertThat(RejectionsController.since(since.toString(), NOW)).isEqualTo(since);
	}

	@Example
	void shouldTakeBothEndsOfTheRange() {
		assertThat(RejectionsController.since(EARLIEST.toString(), NOW)).isEqualTo(EARLIEST);
		assertThat(RejectionsController.since(" " + LATEST + " ", NOW)).isEqualTo(LATEST);
	}

	@Property(tries = 300)
	void shouldAnswerAnInstantBeforeTheEarliestDateWith400SayingTheRange(@ForAll("beforeRange") Instant since) {
		assertRefusedSayingTheRange(since);
	}

	@Property(tries = 300)
	void shouldAnswerAnInstantPastFiveMinutesFromNowWith400SayingTheRange(@ForAll("afterRange") Instant since) {
		assertRefusedSayingTheRange(since);
	}

	@Example
	void shouldAnswerTheInstantsThatKafkaOrALongCannotHoldWith400() {
		// before 1970: Kafka looks up no negative time; past ±292 million years: no long
		// of milliseconds holds it
		assertRefusedSayingTheRange(Instant.parse("1969-12-31T00:00:00Z"));
		assertRefusedSayingTheRange(Instant.parse("+300000000-01-01T00:00:00Z"));
		assertRefusedSayingTheRange(Instant.parse("-300000000-01-01T00:00:00Z"));
		assertRefusedSayingTheRange(Instant.MAX);
		assertRefusedSayingTheRange(Instant.MIN);
	}

	@Property(tries = 500)
	void shouldAnswerAnyTextWithAnInstantNothingOrA400(@ForAll String text) {
		try {
			Instant since = RejectionsController.since(text, NOW);
			assertThat(since == null || !since.isBefore(EARLIEST) && !since.isAfter(LATEST)).isTrue();
		}
		catch (ResponseStatusException ex) {
			assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		}
	}

	@Provide
	Arbitrary<Instant> inRange() {
		return instants(EARLIEST.getEpochSecond(), LATEST.getEpochSecond() - 1);
	}

	@Provide
	Arbitrary<Instant> beforeRange() {
		return instants(Instant.MIN.getEpochSecond(), EARLIEST.getEpochSecond() - 1);
	}

	@Provide
	Arbitrary<Instant> afterRange() {
		return instants(LATEST.getEpochSecond() + 1, Instant.MAX.getEpochSecond());
	}

	private static Arbitrary<Instant> instants(long fromSecond, long toSecond) {
		return Combinators
			.combine(Arbitraries.longs().between(fromSecond, toSecond), Arbitraries.integers().between(0, 999_999_999))
			.as(Instant::ofEpochSecond);
	}

	private static void assertRefusedSayingTheRange(Instant since) {
		ResponseStatusException refused = catchThrowableOfType(ResponseStatusException.class,
				() -> RejectionsController.since(since.toString(), NOW));

		assertThat(refused).as("since=%s", since).isNotNull();
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getReason()).isEqualTo("since is from 1987-12-28T17:00:00Z (1987-12-29 in Vietnam, the "
				+ "ledger's earliest date) to 5 minutes from now (2026-11-30T02:05:00Z), was " + since);
	}

}
