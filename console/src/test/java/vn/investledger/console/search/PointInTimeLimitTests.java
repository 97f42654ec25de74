package vn.investledger.console.search;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import vn.investledger.console.ConsoleFixture;
import vn.investledger.console.ConsoleTest;
import vn.investledger.testsupport.RealServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.investledger.console.ConsoleFixture.ADMIN;
import static vn.investledger.console.ConsoleFixture.JSON;
import static vn.investledger.console.ConsoleFixture.OFFICIAL;
import static vn.investledger.console.ConsoleFixture.PASSWORD;
import static vn.investledger.console.ConsoleFixture.params;
import static vn.investledger.console.ConsoleFixture.state;

/**
 * Each official holds at most 8 Elasticsearch points in time open (the default), all
 * users together at most the total: one more (a page, a project export, a drill-down
 * export) is a 429 naming the limit, another user is not held back by the first, and a
 * search that ends or expires frees its place. Here a cursor expires after 10 s unused,
 * and the total is 12.
 * <p>
 * Four projects, two to a page: the second page opens a point in time and the third,
 * empty, closes it.
 */
@ConsoleTest
@TestPropertySource(properties = { "investledger.search.points-in-time.keep-alive=10s",
		"investledger.search.points-in-time.total=12" })
class PointInTimeLimitTests {

	private static final Duration KEEP_ALIVE = Duration.ofSeconds(10);

	private static final int PER_USER = 8;

	private static final int TOTAL = 12;

	/**
	 * The zone of this class's projects: a zone of the reference list, since a search by
	 * any other code is refused.
	 */
	private static final String ZONE = "HP-NAM-DINH-VU";

	private final ConsoleFixture fixture;

	/** Cursors of open points in time, by user, to close after each test. */
	private final Map<String, List<String>> open = Map.of(OFFICIAL, new ArrayList<>(), ADMIN, new ArrayList<>());

	PointInTimeLimitTests(ConsoleFixture fixture) {
		this.fixture = fixture;
	}

	@BeforeAll
	static void indexProjects(ConsoleFixture fixture) {
		for (int i = 1; i <= 4; i++) {
			fixture.index(state("PIT-" + i, 1, "Nhà máy giới hạn " + i, ZONE, "KR", "C", i + "000"));
		}
	}

	@AfterEach
	void endOpenSearches() {
		this.open.forEach((user, cursors) -> cursors.forEach((cursor) -> page(user, cursor)));
	}

	@Test
	void shouldRefuseAUsersSearchBeyondTheLimitButNotAnotherUsersAndAllowItWhenOneEnds() {
		// Given an official paging through 8 searches at once
		String first = firstPage(OFFICIAL);
		for (int i = 0; i < PER_USER; i++) {
			assertThat(openSearch(OFFICIAL, first).statusCode()).isEqualTo(200);
		}

		// When the official pages into a 9th, exports, or exports the events behind a
		// figure
		HttpResponse<String> ninth = page(OFFICIAL, first);
		HttpResponse<String> export = this.fixture.get("/api/search/projects/export", params("zone", ZONE));
		HttpResponse<String> events = this.fixture.get("/api/search/totals/events/export",
				params("cuboid", "national", "period", "all", "type", "FDI"));

		// Then all three are 429 problems naming the limit, with Retry-After
		for (HttpResponse<String> refused : List.of(ninth, export, events)) {
			assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
			assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			JsonNode problem = JSON.readTree(refused.body());
			assertThat(problem.get("title").asString()).isEqualTo("Too many open searches");
			assertThat(problem.get("detail").asString()).contains(OFFICIAL, "has 8 searches open",
					"investledger.search.points-in-time.per-user");
			assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
					(seconds) -> assertThat(Long.parseLong(seconds)).isBetween(1L, KEEP_ALIVE.toSeconds()));
		}
		// and the admin still pages and exports
		assertThat(openSearch(ADMIN, firstPage(ADMIN)).statusCode()).isEqualTo(200);
		HttpResponse<String> adminExport = this.fixture.send("GET", ADMIN, PASSWORD, "/api/search/projects/export",
				params("zone", ZONE));
		assertThat(adminExport.statusCode()).isEqualTo(200);
		assertThat(adminExport.body().split("\r\n")).hasSize(5);
		HttpResponse<String> adminEvents = this.fixture.send("GET", ADMIN, PASSWORD, "/api/search/totals/events/export",
				params("cuboid", "national", "period", "all", "type", "FDI"));
		assertThat(adminEvents.statusCode()).as(adminEvents.body()).isEqualTo(200);

		// When the official pages one search to its end
		String ended = this.open.get(OFFICIAL).remove(0);
		HttpResponse<String> last = page(OFFICIAL, ended);
		assertThat(last.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(last.body()).get("next").isNull()).isTrue();

		// Then the official may open one more, and no more
		assertThat(openSearch(OFFICIAL, first).statusCode()).isEqualTo(200);
		assertThat(page(OFFICIAL, first).statusCode()).isEqualTo(429);
	}

	@Test
	void shouldAllowAUserToPageAgainOnceTheirSearchesExpire() {
		// Given an official holding 8 searches, and refused a 9th
		String first = firstPage(OFFICIAL);
		for (int i = 0; i < PER_USER; i++) {
			assertThat(openSearch(OFFICIAL, first).statusCode()).isEqualTo(200);
		}
		assertThat(page(OFFICIAL, first).statusCode()).isEqualTo(429);

		// When they are left unused for the keep-alive, the official pages again
		this.open.get(OFFICIAL).clear();
		await().pollDelay(KEEP_ALIVE.minusSeconds(2))
			.pollInterval(Duration.ofSeconds(1))
			.atMost(KEEP_ALIVE.plusSeconds(30))
			.until(() -> openSearch(OFFICIAL, first).statusCode() == 200);
		// and 7 more, up to the limit again, each once the search it takes the place of
		// has expired (they were opened one after another, over a busy machine's seconds)
		for (int i = 1; i < PER_USER; i++) {
			await().pollInterval(Duration.ofMillis(500))
				.atMost(Duration.ofSeconds(30))
				.until(() -> openSearch(OFFICIAL, first).statusCode() == 200);
		}
		assertThat(page(OFFICIAL, first).statusCode()).isEqualTo(429);
	}

	@Test
	void shouldRefuseASearchBeyondTheTotalOfAllUsers() {
		// Given the official holding 8 searches and the admin 4: the total of 12
		String official = firstPage(OFFICIAL);
		for (int i = 0; i < PER_USER; i++) {
			assertThat(openSearch(OFFICIAL, official).statusCode()).isEqualTo(200);
		}
		String admin = firstPage(ADMIN);
		for (int i = PER_USER; i < TOTAL; i++) {
			assertThat(openSearch(ADMIN, admin).statusCode()).isEqualTo(200);
		}

		// When the admin, below their own limit, pages into another
		HttpResponse<String> refused = page(ADMIN, admin);

		// Then it is refused for the total
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
		assertThat(JSON.readTree(refused.body()).get("detail").asString()).contains("has 12 searches open",
				"investledger.search.points-in-time.total");
		assertThat(refused.headers().firstValue("Retry-After")).isPresent();
	}

	@Test
	void shouldFreeThePlaceOfASearchElasticsearchNoLongerHolds() throws Exception {
		// Given an official holding 8 searches, and refused a 9th
		String first = firstPage(OFFICIAL);
		for (int i = 0; i < PER_USER; i++) {
			assertThat(openSearch(OFFICIAL, first).statusCode()).isEqualTo(200);
		}
		assertThat(page(OFFICIAL, first).statusCode()).isEqualTo(429);

		// When Elasticsearch no longer holds one of them (closed here; a restarted node
		// loses them all) and the official pages it
		String lost = this.open.get(OFFICIAL).remove(0);
		String pit = JSON.readTree(Base64.getUrlDecoder().decode(lost)).get("pit").asString();
		HttpResponse<String> closed = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(RealServers.elasticsearch().url() + "/_pit"))
				.header("Content-Type", "application/json")
				.method("DELETE", HttpRequest.BodyPublishers.ofString("{\"id\":\"" + pit + "\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(closed.body()).contains("\"succeeded\":true");
		assertThat(page(OFFICIAL, lost).statusCode()).isEqualTo(410);

		// Then its place is free at once, not after the keep-alive
		assertThat(openSearch(OFFICIAL, first).statusCode()).isEqualTo(200);
		assertThat(page(OFFICIAL, first).statusCode()).isEqualTo(429);
	}

	/**
	 * A cursor is its official's: another who pages with it is refused, and neither keeps
	 * open nor, at the last page, closes the snapshot the first one reads.
	 */
	@Test
	void shouldRefuseAnotherOfficialWhoPagesWithACursor() {
		// Given an official's search at its second page, which holds a point in time
		String first = firstPage(OFFICIAL);
		HttpResponse<String> second = openSearch(OFFICIAL, first);
		assertThat(second.statusCode()).isEqualTo(200);
		String held = this.open.get(OFFICIAL).get(0);

		// When another official pages with either cursor
		for (String cursor : List.of(first, held)) {
			HttpResponse<String> refused = page(ADMIN, cursor);

			// Then it is a 400 saying whose the cursor is
			assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
			assertThat(JSON.readTree(refused.body()).get("detail").asString())
				.contains("The cursor was given to another official's search");
		}
		// and so is one who puts their own signature from a cursor of theirs on it
		String theirs = JSON.readTree(java.util.Base64.getUrlDecoder().decode(firstPage(ADMIN))).get("by").asString();
		tools.jackson.databind.node.ObjectNode forged = (tools.jackson.databind.node.ObjectNode) JSON
			.readTree(java.util.Base64.getUrlDecoder().decode(held));
		forged.put("by", theirs);
		HttpResponse<String> refused = page(ADMIN,
				java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(forged)));
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		assertThat(JSON.readTree(refused.body()).get("detail").asString()).contains("or altered");

		// and the official pages on to the end of the same snapshot
		HttpResponse<String> third = page(OFFICIAL, held);
		assertThat(third.statusCode()).as(third.body()).isEqualTo(200);
		assertThat(JSON.readTree(third.body()).get("projects")).isEmpty();
		assertThat(JSON.readTree(third.body()).get("next").isNull()).isTrue();
		this.open.get(OFFICIAL).remove(held);
	}

	/** The first page's cursor: no point in time yet. */
	private String firstPage(String user) {
		HttpResponse<String> page = this.fixture.send("GET", user, PASSWORD, "/api/search/projects",
				params("zone", ZONE, "size", "2", "sort", "CODE"));
		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		return JSON.readTree(page.body()).get("next").asString();
	}

	/**
	 * The second page, which opens a point in time; its cursor is kept to end it later.
	 */
	private HttpResponse<String> openSearch(String user, String first) {
		HttpResponse<String> second = page(user, first);
		if (second.statusCode() == 200) {
			JsonNode next = JSON.readTree(second.body()).get("next");
			assertThat(next.isNull()).as("a second page holds a point in time").isFalse();
			this.open.get(user).add(next.asString());
		}
		return second;
	}

	private HttpResponse<String> page(String user, String cursor) {
		return this.fixture.send("GET", user, PASSWORD, "/api/search/projects",
				params("zone", ZONE, "size", "2", "sort", "CODE", "cursor", cursor));
	}

}
