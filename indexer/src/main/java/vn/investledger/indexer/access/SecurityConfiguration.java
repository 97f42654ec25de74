package vn.investledger.indexer.access;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
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
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may see what. The console and every {@code /api/**} endpoint need a signed-in
 * {@link Role#OFFICIAL} (or {@link Role#ADMIN}); {@code /api/admin/**} needs an admin.
 * Browsers sign in with a form and keep a session; API clients send HTTP Basic
 * credentials with each request. Health, Prometheus metrics and the OpenAPI document are
 * open.
 * <p>
 * An API request without valid credentials gets a 401 problem, never the login page; a
 * signed-in user without the role gets a 403 problem.
 * <p>
 * Every request that changes state (POST, PUT, PATCH, DELETE) needs a CSRF token, on
 * {@code /api/**} too, unless a script sent it: see {@link #fromScript}. A browser
 * authenticates on its own with the session cookie, and also with Basic credentials it
 * remembers after a Basic challenge, so a form on another site could otherwise start a
 * rebuild with an admin's credentials. The token lives in the {@code XSRF-TOKEN} cookie,
 * which the console's and Swagger UI's scripts read and send back in the
 * {@code X-XSRF-TOKEN} header; another site can neither read the cookie nor set the
 * header.
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
			.csrf((csrf) -> csrf.spa().ignoringRequestMatchers(SecurityConfiguration::fromScript))
			.addFilterAfter(new CsrfCookie(), CsrfFilter.class)
			.exceptionHandling((errors) -> errors.defaultAuthenticationEntryPointFor(api, API)
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), (request) -> true)
				.accessDeniedHandler(forbidden(json)));
		return http.build();
	}

	/**
	 * Whether a script, not a browser, sent a request: it carries its own credentials in
	 * an {@code Authorization} header, and no header by which a browser names another
	 * site as its sender. Browsers send {@code Origin} with a POST from another site, and
	 * current ones {@code Sec-Fetch-Site} too; curl and other clients send neither. A
	 * browser replaying remembered Basic credentials for a cross-site form sends both, so
	 * it needs the token. A page of this service (Swagger UI with Basic credentials
	 * entered) names this origin and needs none.
	 */
	private static boolean fromScript(HttpServletRequest request) {
		if (request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
			return false;
		}
		String site = request.getHeader("Sec-Fetch-Site");
		if (site != null && !"same-origin".equals(site)) {
			return false;
		}
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		return origin == null || origin.equalsIgnoreCase(originOf(request));
	}

	private static String originOf(HttpServletRequest request) {
		String scheme = request.getScheme();
		int port = request.getServerPort();
		boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
		return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
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
			ProblemDetail problem = (exception instanceof CsrfException) ? ProblemDetail
				.forStatusAndDetail(HttpStatus.FORBIDDEN, request.getMethod() + " " + request.getRequestURI()
						+ " changes state and needs a CSRF token: a page sends the XSRF-TOKEN cookie's value in the "
						+ "X-XSRF-TOKEN header; a script sends its credentials in an Authorization header, without "
						+ "an Origin or Sec-Fetch-Site naming another site")
					: ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, request.getRemoteUser() + " may not call "
							+ request.getRequestURI() + ": it needs another role");
			problem.setTitle((exception instanceof CsrfException) ? "CSRF token required" : "Forbidden");
			problem.setInstance(URI.create(request.getRequestURI()));
			write(json, response, HttpStatus.FORBIDDEN, problem);
		};
	}

	/**
	 * Gives each browser request the {@code XSRF-TOKEN} cookie, so that the page it loads
	 * has a token before its first change; the token is otherwise only made when a
	 * request needs it. Scripts, which send an {@code Authorization} header and need no
	 * token, get no cookie.
	 */
	private static final class CsrfCookie extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (request.getHeader(HttpHeaders.AUTHORIZATION) == null
					&& request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
				token.getToken();
			}
			chain.doFilter(request, response);
		}

	}

	private static void write(JsonMapper json, HttpServletResponse response, HttpStatus status, ProblemDetail problem)
			throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		json.writeValue(response.getOutputStream(), problem);
	}

}
