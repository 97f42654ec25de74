package vn.investledger.console.search;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import vn.investledger.console.ConsoleFixture;
import vn.investledger.console.ConsoleTest;
import vn.investledger.testsupport.ElasticsearchBehindAGate;
import vn.investledger.testsupport.Outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.investledger.console.ConsoleFixture.params;
import static vn.investledger.console.ConsoleFixture.state;

/**
 * Elasticsearch out of the console's reach (every connection to it reset, those open and
 * those made, as when the node goes away): the search API, the reports and the console's
 * own reads of the indices answer 503 with {@code Retry-After}, never a 500, and answer
 * again once Elasticsearch is back.
 */
@ConsoleTest
@ElasticsearchBehindAGate
class SearchOutageTests {

	/**
	 * The zone of this class's project: a zone of the reference list, since a search by
	 * any other code is refused.
	 */
	private static final String ZONE = "HP-VSIP";

	private final ConsoleFixture fixture;

	SearchOutageTests(ConsoleFixture fixture) {
		this.fixture = fixture;
	}

	@Test
	void shouldAnswer503WithRetryAfterWhileElasticsearchIsStopped() throws Exception {
		this.fixture.index(state("OUT-1", 1, "Dự án 1", ZONE, "KR", "C", "100"));

		try (Outage outage = this.fixture.shutElasticsearch()) {
			Map<String, Map<String, String>> asked = new LinkedHashMap<>();
			asked.put("/api/search/projects", params("zone", ZONE));
			asked.put("/api/search/projects/OUT-1", params());
			asked.put("/api/reports/monthly", params("year", "2024", "month", "3", "format", "json"));
			// the console's own reads of the indices
			asked.put("/api/console/freshness", params());
			asked.put("/api/console/years", params("type", "FDI"));
			asked.put("/api/console/rejections", params());
			for (Map.Entry<String, Map<String, String>> request : asked.entrySet()) {
				String path = request.getKey();
				HttpResponse<String> unavailable = this.fixture.get(path, request.getValue());

				assertThat(unavailable.statusCode()).as(path).isEqualTo(503);
				assertThat(unavailable.headers().firstValue("Retry-After")).hasValue("10");
				assertThat(unavailable.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			}
		}

		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.fixture.get("/api/search/projects", params("zone", ZONE)).statusCode())
				.isEqualTo(200));
		assertThat(this.fixture.getJson("/api/search/projects", params("zone", ZONE)).get("total").asLong())
			.isEqualTo(1);
	}

}
