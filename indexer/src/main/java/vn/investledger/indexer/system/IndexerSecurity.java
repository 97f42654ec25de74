package vn.investledger.indexer.system;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfFilter;

import vn.investledger.access.AccessConfiguration;
import vn.investledger.access.KnownParameters;
import vn.investledger.access.MetricsScraperSecurity;
import vn.investledger.access.Role;
import vn.investledger.access.ServiceSecurity;

/**
 * Who may call the indexer: health and the OpenAPI document are open; the Prometheus
 * metrics are the metrics scraper's alone ({@link MetricsScraperSecurity}); everything
 * else (the rebuild API, the other actuator endpoints) needs an {@link Role#ADMIN}, who
 * sends HTTP Basic credentials with each request. The indexer keeps no session and serves
 * no page. A change needs the CSRF token unless a script sent its own credentials
 * ({@link ServiceSecurity#fromScript}): a browser remembering an admin's Basic
 * credentials must not start a rebuild for another site.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({ AccessConfiguration.class, MetricsScraperSecurity.class, KnownParameters.class })
class IndexerSecurity {

	static final String HOW_TO_SIGN_IN = "Send an admin's name and password with HTTP Basic authentication";

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, JsonMapper json, UserDetailsService users,
			PasswordEncoder passwords) {
		AuthenticationEntryPoint unauthenticated = ServiceSecurity.unauthenticated(json, HOW_TO_SIGN_IN);
		http.authenticationManager(ServiceSecurity.authenticationManager(users, passwords))
			.authorizeHttpRequests((requests) -> requests.requestMatchers(ServiceSecurity.open())
				.permitAll()
				.anyRequest()
				.hasRole(Role.ADMIN.name()))
			.httpBasic((basic) -> basic.realmName(ServiceSecurity.REALM).authenticationEntryPoint(unauthenticated))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(ServiceSecurity::forPagesAndScripts)
			.addFilterAfter(ServiceSecurity.csrfCookie(), CsrfFilter.class)
			.exceptionHandling((errors) -> errors.authenticationEntryPoint(unauthenticated)
				.accessDeniedHandler(ServiceSecurity.forbidden(json)));
		return http.build();
	}

}
