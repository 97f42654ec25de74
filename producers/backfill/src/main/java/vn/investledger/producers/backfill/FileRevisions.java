package vn.investledger.producers.backfill;

import java.util.HashMap;
import java.util.Map;

import vn.investledger.events.EventJson;
import vn.investledger.events.LicensingEvent;

/**
 * The project revisions an import has sent, with the line that held each and a
 * fingerprint of its event: a later row of the same project revision with other content
 * (another amount, date or event id) is not sent, since the ledger applies each revision
 * once and would refuse it as {@code CONFLICT} long after the import said it was sent. A
 * row that repeats an earlier one exactly is sent again: the ledger drops the copy. The
 * memory covers one run: a resumed import checks the rows it sends from its checkpoint
 * on. Some 130 to 180 bytes of heap for each project revision sent.
 */
final class FileRevisions {

	private final Map<String, Sent> sent = new HashMap<>();

	private record Sent(long line, long fingerprint) {
	}

	/**
	 * Why a row must not be sent because an earlier row of this run sent its project
	 * revision with other content, or {@code null}.
	 * @param line the row's line
	 * @param event its event
	 * @return the reason, or {@code null}
	 */
	String conflict(long line, LicensingEvent event) {
		Sent earlier = this.sent.get(key(event));
		if (earlier == null || earlier.fingerprint() == fingerprint(event)) {
			return null;
		}
		return "line " + earlier.line() + " already sent project " + event.key() + "'s revision "
				+ event.envelope().revision() + ", with other content: the ledger applies a revision once, and once"
				+ " it has applied line " + earlier.line() + "'s would refuse this row as CONFLICT. Check which of"
				+ " the two is right: if it is this one, send it as the project's next revision (a capital"
				+ " adjustment or the event it is), or correct the line already sent the same way";
	}

	/**
	 * Remembers a row that was sent.
	 * @param line its line
	 * @param event its event
	 */
	void sent(long line, LicensingEvent event) {
		this.sent.putIfAbsent(key(event), new Sent(line, fingerprint(event)));
	}

	private static String key(LicensingEvent event) {
		return event.envelope().revision() + "#" + event.key();
	}

	private static long fingerprint(LicensingEvent event) {
		// as the ledger tells a copy from a conflict: 12.5 and 12.50 ha are one event
		return EventJson.contentHash(event);
	}

}
