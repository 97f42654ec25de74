package vn.investledger.localstack;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A start that lost its port to another process is tried again, a few times; any other
 * failure is not.
 */
class PortRaceTests {

	@Test
	void shouldStartAgainOnOtherPortsWhenAPortWasTaken() {
		AtomicInteger starts = new AtomicInteger();

		String server = PortRace.retried("Kafka", () -> {
			if (starts.incrementAndGet() < PortRace.ATTEMPTS) {
				throw new LocalStackException("Kafka exited during startup\\n--- last lines ---\\n"
						+ "Socket server failed to bind to 127.0.0.1:44819: Address already in use.");
			}
			return "running";
		});

		assertThat(server).isEqualTo("running");
		assertThat(starts).hasValue(PortRace.ATTEMPTS);
	}

	@Test
	void shouldGiveUpAfterTheLastAttemptAndAtOnceOnAnyOtherFailure() {
		AtomicInteger taken = new AtomicInteger();
		AtomicInteger other = new AtomicInteger();

		assertThatExceptionOfType(LocalStackException.class).isThrownBy(() -> PortRace.retried("Elasticsearch", () -> {
			taken.incrementAndGet();
			throw new LocalStackException("java.net.BindException: Address already in use");
		}));
		assertThatExceptionOfType(LocalStackException.class).isThrownBy(() -> PortRace.retried("Kafka", () -> {
			other.incrementAndGet();
			throw new LocalStackException("Kafka was not ready within PT2M");
		})).withMessage("Kafka was not ready within PT2M");

		assertThat(taken).hasValue(PortRace.ATTEMPTS);
		assertThat(other).hasValue(1);
	}

}
