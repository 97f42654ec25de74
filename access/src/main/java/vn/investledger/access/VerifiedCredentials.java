package vn.investledger.access;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Remembers credentials it has verified for a few minutes, so that an API client sending
 * HTTP Basic credentials with every request pays for bcrypt once, not on each search (a
 * bcrypt check costs tens of milliseconds of CPU by design). Only a salted SHA-256 of the
 * name and password is kept, in memory; failures are never remembered.
 * <p>
 * The same credentials are checked once at a time: requests that bring them while they
 * are being checked wait for that check and share its outcome. Otherwise, when a
 * remembered password expires under load, every request in flight would run bcrypt at
 * once, each slowing the others down while more arrive (at 150 searches/s, a stall of
 * some 2.5 s every five minutes). A failed check is not shared: each request that waited
 * for it is checked on its own, as is every request with wrong credentials.
 * <p>
 * Credentials in use are checked again before they expire: the first request that brings
 * them in the last fifth of their time checks them itself, while the others are let in on
 * what is remembered. Its success is remembered afresh; its failure (the password
 * changed, the account disabled) forgets them, and that request is refused. So of a
 * client that keeps sending the same credentials, one request waits for a check about
 * every four fifths of the time, never all at once, and a change of its password or its
 * rights takes effect within that time.
 * <p>
 * Only a few passwords are checked at once ({@link #CONCURRENT_CHECKS}), whoever sends
 * them: a wrong password, a name no account has (which the verifier checks against a
 * dummy hash, so as not to tell names apart by time), a remembered password's first
 * check. Without a cap, some fifty anonymous requests with random passwords at once would
 * keep every core busy with bcrypt, and the service would answer nobody. A request that
 * finds every check taken waits for one a short while ({@link #WAIT_FOR_CHECK}), then is
 * refused with a {@link CredentialChecksBusyException}, before bcrypt runs. Remembered
 * credentials never wait: they need no check, and their check again is skipped while the
 * checks are taken (the next request tries again).
 * <p>
 * A name that has failed to sign in {@value FailedSignIns#FREE_FAILURES} times in a row
 * waits before its next check, longer after each further failure, and is then checked
 * once at a time ({@link FailedSignIns}): meanwhile its credentials are refused unchecked
 * with a {@link SignInBackedOffException}, so that guessing one account's password slows
 * down however many clients share the guesses. The name is looked at before a request
 * waits for a check and again once it holds one.
 */
final class VerifiedCredentials implements AuthenticationProvider {

	/**
	 * Passwords checked at once: half the cores, so that a flood of wrong passwords
	 * leaves the other half to the requests already let in; one at least.
	 */
	static final int CONCURRENT_CHECKS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

	/**
	 * How long a request waits for a check to be free: long enough for a few bcrypt
	 * checks (tens of milliseconds each) of officials signing in together, short enough
	 * that a flood holds no request thread for long.
	 */
	static final Duration WAIT_FOR_CHECK = Duration.ofSeconds(1);

	/** When to try again after finding every check taken. */
	static final Duration RETRY_AFTER = Duration.ofSeconds(1);

	private final AuthenticationProvider verifier;

	private final Semaphore checks;

	private final long waitForCheck;

	private final AsyncCache<String, Verified> verified;

	private final FailedSignIns failedSignIns;

	private final Ticker ticker;

	private final long checkAgainAfter;

	private final SaltedDigest digest = new SaltedDigest();

	/**
	 * Credentials verified at an instant of the ticker.
	 *
	 * @param authentication the verified authentication
	 * @param at when they were verified
	 * @param checking set by the one request that checks them again
	 */
	private record Verified(Authentication authentication, long at, AtomicBoolean checking) {

		Verified(Authentication authentication, long at) {
			this(authentication, at, new AtomicBoolean());
		}

	}

	/**
	 * Wraps a provider that checks the password itself.
	 * @param verifier the provider that checks
	 * @param keepFor how long a verified password is remembered
	 */
	VerifiedCredentials(AuthenticationProvider verifier, Duration keepFor) {
		this(verifier, keepFor, Ticker.systemTicker());
	}

	/**
	 * Wraps a provider, with a clock of its own (for tests).
	 * @param ticker the clock that expires what is remembered
	 */
	VerifiedCredentials(AuthenticationProvider verifier, Duration keepFor, Ticker ticker) {
		this(verifier, keepFor, ticker, CONCURRENT_CHECKS, WAIT_FOR_CHECK);
	}

	/**
	 * Wraps a provider, with a clock and a cap of its own (for tests).
	 * @param concurrentChecks how many passwords are checked at once
	 * @param waitForCheck how long a request waits for a check to be free
	 */
	VerifiedCredentials(AuthenticationProvider verifier, Duration keepFor, Ticker ticker, int concurrentChecks,
			Duration waitForCheck) {
		this.verifier = verifier;
		this.checks = new Semaphore(concurrentChecks, true);
		this.waitForCheck = waitForCheck.toNanos();
		this.verified = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(keepFor).ticker(ticker).buildAsync();
		this.ticker = ticker;
		this.failedSignIns = new FailedSignIns(ticker);
		this.checkAgainAfter = keepFor.toNanos() / 5 * 4;
	}

	@Override
	public Authentication authenticate(Authentication request) {
		if (!(request instanceof UsernamePasswordAuthenticationToken)
				|| !(request.getCredentials() instanceof String password)) {
			return this.verifier.authenticate(request);
		}
		String key = this.digest.of(request.getName(), password);
		CompletableFuture<Verified> mine = new CompletableFuture<>();
		CompletableFuture<Verified> check = this.verified.get(key, (k, executor) -> mine);
		if (check == mine) {
			// this request checks; whatever it throws, or an unauthenticated result,
			// completes the check without a value, which the cache then forgets (quietly:
			// a wrong password is no error of the cache's)
			Authentication result = null;
			try {
				result = check(request);
				return result;
			}
			finally {
				mine.complete(verified(result));
			}
		}
		// only a success is shared: after a failed check this request is checked itself
		Verified shared = check.handle((result, failure) -> result).join();
		if (shared == null) {
			return check(request);
		}
		if (this.ticker.read() - shared.at() >= this.checkAgainAfter && shared.checking().compareAndSet(false, true)) {
			if (this.checks.tryAcquire()) {
				try {
					return checkAgain(request, key, check);
				}
				finally {
					this.checks.release();
				}
			}
			// every check is taken: let this one in on what is remembered, the next tries
			shared.checking().set(false);
		}
		return shared.authentication();
	}

	/**
	 * Checks the password once a check is free.
	 * @throws CredentialChecksBusyException if none is free within the wait
	 */
	private Authentication check(Authentication request) {
		this.failedSignIns.requireCheckable(request.getName());
		boolean free;
		try {
			free = this.checks.tryAcquire(this.waitForCheck, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			free = false;
		}
		if (!free) {
			throw new CredentialChecksBusyException(RETRY_AFTER);
		}
		try {
			// again now that it holds a check: a failure of another request may have
			// made the name wait meanwhile, and after a wait one request checks it
			this.failedSignIns.begin(request.getName());
			boolean settled = false;
			try {
				Authentication result = this.verifier.authenticate(request);
				if (result != null && result.isAuthenticated()) {
					this.failedSignIns.succeeded(request.getName());
					settled = true;
				}
				return result;
			}
			catch (BadCredentialsException ex) {
				this.failedSignIns.failed(request.getName());
				settled = true;
				throw ex;
			}
			finally {
				if (!settled) {
					this.failedSignIns.released(request.getName());
				}
			}
		}
		finally {
			this.checks.release();
		}
	}

	/**
	 * Checks remembered credentials again before they expire, while other requests are
	 * let in on them: remembered afresh if they pass, forgotten if not.
	 */
	private Authentication checkAgain(Authentication request, String key, CompletableFuture<Verified> remembered) {
		Verified again = null;
		try {
			Authentication result = this.verifier.authenticate(request);
			again = verified(result);
			return result;
		}
		finally {
			if (again != null) {
				this.verified.asMap().replace(key, remembered, CompletableFuture.completedFuture(again));
			}
			else {
				this.verified.asMap().remove(key, remembered);
			}
		}
	}

	private Verified verified(Authentication result) {
		return (result != null && result.isAuthenticated()) ? new Verified(result, this.ticker.read()) : null;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.verifier.supports(authentication);
	}

}
