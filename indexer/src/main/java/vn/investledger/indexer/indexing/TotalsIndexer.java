package vn.investledger.indexer.indexing;

import java.util.List;
import java.util.regex.Pattern;

import co.elastic.clients.elasticsearch._types.VersionType;
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
 * tombstone deletes it. Each key lives in one partition, so the record's offset orders
 * the figure's versions: it is the external version, and a rebuild's late write of an
 * older figure never overwrites a newer one.
 */
@Component
class TotalsIndexer extends RecordIndexer {

	TotalsIndexer(BatchIndexer indexer, IndexerProperties properties) {
		super(indexer, "totals", properties);
	}

	@KafkaListener(id = "totals-indexer", groupId = "${investledger.topic-prefix}-totals-indexer",
			topics = "${investledger.topic-prefix}.totals", batch = "true",
			autoStartup = "#{'${investledger.rebuild:}'.isEmpty()}")
	void index(List<ConsumerRecord<String, byte[]>> records) {
		indexAll(records);
	}

	@Override
	public Pattern sources(Topics topics) {
		return Pattern.compile(Pattern.quote(topics.totals().name()));
	}

	@Override
	BulkOperation operation(ConsumerRecord<String, byte[]> record, String index) {
		if (record.value() == null) {
			return BulkOperation.of((op) -> op.delete((delete) -> delete.index(index)
				.id(record.key())
				.version(record.offset())
				.versionType(VersionType.External)));
		}
		Total total = Topics.totalSerde().deserializer().deserialize(record.topic(), record.value());
		TotalDocument document = TotalDocument.of(total);
		return BulkOperation.of((op) -> op.index((write) -> write.index(index)
			.id(document.key())
			.version(record.offset())
			.versionType(VersionType.External)
			.document(document)));
	}

}
