package vn.investledger.producers.publisher;

import java.time.Instant;
import java.util.UUID;

/**
 * Where an event was written: Kafka acknowledged it on all in-sync replicas.
 *
 * @param eventId the event's id
 * @param projectCode the project code, which was the record's key
 * @param revision the event's revision
 * @param topic the topic
 * @param partition the partition
 * @param offset the offset
 * @param timestamp the record's timestamp
 */
public record Published(UUID eventId, String projectCode, long revision, String topic, int partition, long offset,
		Instant timestamp) {

}
