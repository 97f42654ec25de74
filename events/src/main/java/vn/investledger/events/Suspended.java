package vn.investledger.events;

import java.time.LocalDate;

/**
 * The project pauses (ngừng hoạt động); the stock counts it as suspended until it
 * resumes.
 *
 * @param envelope the envelope
 * @param reason why, as the decision says, or {@code null}
 * @param until the planned end of the suspension, or {@code null}
 */
public record Suspended(EventEnvelope envelope, String reason, LocalDate until) implements LicensingEvent {

	@Override
	public EventKind kind() {
		return EventKind.SUSPENDED;
	}

}
