package vn.investledger.producers.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import vn.investledger.events.LicensingEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A simulator that stops leaves no project waiting: it sends the events it held back to
 * send late, so every project's revisions are 1 to its highest, whether it stops at its
 * count or is closed while it runs.
 */
class SimulatorTests {

	@Test
	void shouldSendWhatItHeldBackWhenItReachesItsCount() {
		Recording sender = new Recording();
		Simulator simulator = new Simulator(2024, 1_000_000, 3_000, sender);

		simulator.run();

		assertThat(sender.events).hasSizeGreaterThan(3_000);
		assertEveryProjectWhole(sender.events);
		assertThat(simulator.sent()).isEqualTo(sender.events.size());
		assertThat(simulator.published()).isEqualTo(sender.events.size());
		assertThat(simulator.failed()).isZero();
	}

	@Test
	void shouldSendWhatItHeldBackWhenClosedWhileItRuns() throws Exception {
		Recording sender = new Recording();
		Simulator simulator = new Simulator(7, 2_000, 0, sender);
		Thread running = Thread.ofPlatform().start(simulator);
		while (sender.events.size() < 500) {
			Thread.sleep(10);
		}

		simulator.close();

		assertThat(running.join(Duration.ofSeconds(10))).isTrue();
		assertThat(sender.closed).isTrue();
		// nothing is sent once the publishers are closed
		assertThat(sender.sentAfterClose).isZero();
		assertEveryProjectWhole(sender.events);
	}

	private static void assertEveryProjectWhole(List<LicensingEvent> events) {
		Map<String, Set<Long>> revisions = new ConcurrentHashMap<>();
		for (LicensingEvent event : events) {
			revisions.computeIfAbsent(event.key(), (code) -> new TreeSet<>()).add(event.envelope().revision());
		}
		revisions.forEach((code, of) -> assertThat(of).as(code)
			.containsExactlyElementsOf(LongStream.rangeClosed(1, of.size()).boxed().toList()));
	}

	private static final class Recording implements Simulator.Sender {

		final List<LicensingEvent> events = new CopyOnWriteArrayList<>();

		volatile boolean closed;

		volatile int sentAfterClose;

		@Override
		public CompletableFuture<?> send(String province, LicensingEvent event) {
			if (this.closed) {
				this.sentAfterClose++;
			}
			this.events.add(event);
			return CompletableFuture.completedFuture(null).orTimeout(1, TimeUnit.SECONDS);
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
			this.closed = true;
		}

	}

}
