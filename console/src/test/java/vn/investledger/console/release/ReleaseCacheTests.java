package vn.investledger.console.release;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import vn.investledger.console.ConsoleFixture;
import vn.investledger.console.ConsoleTest;
import vn.investledger.console.release.GeneratedLedger.Received;
import vn.investledger.events.AppliedEntry;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Licensed;
import vn.investledger.events.Money;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.investledger.console.ConsoleFixture.params;

/**
 * The releases' figures are kept and served again only while the entries they were folded
 * from are the same, on a real Elasticsearch node: a release asked again, the other type
 * of the same month, a vintage asked again and revisions asked again need no pass over
 * the history, and say the same; an entry dated after the cut-off changes nothing a
 * release counts and needs none either; an entry dated before it is counted at once, by a
 * new pass, and so is an entry written again with other content (a replay under another
 * rule). The passes are counted by the meter admins read at {@code /actuator/metrics}.
 */
@ConsoleTest
class ReleaseCacheTests {

	private static final long SEED = Long.getLong("investledger.seed", System.nanoTime());

	private static final YearMonth MONTH = YearMonth.of(2025, 12);

	private static final String PATH = "/api/releases/" + MONTH;

	private final ConsoleFixture fixture;

	ReleaseCacheTests(ConsoleFixture fixture) {
		this.fixture = fixture;
	}

	@Test
	void shouldServeKeptFiguresOnlyWhileTheEntriesAreTheSame() throws Exception {
		// Given a ledger in the history
		GeneratedLedger generated = GeneratedLedger.generate(new Random(SEED), MONTH, 40, false);
		List<Received> received = new ArrayList<>(generated.events);
		List<AppliedEntry> known = GeneratedLedger.of(received).applied(this.fixture.topics);
		this.fixture.indexHistory(known);

		// When the FDI release is asked for twice, then the DDI release
		double folded = passes("folded");
		double kept = passes("kept");
		String first = release("FDI");
		String again = release("FDI");
		String ddi = release("DDI");
		// Then one pass made all three, the same each time
		assertThat(again).isEqualTo(first);
		assertThat(ddi).contains("\"type\":\"DDI\"");
		assertThat(passes("folded") - folded).as("seed %d", SEED).isEqualTo(1);
		assertThat(passes("kept") - kept).isEqualTo(2);

		// When an entry dated after the cut-off reaches the history
		Instant late = Instant.now().minusSeconds(5);
		received.add(new Received(
				ReleaseVintageTests.licence("8100000001", LocalDate.of(2026, 1, 5), "7000000.00", "US"), "31", late));
		index(received, known.size());
		// Then the release is served again without a pass, the same
		assertThat(release("FDI")).isEqualTo(first);
		assertThat(passes("folded") - folded).isEqualTo(1);

		// When an entry dated before the cut-off reaches it
		received
			.add(new Received(ReleaseVintageTests.licence("8100000002", LocalDate.of(2025, 6, 10), "42000000.00", "JP"),
					"31", late.plusMillis(1)));
		index(received, known.size() + 1);
		// Then a new pass counts it at once
		JsonNode now = ConsoleFixture.JSON.readTree(release("FDI"));
		JsonNode then = ConsoleFixture.JSON.readTree(first);
		assertThat(newProjects(now) - newProjects(then)).isEqualTo(1);
		assertThat(passes("folded") - folded).isEqualTo(2);

		// When an entry is written again with other content, as a replay under another
		// rule writes it: the same project revision, the same receipt, as many entries
		Received original = received.stream()
			.filter((r) -> r.event() instanceof Licensed licence && licence.investmentType() == InvestmentType.FDI
					&& licence.envelope().effectiveDate().getYear() == 2025)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no FDI licence of 2025, seed " + SEED));
		Licensed licence = (Licensed) original.event();
		Licensed richer = new Licensed(licence.envelope(), licence.investmentType(), licence.projectName(),
				licence.ircNumber(), licence.enterpriseCode(), licence.investors(), licence.zoneCode(),
				licence.sector(),
				new Money(licence.registeredCapital().minorUnits() + 100_000_000L,
						licence.registeredCapital().currency()),
				licence.landAreaHa(), licence.plannedEmployment(), licence.durationYears());
		List<Received> replayed = new ArrayList<>(received);
		replayed.set(replayed.indexOf(original), new Received(richer, original.unit(), original.receivedAt()));
		AppliedEntry rewritten = GeneratedLedger.of(replayed)
			.applied(this.fixture.topics)
			.stream()
			.filter((entry) -> entry.projectCode().equals(licence.envelope().projectCode()) && entry.revision() == 1)
			.findFirst()
			.orElseThrow();
		this.fixture.indexHistory(List.of(rewritten));
		// Then the next request folds again and counts the new content
		JsonNode replayedRelease = ConsoleFixture.JSON.readTree(release("FDI"));
		assertThat(newCapital(replayedRelease) - newCapital(now)).as("seed %d", SEED).isEqualTo(100_000_000L);
		assertThat(passes("folded") - folded).isEqualTo(3);

		// When the release as known before both entries is asked for twice, and the
		// revisions since then twice
		String before = late.minusMillis(1).toString();
		String vintage = this.fixture.get(PATH, params("type", "FDI", "asOf", before)).body();
		assertThat(this.fixture.get(PATH, params("type", "FDI", "asOf", before)).body()).isEqualTo(vintage);
		JsonNode revisions = this.fixture.getJson(PATH + "/revisions", params("type", "FDI", "from", before));
		assertThat(this.fixture.getJson(PATH + "/revisions", params("type", "FDI", "from", before)))
			.isEqualTo(revisions);
		// Then each was made by one pass: the vintage holds neither entry, the revisions
		// name the one the release counts
		assertThat(newProjects(ConsoleFixture.JSON.readTree(vintage))).isEqualTo(newProjects(then));
		assertThat(revisions.get("events").valueStream().map((event) -> event.get("projectCode").asString()))
			.containsExactly("8100000002");
		assertThat(passes("folded") - folded).isEqualTo(5);
		assertThat(passes("kept") - kept).isEqualTo(5);
	}

	private String release(String type) {
		var answer = this.fixture.get(PATH, params("type", type));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return answer.body();
	}

	private void index(List<Received> received, int from) {
		List<AppliedEntry> all = GeneratedLedger.of(received).applied(this.fixture.topics);
		this.fixture.indexHistory(all.subList(from, all.size()));
	}

	private static long newCapital(JsonNode release) {
		return ReleaseTests.exact(ReleaseTests.byFigure(release.get("tables")).get("new.capital").get("current"));
	}

	private static long newProjects(JsonNode release) {
		return ReleaseTests.exact(ReleaseTests.byFigure(release.get("tables")).get("new.projects").get("current"));
	}

	/** The passes counted so far with an outcome, as an admin reads the meter. */
	private double passes(String outcome) throws Exception {
		var answer = this.fixture.send("GET", ConsoleFixture.ADMIN, ConsoleFixture.PASSWORD,
				"/actuator/metrics/" + Releases.PASSES, params("tag", "outcome:" + outcome));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return ConsoleFixture.JSON.readTree(answer.body()).get("measurements").get(0).get("value").asDouble();
	}

}
