package vn.investledger.indexer.indexing;

import java.util.List;
import java.util.regex.Pattern;

import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import vn.investledger.events.AppliedEntry;
import vn.investledger.events.Topics;
import vn.investledger.index.HistoryDocument;
import vn.investledger.indexer.system.IndexerProperties;

/**
 * Indexes each project's history from the processor's applied-events topic: every event
 * the ledger applied, once, id = project code and revision, with the entry's place on the
 * topic; its offset is the external version ({@code external_gte}: the same entry written
 * again changes nothing, a later one replaces it, an earlier one never). Entries before
 * where the ledger's current decisions begin (a replay's mark, {@link CurrentDecisions})
 * are an earlier counting's and are not indexed.
 */
@Component
class HistoryIndexer extends RecordIndexer {

	private final CurrentDecisions decisions;

	HistoryIndexer(BatchIndexer indexer, IndexerProperties properties, CurrentDecisions decisions) {
		super(indexer, "history", properties);
		this.decisions = decisions;
	}

	@KafkaListener(id = "history-indexer", groupId = "${investledger.topic-prefix}-history-indexer",
			topics = "${investledger.topic-prefix}.applied-events", batch = "true",
			autoStartup = "#{'${investledger.rebuild:}'.isEmpty()}")
	void index(List<ConsumerRecord<String, byte[]>> records) {
		indexAll(records);
	}

	/**
	 * Writes a batch, the serving one's or a rebuild's: a mark's move waits for it before
	 * deleting the entries from before the mark from every version of the index.
	 */
	@Override
	public void indexAll(List<ConsumerRecord<String, byte[]>> records, String index) {
		this.decisions.whileCurrent(() -> super.indexAll(records, index));
	}

	@Override
	public boolean fromTheCurrentDecisions() {
		return true;
	}

	@Override
	public String versionedBy(Topics topics) {
		return topics.appliedEvents().name();
	}

	@Override
	public Pattern sources(Topics topics) {
		return Pattern.compile(Pattern.quote(topics.appliedEvents().name()));
	}

	@Override
	BulkOperation operation(ConsumerRecord<String, byte[]> record, String index) {
		if (this.decisions.isEarlier(record.partition(), record.offset())) {
			return null;
		}
		AppliedEntry entry = Topics.appliedEntrySerde().deserializer().deserialize(record.topic(), record.value());
		if (!entry.projectCode().equals(record.key())) {
			throw new IllegalArgumentException(
					"key " + record.key() + " is not the project code " + entry.projectCode());
		}
		HistoryDocument document = HistoryDocument.of(entry).at(record.partition(), record.offset());
		// an earlier entry never replaces a later one (CurrentDecisions)
		return BulkOperation.of((op) -> op.index((write) -> write.index(index)
			.requireAlias(throughAlias(index))
			.id(document.id())
			.document(document)
			.version(record.offset())
			.versionType(VersionType.ExternalGte)));
	}

}
