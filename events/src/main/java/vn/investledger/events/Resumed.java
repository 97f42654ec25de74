package vn.investledger.events;

/**
 * A suspended project resumes (tiếp tục hoạt động).
 *
 * @param envelope the envelope
 * @param reason a note, or {@code null}
 */
public record Resumed(EventEnvelope envelope, String reason) implements LicensingEvent {

	@Override
	public EventKind kind() {
		return EventKind.RESUMED;
	}

}
