package vn.investledger.producers.gateway.ingest;

import java.util.List;

/**
 * What became of each event of a batch. The good events of a batch are published even
 * when others are rejected; each result says which.
 *
 * @param accepted how many events are durable in Kafka
 * @param rejected how many were not published
 * @param results one per event, in the batch's order
 */
public record BatchResult(int accepted, int rejected, List<IngestResult> results) {

}
