package vn.investledger.indexer.indexing;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record of a Kafka batch with the Elasticsearch operation it becomes.
 *
 * @param source the record, whose original bytes go to the dead-letter topic if
 * Elasticsearch refuses the operation
 * @param operation the operation
 */
record Indexed(ConsumerRecord<String, byte[]> source, BulkOperation operation) {

}
