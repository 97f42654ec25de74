package vn.investledger.access;

import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.BadCredentialsException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a request without valid credentials is answered: a 401 problem with a Basic
 * challenge when they are wrong or missing, a 503 problem with {@code Retry-After} when
 * they could not be checked because every check was taken, a 429 when their name waits
 * after failures in a row.
 */
class ServiceSecurityTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@ParameterizedTest
	@MethodSource("notChecked")
	void shouldAnswerWithRetryAfterAndNoChallengeWhenTheCredentialsWereNotChecked(
			CredentialsNotCheckedException exception, int status, String title, String detail) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/search/projects");
		MockHttpServletResponse response = new MockHttpServletResponse();

		ServiceSecurity.unauthenticated(JSON, "Sign in").commence(request, response, exception);

		assertThat(response.getStatus()).isEqualTo(status);
		assertThat(response.getHeader("Retry-After")).isEqualTo(Long.toString(exception.retryAfter().toSeconds()));
		assertThat(response.getHeader("WWW-Authenticate")).as("no challenge: the credentials were not judged").isNull();
		assertThat(response.getContentType()).startsWith("application/problem+json");
		JsonNode problem = JSON.readTree(response.getContentAsByteArray());
		assertThat(problem.get("title").asString()).isEqualTo(title);
		assertThat(problem.get("detail").asString()).contains(detail);
	}

	static Stream<Arguments> notChecked() {
		return Stream.of(
				Arguments.of(new CredentialChecksBusyException(Duration.ofSeconds(1)), 503, "Sign-in busy",
						"try again in 1 s"),
				Arguments.of(new SignInBackedOffException(Duration.ofSeconds(80)), 429, "Sign-in backed off",
						"try again in 80 s"));
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
