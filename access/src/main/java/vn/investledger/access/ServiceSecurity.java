package vn.investledger.access;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The parts of HTTP security the console and the indexer's admin API share; each service
 * builds its own filter chain from them.
 * <ul>
 * <li>API clients send HTTP Basic credentials with each request; a verified password is
 * remembered for a few minutes ({@link VerifiedCredentials}).</li>
 * <li>A request without valid credentials gets a 401 problem, never a login page; a
 * signed-in user without the role gets a 403 problem.</li>
 * <li>Only a few passwords are checked at once; when every check is taken, an API client
 * is answered 503 with {@code Retry-After} rather than wait ({@link VerifiedCredentials},
 * {@link #unauthenticated}).</li>
 * <li>Health and the OpenAPI document are open ({@link #open()}); {@code /api/admin/**}
 * and the other actuator endpoints need an {@link Role#ADMIN} ({@link #admin()}), but for
 * the Prometheus metrics, which only the metrics scraper reads
 * ({@link MetricsScraperSecurity}). The actuator's endpoints are found by their ids,
 * wherever {@code management.endpoints.web.base-path} puts them.</li>
 * <li>Every request that changes state (POST, PUT, PATCH, DELETE) needs a CSRF token
 * unless a script sent it ({@link #fromScript}). A browser authenticates on its own with
 * a session cookie, and also with Basic credentials it remembers after a Basic challenge,
 * so a form on another site could otherwise start a rebuild with an admin's credentials.
 * The token lives in the {@code XSRF-TOKEN} cookie ({@link #csrfCookie}), which the
 * console's and Swagger UI's scripts read and send back in the {@code X-XSRF-TOKEN}
 * header; another site can neither read the cookie nor set the header.</li>
 * </ul>
 */
public final class ServiceSecurity {

	/** The realm of the Basic challenge. */
	public static final String REALM = "investledger";

	/** The API documents and the error page, which everyone may read. */
	private static final String[] OPEN_PATHS = { "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**",
			"/swagger-ui.html", "/error" };

	private static final Duration REMEMBER_VERIFIED = Duration.ofMinutes(5);

	private ServiceSecurity() {
	}

	/**
	 * What everyone may read: the probes (the actuator's health, with its groups, and
	 * info) and the API documents.
	 * @return the matcher
	 */
	public static RequestMatcher open() {
		return new OrRequestMatcher(EndpointRequest.to("health", "info"), paths(OPEN_PATHS));
	}

	/**
	 * What only admins may call: {@code /api/admin/**} and every actuator endpoint the
	 * service exposes, wherever its base path is, and anything under the default one,
	 * exposed or not (ask {@link #open()} first; {@link MetricsScraperSecurity}'s chain
	 * comes before).
	 * @return the matcher
	 */
	public static RequestMatcher admin() {
		return new OrRequestMatcher(paths("/api/admin/**", "/actuator/**"), EndpointRequest.toAnyEndpoint());
	}

	private static RequestMatcher paths(String... patterns) {
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		RequestMatcher[] matchers = new RequestMatcher[patterns.length];
		for (int i = 0; i < patterns.length; i++) {
			matchers[i] = paths.matcher(patterns[i]);
		}
		return (matchers.length == 1) ? matchers[0] : new OrRequestMatcher(matchers);
	}

	/**
	 * Checks names and passwords against the accounts, remembering a verified password
	 * for a few minutes.
	 * @param users the accounts
	 * @param passwords the password encoder
	 * @return the authentication manager
	 */
	public static AuthenticationManager authenticationManager(UserDetailsService users, PasswordEncoder passwords) {
		DaoAuthenticationProvider verifier = new DaoAuthenticationProvider(users);
		verifier.setPasswordEncoder(passwords);
		return new ProviderManager(new VerifiedCredentials(verifier, REMEMBER_VERIFIED));
	}

	/**
	 * Whether a script, not a browser, sent a request: it carries its own credentials in
	 * an {@code Authorization} header, and no header by which a browser names another
	 * site as its sender. Browsers send {@code Origin} with a POST from another site, and
	 * current ones {@code Sec-Fetch-Site} too; curl and other clients send neither. A
	 * browser replaying remembered Basic credentials for a cross-site form sends both, so
	 * it needs the token. A page of this service (Swagger UI with Basic credentials
	 * entered) names this origin and needs none.
	 * @param request the request
	 * @return true if it needs no CSRF token
	 */
	public static boolean fromScript(HttpServletRequest request) {
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

	/**
	 * A 401 problem with a Basic challenge. The challenge is left out for the console's
	 * own calls, so that an expired session sends the page to the login form rather than
	 * opening the browser's password dialog. Credentials that could not be checked, every
	 * check being taken ({@link CredentialChecksBusyException}), get a 503 problem with
	 * {@code Retry-After} instead, and those of a name whose failures make its checks
	 * wait ({@link SignInBackedOffException}) a 429 with {@code Retry-After}: they are
	 * neither right nor wrong yet.
	 * @param json the mapper that writes the problem
	 * @param howToSignIn the problem's detail
	 * @return the entry point
	 */
	public static AuthenticationEntryPoint unauthenticated(JsonMapper json, String howToSignIn) {
		return (request, response, exception) -> {
			if (exception instanceof CredentialsNotCheckedException notChecked) {
				ProblemDetail problem = ProblemDetail.forStatusAndDetail(notChecked.status(), notChecked.getMessage());
				problem.setTitle(notChecked.title());
				problem.setInstance(URI.create(request.getRequestURI()));
				response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(notChecked.retryAfter().toSeconds()));
				write(json, response, notChecked.status(), problem);
				return;
			}
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, howToSignIn);
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

	/**
	 * A 403 problem: a missing CSRF token, or a role the user lacks.
	 * @param json the mapper that writes the problem
	 * @return the handler
	 */
	public static AccessDeniedHandler forbidden(JsonMapper json) {
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
	 * The services' CSRF protection, for a page's script: the token in the
	 * {@code XSRF-TOKEN} cookie (which the script reads) and sent back in the
	 * {@code X-XSRF-TOKEN} header as it is, or masked in a form's {@code _csrf} field, as
	 * Spring Security's {@code spa()} reads it; no token needed from a script
	 * ({@link #fromScript}). Unlike {@code spa()}, a request's token is made only when
	 * something asks for it ({@link #csrfCookie} asks for every browser request), so a
	 * script is neither given the cookie nor pays for a token it does not use. Add
	 * {@link #csrfCookie} after Spring Security's {@code CsrfFilter}.
	 * @param csrf the configurer
	 */
	public static void forPagesAndScripts(CsrfConfigurer<HttpSecurity> csrf) {
		csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
			.csrfTokenRequestHandler(new PageTokens())
			.ignoringRequestMatchers(ServiceSecurity::fromScript);
	}

	/**
	 * A page's token: rendered masked (against BREACH), read as it is from the header a
	 * script copies it into from the cookie, or masked from a form's field; made when
	 * asked for.
	 */
	private static final class PageTokens implements CsrfTokenRequestHandler {

		private final CsrfTokenRequestHandler plain = new CsrfTokenRequestAttributeHandler();

		private final CsrfTokenRequestHandler masked = new XorCsrfTokenRequestAttributeHandler();

		@Override
		public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
			this.masked.handle(request, response, token);
		}

		@Override
		public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
			return (StringUtils.hasText(request.getHeader(token.getHeaderName())) ? this.plain : this.masked)
				.resolveCsrfTokenValue(request, token);
		}

	}

	/**
	 * Gives each browser request the {@code XSRF-TOKEN} cookie, so that the page it loads
	 * has a token before its first change; the token is otherwise only made when a
	 * request needs it. Scripts ({@link #fromScript}), which need no token, get no
	 * cookie; a browser that sends remembered Basic credentials is not a script, and gets
	 * it. Add it after Spring Security's {@code CsrfFilter}.
	 * @return the filter
	 */
	public static OncePerRequestFilter csrfCookie() {
		return new CsrfCookie();
	}

	private static final class CsrfCookie extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (!fromScript(request) && request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
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
