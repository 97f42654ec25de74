package vn.investledger.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A record the ledger refused, as written to the sending unit's rejection topic
 * ({@link Topics#rejections(String)}): the record's original key and value bytes (cut to
 * {@link #MAX_KEY_BYTES} and {@link #MAX_VALUE_BYTES}, the whole record staying at its
 * source topic, partition and offset), and this description in headers named
 * {@code investledger.rejection.*}.
 *
 * @param reason why, as a code
 * @param message what is wrong and what to do, for the sender's developer
 * @param eventId the event id, if the record was readable that far, or {@code null}
 * @param projectCode the project code, if readable, or {@code null}
 * @param unit the unit of the topic the record came from, or {@code null} if none
 * @param sourceTopic the topic the record came from
 * @param sourcePartition its partition
 * @param sourceOffset its offset
 * @param receivedAt when the broker appended it
 * @param truncated whether the key or value here is cut short
 */
public record Rejection(RejectionReason reason, String message, String eventId, String projectCode, String unit,
		String sourceTopic, int sourcePartition, long sourceOffset, Instant receivedAt, boolean truncated) {

	/** The most bytes of the original key a rejection carries. */
	public static final int MAX_KEY_BYTES = 4 * 1024;

	/** The most bytes of the original value a rejection carries. */
	public static final int MAX_VALUE_BYTES = 1024 * 1024;

	/** The longest message a rejection carries, in characters. */
	public static final int MAX_MESSAGE_LENGTH = 4000;

	private static final String PREFIX = "investledger.rejection.";

	public static final String REASON = PREFIX + "reason";

	public static final String MESSAGE = PREFIX + "message";

	public static final String EVENT_ID = PREFIX + "event-id";

	public static final String PROJECT_CODE = PREFIX + "project-code";

	public static final String UNIT = PREFIX + "unit";

	public static final String SOURCE_TOPIC = PREFIX + "source-topic";

	public static final String SOURCE_PARTITION = PREFIX + "source-partition";

	public static final String SOURCE_OFFSET = PREFIX + "source-offset";

	public static final String RECEIVED_AT = PREFIX + "received-at";

	public static final String TRUNCATED = PREFIX + "truncated";

	public Rejection {
		if (message != null && message.length() > MAX_MESSAGE_LENGTH) {
			message = message.substring(0, MAX_MESSAGE_LENGTH - 1) + "…";
		}
	}

	/**
	 * The headers of a rejection record.
	 * @return new headers
	 */
	public Headers toHeaders() {
		RecordHeaders headers = new RecordHeaders();
		add(headers, REASON, this.reason.name());
		add(headers, MESSAGE, this.message);
		add(headers, EVENT_ID, this.eventId);
		add(headers, PROJECT_CODE, this.projectCode);
		add(headers, UNIT, this.unit);
		add(headers, SOURCE_TOPIC, this.sourceTopic);
		add(headers, SOURCE_PARTITION, Integer.toString(this.sourcePartition));
		add(headers, SOURCE_OFFSET, Long.toString(this.sourceOffset));
		add(headers, RECEIVED_AT, this.receivedAt.toString());
		if (this.truncated) {
			add(headers, TRUNCATED, "true");
		}
		return headers;
	}

	/**
	 * Reads a rejection from a record's headers.
	 * @param headers the headers
	 * @return the rejection
	 * @throws IllegalArgumentException if the headers are not a rejection's
	 */
	public static Rejection fromHeaders(Headers headers) {
		String reason = text(headers, REASON);
		if (reason == null) {
			throw new IllegalArgumentException("Not a rejection: no " + REASON + " header");
		}
		String partition = text(headers, SOURCE_PARTITION);
		String offset = text(headers, SOURCE_OFFSET);
		String received = text(headers, RECEIVED_AT);
		return new Rejection(RejectionReason.valueOf(reason), text(headers, MESSAGE), text(headers, EVENT_ID),
				text(headers, PROJECT_CODE), text(headers, UNIT), text(headers, SOURCE_TOPIC),
				(partition != null) ? Integer.parseInt(partition) : -1, (offset != null) ? Long.parseLong(offset) : -1,
				(received != null) ? Instant.parse(received) : null, "true".equals(text(headers, TRUNCATED)));
	}

	private static void add(Headers headers, String name, String value) {
		if (value != null) {
			headers.add(name, value.getBytes(StandardCharsets.UTF_8));
		}
	}

	private static String text(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
