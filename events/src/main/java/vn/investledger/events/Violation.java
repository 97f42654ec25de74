package vn.investledger.events;

/**
 * One reason an event is invalid.
 *
 * @param field the JSON path of the offending field, e.g. {@code envelope.revision}
 * @param reason what is wrong with it, for the producer's developer to read
 */
public record Violation(String field, String reason) {

	@Override
	public String toString() {
		return this.field + ": " + this.reason;
	}

}
