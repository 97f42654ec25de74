package vn.investledger.index;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import vn.investledger.events.Rejection;

/**
 * A record the ledger refused, from a unit's rejection topic (or the dead-letter topic of
 * records from no unit's topic), for the console's counts and lists. Its id is where the
 * refused record came from, so a replay that refuses it again writes the same document.
 *
 * @param unit the unit of the topic it came from, or {@code null} for none
 * @param reason why, as a code
 * @param message what is wrong
 * @param eventId the event id, if readable
 * @param projectCode the project code, if readable
 * @param sourceTopic the topic it came from
 * @param sourcePartition its partition
 * @param sourceOffset its offset
 * @param receivedAt when the broker appended it
 * @param truncated whether the rejection record carries only part of it
 * @param record the start of the refused value as text (the first
 * {@value #RECORD_CHARACTERS} characters), for a first look
 */
public record RejectionDocument(String unit, String reason, String message, String eventId, String projectCode,
		String sourceTopic, int sourcePartition, long sourceOffset, Instant receivedAt, boolean truncated,
		String record) {

	/** How much of a refused value the document keeps. */
	public static final int RECORD_CHARACTERS = 4096;

	/**
	 * The document of a rejection record.
	 * @param rejection the rejection, from the record's headers
	 * @param value the record's value (the refused record's, possibly cut)
	 * @return the document
	 */
	public static RejectionDocument of(Rejection rejection, byte[] value) {
		String text = null;
		if (value != null) {
			text = new String(Arrays.copyOf(value, Math.min(value.length, RECORD_CHARACTERS * 4)),
					StandardCharsets.UTF_8);
			text = (text.length() > RECORD_CHARACTERS) ? text.substring(0, RECORD_CHARACTERS) : text;
		}
		return new RejectionDocument(rejection.unit(), rejection.reason().name(), rejection.message(),
				rejection.eventId(), rejection.projectCode(), rejection.sourceTopic(), rejection.sourcePartition(),
				rejection.sourceOffset(), rejection.receivedAt(), rejection.truncated(), text);
	}

	/**
	 * The id: the refused record's topic, partition and offset.
	 * @return the id
	 * @throws IllegalStateException if the rejection does not say where the refused
	 * record came from ({@link #knowsItsSource()})
	 */
	public String id() {
		if (!knowsItsSource()) {
			throw new IllegalStateException("A rejection that does not say where the refused record came from");
		}
		return this.sourceTopic + ":" + this.sourcePartition + ":" + this.sourceOffset;
	}

	/**
	 * Whether the rejection says where the refused record came from: its topic, partition
	 * and offset. The ledger always writes them; a record written by another hand may
	 * not, and is then indexed under its own place on the rejection topic instead, so
	 * that two such records are not taken for one.
	 * @return whether {@link #id()} names the refused record
	 */
	public boolean knowsItsSource() {
		return this.sourceTopic != null && this.sourcePartition >= 0 && this.sourceOffset >= 0;
	}

	/**
	 * The id of a rejection that does not say where the refused record came from: the
	 * rejection record's own topic, partition and offset, marked so that it cannot be
	 * taken for a refused record's place.
	 * @param topic the rejection record's topic
	 * @param partition its partition
	 * @param offset its offset
	 * @return the id
	 */
	public static String idOfRejectionRecord(String topic, int partition, long offset) {
		return "rejection@" + topic + ":" + partition + ":" + offset;
	}

}
