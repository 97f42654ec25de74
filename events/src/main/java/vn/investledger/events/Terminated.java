package vn.investledger.events;

/**
 * The project ends (chấm dứt hoạt động): it leaves the stock of valid projects; flows
 * already counted stay.
 *
 * @param envelope the envelope
 * @param reason why it ends
 * @param decisionNumber the number of the decision, or {@code null}
 */
public record Terminated(EventEnvelope envelope, TerminationReason reason,
		String decisionNumber) implements LicensingEvent {

	@Override
	public EventKind kind() {
		return EventKind.TERMINATED;
	}

}
