package vn.investledger.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Remembers credentials it has verified for a few minutes, so that an API client sending
 * HTTP Basic credentials with every request pays for bcrypt once, not on each search (a
 * bcrypt check costs tens of milliseconds of CPU by design). Only a salted SHA-256 of the
 * name and password is kept, in memory; failures are never remembered.
 */
final class VerifiedCredentials implements AuthenticationProvider {

	private final AuthenticationProvider verifier;

	private final Cache<String, Authentication> verified;

	private final byte[] salt = new byte[16];

	/**
	 * Wraps a provider that checks the password itself.
	 * @param verifier the provider that checks
	 * @param keepFor how long a verified password is remembered
	 */
	VerifiedCredentials(AuthenticationProvider verifier, Duration keepFor) {
		this.verifier = verifier;
		this.verified = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(keepFor).build();
		new SecureRandom().nextBytes(this.salt);
	}

	@Override
	public Authentication authenticate(Authentication request) {
		if (!(request instanceof UsernamePasswordAuthenticationToken)
				|| !(request.getCredentials() instanceof String password)) {
			return this.verifier.authenticate(request);
		}
		String key = digest(request.getName(), password);
		Authentication known = this.verified.getIfPresent(key);
		if (known != null) {
			return known;
		}
		Authentication result = this.verifier.authenticate(request);
		if (result != null && result.isAuthenticated()) {
			this.verified.put(key, result);
		}
		return result;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.verifier.supports(authentication);
	}

	private String digest(String name, String password) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update(this.salt);
			sha256.update(name.getBytes(StandardCharsets.UTF_8));
			sha256.update((byte) 0);
			sha256.update(password.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(sha256.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
