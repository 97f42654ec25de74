package vn.investledger.producers.gateway.rejections;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the next page of a listing starts: before an offset (older records, newest first)
 * or from one (newer records, oldest first). Written {@code older-1234} or
 * {@code newer-1234}.
 *
 * @param newer whether the listing goes forward in time
 * @param offset the offset in the unit's rejections topic: the first not to list going
 * back, the first to list going forward
 */
record Cursor(boolean newer, long offset) {

	private static final Pattern TEXT = Pattern.compile("(older|newer)-(\\d{1,18})");

	/**
	 * Reads a cursor as a previous page gave it.
	 * @param text e.g. {@code older-1234}
	 * @return the cursor
	 * @throws IllegalArgumentException if it is not a cursor
	 */
	static Cursor parse(String text) {
		Matcher matcher = TEXT.matcher(text);
		if (!matcher.matches()) {
			throw new IllegalArgumentException(
					"A cursor is the \"next\" of a previous page, e.g. older-1234 or newer-1234, was \"" + text + "\"");
		}
		return new Cursor(matcher.group(1).equals("newer"), Long.parseLong(matcher.group(2)));
	}

	@Override
	public String toString() {
		return (this.newer ? "newer-" : "older-") + this.offset;
	}

}
