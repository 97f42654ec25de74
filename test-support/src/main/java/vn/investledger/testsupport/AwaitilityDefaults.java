package vn.investledger.testsupport;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Awaitility's defaults for every test JVM that has this module on its class path
 * (registered as a launcher session listener): a condition is first checked at once, not
 * after one poll interval, and then every 100 ms. Awaitility's own default waits 100 ms
 * before the first check, which a condition already met pays for nothing, once per
 * {@code await()}: thousands of times in a suite whose checks read figures that are
 * usually there already. A test that must wait first still says so with
 * {@code pollDelay}.
 */
public final class AwaitilityDefaults implements LauncherSessionListener {

	/** How long after the first check each further check comes. */
	static final Duration POLL_INTERVAL = Duration.ofMillis(100);

	@Override
	public void launcherSessionOpened(LauncherSession session) {
		Awaitility.setDefaultPollDelay(Duration.ZERO);
		Awaitility.setDefaultPollInterval(POLL_INTERVAL);
	}

}
