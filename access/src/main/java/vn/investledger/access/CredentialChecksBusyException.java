package vn.investledger.access;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/**
 * Credentials were not checked: as many passwords as allowed were being checked already,
 * and none finished within the wait ({@link VerifiedCredentials}). Neither right nor
 * wrong: the request may be sent again after {@link #retryAfter()}. An API client is
 * answered 503 with {@code Retry-After} ({@link ServiceSecurity#unauthenticated}), the
 * sign-in form is shown again saying so.
 */
public final class CredentialChecksBusyException extends AuthenticationException {

	private final Duration retryAfter;

	/**
	 * A refusal to check now.
	 * @param retryAfter when to try again
	 */
	CredentialChecksBusyException(Duration retryAfter) {
		super("Too many passwords are being checked at once; try again in " + retryAfter.toSeconds() + " s");
		this.retryAfter = retryAfter;
	}

	/**
	 * When to send the request again.
	 * @return the wait, whole seconds
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
