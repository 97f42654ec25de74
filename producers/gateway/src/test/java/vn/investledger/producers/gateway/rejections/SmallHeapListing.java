package vn.investledger.producers.gateway.rejections;

import java.util.Map;

import vn.investledger.events.Topics;

/**
 * Lists a unit's rejections page by page in a JVM of its own, so that a test can give it
 * a small heap: one line a page, {@code page <records> <truncated> <event bytes> <next>}.
 * Its arguments: the bootstrap servers, the topic prefix, the unit and the limit.
 */
final class SmallHeapListing {

	private SmallHeapListing() {
	}

	public static void main(String[] args) {
		RejectionLog log = new RejectionLog(Map.of("bootstrap.servers", args[0]), Topics.withPrefix(args[1]));
		String cursor = null;
		do {
			RejectionPage page = log.list(args[2], null, (cursor != null) ? Cursor.parse(cursor) : null,
					Integer.parseInt(args[3]));
			long truncated = page.rejections().stream().filter(ListedRejection::truncated).count();
			long eventBytes = page.rejections().stream().mapToLong((r) -> r.event().length()).sum();
			System.out
				.println("page " + page.rejections().size() + " " + truncated + " " + eventBytes + " " + page.next());
			cursor = page.next();
		}
		while (cursor != null);
	}

}
