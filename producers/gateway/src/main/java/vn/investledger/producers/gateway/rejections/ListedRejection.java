package vn.investledger.producers.gateway.rejections;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import vn.investledger.events.RejectionReason;

/**
 * One record the ledger refused, as the sending unit reads it back.
 *
 * @param offset its offset in the unit's rejections topic
 * @param reason why, as a code
 * @param message what is wrong and what to do
 * @param eventId the event id, if the record was readable that far
 * @param projectCode the project code, if readable
 * @param sourceTopic the topic the refused record was written to
 * @param sourcePartition its partition
 * @param sourceOffset its offset there
 * @param receivedAt when the broker appended it
 * @param truncated whether the event shown here is cut short (the ledger keeps 1 MiB of a
 * refused record, this listing the first {@code Limits.MAX_EVENT_BYTES})
 * @param event the refused record's value as text, when it is UTF-8
 * @param eventBase64 the value in base64, when it is not UTF-8
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ListedRejection(long offset, RejectionReason reason, String message, String eventId, String projectCode,
		String sourceTopic, int sourcePartition, long sourceOffset, Instant receivedAt, boolean truncated, String event,
		String eventBase64) {

}
