package vn.investledger.events;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The kinds of licensing event, with the name each carries in JSON's {@code kind}
 * property.
 */
public enum EventKind {

	/**
	 * A new project: an Investment Registration Certificate is issued (cấp mới GCNĐKĐT).
	 */
	LICENSED("licensed");

	private final String jsonName;

	EventKind(String jsonName) {
		this.jsonName = jsonName;
	}

	@JsonValue
	public String jsonName() {
		return this.jsonName;
	}

}
