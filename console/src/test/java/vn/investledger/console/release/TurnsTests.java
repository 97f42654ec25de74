package vn.investledger.console.release;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One official asking for releases at many instants takes one turn at a time; the other
 * turns stay free for everyone else.
 */
class TurnsTests {

	@Test
	void shouldLetAUserTakeOneTurnAtATimeAndLeaveTheOthersToEveryoneElse() throws Exception {
		Turns turns = new Turns(2, Duration.ofMillis(300));
		Turns.Turn first = turns.take("official-a");

		// a second pass of the same official waits for the first, holding no turn
		// meanwhile
		CountDownLatch waiting = new CountDownLatch(1);
		CompletableFuture<Turns.Turn> again = CompletableFuture.supplyAsync(() -> {
			waiting.countDown();
			return turns.take("official-a");
		});
		waiting.await();
		Turns.Turn other = turns.take("official-b");
		assertThatThrownBy(again::join).hasCauseInstanceOf(Releases.ReleaseBusyException.class)
			.hasMessageContaining("each user computes one at a time");

		// both turns taken: a third official is told the console is busy
		assertThatThrownBy(() -> turns.take("official-c")).isInstanceOf(Releases.ReleaseBusyException.class)
			.hasMessageContaining("computing 2 releases");

		// once the first pass is done, the official takes a turn again
		first.close();
		first.close();
		Turns.Turn next = turns.take("official-a");
		other.close();
		next.close();
	}

	@Test
	void shouldServeAUsersPassesInTurnWithinTheWait() throws Exception {
		Turns turns = new Turns(2, Duration.ofSeconds(5));
		Turns.Turn first = turns.take("official-a");
		CompletableFuture<Turns.Turn> second = CompletableFuture.supplyAsync(() -> turns.take("official-a"));

		TimeUnit.MILLISECONDS.sleep(200);
		assertThat(second).isNotDone();
		first.close();

		second.get(5, TimeUnit.SECONDS).close();
		// the console's own passes have no user, and no turn of their own
		try (Turns.Turn one = turns.take(null); Turns.Turn two = turns.take(null)) {
			assertThat(one).isNotSameAs(two);
		}
	}

}
