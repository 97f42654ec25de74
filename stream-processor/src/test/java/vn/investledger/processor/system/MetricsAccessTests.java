package vn.investledger.processor.system;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

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
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who reads the processor's Prometheus metrics: the metrics scraper's account alone, not
 * an anonymous caller; and without the account configured, nobody. Everything else stays
 * as open as it was: health, and any other path meets no filter chain. The processor's
 * security and the actuator, without Kafka.
 */
@WebMvcTest(useDefaultFilters = false, properties = "spring.config.name=stream-processor")
@ImportAutoConfiguration({ EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class,
		JacksonEndpointAutoConfiguration.class, ManagementContextAutoConfiguration.class,
		HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
		HealthEndpointAutoConfiguration.class, MetricsAutoConfiguration.class,
		CompositeMeterRegistryAutoConfiguration.class, PrometheusMetricsExportAutoConfiguration.class,
		JvmMetricsAutoConfiguration.class, MetricsEndpointAutoConfiguration.class })
class MetricsAccessTests {

	private static final String METRICS = "/actuator/prometheus";

	private static final String SCRAPER_PASSWORD = "metrics-scraper-test-password";

	/** {@code printf '%s' metrics-scraper-test-password | sha256sum} */
	private static final String SCRAPER_SHA256 = "5453d0245d690ec6d1c4196b1b0878eafab6df56417ced7436aa2d9f332ec99e";

	private static final String SCRAPER = basic("prometheus", SCRAPER_PASSWORD);

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
			// anonymous, a wrong password, another name
			for (String authorization : new String[] { null, basic("prometheus", SCRAPER_PASSWORD + "x"),
					basic("admin", SCRAPER_PASSWORD) }) {
				MvcTestResult refused = get(this.mvc, METRICS, authorization);

				assertThat(refused).as(String.valueOf(authorization)).hasStatus(401);
				assertThat(refused.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE))
					.startsWith("Basic realm=\"metrics\"");
			}
		}

		@Test
		void shouldServeNoOtherViewOfTheMeters() {
			// /actuator/metrics would serve them to anyone: it is not exposed
			assertThat(get(this.mvc, "/actuator/metrics", null)).hasStatus(404);
			assertThat(get(this.mvc, "/actuator/metrics", SCRAPER)).hasStatus(404);
		}

		@Test
		void shouldLeaveEverythingElseAsOpenAsItWas() {
			assertThat(get(this.mvc, "/actuator/health", null)).hasStatusOk();
			// no controller in this slice: the figures API's path reaches the dispatcher
			// unchallenged, whatever credentials come with it
			assertThat(get(this.mvc, "/api/totals/provinces/31", null)).hasStatus(404);
			assertThat(get(this.mvc, "/api/totals/provinces/31", basic("someone", "anything"))).hasStatus(404);
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

	/**
	 * The processor's security without its application class, whose Kafka Streams would
	 * need a broker.
	 */
	@SpringBootConfiguration
	@Import(ProcessorSecurity.class)
	static class ProcessorSecurityOnly {

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
