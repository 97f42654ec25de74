package vn.investledger.console.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
import vn.investledger.index.TotalDocument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A catch-up (a replay, a recount, a backfill) makes many figures searchable at once. One
 * question reads no more of them than the fullest console's line has room for, since a
 * question's pages are put in line at once: a console that reads, quickly or slowly, is
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
	void shouldKeepEveryConsoleThatReadsThroughACatchUpOfManyFiguresAtOnce() throws Exception {
		// Given more pages of figures searchable at once than a console may have waiting
		// written within one millisecond, finer than the index keeps time: so that a
		// question cannot go on from a time, as more of them share it than it reads
		int pages = LiveFigures.MAX_WAITING_PAGES + 5;
		Instant first = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
		this.fixture.indexTotals(IntStream.range(0, pages * LiveFigures.PAGE)
			.mapToObj((i) -> new Total("zone", Map.of("province", "22", "zone", "CATCH-UP-%06d".formatted(i)), "all",
					InvestmentType.FDI, Money.usd("1.00"), 1, Money.usd("0"), 0, Money.usd("0"), 0, Money.usd("0"),
					Instant.now(), null))
			.toList(), first, Duration.ofNanos(10));
		// and two consoles, one whose every page takes a network's few milliseconds to
		// write and one that takes a slow line's tenth of a second, asked four times a
		// second by a poller of the test's own that reaches back far enough to find them
		// all
		// (the service's own polls on its schedule)
		int all = pages * LiveFigures.PAGE;
		Reader quick = new Reader(10);
		Reader slow = new Reader(100);
		LiveFigures live = new LiveFigures(this.client, this.properties,
				new LiveFiguresProperties(Duration.ofSeconds(1), Duration.ofHours(1)),
				new org.springframework.beans.factory.support.StaticListableBeanFactory()
					.getBeanProvider(vn.investledger.console.tables.CountingTables.class));
		live.subscribe("quick", quick);
		live.subscribe("slow", slow);

		// When it asks, four times a second, until every figure is sent
		for (int asked = 0; asked < 4 * pages && slow.written.get() < all; asked++) {
			live.poll();
			// Then both consoles are still listened to after each question
			assertThat(live.listenersOf("quick")).as("after question %d", asked + 1).isEqualTo(1);
			assertThat(live.listenersOf("slow")).as("after question %d", asked + 1).isEqualTo(1);
			Thread.sleep(250);
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> quick.written.get() >= all && slow.written.get() >= all);
		// every figure once, none twice
		assertThat(quick.times.values()).hasSize(all).containsOnly(1);
		assertThat(slow.times.values()).hasSize(all).containsOnly(1);
		assertThat(live.listenersOf("quick")).isEqualTo(1);
		assertThat(live.listenersOf("slow")).isEqualTo(1);
	}

	/**
	 * A console whose every page takes some time to write, counting the figures written.
	 */
	private static final class Reader extends SseEmitter {

		final AtomicInteger written = new AtomicInteger();

		/** How many times each figure was written, by key. */
		final Map<String, Integer> times = new ConcurrentHashMap<>();

		private final long millisPerPage;

		Reader(long millisPerPage) {
			super(300_000L);
			this.millisPerPage = millisPerPage;
		}

		@Override
		public void send(SseEventBuilder event) {
			try {
				Thread.sleep(this.millisPerPage);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			for (ResponseBodyEmitter.DataWithMediaType part : event.build()) {
				if (part.getData() instanceof List<?> figures) {
					this.written.addAndGet(figures.size());
					figures.forEach((figure) -> this.times.merge(((TotalDocument) figure).key(), 1, Integer::sum));
				}
			}
		}

	}

}
