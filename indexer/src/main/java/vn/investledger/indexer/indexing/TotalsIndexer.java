package vn.investledger.indexer.indexing;

import java.util.ArrayList;
import java.util.List;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import vn.investledger.events.Topics;
import vn.investledger.events.Total;
import vn.investledger.indexer.documents.TotalDocument;
import vn.investledger.indexer.system.IndexerProperties;

/**
 * Indexes the figures of the totals topic; the document id is the totals key and a
 * tombstone deletes it. Each key lives in one partition, read in order, so the last write
 * is the newest figure.
 */
@Component
class TotalsIndexer {

	private final BatchIndexer indexer;

	private final String alias;

	TotalsIndexer(BatchIndexer indexer, IndexerProperties properties) {
		this.indexer = indexer;
		this.alias = properties.indices().totals();
	}

	@KafkaListener(id = "totals-indexer", groupId = "${investledger.topic-prefix}-totals-indexer",
			topics = "${investledger.topic-prefix}.totals", batch = "true")
	void index(List<ConsumerRecord<String, byte[]>> records) {
		List<BulkOperation> operations = new ArrayList<>();
		for (ConsumerRecord<String, byte[]> record : records) {
			if (record.value() == null) {
				operations
					.add(BulkOperation.of((op) -> op.delete((delete) -> delete.index(this.alias).id(record.key()))));
				continue;
			}
			Total total = Topics.totalSerde().deserializer().deserialize(record.topic(), record.value());
			TotalDocument document = TotalDocument.of(total);
			operations.add(BulkOperation
				.of((op) -> op.index((index) -> index.index(this.alias).id(document.key()).document(document))));
		}
		this.indexer.index(operations);
	}

}
