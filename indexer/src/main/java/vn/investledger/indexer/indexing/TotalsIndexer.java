package vn.investledger.indexer.indexing;

import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import vn.investledger.events.Topics;
import vn.investledger.events.Total;
import vn.investledger.index.TotalDocument;
import vn.investledger.indexer.system.IndexerProperties;

/**
 * Indexes the flow figures of the totals topic, each stamped with the time it is written
 * ({@link TotalDocument#indexedAt()}): the console finds the figures written since it
 * last asked by that stamp, and pushes them to the consoles open.
 */
@Component
class TotalsIndexer extends FigureIndexer<Total> {

	private final NewestIndexedEvent newest;

	TotalsIndexer(BatchIndexer indexer, IndexerProperties properties, NewestIndexedEvent newest) {
		super(indexer, "totals", properties, Topics::totals, Total::key,
				(total) -> TotalDocument.of(total, Instant.now()));
		this.newest = newest;
	}

	@Override
	boolean stampsEachWrite() {
		return true;
	}

	@Override
	void indexed(List<Indexed> acknowledged) {
		// a figure dead-lettered is not in the index: its events are not reflected there
		for (Indexed indexed : acknowledged) {
			if (indexed.operation().isIndex()
					&& indexed.operation().index().document() instanceof TotalDocument document) {
				this.newest.seen(document.newestEventAt());
			}
		}
	}

	@KafkaListener(id = "totals-indexer", groupId = "${investledger.topic-prefix}-totals-indexer",
			topics = "${investledger.topic-prefix}.totals", batch = "true",
			autoStartup = "#{'${investledger.rebuild:}'.isEmpty()}")
	void index(List<ConsumerRecord<String, byte[]>> records) {
		indexAll(records);
	}

}
