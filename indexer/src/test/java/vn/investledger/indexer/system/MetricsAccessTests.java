package vn.investledger.indexer.system;

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
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who reads the indexer's Prometheus metrics: the metrics scraper's account alone. Not an
 * anonymous caller, not an official, not an admin, who reads the other actuator
 * endpoints; and without the account configured, nobody. The scraper's account opens
 * nothing else; health stays open. The indexer's security and the actuator, without
 * Elasticsearch or Kafka.
 */
@WebMvcTest(useDefaultFilters = false,
		includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
				pattern = "vn\\.investledger\\.indexer\\.system\\.IndexerSecurity"),
		properties = { "spring.config.name=indexer", "investledger.access.users[0].name=official",
				"investledger.access.users[0].password={bcrypt}$2a$10$AkQWy8XY.aduySdMHh8V1uj1gxoIQawy5zcKOqqYUIXVO9fJAFUvW",
				"investledger.access.users[0].roles=OFFICIAL", "investledger.access.users[1].name=admin",
				"investledger.access.users[1].password={bcrypt}$2a$10$BdCJcjfZJjAw0zeI6J5g0.xTit5aTINWMDH9xHJyJTE0wzj4hesY6",
				"investledger.access.users[1].roles=ADMIN" })
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
			// anonymous, a wrong password, an official, an admin, another name
			for (String authorization : new String[] { null, basic("prometheus", SCRAPER_PASSWORD + "x"),
					basic("official", "official-secret"), basic("admin", "admin-secret"),
					basic("admin", SCRAPER_PASSWORD) }) {
				MvcTestResult refused = get(this.mvc, METRICS, authorization);

				assertThat(refused).as(String.valueOf(authorization)).hasStatus(401);
				assertThat(refused.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE))
					.startsWith("Basic realm=\"metrics\"");
			}
		}

		@Test
		void shouldLetAnAdminReadTheMetersAtTheMetricsEndpointInstead() {
			assertThat(get(this.mvc, "/actuator/metrics/jvm.memory.used", basic("admin", "admin-secret")))
				.hasStatusOk();
			assertThat(get(this.mvc, "/actuator/metrics/jvm.memory.used", basic("official", "official-secret")))
				.hasStatus(403);
		}

		@Test
		void shouldOpenNothingElseToTheScraper() {
			assertThat(get(this.mvc, "/api/admin/rebuilds", SCRAPER)).hasStatus(401);
			assertThat(get(this.mvc, "/actuator/env", SCRAPER)).hasStatus(401);
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
			for (String authorization : new String[] { null, SCRAPER, basic("prometheus", ""),
					basic("admin", "admin-secret") }) {
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
