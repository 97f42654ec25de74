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
	LICENSED("licensed"),

	/**
	 * The registered capital changes on a revised IRC (điều chỉnh vốn); the change may be
	 * negative.
	 */
	CAPITAL_ADJUSTED("capital-adjusted"),

	/**
	 * An investor contributes capital or buys shares or a capital stake (góp vốn, mua cổ
	 * phần).
	 */
	CAPITAL_CONTRIBUTED("capital-contributed"),

	/** Capital actually put in (giải ngân, vốn thực hiện). */
	DISBURSED("disbursed"),

	/** The project pauses (ngừng hoạt động). */
	SUSPENDED("suspended"),

	/** A suspended project resumes (tiếp tục hoạt động). */
	RESUMED("resumed"),

	/** The investor ends the project or the IRC is revoked (chấm dứt hoạt động). */
	TERMINATED("terminated");

	private final String jsonName;

	EventKind(String jsonName) {
		this.jsonName = jsonName;
	}

	@JsonValue
	public String jsonName() {
		return this.jsonName;
	}

}
