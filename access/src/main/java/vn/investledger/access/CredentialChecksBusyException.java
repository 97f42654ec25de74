package vn.investledger.access;

import java.time.Duration;

import org.springframework.http.HttpStatus;

/**
 * Credentials were not checked: as many passwords as allowed were being checked already,
 * and none finished within the wait ({@link VerifiedCredentials}). An API client is
 * answered 503 {@code Sign-in busy} with {@code Retry-After}, the sign-in form is shown
 * again saying so.
 */
public final class CredentialChecksBusyException extends CredentialsNotCheckedException {

	/**
	 * A refusal to check now.
	 * @param retryAfter when to try again
	 */
	CredentialChecksBusyException(Duration retryAfter) {
		super("Too many passwords are being checked at once; try again in " + retryAfter.toSeconds() + " s", retryAfter,
				HttpStatus.SERVICE_UNAVAILABLE, "Sign-in busy");
	}

}
