package vn.investledger.indexer.indexing;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import vn.investledger.events.Stock;
import vn.investledger.events.Topics;
import vn.investledger.index.StockDocument;
import vn.investledger.indexer.system.IndexerProperties;

/**
 * Indexes the stock figures of the stock topic.
 */
@Component
class StockIndexer extends FigureIndexer<Stock> {

	StockIndexer(BatchIndexer indexer, IndexerProperties properties) {
		super(indexer, "stock", properties, Topics::stock, Stock::key, StockDocument::of);
	}

	@KafkaListener(id = "stock-indexer", groupId = "${investledger.topic-prefix}-stock-indexer",
			topics = "${investledger.topic-prefix}.stock", batch = "true",
			autoStartup = "#{'${investledger.rebuild:}'.isEmpty()}")
	void index(List<ConsumerRecord<String, byte[]>> records) {
		indexAll(records);
	}

}
