package vn.investledger.indexer.indexing;

import java.util.function.Supplier;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record of a Kafka batch with the Elasticsearch operation it becomes.
 *
 * @param source the record, whose original bytes go to the dead-letter topic if
 * Elasticsearch refuses the operation
 * @param operation the operation
 * @param remake the operation made anew for another attempt, stamped with the time of
 * that attempt where the document carries one (a figure's {@code indexedAt}, by which the
 * console finds the figures written since it last asked)
 */
record Indexed(ConsumerRecord<String, byte[]> source, BulkOperation operation, Supplier<BulkOperation> remake) {

	/**
	 * A record whose operation is the same at every attempt.
	 * @param source the record
	 * @param operation the operation
	 */
	Indexed(ConsumerRecord<String, byte[]> source, BulkOperation operation) {
		this(source, operation, () -> operation);
	}

	/**
	 * The same record with its operation made anew, for another attempt.
	 * @return the record to send again
	 */
	Indexed again() {
		return new Indexed(this.source, this.remake.get(), this.remake);
	}

}
