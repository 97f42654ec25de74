package vn.investledger.producers.gateway.security;

import java.net.URI;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

import vn.investledger.access.KnownParameters;
import vn.investledger.access.MetricsScraperSecurity;
import vn.investledger.producers.gateway.system.GatewayProperties;

/**
 * Who may call what: publishing and reading back one's refused records need a province's
 * API key; the Prometheus metrics need the metrics scraper's name and password (HTTP
 * Basic, {@link MetricsScraperSecurity}): they describe every province's traffic, so a
 * province's API key does not open them; schemas, API docs and health are open.
 */
@Configuration(proxyBeanMethods = false)
@Import({ MetricsScraperSecurity.class, KnownParameters.class })
class SecurityConfiguration {

	@Bean
	SecurityFilterChain gatewaySecurity(HttpSecurity http, GatewayProperties properties, JsonMapper json) {
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.addFilterBefore(new ApiKeyAuthenticationFilter(properties.apiKeys()), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests(
					(requests) -> requests.requestMatchers("/api/v1/events/**", "/api/v1/events", "/api/v1/rejections")
						.hasRole("PUBLISHER")
						.requestMatchers("/api/v1/schemas/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html",
								"/actuator/health/**", "/actuator/info", "/error")
						.permitAll()
						.anyRequest()
						.denyAll())
			.exceptionHandling((errors) -> errors.authenticationEntryPoint(unauthenticated(json))
				.accessDeniedHandler(forbidden(json)));
		return http.build();
	}

	private static AuthenticationEntryPoint unauthenticated(JsonMapper json) {
		return (request, response, exception) -> {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
					"Send your province's API key in the " + ApiKeyAuthenticationFilter.HEADER + " header");
			problem.setTitle("Authentication required");
			problem.setInstance(URI.create(request.getRequestURI()));
			response.setStatus(HttpStatus.UNAUTHORIZED.value());
			response.setHeader("WWW-Authenticate", "ApiKey header=\"" + ApiKeyAuthenticationFilter.HEADER + "\"");
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			json.writeValue(response.getOutputStream(), problem);
		};
	}

	private static AccessDeniedHandler forbidden(JsonMapper json) {
		return (request, response, exception) -> {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
					"This key may not call " + request.getRequestURI());
			response.setStatus(HttpStatus.FORBIDDEN.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			json.writeValue(response.getOutputStream(), problem);
		};
	}

}
