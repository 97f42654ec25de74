package vn.investledger.producers.gateway.security;

import java.security.MessageDigest;
import java.util.HexFormat;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

import vn.investledger.producers.gateway.system.GatewayProperties;

/**
 * Signs in the one account that may read the gateway's metrics: its name, and its
 * password compared by SHA-256 in constant time. The password is a long random secret
 * (docker/ generates 32 bytes), so a fast hash is enough; a gateway without the account
 * signs nobody in.
 */
class MetricsScraperAuthentication implements AuthenticationManager {

	static final String ROLE = "METRICS";

	private final GatewayProperties.MetricsScraper scraper;

	private final byte[] hash;

	MetricsScraperAuthentication(GatewayProperties.MetricsScraper scraper) {
		this.scraper = scraper;
		this.hash = (scraper != null) ? HexFormat.of().parseHex(scraper.sha256().toLowerCase()) : null;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String password = (authentication.getCredentials() != null) ? authentication.getCredentials().toString() : "";
		if (this.scraper == null || !this.scraper.name().equals(authentication.getName())
				|| !MessageDigest.isEqual(this.hash, ApiKeys.sha256(password))) {
			throw new BadCredentialsException("Not the metrics scraper's name and password");
		}
		return UsernamePasswordAuthenticationToken.authenticated(this.scraper.name(), null,
				AuthorityUtils.createAuthorityList("ROLE_" + ROLE));
	}

}
