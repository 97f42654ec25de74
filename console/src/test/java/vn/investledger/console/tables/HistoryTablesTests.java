package vn.investledger.console.tables;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import vn.investledger.console.ConsoleFixture;
import vn.investledger.console.ConsoleTest;
import vn.investledger.events.reference.TableFingerprint;
import vn.investledger.events.rulebook.ReportCalendar;
import vn.investledger.testsupport.RealServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.investledger.console.ConsoleFixture.params;

/**
 * After a recount under a new report calendar or rate table, the figures are counted by
 * the new tables while the history's flows keep the old report months and USD
 * equivalents: the events behind a figure and the releases are refused (409) until a
 * replay records the history under the figures' tables, on the real Kafka the processor
 * keeps its record of them on.
 */
@ConsoleTest
@TestPropertySource(properties = "investledger.rulebook-refresh=200ms")
class HistoryTablesTests {

	private static final String MONTH = "2025-10";

	private static final Map<String, String> FIGURE = params("cuboid", "national", "period", "all", "type", "FDI");

	/** The report calendar the console reads: the shipped one. */
	private static final String CALENDAR = TableFingerprint.of(ReportCalendar.standard().rows());

	private final ConsoleFixture fixture;

	HistoryTablesTests(ConsoleFixture fixture) {
		this.fixture = fixture;
	}

	@BeforeAll
	static void rulebookTopic(ConsoleFixture fixture) throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", RealServers.kafka().bootstrapServers()))) {
			// as the processor creates it
			admin.createTopics(List.of(new NewTopic(fixture.topics.rulebookTopicName(), 1, (short) 1)
				.configs(Map.of("cleanup.policy", "compact")))).all().get();
		}
	}

	@Test
	void shouldRefuseToSumAHistoryRecordedUnderOtherTablesThanTheFigures() throws Exception {
		String figures = this.fixture.prefix + "-stream-processor";
		Instant counted = Instant.parse("2026-11-01T00:00:00Z");
		try (KafkaProducer<String, String> producer = producer()) {
			// Before any processor counted (or with its records removed, whatever the
			// tests before left): nothing to compare, the drill-down answers
			send(producer, figures, null);
			send(producer, figures + "/history", null);
			send(producer, figures + "-other", null);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(drillDown().statusCode()).isEqualTo(200));

			// Given figures and a history recorded under the same tables
			send(producer, figures, tables("c1", "r1", counted));
			send(producer, figures + "/history", tables("c1", "r1", counted));
			// (another application's record is not this platform's processor's)
			send(producer, figures + "-other", tables("c9", "r9", counted));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(drillDown().statusCode()).isEqualTo(200));

			// When a recount counts the figures under another report calendar
			Instant recounted = Instant.parse("2026-12-01T00:00:00Z");
			send(producer, figures, tables(CALENDAR, "r1", recounted));

			// Then the events behind a figure are refused, naming the table
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(drillDown().statusCode()).isEqualTo(409));
			JsonNode problem = ConsoleFixture.JSON.readTree(drillDown().body());
			assertThat(problem.get("tables").toString()).isEqualTo("[\"calendar\"]");
			assertThat(problem.get("detail").asString()).contains("the report calendar")
				.contains("A replay from the event topics");
			assertThat(problem.get("figuresCountedFrom").asString()).isEqualTo(recounted.toString());
			assertThat(this.fixture.get("/api/search/totals/events/export", FIGURE).statusCode()).isEqualTo(409);
			// and so are the releases as they stand, their revisions and their
			// publication
			assertThat(this.fixture.get("/api/releases/" + MONTH, params("type", "FDI")).statusCode()).isEqualTo(409);
			assertThat(this.fixture.get("/api/releases/" + MONTH, params("type", "FDI", "format", "csv")).statusCode())
				.isEqualTo(409);
			assertThat(this.fixture.get("/api/releases/" + MONTH + "/revisions", params("type", "FDI")).statusCode())
				.isEqualTo(409);
			assertThat(
					this.fixture.get("/api/releases/" + MONTH + "/zone-board", params("province", "31")).statusCode())
				.isEqualTo(409);
			assertThat(this.fixture
				.send("POST", ConsoleFixture.ADMIN, ConsoleFixture.PASSWORD,
						"/api/admin/releases/" + MONTH + "/publications", params("type", "FDI"))
				.statusCode()).isEqualTo(409);
			assertThat(this.fixture
				.send("POST", ConsoleFixture.ADMIN, ConsoleFixture.PASSWORD,
						"/api/admin/releases/" + MONTH + "/zone-board/publications", params("province", "31"))
				.statusCode()).isEqualTo(409);
			// and so is a release as known at any instant, however it is written: the
			// entries applied since the recount, some received before it, hold the new
			// tables' flows
			for (String asOf : List.of("2026-11-15T00:00:00Z", "2026-12-01T00:00:01Z", "2026-11-15T07:00+07:00",
					" 2026-11-15T00:00:00Z", "")) {
				assertThat(this.fixture.get("/api/releases/" + MONTH, params("type", "FDI", "asOf", asOf)).statusCode())
					.as(asOf)
					.isEqualTo(409);
			}
			assertThat(this.fixture
				.get("/api/releases/" + MONTH + "/revisions", params("type", "FDI", "vintage", "first-published"))
				.statusCode()).isEqualTo(409);
			// while what was published is answered, checked against its SHA-256, and the
			// publications' lists
			assertThat(this.fixture.get("/api/releases/" + MONTH, params("type", "FDI", "vintage", "first-published"))
				.statusCode()).isNotEqualTo(409);
			assertThat(this.fixture
				.get("/api/releases/" + MONTH + "/zone-board", params("province", "31", "vintage", "first-published"))
				.statusCode()).isNotEqualTo(409);
			assertThat(this.fixture.get("/api/releases/" + MONTH + "/publications", params("type", "FDI")).statusCode())
				.isEqualTo(200);
			// the figures themselves are answered
			assertThat(this.fixture.get("/api/search/totals", FIGURE).statusCode()).isNotEqualTo(409);

			// and a change of the rates as well is named with it
			send(producer, figures, tables(CALENDAR, "r2", recounted));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(
						() -> assertThat(ConsoleFixture.JSON.readTree(drillDown().body()).path("tables").toString())
							.isEqualTo("[\"calendar\",\"rates\"]"));

			// When a replay records the history under the figures' tables
			send(producer, figures + "/history", tables(CALENDAR, "r2", recounted));

			// Then the events behind a figure are answered again
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(drillDown().statusCode()).isEqualTo(200));
			assertThat(this.fixture.get("/api/releases/" + MONTH, params("type", "FDI")).statusCode())
				.isNotEqualTo(409);

			// A recount back to the tables of before leaves the entries applied under the
			// others in the history, which the processor records as mixed
			Map<String, String> mixed = new LinkedHashMap<>();
			mixed.put("calendar", "mixed since 2026-12-03T00:00:00Z");
			mixed.put("rates", "r2");
			mixed.put("vsic", "v1");
			mixed.put("provinces", "p1");
			mixed.put("recordedAt", "2026-12-03T00:00:00Z");
			send(producer, figures + "/history", ConsoleFixture.JSON.writeValueAsString(mixed));
			send(producer, figures, tables("c1", "r2", Instant.parse("2026-12-03T00:00:00Z")));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(
						() -> assertThat(ConsoleFixture.JSON.readTree(drillDown().body()).path("tables").toString())
							.isEqualTo("[\"calendar\"]"));

			// and a history record removed by hand tells nothing: every table is named,
			// and the counting rules (a record of the figures' tables that does not name
			// them counts as of the first version that did)
			send(producer, figures + "/history", null);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(
						() -> assertThat(ConsoleFixture.JSON.readTree(drillDown().body()).path("tables").toString())
							.isEqualTo("[\"calendar\",\"rates\",\"vsic\",\"provinces\",\"counting\"]"));
		}
	}

	@Test
	void shouldRefuseTheReportAndTheReleasesWhileTheConsoleReadsAnotherCalendarThanTheFigures() throws Exception {
		String figures = this.fixture.prefix + "-stream-processor";
		Instant counted = Instant.parse("2026-11-01T00:00:00Z");
		try (KafkaProducer<String, String> producer = producer()) {
			// Given figures counted under the console's calendar
			countedUnder(producer, figures, CALENDAR, counted);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(report().statusCode()).isEqualTo(200));

			// When the processor counts them under another calendar (the console's file
			// left as it was)
			countedUnder(producer, figures, "another calendar", counted);

			// Then the monthly report and the releases are refused, naming the calendar
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(report().statusCode()).isEqualTo(409));
			JsonNode problem = ConsoleFixture.JSON.readTree(report().body());
			assertThat(problem.get("title").asString()).isEqualTo("The console's report calendar is not the figures'");
			assertThat(problem.get("detail").asString()).contains("Give the console the processor's calendar file");
			assertThat(this.fixture.get("/api/releases/" + MONTH, params("type", "FDI", "vintage", "first-published"))
				.statusCode()).isEqualTo(409);
			// while the figures and the events behind them, which carry the processor's
			// own periods, are answered (once the history's record, sent after the
			// figures', is read too)
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(drillDown().statusCode()).isEqualTo(200));
		}
	}

	@Test
	void shouldRefuseTheFiguresWhileARecountHasNotCompleted() throws Exception {
		String figures = this.fixture.prefix + "-stream-processor";
		Instant counted = Instant.parse("2026-11-01T00:00:00Z");
		try (KafkaProducer<String, String> producer = producer()) {
			// Given figures counted under the console's calendar (none of them national
			// FDI in this index: 404, "no figure")
			countedUnder(producer, figures, CALENDAR, counted);
			send(producer, figures + "/" + "recount-to", null);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(figure().statusCode()).isEqualTo(404));
			assertThat(this.fixture.get("/api/search/stock", params("cuboid", "national", "type", "FDI")).statusCode())
				.isNotEqualTo(503);

			// When a recount begins: its mark set, as the processor sets it before it
			// retires every figure and counts them again (or a recount stopped before its
			// end left it)
			send(producer, figures + "/" + "recount-to", "{\"0\":12,\"1\":7}");

			// Then every answer from the figures is refused, saying why and when to ask
			// again, rather than figures that lack events
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(figure().statusCode()).isEqualTo(503));
			HttpResponse<String> refused = figure();
			assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
			JsonNode problem = ConsoleFixture.JSON.readTree(refused.body());
			assertThat(problem.get("title").asString()).isEqualTo("The figures are being counted again");
			assertThat(problem.get("detail").asString()).contains("lack events");
			assertThat(problem.get("recountTo").asString()).isEqualTo("{\"0\":12,\"1\":7}");
			for (HttpResponse<String> answer : List.of(
					this.fixture.get("/api/search/totals/list",
							params("cuboid", "province", "period", "all", "type", "FDI")),
					this.fixture.get("/api/search/stock", params("cuboid", "national", "type", "FDI")), this.fixture
						.get("/api/search/totals/series", params("cuboid", "national", "year", "2025", "type", "FDI")),
					report())) {
				assertThat(answer.statusCode()).as(answer.uri().toString()).isEqualTo(503);
			}
			// while what the ledger's history answers is served
			assertThat(drillDown().statusCode()).isEqualTo(200);
			assertThat(this.fixture.get("/api/search/projects", params("q", "cảng")).statusCode()).isEqualTo(200);

			// And once it completes (its mark removed), the figures are answered again
			send(producer, figures + "/" + "recount-to", null);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(figure().statusCode()).isEqualTo(404));
			assertThat(report().statusCode()).isEqualTo(200);
		}
	}

	@Test
	void shouldRefuseTheFiguresAndTheHistoryWhileAReplayHasNotCountedThem() throws Exception {
		String figures = this.fixture.prefix + "-stream-processor";
		try (KafkaProducer<String, String> producer = producer()) {
			// Given figures and a history counted under the console's calendar
			countedUnder(producer, figures, CALENDAR, Instant.parse("2026-11-01T00:00:00Z"));
			send(producer, figures + "/" + "replay-to", null);
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(figure().statusCode()).isEqualTo(404);
				assertThat(drillDown().statusCode()).isEqualTo(200);
			});

			// When a replay from the event topics begins: its mark set, as the processor
			// sets it before it retires every figure and project state
			String mark = "{\"to\":{\"" + this.fixture.topics.eventTopicName("31") + ":0\":40},\"retired\":true}";
			send(producer, figures + "/" + "replay-to", mark);

			// Then the figures are refused, as during a recount
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(figure().statusCode()).isEqualTo(503));
			HttpResponse<String> refused = figure();
			assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
			JsonNode problem = ConsoleFixture.JSON.readTree(refused.body());
			assertThat(problem.get("title").asString()).isEqualTo("The figures are being counted again");
			assertThat(problem.get("detail").asString()).contains("replay of the event topics", "lack events");
			assertThat(problem.get("replayTo").asString()).isEqualTo(mark);
			assertThat(report().statusCode()).isEqualTo(503);
			// and so is what sums the history, which the replay writes again from its own
			// decisions
			HttpResponse<String> events = drillDown();
			assertThat(events.statusCode()).isEqualTo(503);
			assertThat(ConsoleFixture.JSON.readTree(events.body()).get("title").asString())
				.isEqualTo("The ledger's history is being written again");
			assertThat(this.fixture.get("/api/releases/" + MONTH, params("type", "FDI")).statusCode()).isEqualTo(503);
			// while the projects are searched
			assertThat(this.fixture.get("/api/search/projects", params("q", "cảng")).statusCode()).isEqualTo(200);

			// And once it has counted every figure (its mark removed), all are answered
			// again
			send(producer, figures + "/" + "replay-to", null);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(figure().statusCode()).isEqualTo(404));
			assertThat(drillDown().statusCode()).isEqualTo(200);
			assertThat(report().statusCode()).isEqualTo(200);
		}
	}

	/**
	 * A replay that has published everything it counted records where the topics it wrote
	 * anew end, then removes its mark: the figures are refused until the figures'
	 * indexers have committed those ends, and what sums the history until the history's
	 * indexer has, so that no page answers from indices still short of what was counted.
	 */
	@Test
	void shouldRefuseTheFiguresUntilTheIndexersHaveReadWhatAReplayPublished() throws Exception {
		String figures = this.fixture.prefix + "-stream-processor";
		TopicPartition totals = new TopicPartition(this.fixture.topics.totals().name(), 0);
		TopicPartition stock = new TopicPartition(this.fixture.topics.stock().name(), 0);
		TopicPartition applied = new TopicPartition(this.fixture.topics.appliedEvents().name(), 0);
		try (KafkaProducer<String, String> producer = producer();
				Admin admin = Admin.create(Map.of("bootstrap.servers", RealServers.kafka().bootstrapServers()))) {
			for (TopicPartition partition : List.of(totals, stock, applied)) {
				try {
					admin.createTopics(List.of(new NewTopic(partition.topic(), 1, (short) 1))).all().get();
				}
				catch (java.util.concurrent.ExecutionException ex) {
					// made by another test of the fixture
				}
			}
			try {
				// Given figures and a history counted under the console's calendar
				countedUnder(producer, figures, CALENDAR, Instant.parse("2026-11-01T00:00:00Z"));
				send(producer, figures + "/" + "replay-to", null);
				send(producer, figures + "/" + "recount-to", null);
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
					assertThat(figure().statusCode()).isEqualTo(404);
					assertThat(drillDown().statusCode()).isEqualTo(200);
				});

				// When a replay has published everything it counted, up to the topics'
				// ends
				Map<TopicPartition, Long> ends = new java.util.HashMap<>();
				for (Map.Entry<TopicPartition, Integer> written : Map.of(totals, 5, stock, 3, applied, 2).entrySet()) {
					for (int i = 0; i < written.getValue(); i++) {
						producer.send(new ProducerRecord<>(written.getKey().topic(), 0, "K" + i, "{}")).get();
					}
					ends.put(written.getKey(), admin
						.listOffsets(Map.of(written.getKey(), org.apache.kafka.clients.admin.OffsetSpec.latest()))
						.all()
						.get()
						.get(written.getKey())
						.offset());
				}
				String published = ConsoleFixture.JSON
					.writeValueAsString(Map.of(totals.topic() + ":0", ends.get(totals), stock.topic() + ":0",
							ends.get(stock), applied.topic() + ":0", ends.get(applied)));
				this.fixture.commitIndexer(admin, "totals", totals, ends.get(totals) - 5);
				this.fixture.commitIndexer(admin, "stock", stock, ends.get(stock) - 3);
				this.fixture.commitIndexer(admin, "history", applied, ends.get(applied) - 2);
				send(producer, figures + "/published-to", published);

				// Then the figures are refused while the indexers have yet to read to
				// them
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(figure().statusCode()).isEqualTo(503));
				HttpResponse<String> refused = figure();
				assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
				JsonNode problem = ConsoleFixture.JSON.readTree(refused.body());
				assertThat(problem.get("title").asString()).isEqualTo("The figures counted again are being indexed");
				assertThat(problem.get("detail").asString()).contains("the totals indexer 5 records",
						"the stock indexer 3 records");
				assertThat(problem.get("indexersBehind").get("history").asLong()).isEqualTo(2);
				assertThat(problem.get("publishedTo").asString()).isEqualTo(published);
				HttpResponse<String> events = drillDown();
				assertThat(events.statusCode()).isEqualTo(503);
				assertThat(ConsoleFixture.JSON.readTree(events.body()).get("title").asString())
					.isEqualTo("The ledger's history written again is being indexed");
				// while the projects are searched
				assertThat(this.fixture.get("/api/search/projects", params("q", "cảng")).statusCode()).isEqualTo(200);

				// When the figures' indexers have read part of it, then to the ends
				this.fixture.commitIndexer(admin, "totals", totals, ends.get(totals));
				this.fixture.commitIndexer(admin, "stock", stock, ends.get(stock) - 1);
				await().during(Duration.ofSeconds(1))
					.atMost(Duration.ofSeconds(5))
					.untilAsserted(() -> assertThat(figure().statusCode()).isEqualTo(503));
				this.fixture.commitIndexer(admin, "stock", stock, ends.get(stock));
				// (answered once the indices have refreshed since: meanwhile the refusal
				// says so)
				await().atMost(Duration.ofSeconds(5))
					.pollInterval(Duration.ofMillis(100))
					.untilAsserted(() -> assertThat(figure().body()).contains("the stock indexer has read everything"));
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(figure().statusCode()).isEqualTo(404));

				// Then the figures are answered, and the history still refused until its
				// indexer has read to its end too
				assertThat(drillDown().statusCode()).isEqualTo(503);
				this.fixture.commitIndexer(admin, "history", applied, ends.get(applied));
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(drillDown().statusCode()).isEqualTo(200));
				assertThat(figure().statusCode()).isEqualTo(404);
			}
			finally {
				send(producer, figures + "/published-to", null);
			}
		}
	}

	/**
	 * An open console is told once that the figures are being counted again, gets no
	 * figures meanwhile, and its stream is ended when the counting completes, so that its
	 * browser reads every figure anew (without those the counting retired).
	 */
	@Test
	void shouldTellAnOpenConsoleWhileTheFiguresAreCountedAgainAndEndItsStreamAfter() throws Exception {
		String figures = this.fixture.prefix + "-stream-processor";
		try (KafkaProducer<String, String> producer = producer()) {
			countedUnder(producer, figures, CALENDAR, Instant.parse("2026-11-01T00:00:00Z"));
			send(producer, figures + "/" + "recount-to", null);
			send(producer, figures + "/" + "replay-to", null);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(figure().statusCode()).isEqualTo(404));

			// Given an open console
			List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
			java.util.concurrent.CompletableFuture<HttpResponse<Void>> stream = listen(lines);
			List<String> lateLines = new java.util.concurrent.CopyOnWriteArrayList<>();
			java.util.concurrent.CompletableFuture<HttpResponse<Void>> late = null;
			try {
				// When a replay begins
				String mark = "{\"to\":{\"" + this.fixture.topics.eventTopicName("31") + ":0\":9},\"retired\":false}";
				send(producer, figures + "/" + "replay-to", mark);

				// Then the console is told, once, with the mark
				await().atMost(Duration.ofSeconds(15)).until(() -> lines.contains("event:counting"));
				String notice = lines.get(lines.indexOf("event:counting") + 1);
				JsonNode data = ConsoleFixture.JSON.readTree(notice.substring("data:".length()));
				assertThat(data.get("by").asString()).isEqualTo("replay");
				assertThat(data.get("mark").asString()).isEqualTo(mark);
				assertThat(stream).isNotDone();
				// and a console that opens meanwhile is told at once
				late = listen(lateLines);
				await().atMost(Duration.ofSeconds(5)).until(() -> lateLines.contains("event:counting"));

				// And once the replay has counted every figure, both streams are ended
				send(producer, figures + "/" + "replay-to", null);
				await().atMost(Duration.ofSeconds(15)).until(stream::isDone);
				await().atMost(Duration.ofSeconds(15)).until(late::isDone);
				assertThat(lines.stream().filter("event:counting"::equals)).hasSize(1);
				assertThat(lateLines.stream().filter("event:counting"::equals)).hasSize(1);
				assertThat(lines).doesNotContain("event:figures");
				assertThat(lateLines).doesNotContain("event:figures");
			}
			finally {
				stream.cancel(true);
				if (late != null) {
					late.cancel(true);
				}
			}
		}
	}

	/** Opens the live figures' stream as an official, each line it sends into a list. */
	private java.util.concurrent.CompletableFuture<HttpResponse<Void>> listen(List<String> lines) {
		return java.net.http.HttpClient.newHttpClient()
			.sendAsync(
					java.net.http.HttpRequest.newBuilder(java.net.URI.create(this.fixture.url("/api/console/figures")))
						.header("Accept", "text/event-stream")
						.header("Authorization", ConsoleFixture.basic(ConsoleFixture.OFFICIAL, ConsoleFixture.PASSWORD))
						.build(),
					HttpResponse.BodyHandlers.fromLineSubscriber(new java.util.concurrent.Flow.Subscriber<>() {

						@Override
						public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
							subscription.request(Long.MAX_VALUE);
						}

						@Override
						public void onNext(String line) {
							lines.add(line);
						}

						@Override
						public void onError(Throwable error) {
						}

						@Override
						public void onComplete() {
						}

					}));
	}

	/**
	 * A processor that records its tables under another application id than the one the
	 * console reads leaves every guard blind: the figures are refused, naming both.
	 */
	@Test
	void shouldRefuseTheFiguresWhileOnlyAnotherProcessorRecordsItsTables() throws Exception {
		String figures = this.fixture.prefix + "-stream-processor";
		String other = this.fixture.prefix + "-other-processor";
		try (KafkaProducer<String, String> producer = producer()) {
			// Given the tables of another application id, and none of the console's
			send(producer, figures, null);
			send(producer, figures + "/history", null);
			send(producer, other, tables(CALENDAR, "r1", Instant.parse("2026-11-01T00:00:00Z")));

			// Then the figures and the history are refused, naming both (once every
			// record
			// sent is read)
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				HttpResponse<String> refused = figure();
				assertThat(refused.statusCode()).isEqualTo(503);
				JsonNode problem = ConsoleFixture.JSON.readTree(refused.body());
				assertThat(problem.get("title").asString()).isEqualTo("The console reads no processor's record");
				assertThat(problem.get("detail").asString()).contains(other, figures);
			});
			assertThat(drillDown().statusCode()).isEqualTo(503);
			assertThat(this.fixture.get("/api/search/projects", params("q", "cảng")).statusCode()).isEqualTo(200);

			// And once the console's processor records its tables (or the other's is
			// removed), they are answered again
			countedUnder(producer, figures, CALENDAR, Instant.parse("2026-11-01T00:00:00Z"));
			send(producer, other, null);
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(figure().statusCode()).isEqualTo(404);
				assertThat(drillDown().statusCode()).isEqualTo(200);
			});
		}
	}

	private HttpResponse<String> figure() {
		return this.fixture.get("/api/search/totals", FIGURE);
	}

	private HttpResponse<String> report() {
		return this.fixture.get("/api/reports/monthly", params("year", "2025", "month", "10", "format", "json"));
	}

	private HttpResponse<String> drillDown() {
		return this.fixture.get("/api/search/totals/events", FIGURE);
	}

	private static KafkaProducer<String, String> producer() {
		return new KafkaProducer<>(Map.of("bootstrap.servers", RealServers.kafka().bootstrapServers(), "acks", "all"),
				new StringSerializer(), new StringSerializer());
	}

	/** The records of figures and a history counted under one calendar. */
	private void countedUnder(KafkaProducer<String, String> producer, String figures, String calendar, Instant at)
			throws Exception {
		send(producer, figures, tables(calendar, "r1", at));
		send(producer, figures + "/history", tables(calendar, "r1", at));
	}

	private void send(KafkaProducer<String, String> producer, String key, String value) throws Exception {
		producer.send(new ProducerRecord<>(this.fixture.topics.rulebookTopicName(), 0, key, value)).get();
	}

	/** A record as the processor writes it ({@code RulesInForce}). */
	private static String tables(String calendar, String rates, Instant at) {
		Map<String, String> tables = new LinkedHashMap<>();
		tables.put("calendar", calendar);
		tables.put("rates", rates);
		tables.put("vsic", "v1");
		tables.put("provinces", "p1");
		tables.put("recordedAt", at.toString());
		return ConsoleFixture.JSON.writeValueAsString(tables);
	}

}
