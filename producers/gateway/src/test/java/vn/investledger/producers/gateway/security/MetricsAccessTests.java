package vn.investledger.producers.gateway.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementContextAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsEndpointAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.jvm.JvmMetricsAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import vn.investledger.producers.gateway.system.GatewayProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who reads the gateway's Prometheus metrics: the metrics scraper's account alone, not an
 * anonymous caller, not a province's API key; and without the account configured, nobody.
 * The scraper's account publishes nothing; health stays open. The gateway's security and
 * the actuator, without Kafka.
 */
@WebMvcTest(useDefaultFilters = false,
		includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
				pattern = "vn\\.investledger\\.producers\\.gateway\\.security\\.SecurityConfiguration"),
		properties = { "spring.config.name=gateway", "investledger.api-keys[0].province=31",
				"investledger.api-keys[0].sha256=" + MetricsAccessTests.HAI_PHONG_KEY_SHA256 })
@ImportAutoConfiguration({ EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class,
		JacksonEndpointAutoConfiguration.class, ManagementContextAutoConfiguration.class,
		HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
		HealthEndpointAutoConfiguration.class, MetricsAutoConfiguration.class,
		CompositeMeterRegistryAutoConfiguration.class, PrometheusMetricsExportAutoConfiguration.class,
		JvmMetricsAutoConfiguration.class, MetricsEndpointAutoConfiguration.class })
@EnableConfigurationProperties(GatewayProperties.class)
class MetricsAccessTests {

	private static final String METRICS = "/actuator/prometheus";

	private static final String SCRAPER_PASSWORD = "metrics-scraper-test-password";

	/** {@code printf '%s' metrics-scraper-test-password | sha256sum} */
	private static final String SCRAPER_SHA256 = "5453d0245d690ec6d1c4196b1b0878eafab6df56417ced7436aa2d9f332ec99e";

	private static final String SCRAPER = basic("prometheus", SCRAPER_PASSWORD);

	private static final String HAI_PHONG_KEY = "hai-phong-test-key";

	/** {@code printf '%s' hai-phong-test-key | sha256sum} */
	static final String HAI_PHONG_KEY_SHA256 = "97bd5629527278e358d5e48eeaf307daa69c57a1c788933b8e54cf687ffbf3a4";

	@Nested
	@TestPropertySource(properties = "investledger.metrics-scraper.sha256=" + SCRAPER_SHA256)
	class WithTheScrapersAccount {

		@Autowired
		private MockMvcTester mvc;

		@Test
		void shouldServeTheMetricsToTheScraper() {
			assertThat(get(this.mvc, METRICS, SCRAPER)).hasStatusOk().bodyText().contains("jvm_memory_used_bytes");
		}

		@Test
		void shouldChallengeAnyoneElse() {
			// anonymous, a wrong password, another name, a province's key
			for (MvcTestResult refused : List.of(get(this.mvc, METRICS, null),
					get(this.mvc, METRICS, basic("prometheus", SCRAPER_PASSWORD + "x")),
					get(this.mvc, METRICS, basic("admin", SCRAPER_PASSWORD)),
					this.mvc.get().uri(METRICS).header(ApiKeyAuthenticationFilter.HEADER, HAI_PHONG_KEY).exchange())) {
				assertThat(refused).hasStatus(401);
				assertThat(refused.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE))
					.startsWith("Basic realm=\"metrics\"");
			}
		}

		@Test
		void shouldOpenNothingElseToTheScraper() {
			assertThat(this.mvc.post()
				.uri("/api/v1/events")
				.header(HttpHeaders.AUTHORIZATION, SCRAPER)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{}")
				.exchange()).hasStatus(401);
			assertThat(get(this.mvc, "/actuator/metrics", SCRAPER)).hasStatus(401);
		}

		@Test
		void shouldKeepHealthOpen() {
			assertThat(get(this.mvc, "/actuator/health", null)).hasStatusOk();
		}

	}

	@Nested
	class WithoutTheScrapersAccount {

		@Autowired
		private MockMvcTester mvc;

		@Test
		void shouldServeTheMetricsToNobody() {
			for (String authorization : new String[] { null, SCRAPER, basic("prometheus", "") }) {
				assertThat(get(this.mvc, METRICS, authorization)).as(String.valueOf(authorization)).hasStatus(401);
			}
		}

	}

	private static MvcTestResult get(MockMvcTester mvc, String path, String authorization) {
		var request = mvc.get().uri(path);
		if (authorization != null) {
			request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		return request.exchange();
	}

	private static String basic(String name, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
