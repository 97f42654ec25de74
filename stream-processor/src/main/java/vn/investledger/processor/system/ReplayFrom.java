package vn.investledger.processor.system;

import java.util.Locale;

/**
 * What a replay ({@code --investledger.replay=true}) reads, set by
 * {@code --investledger.replay-from}.
 */
public enum ReplayFrom {

	/**
	 * Every unit's event topic, judged again by the ledger: its state, the applied
	 * events, the project states, the rejections and the figures are all written again.
	 * What a change of the rules that judge events (the VSIC tables) needs. The default.
	 */
	EVENTS,

	/**
	 * The applied-events topic: the ledger's decisions kept, only the figures counted
	 * again ({@link vn.investledger.processor.intake.AppliedLog}). Enough for a change of
	 * the report calendar, the rates or the way figures are counted.
	 */
	APPLIED_EVENTS;

	/** The setting that chooses. */
	public static final String PROPERTY = "investledger.replay-from";

	/**
	 * The source a start reads from.
	 * @param replay whether it is a replay
	 * @param setting the value of {@link #PROPERTY}, {@code null} if unset
	 * @return the source; {@link #EVENTS} for the service
	 * @throws IllegalArgumentException for a value other than {@code events} and
	 * {@code applied-events}, or {@code applied-events} without a replay
	 */
	public static ReplayFrom of(boolean replay, String setting) {
		if (setting == null || setting.isBlank()) {
			return EVENTS;
		}
		ReplayFrom from = switch (setting.trim().toLowerCase(Locale.ROOT)) {
			case "events" -> EVENTS;
			case "applied-events" -> APPLIED_EVENTS;
			default -> throw new IllegalArgumentException(
					PROPERTY + " must be events or applied-events: it was \"" + setting + "\"");
		};
		if (from == APPLIED_EVENTS && !replay) {
			throw new IllegalArgumentException(PROPERTY + "=applied-events counts the figures again and then waits: it"
					+ " only runs as a replay, with --investledger.replay=true and every other instance stopped");
		}
		return from;
	}

}
