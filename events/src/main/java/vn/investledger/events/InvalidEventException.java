package vn.investledger.events;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An event broke the contract; {@link #violations()} lists every field-level reason.
 */
public class InvalidEventException extends RuntimeException {

	private final List<Violation> violations;

	public InvalidEventException(List<Violation> violations) {
		super("Invalid licensing event: "
				+ violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
		this.violations = List.copyOf(violations);
	}

	public List<Violation> violations() {
		return this.violations;
	}

}
