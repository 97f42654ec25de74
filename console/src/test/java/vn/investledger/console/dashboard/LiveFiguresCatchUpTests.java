package vn.investledger.console.dashboard;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import vn.investledger.console.ConsoleFixture;
import vn.investledger.console.ConsoleTest;
import vn.investledger.console.system.ConsoleProperties;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Money;
import vn.investledger.events.Total;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A catch-up (a replay, a recount, a backfill) makes many figures searchable at once. One
 * question reads no more of them than half of what a console may have waiting, since a
 * question's pages are put in line at once: a console that reads at a network's pace is
 * not ended for the size of a catch-up, and gets every figure.
 */
@ConsoleTest
class LiveFiguresCatchUpTests {

	private final ConsoleFixture fixture;

	@Autowired
	private ElasticsearchClient client;

	@Autowired
	private ConsoleProperties properties;

	LiveFiguresCatchUpTests(ConsoleFixture fixture) {
		this.fixture = fixture;
	}

	@Test
	void shouldKeepAConsoleThatReadsThroughACatchUpOfManyFiguresAtOnce() throws IOException {
		// Given more pages of figures searchable at once than a console may have waiting
		int pages = LiveFigures.MAX_WAITING_PAGES + 5;
		this.fixture.indexTotals(IntStream.range(0, pages * LiveFigures.PAGE)
			.mapToObj((i) -> new Total("zone", Map.of("province", "22", "zone", "CATCH-UP-" + i), "all",
					InvestmentType.FDI, Money.usd("1.00"), 1, Money.usd("0"), 0, Money.usd("0"), 0, Money.usd("0"),
					Instant.now(), null))
			.toList());
		// and a console whose every page takes a network's few milliseconds to write
		// (counting the figures written),
		// asked by a poller of the test's own that reaches back far enough to find
		// them all (the service's own polls on its schedule)
		AtomicInteger written = new AtomicInteger();
		int all = pages * LiveFigures.PAGE;
		SseEmitter reader = new SseEmitter(300_000L) {

			@Override
			public void send(SseEventBuilder event) {
				try {
					Thread.sleep(10);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				for (ResponseBodyEmitter.DataWithMediaType part : event.build()) {
					if (part.getData() instanceof List<?> figures) {
						written.addAndGet(figures.size());
					}
				}
			}

		};
		LiveFigures live = new LiveFigures(this.client, this.properties,
				new LiveFiguresProperties(Duration.ofSeconds(1), Duration.ofHours(1)));
		live.subscribe("reader", reader);

		// When it asks, again and again until every figure is sent
		for (int asked = 0; asked < 2 * pages && written.get() < all; asked++) {
			int before = written.get();
			live.poll();
			// Then the console is still listened to after each question
			assertThat(live.listenersOf("reader")).as("after question %d", asked + 1).isEqualTo(1);
			await().atMost(Duration.ofSeconds(30)).until(() -> written.get() > before || written.get() == all);
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> written.get() == all);
		assertThat(live.listenersOf("reader")).isEqualTo(1);
	}

}
