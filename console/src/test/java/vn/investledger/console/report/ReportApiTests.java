package vn.investledger.console.report;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The monthly report's answers to a bad request, which need no Elasticsearch: a 400
 * problem naming the parameter, before any figure is read.
 */
@WebMvcTest(controllers = ReportController.class,
		includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
				pattern = "vn\\.investledger\\.console\\.system\\.ConsoleSecurity"),
		properties = { "spring.config.name=console", "investledger.access.users[0].name=official",
				"investledger.access.users[0].password={noop}official-secret",
				"investledger.access.users[0].roles=OFFICIAL" })
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
			year=1989&month=3                      | year
			year=2031&month=3&provinces=imagined   | restated or licensed
			year=2031&month=3&format=pdf           | xlsx, csv or json
			""")
	void shouldAnswerABadReportWithAProblemNamingIt(String query, String named) {
		MvcTestResult response = this.mvc.get()
			.uri(URI.create("/api/reports/monthly?" + query))
			.header(HttpHeaders.AUTHORIZATION,
					"Basic " + Base64.getEncoder()
						.encodeToString("official:official-secret".getBytes(StandardCharsets.UTF_8)))
			.exchange();

		assertThat(response).hasStatus(400).hasContentType("application/problem+json");
		assertThat(JSON.readTree(response.getResponse().getContentAsByteArray()).get("detail").asString()).as(query)
			.contains(named);
		verifyNoInteractions(this.reports);
	}

}
