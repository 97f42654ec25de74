package vn.investledger.console.report;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import vn.investledger.console.system.ConsoleProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The monthly report's answers to a bad request, which need no Elasticsearch: a 400
 * problem naming the parameter, or the month whose release is not closed yet, before any
 * figure is read. Today is 2 December 2026 in Hà Nội: releases run to month-end, so
 * November 2026 is the newest closed month.
 */
@WebMvcTest(controllers = ReportController.class,
		includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
				pattern = "vn\\.investledger\\.console\\.system\\.ConsoleSecurity"),
		properties = { "spring.config.name=console", "investledger.access.users[0].name=official",
				"investledger.access.users[0].password={bcrypt}$2a$10$AkQWy8XY.aduySdMHh8V1uj1gxoIQawy5zcKOqqYUIXVO9fJAFUvW",
				"investledger.access.users[0].roles=OFFICIAL" })
@Import(ReportApiTests.SecondOfDecember2026.class)
class ReportApiTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private MonthlyReports reports;

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			year=2031&month=13                     | month
			year=2031                              | month
			month=3                                | year
			year=1986&month=3                      | year
			year=2031&month=3&provinces=imagined   | restated or licensed
			year=2031&month=3&format=pdf           | xlsx, csv or json
			""")
	void shouldAnswerABadReportWithAProblemNamingIt(String query, String named) {
		MvcTestResult response = get(query);

		assertThat(response).hasStatus(400).hasContentType("application/problem+json");
		assertThat(JSON.readTree(response.getResponse().getContentAsByteArray()).get("detail").asString()).as(query)
			.contains(named);
		verifyNoInteractions(this.reports);
	}

	@ParameterizedTest
	@CsvSource(textBlock = """
			# this month: its cut-off, 31 December, has not passed
			year=2026&month=12
			year=2026&month=12&format=csv
			year=2027&month=1&format=json
			year=2100&month=6&provinces=licensed
			""")
	void shouldRefuseAMonthWhoseReleaseIsNotClosed(String query) {
		MvcTestResult response = get(query);

		assertThat(response).hasStatus(400).hasContentType("application/problem+json");
		JsonNode problem = JSON.readTree(response.getResponse().getContentAsByteArray());
		assertThat(problem.get("title").asString()).isEqualTo("Month not closed");
		assertThat(problem.get("detail").asString()).as(query)
			.contains("has not passed yet", "the newest month with a closed release is 2026-11");
		assertThat(problem.get("lastClosedMonth").asString()).isEqualTo("2026-11");
		verifyNoInteractions(this.reports);
	}

	@Test
	void shouldServeTheNewestClosedMonth() throws Exception {
		given(this.reports.of(2026, 11, true)).willReturn(new MonthlyReport(2026, 11, LocalDate.of(2026, 1, 1),
				LocalDate.of(2026, 11, 30), "restated", null, List.of()));

		MvcTestResult response = get("year=2026&month=11&format=json");

		assertThat(response).hasStatus(200);
		assertThat(JSON.readTree(response.getResponse().getContentAsByteArray()).get("to").asString())
			.isEqualTo("2026-11-30");
	}

	/**
	 * JSON asked for by {@code format=json} with an {@code Accept} that takes no JSON is
	 * not acceptable (406), rather than a workbook or a refusal of the format it names.
	 */
	@ParameterizedTest
	@ValueSource(
			strings = { "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/html" })
	void shouldAnswerJsonAskedForWithAnAcceptWithoutJsonNotAcceptable(String accept) {
		MvcTestResult response = this.mvc.get()
			.uri(URI.create("/api/reports/monthly?year=2026&month=11&format=json"))
			.header(HttpHeaders.AUTHORIZATION,
					"Basic " + Base64.getEncoder()
						.encodeToString("official:official-secret".getBytes(StandardCharsets.UTF_8)))
			.header(HttpHeaders.ACCEPT, accept)
			.exchange();

		assertThat(response).as(accept).hasStatus(406);
		assertThat(response.getResponse().getHeader(HttpHeaders.CONTENT_DISPOSITION)).isNull();
		verifyNoInteractions(this.reports);
	}

	private MvcTestResult get(String query) {
		return this.mvc.get()
			.uri(URI.create("/api/reports/monthly?" + query))
			.header(HttpHeaders.AUTHORIZATION,
					"Basic " + Base64.getEncoder()
						.encodeToString("official:official-secret".getBytes(StandardCharsets.UTF_8)))
			.exchange();
	}

	/**
	 * The console's clock on 2 December 2026, ten in the morning in Hà Nội.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ConsoleProperties.class)
	static class SecondOfDecember2026 {

		@Bean
		Clock clock() {
			return Clock.fixed(Instant.parse("2026-12-02T03:00:00Z"), ZoneId.of("Asia/Ho_Chi_Minh"));
		}

	}

}
