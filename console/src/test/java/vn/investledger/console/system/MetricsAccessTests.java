package vn.investledger.console.system;

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
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Who reads the console's Prometheus metrics: the metrics scraper's account alone. Not an
 * anonymous caller, not an official or an admin (by HTTP Basic or signed in with the
 * form); and without the account configured, nobody. The scraper's account opens nothing
 * else; health stays open. The console's security and the actuator, without Elasticsearch
 * or Kafka.
 */
@WebMvcTest(useDefaultFilters = false,
		includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
				pattern = "vn\\.investledger\\.console\\.system\\.ConsoleSecurity"),
		properties = { "spring.config.name=console", "investledger.access.users[0].name=official",
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
		void shouldRefuseAnAdminSignedInWithTheForm() {
			// Given an admin signed in on the console's page
			MvcTestResult signIn = this.mvc.post()
				.uri("/login")
				.param("username", "admin")
				.param("password", "admin-secret")
				.with(csrf())
				.exchange();
			assertThat(signIn).hasStatus3xxRedirection();
			MockHttpSession session = (MockHttpSession) signIn.getRequest().getSession(false);

			// When the browser asks for the metrics with the session
			MvcTestResult metrics = this.mvc.get().uri(METRICS).session(session).exchange();

			// Then it is refused, while the same session passes the console's security
			// elsewhere (the environment endpoint is not exposed: 404, not 401)
			assertThat(metrics).hasStatus(401);
			assertThat(this.mvc.get().uri("/actuator/env").session(session).exchange()).hasStatus(404);
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
			assertThat(get(this.mvc, "/api/search/projects", SCRAPER)).hasStatus(401);
			assertThat(get(this.mvc, "/actuator/env", SCRAPER)).hasStatus(401);
		}

		@Test
		void shouldKeepHealthOpen() {
			assertThat(get(this.mvc, "/actuator/health", null)).hasStatusOk();
		}

	}

	/**
	 * The actuator moved to another base path: the metrics are still the scraper's alone,
	 * and the other endpoints still an admin's, found by their ids rather than by the
	 * default path.
	 */
	@Nested
	@TestPropertySource(properties = { "investledger.metrics-scraper.sha256=" + SCRAPER_SHA256,
			"management.endpoints.web.base-path=/manage" })
	class OnAnotherBasePath {

		private static final String MOVED = "/manage/prometheus";

		@Autowired
		private MockMvcTester mvc;

		@Test
		void shouldServeTheMovedMetricsToTheScraperAlone() {
			assertThat(get(this.mvc, MOVED, SCRAPER)).hasStatusOk().bodyText().contains("jvm_memory_used_bytes");
			// anonymous, an official, an admin
			for (String authorization : new String[] { null, basic("official", "official-secret"),
					basic("admin", "admin-secret") }) {
				MvcTestResult refused = get(this.mvc, MOVED, authorization);

				assertThat(refused).as(String.valueOf(authorization)).hasStatus(401);
				assertThat(refused.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE))
					.startsWith("Basic realm=\"metrics\"");
			}
		}

		@Test
		void shouldKeepTheMovedEndpointsAnAdminsAndHealthOpen() {
			assertThat(get(this.mvc, "/manage/metrics/jvm.memory.used", basic("admin", "admin-secret"))).hasStatusOk();
			assertThat(get(this.mvc, "/manage/metrics/jvm.memory.used", basic("official", "official-secret")))
				.hasStatus(403);
			assertThat(get(this.mvc, "/manage/metrics/jvm.memory.used", SCRAPER)).hasStatus(401);
			assertThat(get(this.mvc, "/manage/health", null)).hasStatusOk();
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
