package vn.investledger.console.system;

import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import vn.investledger.access.AccessConfiguration;
import vn.investledger.access.CredentialChecksBusyException;
import vn.investledger.access.SignInBackedOffException;
import vn.investledger.access.KnownParameters;
import vn.investledger.access.MetricsScraperSecurity;
import vn.investledger.access.Role;
import vn.investledger.access.ServiceSecurity;

/**
 * Who may see what in the console. The console and every {@code /api/**} endpoint need a
 * signed-in {@link Role#OFFICIAL} (or {@link Role#ADMIN}); the other actuator endpoints
 * need an admin, but for the Prometheus metrics, which only the metrics scraper reads
 * ({@link MetricsScraperSecurity}): an admin reads the same meters at
 * {@code /actuator/metrics}. Health and the OpenAPI document are open. Browsers sign in
 * with a form and keep a session; API clients send HTTP Basic credentials with each
 * request ({@link ServiceSecurity}). An API request without valid credentials gets a 401
 * problem, a browser the console's own sign-in page ({@link SignInPage}). A password that
 * could not be checked, every check being taken, gets an API request a 503 with
 * {@code Retry-After}, and sends the form back saying to try again shortly.
 * <p>
 * The sign-in form, the sign-out and any other change need the CSRF token (the form's
 * {@code _csrf} field, or the {@code XSRF-TOKEN} cookie sent back in
 * {@code X-XSRF-TOKEN}), unless a script sent its own credentials
 * ({@link ServiceSecurity#fromScript}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({ AccessConfiguration.class, MetricsScraperSecurity.class, KnownParameters.class })
class ConsoleSecurity {

	static final String HOW_TO_SIGN_IN = "Sign in at /login, or send an official's name and password with HTTP "
			+ "Basic authentication";

	private static final RequestMatcher API = PathPatternRequestMatcher.withDefaults().matcher("/api/**");

	/** The sign-in page ({@link SignInPage}) and what it loads before anyone signs in. */
	private static final String[] SIGN_IN_PAGE = { "/login", "/login.js", "/console.css" };

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, JsonMapper json, UserDetailsService users,
			PasswordEncoder passwords) {
		AuthenticationEntryPoint api = ServiceSecurity.unauthenticated(json, HOW_TO_SIGN_IN);
		http.authenticationManager(ServiceSecurity.authenticationManager(users, passwords))
			.authorizeHttpRequests((requests) -> requests.requestMatchers(ServiceSecurity.open())
				.permitAll()
				.requestMatchers(SIGN_IN_PAGE)
				.permitAll()
				.requestMatchers(ServiceSecurity.admin())
				.hasRole(Role.ADMIN.name())
				.anyRequest()
				.hasRole(Role.OFFICIAL.name()))
			.formLogin((form) -> form.loginPage("/login").defaultSuccessUrl("/", false).failureHandler(signInFailed()))
			.httpBasic((basic) -> basic.realmName(ServiceSecurity.REALM).authenticationEntryPoint(api))
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout"))
			.csrf(ServiceSecurity::forPagesAndScripts)
			.addFilterAfter(ServiceSecurity.csrfCookie(), CsrfFilter.class)
			.exceptionHandling((errors) -> errors.defaultAuthenticationEntryPointFor(api, API)
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), (request) -> true)
				.accessDeniedHandler(ServiceSecurity.forbidden(json)));
		return http.build();
	}

	/**
	 * Where a failed sign-in with the form goes: the page saying the name or password is
	 * wrong, or, when the password could not be checked because every check was taken
	 * ({@link CredentialChecksBusyException}), the page saying to try again shortly, and
	 * when the name has failed too often lately ({@link SignInBackedOffException}), the
	 * page saying to wait before trying again.
	 */
	private static AuthenticationFailureHandler signInFailed() {
		ExceptionMappingAuthenticationFailureHandler failed = new ExceptionMappingAuthenticationFailureHandler();
		failed.setDefaultFailureUrl("/login?error");
		failed.setExceptionMappings(Map.of(CredentialChecksBusyException.class.getName(), "/login?busy",
				SignInBackedOffException.class.getName(), "/login?wait"));
		return failed;
	}

}
