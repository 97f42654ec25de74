package vn.investledger.indexer.access;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may see what. The console and every {@code /api/**} endpoint need a signed-in
 * {@link Role#OFFICIAL} (or {@link Role#ADMIN}); {@code /api/admin/**} needs an admin.
 * Browsers sign in with a form and keep a session; API clients send HTTP Basic
 * credentials with each request. Health, Prometheus metrics and the OpenAPI document are
 * open.
 * <p>
 * An API request without valid credentials gets a 401 problem, never the login page; a
 * signed-in user without the role gets a 403 problem.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

	static final String REALM = "investledger";

	private static final Duration REMEMBER_VERIFIED = Duration.ofMinutes(5);

	private static final RequestMatcher API = PathPatternRequestMatcher.withDefaults().matcher("/api/**");

	@Bean
	SecurityFilterChain consoleSecurity(HttpSecurity http, JsonMapper json, UserDetailsService users,
			PasswordEncoder passwords) {
		AuthenticationEntryPoint api = unauthenticated(json);
		DaoAuthenticationProvider verifier = new DaoAuthenticationProvider(users);
		verifier.setPasswordEncoder(passwords);
		http.authenticationManager(new ProviderManager(new VerifiedCredentials(verifier, REMEMBER_VERIFIED)))
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
						"/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/login", "/error")
				.permitAll()
				.requestMatchers("/api/admin/**", "/actuator/**")
				.hasRole(Role.ADMIN.name())
				.anyRequest()
				.hasRole(Role.OFFICIAL.name()))
			.formLogin((form) -> form.defaultSuccessUrl("/", false))
			.httpBasic((basic) -> basic.realmName(REALM).authenticationEntryPoint(api))
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout"))
			// the API is called with Basic credentials or from the console's page, whose
			// SameSite=Lax cookie another site cannot send with a POST
			.csrf((csrf) -> csrf.ignoringRequestMatchers(API))
			.exceptionHandling((errors) -> errors.defaultAuthenticationEntryPointFor(api, API)
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), (request) -> true)
				.accessDeniedHandler(forbidden(json)));
		return http.build();
	}

	@Bean
	static RoleHierarchy roleHierarchy() {
		return RoleHierarchyImpl.withDefaultRolePrefix().role(Role.ADMIN.name()).implies(Role.OFFICIAL.name()).build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	UserDetailsService users(AccessProperties access) {
		if (access.users().isEmpty()) {
			throw new IllegalStateException("No account may sign in: configure investledger.access.users[0].name, "
					+ ".password (a hash, see vn.investledger.indexer.access.PasswordHash) and .roles "
					+ "(OFFICIAL or ADMIN)");
		}
		return new InMemoryUserDetailsManager(access.users()
			.stream()
			.map((user) -> (UserDetails) User.withUsername(user.name())
				.password(user.password())
				.authorities(user.roles().stream().map(Role::authority).toArray(String[]::new))
				.build())
			.toList());
	}

	/**
	 * A 401 problem. The Basic challenge is left out for the console's own calls, so that
	 * an expired session sends the page to the login form rather than opening the
	 * browser's password dialog.
	 */
	private static AuthenticationEntryPoint unauthenticated(JsonMapper json) {
		return (request, response, exception) -> {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
					"Sign in at /login, or send an official's name and password with HTTP Basic authentication");
			problem.setTitle("Authentication required");
			problem.setInstance(URI.create(request.getRequestURI()));
			if (!fromConsole(request)) {
				response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
			}
			write(json, response, HttpStatus.UNAUTHORIZED, problem);
		};
	}

	private static boolean fromConsole(HttpServletRequest request) {
		String accept = request.getHeader("Accept");
		return "XMLHttpRequest".equals(request.getHeader("X-Requested-With"))
				|| (accept != null && accept.contains(MediaType.TEXT_EVENT_STREAM_VALUE));
	}

	private static AccessDeniedHandler forbidden(JsonMapper json) {
		return (request, response, exception) -> {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
					request.getRemoteUser() + " may not call " + request.getRequestURI() + ": it needs another role");
			problem.setTitle("Forbidden");
			problem.setInstance(URI.create(request.getRequestURI()));
			write(json, response, HttpStatus.FORBIDDEN, problem);
		};
	}

	private static void write(JsonMapper json, HttpServletResponse response, HttpStatus status, ProblemDetail problem)
			throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		json.writeValue(response.getOutputStream(), problem);
	}

}
