package vn.investledger.indexer.indexing;

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
class TotalsIndexer extends RecordIndexer {

	private final String alias;

	TotalsIndexer(BatchIndexer indexer, IndexerProperties properties) {
		super(indexer);
		this.alias = properties.indices().totals();
	}

	@KafkaListener(id = "totals-indexer", groupId = "${investledger.topic-prefix}-totals-indexer",
			topics = "${investledger.topic-prefix}.totals", batch = "true")
	void index(List<ConsumerRecord<String, byte[]>> records) {
		indexAll(records);
	}

	@Override
	BulkOperation operation(ConsumerRecord<String, byte[]> record) {
		if (record.value() == null) {
			return BulkOperation.of((op) -> op.delete((delete) -> delete.index(this.alias).id(record.key())));
		}
		Total total = Topics.totalSerde().deserializer().deserialize(record.topic(), record.value());
		TotalDocument document = TotalDocument.of(total);
		return BulkOperation
			.of((op) -> op.index((index) -> index.index(this.alias).id(document.key()).document(document)));
	}

}
