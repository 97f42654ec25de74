package vn.investledger.access;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may read a service's Prometheus metrics (the actuator's {@value #ENDPOINT}
 * endpoint, {@code /actuator/prometheus} unless
 * {@code management.endpoints.web.base-path} moves it): the metrics scraper's account
 * ({@link MetricsScraper}, HTTP Basic) and nobody else. Not an anonymous caller, not an
 * official or an admin of {@code investledger.access.users}, not a province's API key:
 * the metrics describe every province's traffic and the services' inner workings. Without
 * the account configured, nobody reads them. Every service imports it into its security
 * configuration; this filter chain comes before the service's own, and the scraper's
 * account opens nothing else. The chain finds the endpoint by its id, where the actuator
 * serves it, so that a moved base path cannot hand it to the service's own rules.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(MetricsScraper.class)
public class MetricsScraperSecurity {

	/** The actuator endpoint that serves Micrometer's Prometheus registry. */
	public static final String ENDPOINT = "prometheus";

	/** The realm of the Basic challenge. */
	public static final String REALM = "metrics";

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain metricsScraperSecurity(HttpSecurity http, MetricsScraper scraper) {
		http.securityMatcher(EndpointRequest.to(ENDPOINT))
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.authenticationManager(new MetricsScraperAuthentication(scraper))
			.httpBasic((basic) -> basic.realmName(REALM))
			.formLogin((form) -> form.disable())
			.authorizeHttpRequests((requests) -> requests.anyRequest().hasRole(MetricsScraperAuthentication.ROLE));
		return http.build();
	}

}
