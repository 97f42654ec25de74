package vn.investledger.access;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/**
 * Credentials were not checked: their name has failed to sign in too often lately, and
 * its next check waits ({@link FailedSignIns}). Neither right nor wrong: the request may
 * be sent again after {@link #retryAfter()}. An API client is answered 429 with
 * {@code Retry-After} ({@link ServiceSecurity#unauthenticated}), the sign-in form is
 * shown again saying so.
 */
public final class SignInBackedOffException extends AuthenticationException {

	private final Duration retryAfter;

	/**
	 * A refusal to check a name now.
	 * @param retryAfter when it may be checked again, whole seconds
	 */
	SignInBackedOffException(Duration retryAfter) {
		super("Too many failed sign-ins with this name lately; try again in " + retryAfter.toSeconds() + " s");
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
