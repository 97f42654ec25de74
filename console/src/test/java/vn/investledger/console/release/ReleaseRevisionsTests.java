package vn.investledger.console.release;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import vn.investledger.console.ConsoleFixture;
import vn.investledger.console.ConsoleTest;
import vn.investledger.console.release.GeneratedLedger.Received;
import vn.investledger.events.AppliedEntry;
import vn.investledger.events.Disbursed;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Money;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.investledger.console.ConsoleFixture.params;

/**
 * The changes since publication compare the release as first published, so they check it
 * as the first-published vintage does, on a real Elasticsearch history and a real
 * releases topic: while the history holds what it held at the publication, the published
 * side is the release published; once it holds an entry received before the publication
 * that it did not hold then, the published side would be another release, and the changes
 * since publication answer 409 with both hashes rather than compare it with today's (the
 * vintage itself is served from the JSON its publication keeps). The changes since an
 * instant named with {@code from} compare the release as known at it, as {@code asOf}
 * does, unchecked.
 */
@ConsoleTest
// nothing kept: each request regenerates the published side from the history
@TestPropertySource(properties = "investledger.releases.cached=0")
class ReleaseRevisionsTests {

	private static final long SEED = Long.getLong("investledger.seed", System.nanoTime());

	private static final YearMonth MONTH = YearMonth.of(2025, 12);

	private static final String PATH = "/api/releases/" + MONTH;

	private final ConsoleFixture fixture;

	ReleaseRevisionsTests(ConsoleFixture fixture) {
		this.fixture = fixture;
	}

	@Test
	void shouldRefuseTheChangesSincePublicationOnceThePublishedSideRegeneratesOtherwise() {
		// Given a ledger with a project of 2024, and the FDI release of 2025-12 published
		GeneratedLedger generated = GeneratedLedger.generate(new Random(SEED), MONTH, 30, false);
		List<Received> received = new ArrayList<>(generated.events);
		received
			.add(new Received(ReleaseVintageTests.licence("8200000001", LocalDate.of(2024, 6, 1), "250000000.00", "KR"),
					"31", Instant.parse("2026-06-01T00:00:00Z")));
		this.fixture.indexHistory(GeneratedLedger.of(received).applied(this.fixture.topics));
		HttpResponse<String> published = this.fixture.send("POST", ConsoleFixture.ADMIN, ConsoleFixture.PASSWORD,
				"/api/admin/releases/" + MONTH + "/publications", params("type", "FDI"));
		assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
		JsonNode publication = ConsoleFixture.JSON.readTree(published.body());
		Instant publishedAt = Instant.parse(publication.get("publishedAt").asString());
		String sha256 = publication.get("sha256").asString();
		// and a disbursement received after it
		received.add(new Received(new Disbursed(ReleaseVintageTests.envelope("8200000001", 2, LocalDate.of(2025, 8, 8)),
				InvestmentType.FDI, Money.usd("1234567.89")), "31", publishedAt.plusMillis(5)));
		List<AppliedEntry> all = GeneratedLedger.of(received).applied(this.fixture.topics);
		this.fixture.indexHistory(all.subList(all.size() - 1, all.size()));

		// When the changes since publication are asked while the history holds what it
		// held at the publication
		HttpResponse<String> since = revisions();
		// Then they name the disbursement, from the publication's instant
		assertThat(since.statusCode()).as(since.body()).isEqualTo(200);
		JsonNode revisions = ConsoleFixture.JSON.readTree(since.body());
		assertThat(Instant.parse(revisions.get("from").asString())).isEqualTo(publishedAt);
		assertThat(revisions.get("events")).hasSize(1);
		assertThat(revisions.at("/events/0/projectCode").asString()).isEqualTo("8200000001");

		// When an event received before the publication is indexed only now (the ledger
		// held it for a missing revision), so that the release regenerated at the
		// publication's instant is not the one published
		received.add(new Received(new Disbursed(ReleaseVintageTests.envelope("8200000001", 3, LocalDate.of(2025, 9, 9)),
				InvestmentType.FDI, Money.usd("10.00")), "31", publishedAt.minusSeconds(60)));
		all = GeneratedLedger.of(received).applied(this.fixture.topics);
		this.fixture.indexHistory(all.subList(all.size() - 1, all.size()));

		// Then the first-published vintage is still served from the JSON its
		// publication keeps, but the changes since publication, which fold the history
		// at the publication's instant to compare figure by figure, answer 409 with both
		// hashes, rather than compare another release
		HttpResponse<String> vintage = this.fixture.get(PATH,
				params("type", "FDI", "vintage", ReleaseController.FIRST_PUBLISHED));
		assertThat(vintage.statusCode()).as(vintage.body()).isEqualTo(200);
		assertThat(vintage.headers().firstValue("X-Release-SHA256")).hasValue(sha256);
		HttpResponse<String> refused = revisions();
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
		assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
		JsonNode problem = ConsoleFixture.JSON.readTree(refused.body());
		assertThat(problem.get("title").asString()).isEqualTo("Release differs from its publication");
		assertThat(problem.get("publishedSha256").asString()).isEqualTo(sha256);
		assertThat(problem.get("publishedAt").asString()).isEqualTo(publishedAt.toString());
		assertThat(problem.get("regeneratedSha256").asString()).isNotEqualTo(sha256);
		// and the changes since that instant, asked as such, compare the release as
		// known at it now, as asOf serves it
		HttpResponse<String> asked = this.fixture.get(PATH + "/revisions",
				params("type", "FDI", "from", publishedAt.toString()));
		assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
		assertThat(ConsoleFixture.JSON.readTree(asked.body()).get("events")).hasSize(1);
	}

	private HttpResponse<String> revisions() {
		return this.fixture.get(PATH + "/revisions", params("type", "FDI"));
	}

}
