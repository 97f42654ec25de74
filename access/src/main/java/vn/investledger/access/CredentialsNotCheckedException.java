package vn.investledger.access;

import java.time.Duration;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;

/**
 * Credentials were not checked, and are neither right nor wrong: the request may be sent
 * again after {@link #retryAfter()}. An API client is answered with {@link #status()}, a
 * title and {@code Retry-After} ({@link ServiceSecurity#unauthenticated}), never with a
 * Basic challenge.
 */
public abstract sealed class CredentialsNotCheckedException extends AuthenticationException
		permits CredentialChecksBusyException, SignInBackedOffException {

	private final Duration retryAfter;

	private final HttpStatus status;

	private final String title;

	CredentialsNotCheckedException(String message, Duration retryAfter, HttpStatus status, String title) {
		super(message);
		this.retryAfter = retryAfter;
		this.status = status;
		this.title = title;
	}

	/**
	 * When to send the request again.
	 * @return the wait, whole seconds
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

	/**
	 * The status an API client is answered with.
	 * @return the status
	 */
	HttpStatus status() {
		return this.status;
	}

	/**
	 * The title of the problem an API client is answered with.
	 * @return the title
	 */
	String title() {
		return this.title;
	}

}
