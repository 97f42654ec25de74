package vn.investledger.indexer.indexing;

import java.util.List;
import java.util.regex.Pattern;

import co.elastic.clients.elasticsearch._types.VersionType;
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

	StockIndexer(BatchIndexer indexer, IndexerProperties properties) {
		super(indexer, "stock", properties);
	}

	@KafkaListener(id = "stock-indexer", groupId = "${investledger.topic-prefix}-stock-indexer",
			topics = "${investledger.topic-prefix}.stock", batch = "true",
			autoStartup = "#{'${investledger.rebuild:}'.isEmpty()}")
	void index(List<ConsumerRecord<String, byte[]>> records) {
		indexAll(records);
	}

	@Override
	public Pattern sources(Topics topics) {
		return Pattern.compile(Pattern.quote(topics.stock().name()));
	}

	@Override
	BulkOperation operation(ConsumerRecord<String, byte[]> record, String index) {
		if (record.value() == null) {
			return BulkOperation.of((op) -> op.delete((delete) -> delete.index(index)
				.id(record.key())
				.version(record.offset())
				.versionType(VersionType.External)));
		}
		Stock stock = Topics.stockSerde().deserializer().deserialize(record.topic(), record.value());
		StockDocument document = StockDocument.of(stock);
		return BulkOperation.of((op) -> op.index((write) -> write.index(index)
			.id(document.key())
			.version(record.offset())
			.versionType(VersionType.External)
			.document(document)));
	}

}
