package vn.investledger.producers.gateway.ingest;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import vn.investledger.events.Violation;

/**
 * What became of one event.
 *
 * @param index its position in the batch (0 for a single event)
 * @param eventId its id, when it could be read
 * @param status {@code ACCEPTED} (durable in Kafka) or {@code REJECTED} (nothing was
 * published)
 * @param topic where it was written
 * @param partition the partition
 * @param offset the offset
 * @param error why it was rejected, as a problem: status, title, detail and field-level
 * violations
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IngestResult(int index, UUID eventId, Status status, String topic, Integer partition, Long offset,
		ItemError error) {

	/** The outcome of one event. */
	public enum Status {

		ACCEPTED, REJECTED

	}

	/**
	 * Why an event was rejected.
	 *
	 * @param status the HTTP status a single request would have had (400, 403, 413, 422,
	 * 503)
	 * @param title a short title
	 * @param detail what is wrong
	 * @param violations field-level reasons, for 422
	 */
	@JsonInclude(JsonInclude.Include.NON_EMPTY)
	public record ItemError(int status, String title, String detail, List<Violation> violations) {
	}

	static IngestResult rejected(int index, UUID eventId, ItemError error) {
		return new IngestResult(index, eventId, Status.REJECTED, null, null, null, error);
	}

}
