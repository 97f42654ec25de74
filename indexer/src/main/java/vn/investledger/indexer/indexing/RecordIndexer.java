package vn.investledger.indexer.indexing;

import java.util.ArrayList;
import java.util.List;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import vn.investledger.indexer.indexing.DeadLetters.DeadLetter;

/**
 * Turns a Kafka batch into Elasticsearch operations and indexes them; a record that
 * cannot be read goes to the dead-letter topic with the reason.
 */
abstract class RecordIndexer {

	private final BatchIndexer indexer;

	RecordIndexer(BatchIndexer indexer) {
		this.indexer = indexer;
	}

	/**
	 * Indexes a batch; returns once every record is in Elasticsearch or dead-lettered.
	 * @param records the batch
	 */
	void indexAll(List<ConsumerRecord<String, byte[]>> records) {
		List<Indexed> operations = new ArrayList<>(records.size());
		List<DeadLetter> unreadable = new ArrayList<>();
		for (ConsumerRecord<String, byte[]> record : records) {
			BulkOperation operation;
			try {
				operation = operation(record);
			}
			catch (RuntimeException ex) {
				unreadable.add(new DeadLetter(record, "unreadable: " + ex.getMessage(), 0));
				continue;
			}
			if (operation != null) {
				operations.add(new Indexed(record, operation));
			}
		}
		this.indexer.index(operations, unreadable);
	}

	/**
	 * The operation a record becomes.
	 * @param record the record
	 * @return the operation, or {@code null} if the record is not indexed here
	 * @throws RuntimeException if the record cannot be read
	 */
	abstract BulkOperation operation(ConsumerRecord<String, byte[]> record);

}
