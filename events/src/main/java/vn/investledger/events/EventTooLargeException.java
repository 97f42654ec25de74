package vn.investledger.events;

/**
 * An event is larger than {@link Limits#MAX_EVENT_BYTES} as published.
 */
public class EventTooLargeException extends RuntimeException {

	private final long size;

	public EventTooLargeException(long size) {
		super("An event is at most " + Limits.MAX_EVENT_BYTES + " bytes of UTF-8 JSON, this one is " + size);
		this.size = size;
	}

	/**
	 * Throws if an event of this size is too large.
	 * @param size the event's size in bytes, as published
	 * @throws EventTooLargeException if it is
	 */
	public static void check(long size) {
		if (size > Limits.MAX_EVENT_BYTES) {
			throw new EventTooLargeException(size);
		}
	}

	public long size() {
		return this.size;
	}

}
