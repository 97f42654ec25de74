package vn.investledger.processor.system;

/**
 * How {@code --investledger.replay} is read: {@code true} or {@code false} in any case,
 * or left out (the service). The replay's beans and the service's guards are switched on
 * by these two values alone ({@code @ConditionalOnBooleanProperty}), so every other reads
 * the same: any other value ({@code yes}, {@code 1}, {@code on}, {@code " true"}, empty)
 * would start an instance that is neither a replay nor a checked service, and is refused
 * at start instead.
 */
public final class ReplaySwitch {

	/** The setting. */
	public static final String PROPERTY = "investledger.replay";

	private ReplaySwitch() {
	}

	/**
	 * Whether a start is a replay.
	 * @param value the setting's value, {@code null} if it is not set
	 * @return whether it is {@code true}
	 * @throws IllegalArgumentException if it is set to anything but {@code true} or
	 * {@code false}
	 */
	public static boolean replaying(String value) {
		if (value == null || "false".equalsIgnoreCase(value)) {
			return false;
		}
		if ("true".equalsIgnoreCase(value)) {
			return true;
		}
		throw new IllegalArgumentException(PROPERTY + " must be true (a replay) or false (the service, also when left"
				+ " out): it was \"" + value + "\", which would start neither");
	}

}
