package vn.investledger.platform;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class GrafanaQueriesTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = {
					"histogram_quantile(0.99, sum(rate(investledger_indexer_bulk_seconds_bucket[5m])) by (le))"
							+ "|investledger_indexer_bulk_seconds_bucket",
					"sum(rate(http_server_requests_seconds_count{job=\"gateway\",uri=~\"/api/v1/events.*\"}[5m]))"
							+ "|http_server_requests_seconds_count",
					"investledger_replay_records{of=\"total\"}|investledger_replay_records",
					"sum(a_total) by (unit, reason) / ignoring(unit) b_total offset 5m|a_total,b_total",
					"max by (x) (c_seconds) > 1.5e3|c_seconds" })
	void shouldFindTheMetricsAQueryReads(String expr, String metrics) {
		assertThat(GrafanaQueries.metrics(expr)).containsExactly(metrics.split(","));
	}

	@Test
	void shouldFindTheLabelsASelectorMatchesExactly() {
		assertThat(GrafanaQueries.selectors("sum(rate(http_server_requests_seconds_count{job=\"gateway\","
				+ "uri=~\"/api/v1/events.*\",status!=\"500\"}[5m])) / a_total{check = \"lag\"} + b_total"))
			.containsExactly(
					new GrafanaQueries.Selector("http_server_requests_seconds_count", Map.of("job", "gateway")),
					new GrafanaQueries.Selector("a_total", Map.of("check", "lag")));
	}

}
