package vn.investledger.indexer.indexing;

import java.util.List;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import vn.investledger.events.Stock;
import vn.investledger.events.Topics;
import vn.investledger.indexer.documents.StockDocument;
import vn.investledger.indexer.system.IndexerProperties;

/**
 * Indexes the stock figures; the document id is the stock key and a tombstone deletes it.
 */
@Component
class StockIndexer extends RecordIndexer {

	private final String alias;

	StockIndexer(BatchIndexer indexer, IndexerProperties properties) {
		super(indexer);
		this.alias = properties.indices().stock();
	}

	@KafkaListener(id = "stock-indexer", groupId = "${investledger.topic-prefix}-stock-indexer",
			topics = "${investledger.topic-prefix}.stock", batch = "true")
	void index(List<ConsumerRecord<String, byte[]>> records) {
		indexAll(records);
	}

	@Override
	BulkOperation operation(ConsumerRecord<String, byte[]> record) {
		if (record.value() == null) {
			return BulkOperation.of((op) -> op.delete((delete) -> delete.index(this.alias).id(record.key())));
		}
		Stock stock = Topics.stockSerde().deserializer().deserialize(record.topic(), record.value());
		StockDocument document = StockDocument.of(stock);
		return BulkOperation
			.of((op) -> op.index((index) -> index.index(this.alias).id(document.key()).document(document)));
	}

}
