package vn.investledger.access;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.BadCredentialsException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a request without valid credentials is answered: a 401 problem with a Basic
 * challenge when they are wrong or missing, a 503 problem with {@code Retry-After} when
 * they could not be checked because every check was taken.
 */
class ServiceSecurityTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void shouldAnswer503WithRetryAfterWhenEveryCheckWasTaken() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/search/projects");
		MockHttpServletResponse response = new MockHttpServletResponse();

		ServiceSecurity.unauthenticated(JSON, "Sign in")
			.commence(request, response, new CredentialChecksBusyException(Duration.ofSeconds(1)));

		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader("Retry-After")).isEqualTo("1");
		assertThat(response.getHeader("WWW-Authenticate")).as("no challenge: the credentials were not judged").isNull();
		assertThat(response.getContentType()).startsWith("application/problem+json");
		JsonNode problem = JSON.readTree(response.getContentAsByteArray());
		assertThat(problem.get("title").asString()).isEqualTo("Sign-in busy");
		assertThat(problem.get("detail").asString()).contains("try again in 1 s");
	}

	@Test
	void shouldAnswer429WithRetryAfterWhileANameWaitsAfterItsFailures() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/search/projects");
		MockHttpServletResponse response = new MockHttpServletResponse();

		ServiceSecurity.unauthenticated(JSON, "Sign in")
			.commence(request, response, new SignInBackedOffException(Duration.ofSeconds(64)));

		assertThat(response.getStatus()).isEqualTo(429);
		assertThat(response.getHeader("Retry-After")).isEqualTo("64");
		assertThat(response.getHeader("WWW-Authenticate")).as("no challenge: the credentials were not judged").isNull();
		JsonNode problem = JSON.readTree(response.getContentAsByteArray());
		assertThat(problem.get("title").asString()).isEqualTo("Sign-in backed off");
		assertThat(problem.get("detail").asString()).contains("try again in 64 s");
	}

	@Test
	void shouldAnswer401WithAChallengeWhenTheCredentialsAreWrong() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/search/projects");
		MockHttpServletResponse response = new MockHttpServletResponse();

		ServiceSecurity.unauthenticated(JSON, "Sign in")
			.commence(request, response, new BadCredentialsException("Bad credentials"));

		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getHeader("Retry-After")).isNull();
		assertThat(response.getHeader("WWW-Authenticate")).startsWith("Basic realm=\"investledger\"");
	}

}
