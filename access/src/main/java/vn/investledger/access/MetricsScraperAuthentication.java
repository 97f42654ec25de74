package vn.investledger.access;

import java.security.MessageDigest;
import java.util.HexFormat;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * Signs in the metrics scraper ({@link MetricsScraper}) and nobody else: its name, and
 * its password compared by SHA-256 in constant time. The password is a long random secret
 * (the platform's launchers and docker/ generate 32 bytes), so a fast hash is enough; a
 * service without the account signs nobody in.
 */
final class MetricsScraperAuthentication implements AuthenticationManager {

	/** The role only the scraper has. */
	static final String ROLE = "METRICS";

	private final MetricsScraper scraper;

	private final byte[] hash;

	MetricsScraperAuthentication(MetricsScraper scraper) {
		this.scraper = scraper;
		this.hash = scraper.configured() ? HexFormat.of().parseHex(scraper.sha256().toLowerCase()) : null;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String password = (authentication.getCredentials() != null) ? authentication.getCredentials().toString() : "";
		if (this.hash == null || !this.scraper.name().equals(authentication.getName())
				|| !MessageDigest.isEqual(this.hash, MetricsScraper.sha256(password))) {
			throw new BadCredentialsException("Not the metrics scraper's name and password");
		}
		return UsernamePasswordAuthenticationToken.authenticated(this.scraper.name(), null,
				AuthorityUtils.createAuthorityList("ROLE_" + ROLE));
	}

}
