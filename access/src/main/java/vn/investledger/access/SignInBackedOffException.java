package vn.investledger.access;

import java.time.Duration;

import org.springframework.http.HttpStatus;

/**
 * Credentials were not checked: their name has failed to sign in too often lately, and
 * its next check waits ({@link FailedSignIns}). An API client is answered 429
 * {@code Sign-in backed off} with {@code Retry-After}, the sign-in form is shown again
 * saying so.
 */
public final class SignInBackedOffException extends CredentialsNotCheckedException {

	/**
	 * A refusal to check a name now.
	 * @param retryAfter when it may be checked again, whole seconds
	 */
	SignInBackedOffException(Duration retryAfter) {
		super("Too many failed sign-ins with this name lately; try again in " + retryAfter.toSeconds() + " s",
				retryAfter, HttpStatus.TOO_MANY_REQUESTS, "Sign-in backed off");
	}

}
