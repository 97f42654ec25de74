package vn.investledger.access;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The metrics scraper's sign-in: its name and password, nothing else; no account, nobody.
 */
class MetricsScraperAuthenticationTests {

	private static final String PASSWORD = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

	private final MetricsScraperAuthentication scraper = new MetricsScraperAuthentication(
			new MetricsScraper("prometheus", MetricsScraper.sha256Hex(PASSWORD)));

	@Test
	void shouldSignInTheScraperWithTheMetricsRoleOnly() {
		Authentication signedIn = this.scraper.authenticate(basic("prometheus", PASSWORD));

		assertThat(signedIn.isAuthenticated()).isTrue();
		assertThat(signedIn.getName()).isEqualTo("prometheus");
		assertThat(signedIn.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactly("ROLE_METRICS");
		assertThat(signedIn.getCredentials()).as("the password is not kept").isNull();
	}

	@Test
	void shouldRefuseAnotherPasswordAnotherNameAndNoPassword() {
		for (Authentication refused : new Authentication[] { basic("prometheus", PASSWORD + "x"),
				basic("prometheus", PASSWORD.toUpperCase()), basic("admin", PASSWORD), basic("prometheus", ""),
				basic("prometheus", null) }) {
			assertThatExceptionOfType(BadCredentialsException.class)
				.isThrownBy(() -> this.scraper.authenticate(refused));
		}
	}

	@Test
	void shouldAcceptTheHashInEitherCase() {
		MetricsScraperAuthentication upper = new MetricsScraperAuthentication(
				new MetricsScraper("prometheus", MetricsScraper.sha256Hex(PASSWORD).toUpperCase()));

		assertThat(upper.authenticate(basic("prometheus", PASSWORD)).isAuthenticated()).isTrue();
	}

	@Test
	void shouldSignNobodyInWithoutTheAccount() {
		MetricsScraper none = new MetricsScraper("prometheus", null);
		MetricsScraperAuthentication nobody = new MetricsScraperAuthentication(none);

		assertThat(none.configured()).isFalse();
		for (String password : new String[] { PASSWORD, "", null }) {
			assertThatExceptionOfType(BadCredentialsException.class)
				.isThrownBy(() -> nobody.authenticate(basic("prometheus", password)));
		}
	}

	@Test
	void shouldHashAsSha256sumDoes() {
		// printf '%s' abc | sha256sum
		assertThat(MetricsScraper.sha256Hex("abc"))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	private static Authentication basic(String name, String password) {
		return UsernamePasswordAuthenticationToken.unauthenticated(name, password);
	}

}
