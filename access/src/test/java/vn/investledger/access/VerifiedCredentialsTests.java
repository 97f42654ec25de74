package vn.investledger.access;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.AuthorityUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Remembered credentials: checked once however many requests bring them at the same time,
 * checked again before they expire while the others go on, checked again once expired,
 * and a failure never remembered nor shared. Only so many passwords are checked at once:
 * past that, a request is refused before bcrypt runs, while remembered credentials go on.
 */
class VerifiedCredentialsTests {

	private static final int REQUESTS = 16;

	private static final Duration KEEP = Duration.ofMinutes(5);

	/** A slow check, as bcrypt is, that knows one password. */
	private static final class SlowCheck implements AuthenticationProvider {

		final AtomicInteger calls = new AtomicInteger();

		/** The one password it knows. */
		volatile String password = "mật khẩu";

		/** A gate the next checks wait at, if set. */
		volatile CountDownLatch gate;

		@Override
		public Authentication authenticate(Authentication request) {
			this.calls.incrementAndGet();
			try {
				CountDownLatch waitAt = this.gate;
				if (waitAt != null) {
					waitAt.await();
				}
				Thread.sleep(300);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			if (!this.password.equals(request.getCredentials())) {
				throw new BadCredentialsException("Bad credentials");
			}
			return UsernamePasswordAuthenticationToken.authenticated(request.getName(), null,
					AuthorityUtils.createAuthorityList("ROLE_OFFICIAL"));
		}

		@Override
		public boolean supports(Class<?> authentication) {
			return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
		}

	}

	@Test
	void shouldCheckCredentialsOnceHoweverManyRequestsBringThemAtOnce() throws Exception {
		SlowCheck check = new SlowCheck();
		AtomicLong now = new AtomicLong();
		VerifiedCredentials credentials = new VerifiedCredentials(check, KEEP, now::get);

		assertThat(atOnce(credentials, "mật khẩu")).as("requests let in").containsOnly("ROLE_OFFICIAL");
		assertThat(check.calls).as("checks of %d requests at once", REQUESTS).hasValue(1);

		// remembered: no check
		assertThat(credentials.authenticate(request("mật khẩu")).isAuthenticated()).isTrue();
		assertThat(check.calls).hasValue(1);

		// expired: checked once again, however many requests are in flight
		now.addAndGet(KEEP.plusSeconds(1).toNanos());
		assertThat(atOnce(credentials, "mật khẩu")).containsOnly("ROLE_OFFICIAL");
		assertThat(check.calls).as("checks after the expiry").hasValue(2);
	}

	@Test
	@Timeout(60)
	void shouldCheckCredentialsInUseAgainBeforeTheyExpireWithoutHoldingOthersUp() throws Exception {
		SlowCheck check = new SlowCheck();
		AtomicLong now = new AtomicLong();
		VerifiedCredentials credentials = new VerifiedCredentials(check, KEEP, now::get);
		assertThat(credentials.authenticate(request("mật khẩu")).isAuthenticated()).isTrue();

		// in the last fifth of their time: the first request checks them again...
		now.set(KEEP.toNanos() * 9 / 10);
		CountDownLatch gate = new CountDownLatch(1);
		check.gate = gate;
		try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
			Future<Authentication> again = pool.submit(() -> credentials.authenticate(request("mật khẩu")));
			await().untilAsserted(() -> assertThat(check.calls).as("the check again started").hasValue(2));

			// ... while every other request is let in on what is remembered, unchecked
			assertThat(atOnce(credentials, "mật khẩu")).as("requests during the check again")
				.containsOnly("ROLE_OFFICIAL");
			assertThat(check.calls).as("checks while one checks again").hasValue(2);
			assertThat(again).as("the check again waits at the gate").isNotDone();

			gate.countDown();
			assertThat(again.get(30, TimeUnit.SECONDS).isAuthenticated()).isTrue();
		}
		check.gate = null;

		// remembered afresh: past the first check's expiry, let in without a check
		now.addAndGet(KEEP.toNanos() / 2);
		assertThat(credentials.authenticate(request("mật khẩu")).isAuthenticated()).isTrue();
		assertThat(check.calls).as("checks after the first one's expiry").hasValue(2);
	}

	@Test
	void shouldForgetCredentialsThatFailTheirCheckAgain() {
		SlowCheck check = new SlowCheck();
		AtomicLong now = new AtomicLong();
		VerifiedCredentials credentials = new VerifiedCredentials(check, KEEP, now::get);
		assertThat(credentials.authenticate(request("mật khẩu")).isAuthenticated()).isTrue();

		// the password changed; before the old one expires, the check again refuses it
		check.password = "mật khẩu mới";
		now.set(KEEP.toNanos() * 9 / 10);
		assertThatExceptionOfType(BadCredentialsException.class)
			.isThrownBy(() -> credentials.authenticate(request("mật khẩu")));
		assertThat(check.calls).hasValue(2);

		// and forgets it: the next request is checked, and refused, not let in on it
		assertThatExceptionOfType(BadCredentialsException.class)
			.isThrownBy(() -> credentials.authenticate(request("mật khẩu")));
		assertThat(check.calls).hasValue(3);
		assertThat(credentials.authenticate(request("mật khẩu mới")).isAuthenticated()).isTrue();
	}

	@Test
	void shouldNeitherRememberNorShareAFailedCheck() throws Exception {
		SlowCheck check = new SlowCheck();
		AtomicLong now = new AtomicLong();
		// as many checks at once as requests, so that each wrong password is checked
		VerifiedCredentials credentials = new VerifiedCredentials(check, KEEP, now::get, REQUESTS,
				Duration.ofSeconds(30));

		assertThat(atOnce(credentials, "sai")).as("requests with a wrong password").containsOnly("refused");
		assertThat(check.calls).as("each checked on its own").hasValue(REQUESTS);

		// (past the name's wait after so many failures)
		now.addAndGet(FailedSignIns.LONGEST_WAIT.toNanos());
		assertThatExceptionOfType(BadCredentialsException.class)
			.isThrownBy(() -> credentials.authenticate(request("sai")));
		assertThat(check.calls).as("a failure is not remembered").hasValue(REQUESTS + 1);

		// the right password after wrong ones is let in, and then remembered
		now.addAndGet(FailedSignIns.LONGEST_WAIT.toNanos());
		assertThat(credentials.authenticate(request("mật khẩu")).isAuthenticated()).isTrue();
		assertThat(credentials.authenticate(request("mật khẩu")).isAuthenticated()).isTrue();
		assertThat(check.calls).hasValue(REQUESTS + 2);
	}

	@Test
	@Timeout(60)
	void shouldRefuseACheckWhileEveryCheckIsTakenAndLetRememberedCredentialsIn() throws Exception {
		// Given remembered credentials, and one check at a time
		SlowCheck check = new SlowCheck();
		AtomicLong now = new AtomicLong();
		VerifiedCredentials credentials = new VerifiedCredentials(check, KEEP, now::get, 1, Duration.ofMillis(200));
		assertThat(credentials.authenticate(request("mật khẩu")).isAuthenticated()).isTrue();

		// When a guess holds the one check
		CountDownLatch gate = new CountDownLatch(1);
		check.gate = gate;
		try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
			Future<Authentication> guess = pool.submit(
					() -> credentials.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("kẻ-lạ", "1")));
			try {
				await().untilAsserted(() -> assertThat(check.calls).as("the guess is being checked").hasValue(2));

				// Then other passwords (of a known name, of an unknown one, the guesser's
				// next) are refused without a check, saying when to try again
				for (UsernamePasswordAuthenticationToken other : List.of(request("khác"),
						UsernamePasswordAuthenticationToken.unauthenticated("không-có", "mật khẩu"),
						UsernamePasswordAuthenticationToken.unauthenticated("kẻ-lạ", "2"))) {
					assertThat(pool.submit(() -> credentials.authenticate(other))).as(other.getName())
						.failsWithin(Duration.ofSeconds(10))
						.withThrowableThat()
						.havingCause()
						.isInstanceOfSatisfying(CredentialChecksBusyException.class,
								(busy) -> assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
				}
				assertThat(check.calls).as("checks run while the one is taken").hasValue(2);

				// while the remembered credentials are let in unchecked, even
				// when due for their check again
				assertThat(credentials.authenticate(request("mật khẩu")).isAuthenticated()).isTrue();
				now.set(KEEP.toNanos() * 9 / 10);
				assertThat(credentials.authenticate(request("mật khẩu")).isAuthenticated()).isTrue();
				assertThat(check.calls).as("checks run while the one is taken").hasValue(2);
			}
			finally {
				gate.countDown();
			}
			assertThat(guess).failsWithin(Duration.ofSeconds(30))
				.withThrowableThat()
				.withCauseInstanceOf(BadCredentialsException.class);
		}
		check.gate = null;

		// Once the check is free, the remembered credentials are checked
		// again as due, and other passwords are checked
		assertThat(credentials.authenticate(request("mật khẩu")).isAuthenticated()).isTrue();
		assertThat(check.calls).as("the check again").hasValue(3);
		assertThatExceptionOfType(BadCredentialsException.class)
			.isThrownBy(() -> credentials.authenticate(request("khác")));
		assertThat(check.calls).hasValue(4);
	}

	@Test
	void shouldNotLetOtherCredentialsInOnAnotherUsersCheck() {
		SlowCheck check = new SlowCheck();
		VerifiedCredentials credentials = new VerifiedCredentials(check, KEEP, () -> 0L);
		assertThat(credentials.authenticate(request("mật khẩu")).isAuthenticated()).isTrue();

		assertThatExceptionOfType(BadCredentialsException.class).isThrownBy(() -> credentials
			.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("khác", "mật khẩu sai")));
		assertThat(credentials.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("khác", "mật khẩu"))
			.getName()).isEqualTo("khác");
		assertThat(check.calls).hasValue(3);
	}

	@Test
	void shouldMakeANamesChecksWaitAfterFailuresInARowWhileRememberedCredentialsGoOn() {
		SlowCheck check = new SlowCheck();
		AtomicLong now = new AtomicLong();
		VerifiedCredentials credentials = new VerifiedCredentials(check, KEEP, now::get);
		UsernamePasswordAuthenticationToken signedIn = UsernamePasswordAuthenticationToken.unauthenticated("đã-vào",
				"mật khẩu");
		assertThat(credentials.authenticate(signedIn).isAuthenticated()).isTrue();

		// Given as many wrong passwords in a row for a name as are let through
		for (int i = 1; i <= FailedSignIns.FREE_FAILURES; i++) {
			String guess = "đoán " + i;
			assertThatExceptionOfType(BadCredentialsException.class)
				.isThrownBy(() -> credentials.authenticate(request(guess)));
			assertThatExceptionOfType(BadCredentialsException.class).isThrownBy(() -> credentials
				.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("đã-vào", guess)));
		}
		assertThat(check.calls).hasValue(1 + 2 * FailedSignIns.FREE_FAILURES);

		// Then the name's next credentials, right or wrong, are refused unchecked for
		// five seconds, saying so; a name no account has is counted alike
		for (String password : List.of("đoán 6", "mật khẩu")) {
			assertThatExceptionOfType(SignInBackedOffException.class)
				.isThrownBy(() -> credentials.authenticate(request(password)))
				.satisfies((refused) -> assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(5)))
				.withMessageContaining("try again in 5 s");
		}
		assertThat(check.calls).as("nothing checked while the name waits")
			.hasValue(1 + 2 * FailedSignIns.FREE_FAILURES);
		for (int i = 1; i <= FailedSignIns.FREE_FAILURES; i++) {
			assertThatExceptionOfType(BadCredentialsException.class).isThrownBy(() -> credentials
				.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("không-có-ai", "mật khẩu sai")));
		}
		assertThatExceptionOfType(SignInBackedOffException.class).isThrownBy(() -> credentials
			.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("không-có-ai", "mật khẩu")));
		// while remembered credentials of a name that waits go on, unchecked
		int checked = check.calls.get();
		assertThat(credentials.authenticate(signedIn).isAuthenticated()).isTrue();
		assertThat(check.calls).hasValue(checked);

		// After the wait one more guess is checked, and its failure doubles the wait
		now.addAndGet(Duration.ofSeconds(5).toNanos());
		assertThatExceptionOfType(BadCredentialsException.class)
			.isThrownBy(() -> credentials.authenticate(request("đoán 7")));
		now.addAndGet(Duration.ofMillis(500).toNanos());
		assertThatExceptionOfType(SignInBackedOffException.class)
			.isThrownBy(() -> credentials.authenticate(request("mật khẩu")))
			.satisfies((refused) -> assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(10)));

		// and once it is over, the right password signs in and forgets the failures
		now.addAndGet(Duration.ofMillis(9_500).toNanos());
		assertThat(credentials.authenticate(request("mật khẩu")).isAuthenticated()).isTrue();
		checked = check.calls.get();
		assertThatExceptionOfType(BadCredentialsException.class)
			.isThrownBy(() -> credentials.authenticate(request("đoán 8")));
		assertThat(check.calls).hasValue(checked + 1);
	}

	@Test
	void shouldCountEverySpellingOfANameAsTheAccountsLookupDoes() {
		// the accounts' lookup takes Can-Bo and CAN-BO for can-bo: so do the failures
		SlowCheck check = new SlowCheck();
		VerifiedCredentials credentials = new VerifiedCredentials(check, KEEP, () -> 0L);
		List<String> spellings = List.of("can-bo", "Can-Bo", "CAN-BO", "cAn-bO", "Can-bo");
		for (String spelling : spellings) {
			assertThatExceptionOfType(BadCredentialsException.class).isThrownBy(() -> credentials
				.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(spelling, "sai")));
		}
		for (String spelling : List.of("can-bo", "CAN-BO", "Can-bO")) {
			assertThatExceptionOfType(SignInBackedOffException.class).isThrownBy(() -> credentials
				.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(spelling, "mật khẩu")));
		}
		assertThat(check.calls).hasValue(spellings.size());
	}

	@Test
	void shouldCheckOneGuessOnceANameHasWaitedHoweverManyComeAtOnce() throws Exception {
		// Given a name waiting after its failures, with a check free for every request
		SlowCheck check = new SlowCheck();
		AtomicLong now = new AtomicLong();
		VerifiedCredentials credentials = new VerifiedCredentials(check, KEEP, now::get, REQUESTS,
				Duration.ofSeconds(30));
		for (int i = 0; i < FailedSignIns.FREE_FAILURES; i++) {
			assertThatExceptionOfType(BadCredentialsException.class)
				.isThrownBy(() -> credentials.authenticate(request("sai")));
		}

		// When its wait is over and guesses come at once, each another password (the
		// same credentials would share one check anyway)
		now.addAndGet(FailedSignIns.FIRST_WAIT.toNanos());
		List<String> outcomes = atOnce(credentials, (i) -> "đoán " + i);

		// Then one of them is checked, and the name waits twice as long
		assertThat(outcomes).containsOnly("refused");
		assertThat(check.calls).hasValue(FailedSignIns.FREE_FAILURES + 1);
		assertThatExceptionOfType(SignInBackedOffException.class)
			.isThrownBy(() -> credentials.authenticate(request("mật khẩu")))
			.satisfies(
					(refused) -> assertThat(refused.retryAfter()).isEqualTo(FailedSignIns.FIRST_WAIT.multipliedBy(2)));
	}

	@Test
	void shouldGiveANamesCheckBackWhenTheCheckItselfFails() {
		// Given a name whose wait is over
		AtomicInteger failures = new AtomicInteger();
		SlowCheck slow = new SlowCheck();
		AuthenticationProvider check = new AuthenticationProvider() {

			@Override
			public Authentication authenticate(Authentication request) {
				if (failures.getAndDecrement() > 0) {
					throw new InternalAuthenticationServiceException("the accounts could not be read");
				}
				return slow.authenticate(request);
			}

			@Override
			public boolean supports(Class<?> authentication) {
				return slow.supports(authentication);
			}

		};
		AtomicLong now = new AtomicLong();
		VerifiedCredentials credentials = new VerifiedCredentials(check, KEEP, now::get);
		for (int i = 0; i < FailedSignIns.FREE_FAILURES; i++) {
			assertThatExceptionOfType(BadCredentialsException.class)
				.isThrownBy(() -> credentials.authenticate(request("sai")));
		}
		now.addAndGet(FailedSignIns.FIRST_WAIT.toNanos());

		// When its check fails neither way (the accounts could not be read)
		failures.set(1);
		assertThatExceptionOfType(InternalAuthenticationServiceException.class)
			.isThrownBy(() -> credentials.authenticate(request("mật khẩu")));

		// Then the name is not left waiting behind it: the next request is checked
		assertThat(credentials.authenticate(request("mật khẩu")).isAuthenticated()).isTrue();
	}

	@Property
	void shouldWaitLongerAfterEachFailureUpToTheLongestWait(@ForAll @IntRange(min = 1) int failures) {
		Duration wait = FailedSignIns.waitAfter(failures);
		if (failures < FailedSignIns.FREE_FAILURES) {
			assertThat(wait).isZero();
			return;
		}
		assertThat(wait).isPositive().isLessThanOrEqualTo(FailedSignIns.LONGEST_WAIT);
		Duration next = FailedSignIns.waitAfter(failures + ((failures < Integer.MAX_VALUE) ? 1 : 0));
		assertThat(next).isGreaterThanOrEqualTo(wait);
		if (wait.compareTo(FailedSignIns.LONGEST_WAIT) < 0) {
			assertThat(wait)
				.isEqualTo(FailedSignIns.FIRST_WAIT.multipliedBy(1L << (failures - FailedSignIns.FREE_FAILURES)));
		}
	}

	/** The outcome of {@value #REQUESTS} requests sent at the same instant. */
	private static List<String> atOnce(VerifiedCredentials credentials, String password) throws Exception {
		return atOnce(credentials, (i) -> password);
	}

	/**
	 * The outcome of {@value #REQUESTS} requests sent at the same instant, each its
	 * password.
	 */
	private static List<String> atOnce(VerifiedCredentials credentials, IntFunction<String> passwords)
			throws Exception {
		CyclicBarrier start = new CyclicBarrier(REQUESTS);
		List<Future<String>> outcomes = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(REQUESTS)) {
			for (int i = 0; i < REQUESTS; i++) {
				String password = passwords.apply(i);
				outcomes.add(pool.submit(() -> {
					start.await();
					try {
						Authentication result = credentials.authenticate(request(password));
						return result.getAuthorities().iterator().next().getAuthority();
					}
					catch (AuthenticationException ex) {
						return "refused";
					}
				}));
			}
			List<String> results = new ArrayList<>();
			for (Future<String> outcome : outcomes) {
				results.add(outcome.get());
			}
			return results;
		}
	}

	private static UsernamePasswordAuthenticationToken request(String password) {
		return UsernamePasswordAuthenticationToken.unauthenticated("can-bo", password);
	}

}
