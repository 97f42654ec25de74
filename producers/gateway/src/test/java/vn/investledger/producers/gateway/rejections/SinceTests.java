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

/**
 * A listing's {@code since} is any instant: one before the ledger's earliest date lists
 * from that date (1970-01-01, as a client asks for everything, once made Kafka's lookup
 * fail: a 500), one past the year 9999 from then (its milliseconds once overflowed a
 * long); only a text that is no instant is a 400.
 */
class SinceTests {

	private static final Instant NOW = Instant.parse("2026-11-30T02:00:00Z");

	/** 29 December 1987, midnight in Vietnam. */
	private static final Instant EARLIEST = Instant.parse("1987-12-28T17:00:00Z");

	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

	@Property(tries = 300)
	void shouldTakeAnyInstantFromTheEarliestDateOnAsGiven(@ForAll("inRange") Instant since) {
		assertThat(RejectionsController.since(since.toString(), NOW)).isEqualTo(since);
	}

	@Property(tries = 300)
	void shouldListFromTheEarliestDateForAnEarlierInstant(@ForAll("beforeRange") Instant since) {
		assertThat(RejectionsController.since(since.toString(), NOW)).isEqualTo(EARLIEST);
	}

	@Property(tries = 300)
	void shouldListFromTheYear9999ForALaterInstant(@ForAll("afterRange") Instant since) {
		assertThat(RejectionsController.since(since.toString(), NOW)).isEqualTo(LATEST);
	}

	@Example
	void shouldTakeTheInstantsThatKafkaOrALongCannotHold() {
		assertThat(RejectionsController.since("1969-12-31T00:00:00Z", NOW)).isEqualTo(EARLIEST);
		assertThat(RejectionsController.since("1970-01-01T00:00:00Z", NOW)).isEqualTo(EARLIEST);
		assertThat(RejectionsController.since("+300000000-01-01T00:00:00Z", NOW)).isEqualTo(LATEST);
		assertThat(RejectionsController.since(Instant.MIN.toString(), NOW)).isEqualTo(EARLIEST);
		assertThat(RejectionsController.since(" " + Instant.MAX + " ", NOW)).isEqualTo(LATEST);
	}

	@Property(tries = 500)
	void shouldAnswerAnyTextWithAnInstantNothingOrA400(@ForAll String text) {
		try {
			Instant since = RejectionsController.since(text, NOW);
			assertThat(since == null || !since.isBefore(EARLIEST) && !since.isAfter(LATEST)).isTrue();
		}
		catch (ResponseStatusException ex) {
			assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(ex.getReason()).startsWith("since is an ISO-8601 instant");
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

}
