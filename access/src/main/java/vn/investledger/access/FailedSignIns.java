package vn.investledger.access;

import java.time.Duration;
import java.util.Locale;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * The failed sign-ins of each name, so that guessing one account's password slows down
 * however many clients guess it at once: after {@value #FREE_FAILURES} failures in a row,
 * a name's next check waits {@link #FIRST_WAIT}, and each further failure doubles the
 * wait, up to {@link #LONGEST_WAIT}; once a wait is over, one check of the name runs at a
 * time. Until then credentials with that name are refused unchecked
 * ({@link SignInBackedOffException}). A success forgets the name's failures, and so does
 * {@link #FORGET_AFTER} without one. Names are compared as the accounts' lookup compares
 * them, case aside ({@code Admin} is {@code admin}); a name no account has is counted
 * alike, so the waits tell no name from another. Credentials a service remembers as
 * verified ({@link VerifiedCredentials}) are never checked, so an official already signed
 * in goes on while somebody guesses the password; one signing in afresh meanwhile waits
 * as well, and a guesser who keeps failing keeps a name waiting.
 * <p>
 * Only a salted SHA-256 of each name is kept, in memory, for at most {@value #NAMES}
 * names (the least recently failed are forgotten first); each instance of a service
 * counts its own.
 */
final class FailedSignIns {

	/** Failures in a row a name may have before its checks wait. */
	static final int FREE_FAILURES = 5;

	/** The wait after the {@value #FREE_FAILURES}th failure in a row. */
	static final Duration FIRST_WAIT = Duration.ofSeconds(5);

	/** The longest wait between two checks of a name. */
	static final Duration LONGEST_WAIT = Duration.ofMinutes(5);

	/**
	 * How long a name's failures are kept after its last one: long enough that a guesser
	 * gains nothing by pausing until they are forgotten.
	 */
	static final Duration FORGET_AFTER = Duration.ofHours(24);

	/** The most names whose failures are kept. */
	static final int NAMES = 100_000;

	/** How long a request waits behind another's check of a name that waited. */
	private static final Duration BEHIND_A_CHECK = Duration.ofSeconds(1);

	private final Cache<String, Failures> failures;

	private final Ticker ticker;

	private final SaltedDigest digest = new SaltedDigest();

	/**
	 * A name's failures in a row, the ticker's reading until which it is not checked, and
	 * whether one of its checks runs, once it has waited.
	 */
	private record Failures(int count, long waitUntil, boolean checking) {

	}

	FailedSignIns(Ticker ticker) {
		this.ticker = ticker;
		this.failures = Caffeine.newBuilder().maximumSize(NAMES).expireAfterWrite(FORGET_AFTER).ticker(ticker).build();
	}

	/**
	 * Refuses a name whose wait is not over, or whose one check after a wait runs, before
	 * its request waits for a check.
	 * @param name the name signing in
	 * @throws SignInBackedOffException if its checks wait, saying for how long
	 */
	void requireCheckable(String name) {
		Failures failed = this.failures.getIfPresent(key(name));
		if (failed != null) {
			refuseWhileWaiting(failed, this.ticker.read());
			if (failed.checking()) {
				throw new SignInBackedOffException(BEHIND_A_CHECK);
			}
		}
	}

	/**
	 * Takes a name's check, once the request holds a check: refused while the name waits,
	 * or while another request checks a name that has waited, so that after each wait one
	 * guess is checked, not every request that queued meanwhile. The caller then reports
	 * the outcome with {@link #failed}, {@link #succeeded} or {@link #released}.
	 * @param name the name signing in
	 * @throws SignInBackedOffException if it may not be checked now
	 */
	void begin(String name) {
		long now = this.ticker.read();
		this.failures.asMap().computeIfPresent(key(name), (key, failed) -> {
			refuseWhileWaiting(failed, now);
			if (failed.count() < FREE_FAILURES) {
				return failed;
			}
			if (failed.checking()) {
				throw new SignInBackedOffException(BEHIND_A_CHECK);
			}
			return new Failures(failed.count(), failed.waitUntil(), true);
		});
	}

	private static void refuseWhileWaiting(Failures failed, long now) {
		long left = failed.waitUntil() - now;
		if (left > 0) {
			throw new SignInBackedOffException(Duration.ofSeconds(Math.ceilDiv(left, 1_000_000_000L)));
		}
	}

	/**
	 * Counts a failure of a name, and sets its next wait once it has failed
	 * {@value #FREE_FAILURES} times in a row or more.
	 * @param name the name
	 */
	void failed(String name) {
		long now = this.ticker.read();
		this.failures.asMap().compute(key(name), (key, before) -> {
			int count = (before != null) ? before.count() + 1 : 1;
			return new Failures(count, now + waitAfter(count).toNanos(), false);
		});
	}

	/**
	 * Forgets a name's failures.
	 * @param name the name that signed in
	 */
	void succeeded(String name) {
		this.failures.invalidate(key(name));
	}

	/**
	 * Gives back a name's check that ended neither way (the check itself failed).
	 * @param name the name
	 */
	void released(String name) {
		this.failures.asMap()
			.computeIfPresent(key(name), (key, failed) -> failed.checking()
					? new Failures(failed.count(), failed.waitUntil(), false) : failed);
	}

	/**
	 * The wait after a name's failures in a row: none after fewer than
	 * {@value #FREE_FAILURES}, then 5 s after the {@value #FREE_FAILURES}th, 10 s after
	 * the next, 20 s … up to {@link #LONGEST_WAIT}.
	 * @param count failures in a row, at least 1
	 * @return the wait
	 */
	static Duration waitAfter(int count) {
		if (count < FREE_FAILURES) {
			return Duration.ZERO;
		}
		int doublings = count - FREE_FAILURES;
		if (doublings >= 30) {
			return LONGEST_WAIT;
		}
		Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
		return (wait.compareTo(LONGEST_WAIT) < 0) ? wait : LONGEST_WAIT;
	}

	/**
	 * A name's key: as the accounts' lookup compares names
	 * ({@code InMemoryUserDetailsManager} lower-cases them), so that no other spelling of
	 * a name has failures of its own.
	 */
	private String key(String name) {
		return this.digest.of(((name != null) ? name : "").toLowerCase(Locale.ROOT));
	}

}
