package vn.investledger.producers.gateway.rejections;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A page of a unit's refused records.
 *
 * @param unit the unit whose records these are: the caller's
 * @param topic the rejections topic they were read from
 * @param order {@code newest-first}, or {@code oldest-first} from {@code since}
 * @param rejections the records, in that order
 * @param next the cursor of the following page (older records newest first, newer ones
 * oldest first), or {@code null} when there are no older ones
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RejectionPage(String unit, String topic, String order, List<ListedRejection> rejections, String next) {

}
