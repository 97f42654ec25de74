package vn.investledger.events;

import java.util.List;

/**
 * An event read from its JSON, with what the contract says of it.
 *
 * @param event the event as bound, {@code null} for JSON's {@code null}
 * @param violations every violation, one per field; empty if the event is valid
 */
public record CheckedEvent(LicensingEvent event, List<Violation> violations) {

	public CheckedEvent {
		violations = List.copyOf(violations);
	}

	/**
	 * Whether the event is valid.
	 * @return whether there are no violations
	 */
	public boolean valid() {
		return this.violations.isEmpty();
	}

	/**
	 * The event, if it is valid.
	 * @return the event
	 * @throws InvalidEventException listing every violation
	 */
	public LicensingEvent requireValid() {
		if (!this.violations.isEmpty()) {
			throw new InvalidEventException(this.violations);
		}
		return this.event;
	}

}
