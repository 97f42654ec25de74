package vn.investledger.console.release.zone;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import vn.investledger.console.ConsoleFixture;
import vn.investledger.console.ConsoleTest;
import vn.investledger.console.release.GeneratedLedger;
import vn.investledger.console.release.GeneratedLedger.Received;
import vn.investledger.console.release.Vintages;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Money;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.investledger.console.ConsoleFixture.params;

/**
 * A zone-board release published and served as first published, on a real Elasticsearch
 * history and a real releases topic, as the national release is: an admin publishes the
 * release of one zone as known now; it is served again byte for byte, with its hash, as
 * first published, as a file too, while a licence received later changes the current
 * release; the province's release and the other zones are not published by it; an
 * official may not publish, and a release never published is 404.
 */
@ConsoleTest
// no release kept in the cache: each is folded from the history when asked
@TestPropertySource(properties = "investledger.releases.cached=0")
class ZoneReleasePublicationTests {

	private static final String MONTH = "2025-10";

	private static final String PATH = "/api/releases/" + MONTH + "/zone-board";

	private final ConsoleFixture fixture;

	ZoneReleasePublicationTests(ConsoleFixture fixture) {
		this.fixture = fixture;
	}

	@Test
	void shouldServeAZoneBoardReleaseAsFirstPublishedWhileLateEventsChangeTheCurrentOne() {
		// Given the zone-board tests' ledger in the history, received long ago
		this.fixture.indexHistory(GeneratedLedger.of(ZoneReleaseWriterTests.LEDGER).applied(this.fixture.topics));
		// and the release of DEEP C never published
		HttpResponse<String> never = firstPublished("zone", "HP-DEEP-C");
		assertThat(never.statusCode()).as(never.body()).isEqualTo(404);
		assertThat(never.body()).contains("The zone-board release (zone:HP-DEEP-C) of 2025-10 has not been published");
		assertThat(this.fixture.getJson(PATH + "/publications", params("zone", "HP-DEEP-C"))).isEmpty();

		// When an official tries to publish it
		// Then they may not
		assertThat(publish(ConsoleFixture.OFFICIAL, "zone", "HP-DEEP-C").statusCode()).isEqualTo(403);

		// When an admin publishes it
		HttpResponse<String> published = publish(ConsoleFixture.ADMIN, "zone", "HP-DEEP-C");
		assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
		JsonNode publication = ConsoleFixture.JSON.readTree(published.body());
		assertThat(publication.get("scope").asString()).isEqualTo("zone:HP-DEEP-C");
		assertThat(publication.get("publishedBy").asString()).isEqualTo(ConsoleFixture.ADMIN);
		assertThat(published.headers().firstValue("Location").orElseThrow())
			.endsWith(PATH + "?zone=HP-DEEP-C&vintage=first-published");
		Instant publishedAt = Instant.parse(publication.get("publishedAt").asString());

		// Then the release as first published is the release as known at that instant,
		// byte for byte, and hashes to what the publication recorded
		HttpResponse<String> first = firstPublished("zone", "HP-DEEP-C");
		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		assertThat(first.headers().firstValue("X-Vintage")).hasValue("first-published");
		assertThat(first.headers().firstValue("X-As-Of")).hasValue(publishedAt.toString());
		assertThat(first.headers().firstValue("X-Release-SHA256")).hasValue(publication.get("sha256").asString());
		assertThat(Vintages.sha256(first.body().getBytes(StandardCharsets.UTF_8)))
			.isEqualTo(publication.get("sha256").asString());
		HttpResponse<String> asOf = this.fixture.get(PATH, params("zone", "HP-DEEP-C", "asOf", publishedAt.toString()));
		assertThat(asOf.body()).isEqualTo(first.body());
		assertThat(asOf.headers().firstValue("X-Vintage")).hasValue("as-of");
		assertThat(this.fixture.getJson(PATH + "/publications", params("zone", "HP-DEEP-C"))).hasSize(1);
		// and as a file, named as first published
		HttpResponse<String> csv = this.fixture.get(PATH,
				params("zone", "HP-DEEP-C", "vintage", "first-published", "format", "csv"));
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
			.contains("thong-cao-kkt-kcn-hp-deep-c-2025-10-ban-cong-bo-dau-"
					+ publishedAt.toString().replace("-", "").replace(":", "") + ".csv");
		// and neither the province's release nor another zone's is published by it
		assertThat(firstPublished("province", "31").statusCode()).isEqualTo(404);
		assertThat(firstPublished("zone", "HP-DINH-VU-CAT-HAI").statusCode()).isEqualTo(404);

		// When a licence in DEEP C, dated in July 2025, is received after the publication
		Received late = ZoneReleaseWriterTests.licence("P90", InvestmentType.FDI, "31", "HP-DEEP-C", "2025-07-07",
				Money.usd("70000000"), "5");
		List<Received> received = new java.util.ArrayList<>(ZoneReleaseWriterTests.LEDGER);
		received.add(new Received(late.event(), late.unit(), publishedAt.plusMillis(5)));
		var entries = GeneratedLedger.of(received).applied(this.fixture.topics);
		this.fixture.indexHistory(entries.subList(entries.size() - 1, entries.size()));

		// Then the current release counts it, and the release as first published is
		// unchanged
		JsonNode now = this.fixture.getJson(PATH, params("zone", "HP-DEEP-C"));
		JsonNode then = ConsoleFixture.JSON.readTree(first.body());
		assertThat(newFdiProjects(now) - newFdiProjects(then)).isEqualTo(1);
		assertThat(firstPublished("zone", "HP-DEEP-C").body()).isEqualTo(first.body());
	}

	@Test
	void shouldRefuseAPublicationOrVintageItCannotName() {
		assertThat(publish(ConsoleFixture.ADMIN, "zone", "HP-NOWHERE").statusCode()).isEqualTo(400);
		HttpResponse<String> both = this.fixture.get(PATH,
				params("zone", "HP-DEEP-C", "vintage", "first-published", "asOf", "2025-11-01T00:00:00Z"));
		assertThat(both.statusCode()).isEqualTo(400);
		assertThat(both.body()).contains("name one vintage, not both");
		HttpResponse<String> other = this.fixture.get(PATH, params("zone", "HP-DEEP-C", "vintage", "latest"));
		assertThat(other.statusCode()).isEqualTo(400);
		assertThat(this.fixture
			.send("POST", ConsoleFixture.ADMIN, ConsoleFixture.PASSWORD,
					"/api/admin/releases/2099-01/zone-board/publications", params("province", "31"))
			.statusCode()).isEqualTo(400);
		assertThat(this.fixture
			.send("POST", ConsoleFixture.ADMIN, ConsoleFixture.PASSWORD,
					"/api/admin/releases/" + MONTH + "/zone-board/publications", Map.of())
			.body()).contains("give either province");
	}

	private HttpResponse<String> publish(String user, String kind, String code) {
		return this.fixture.send("POST", user, ConsoleFixture.PASSWORD,
				"/api/admin/releases/" + MONTH + "/zone-board/publications", params(kind, code));
	}

	private HttpResponse<String> firstPublished(String kind, String code) {
		return this.fixture.get(PATH, params(kind, code, "vintage", "first-published"));
	}

	private static long newFdiProjects(JsonNode release) {
		for (JsonNode row : release.at("/tables/yearOnYear")) {
			if (row.get("figure").asString().equals("new.projects")) {
				return row.at("/fdi/current/value").asLong();
			}
		}
		throw new AssertionError("no row new.projects");
	}

}
