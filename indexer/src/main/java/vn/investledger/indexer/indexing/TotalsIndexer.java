package vn.investledger.indexer.indexing;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import vn.investledger.events.Topics;
import vn.investledger.events.Total;
import vn.investledger.indexer.documents.TotalDocument;
import vn.investledger.indexer.system.IndexerProperties;

/**
 * Indexes the flow figures of the totals topic.
 */
@Component
class TotalsIndexer extends FigureIndexer<Total> {

	TotalsIndexer(BatchIndexer indexer, IndexerProperties properties) {
		super(indexer, "totals", properties, Topics::totals, TotalDocument::of);
	}

	@KafkaListener(id = "totals-indexer", groupId = "${investledger.topic-prefix}-totals-indexer",
			topics = "${investledger.topic-prefix}.totals", batch = "true",
			autoStartup = "#{'${investledger.rebuild:}'.isEmpty()}")
	void index(List<ConsumerRecord<String, byte[]>> records) {
		indexAll(records);
	}

}
