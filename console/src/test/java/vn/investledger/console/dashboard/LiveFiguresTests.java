package vn.investledger.console.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import vn.investledger.console.ConsoleFixture;
import vn.investledger.console.ConsoleTest;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Money;
import vn.investledger.events.Total;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.investledger.console.ConsoleFixture.JSON;
import static vn.investledger.console.ConsoleFixture.OFFICIAL;
import static vn.investledger.console.ConsoleFixture.PASSWORD;

/**
 * The figures the indexer writes reach an open console as server-sent events, found by a
 * search of the totals index: each new version once, none before it is searchable.
 */
@ConsoleTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveFiguresTests {

	private final ConsoleFixture fixture;

	@Autowired
	private LiveFigures live;

	/** Every figure received, in order. */
	private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();

	private CompletableFuture<HttpResponse<Stream<String>>> response;

	private volatile Stream<String> lines;

	LiveFiguresTests(ConsoleFixture fixture) {
		this.fixture = fixture;
	}

	@BeforeEach
	void listen() {
		// the response's head comes with the first event
		this.response = HttpClient.newHttpClient()
			.sendAsync(HttpRequest.newBuilder(URI.create(this.fixture.url("/api/console/figures")))
				.header("Accept", "text/event-stream")
				.header("Authorization", ConsoleFixture.basic(OFFICIAL, PASSWORD))
				.build(), HttpResponse.BodyHandlers.ofLines());
		this.response.thenAccept((events) -> {
			assertThat(events.statusCode()).isEqualTo(200);
			this.lines = events.body();
			this.lines.filter((line) -> line.startsWith("data:"))
				.forEach((line) -> JSON.readTree(line.substring("data:".length())).forEach(this.received::add));
		});
		await().atMost(Duration.ofSeconds(10)).until(() -> this.live.listeners() > 0);
	}

	@AfterEach
	void close() {
		this.response.cancel(true);
		if (this.lines != null) {
			// ends the stream, which the console then forgets
			this.lines.close();
		}
	}

	/**
	 * A user's ninth window ends their oldest stream: a window closed is noticed only at
	 * the next write to it, and one user's streams must not fill the thread that writes
	 * to every console.
	 */
	@Test
	void shouldHoldAtMostEightStreamsOfOneUserEndingTheOldest() {
		HttpClient client = HttpClient.newHttpClient();
		List<CompletableFuture<HttpResponse<String>>> windows = new java.util.ArrayList<>();
		for (int i = 0; i < LiveFigures.MAX_PER_USER + 2; i++) {
			windows.add(client.sendAsync(HttpRequest.newBuilder(URI.create(this.fixture.url("/api/console/figures")))
				.header("Accept", "text/event-stream")
				.header("Authorization", ConsoleFixture.basic(ConsoleFixture.ADMIN, ConsoleFixture.PASSWORD))
				.build(), HttpResponse.BodyHandlers.ofString()));
		}
		try {
			await().atMost(Duration.ofSeconds(20))
				.until(() -> windows.stream().filter(CompletableFuture::isDone).count() == 2
						&& this.live.listenersOf(ConsoleFixture.ADMIN) == LiveFigures.MAX_PER_USER);
			windows.stream()
				.filter(CompletableFuture::isDone)
				.forEach((ended) -> assertThat(ended.join().statusCode()).isEqualTo(200));
			// the official's own stream is untouched
			assertThat(this.live.listenersOf(OFFICIAL)).isEqualTo(1);
		}
		finally {
			windows.forEach((window) -> window.cancel(true));
		}
	}

	/**
	 * A console that stops reading (its network stalls, or a client keeps the connection
	 * and reads nothing) holds up no other, and is ended once it has
	 * {@link LiveFigures#MAX_WAITING_PAGES} pages unread. Last: its many figures would
	 * reach a later test's console, which asks back 15 s when it connects.
	 */
	@Test
	@Order(Integer.MAX_VALUE)
	void shouldWriteToEveryConsoleWhileOneReadsNothingAndEndThatOne() throws Exception {
		CountDownLatch reads = new CountDownLatch(1);
		CountDownLatch ended = new CountDownLatch(1);
		AtomicInteger writes = new AtomicInteger();
		SseEmitter stalled = new SseEmitter(60_000L) {

			@Override
			public void send(SseEventBuilder event) throws IOException {
				writes.incrementAndGet();
				try {
					reads.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}

			@Override
			public void complete() {
				ended.countDown();
				super.complete();
			}

		};
		this.live.subscribe("stalled", stalled);
		try {
			// Given a console whose first write never returns, after the one that reads
			// When more pages of figures are written than a console may have waiting
			int pages = LiveFigures.MAX_WAITING_PAGES + 2;
			this.fixture.indexTotals(zoneFigures("LIVE-", pages * LiveFigures.PAGE));

			// Then the console that reads gets every figure
			Set<String> zones = new HashSet<>();
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				for (JsonNode figure = this.received.poll(); figure != null; figure = this.received.poll()) {
					zones.add(figure.get("dimensions").path("zone").asString());
				}
				return zones.stream().filter((zone) -> zone.startsWith("LIVE-")).count() == pages * LiveFigures.PAGE;
			});
			// And the one that reads nothing has had one write and is no longer listened
			// to
			await().atMost(Duration.ofSeconds(10)).until(() -> this.live.listenersOf("stalled") == 0);
			assertThat(writes.get()).isEqualTo(1);
			assertThat(this.live.listenersOf(OFFICIAL)).isEqualTo(1);
			// And its stream is ended once its write returns
			reads.countDown();
			assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(writes.get()).isEqualTo(1);
		}
		finally {
			reads.countDown();
		}
	}

	@Test
	void shouldSendEachNewVersionOfAFigureOnceAfterItIsWritten() throws Exception {
		// Given a province's figure written while a console listens
		this.fixture.index(figure("22", "100.00"));

		// Then the console receives it, as written
		JsonNode first = next("province|province=22|all|FDI");
		assertThat(first.get("registeredCapital").get("minorUnits").asLong()).isEqualTo(10_000);
		assertThat(first.get("indexedAt").isNull()).isFalse();

		// When a newer version is written, and another figure
		this.fixture.index(figure("22", "250.50"), figure("31", "7.00"));

		// Then each arrives, the first in its new version
		List<JsonNode> after = List.of(next("province|province=22|all|FDI"), next("province|province=31|all|FDI"));
		assertThat(after.get(0).get("registeredCapital").get("minorUnits").asLong()).isEqualTo(25_050);
		assertThat(after.get(1).get("registeredCapital").get("minorUnits").asLong()).isEqualTo(700);

		// And no version is sent twice, though every question reaches back
		Thread.sleep(1500);
		List<JsonNode> more = new ArrayList<>();
		this.received.drainTo(more);
		assertThat(more).isEmpty();
	}

	/**
	 * The next figure received with a key, skipping the others.
	 */
	private JsonNode next(String key) throws InterruptedException {
		Instant until = Instant.now().plusSeconds(20);
		while (Instant.now().isBefore(until)) {
			JsonNode figure = this.received.poll(200, TimeUnit.MILLISECONDS);
			if (figure != null && figure.get("key").asString().equals(key)) {
				return figure;
			}
		}
		throw new AssertionError("No figure " + key + " within 20 s");
	}

	/**
	 * Figures of as many zones of Quảng Ninh, named by a prefix and a number.
	 */
	static List<Total> zoneFigures(String prefix, int count) {
		return IntStream.range(0, count)
			.mapToObj((i) -> new Total("zone", Map.of("province", "22", "zone", prefix + i), "all", InvestmentType.FDI,
					Money.usd("1.00"), 1, Money.usd("0"), 0, Money.usd("0"), 0, Money.usd("0"), Instant.now(), null))
			.toList();
	}

	private static Total figure(String province, String usd) {
		return new Total("province", Map.of("province", province), "all", InvestmentType.FDI, Money.usd(usd), 1,
				Money.usd("0"), 0, Money.usd("0"), 0, Money.usd("0"), Instant.now(), null);
	}

}
