package vn.investledger.testsupport;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ServiceLoader;

import org.awaitility.Awaitility;
import org.awaitility.pollinterval.PollInterval;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherSessionListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher that runs these very tests found {@link AwaitilityDefaults} and applied
 * it: an {@code await()} checks its condition at once.
 */
class AwaitilityDefaultsTests {

	@Test
	void shouldBeFoundByTheLauncher() {
		assertThat(ServiceLoader.load(LauncherSessionListener.class).stream().map(ServiceLoader.Provider::type))
			.contains(AwaitilityDefaults.class);
	}

	@Test
	void shouldHaveCheckedEveryConditionAtOnceInThisJvm() throws Exception {
		assertThat(defaultOf("defaultPollDelay")).isEqualTo(Duration.ZERO);
		assertThat(((PollInterval) defaultOf("defaultPollInterval")).next(2, Duration.ZERO))
			.isEqualTo(AwaitilityDefaults.POLL_INTERVAL);
	}

	/** Awaitility's default as set for this JVM: it has no getter. */
	private static Object defaultOf(String field) throws ReflectiveOperationException {
		Field declared = Awaitility.class.getDeclaredField(field);
		declared.setAccessible(true);
		return declared.get(null);
	}

}
