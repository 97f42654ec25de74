package vn.investledger.indexer.indexing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import vn.investledger.events.Topics;
import vn.investledger.events.Total;
import vn.investledger.indexer.console.FiguresIndexed;
import vn.investledger.indexer.documents.TotalDocument;
import vn.investledger.indexer.system.IndexerProperties;

/**
 * Indexes the flow figures of the totals topic.
 */
@Component
class TotalsIndexer extends FigureIndexer<Total> {

	private final ApplicationEventPublisher events;

	TotalsIndexer(BatchIndexer indexer, IndexerProperties properties, ApplicationEventPublisher events) {
		super(indexer, "totals", properties, Topics::totals, TotalDocument::of);
		this.events = events;
	}

	@Override
	void indexed(List<Indexed> batch) {
		// the newest value of each figure in the batch, for the consoles
		Map<String, TotalDocument> figures = new LinkedHashMap<>();
		for (Indexed indexed : batch) {
			if (indexed.operation().isIndex()
					&& indexed.operation().index().document() instanceof TotalDocument document) {
				figures.put(document.key(), document);
			}
		}
		this.events.publishEvent(new FiguresIndexed(List.copyOf(figures.values())));
	}

	@KafkaListener(id = "totals-indexer", groupId = "${investledger.topic-prefix}-totals-indexer",
			topics = "${investledger.topic-prefix}.totals", batch = "true",
			autoStartup = "#{'${investledger.rebuild:}'.isEmpty()}")
	void index(List<ConsumerRecord<String, byte[]>> records) {
		indexAll(records);
	}

}
