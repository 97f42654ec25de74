package vn.investledger.indexer.indexing;

import java.util.List;
import java.util.regex.Pattern;

import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import vn.investledger.events.ProjectState;
import vn.investledger.events.Topics;
import vn.investledger.index.ProjectDocument;
import vn.investledger.events.reference.VsicEditions;
import vn.investledger.indexer.system.IndexerProperties;
import vn.investledger.indexer.system.VsicTablesProperties;

/**
 * Indexes projects from the processor's project-state topic. The document id is the
 * project code. Each project lives in one partition, and each record is its whole state
 * as the ledger last decided it, so the record's offset orders the project's states: it
 * is the external version, as for the figures. A rebuild's late write of an older state
 * never overwrites a newer one, a late event applied under the same revision updates it,
 * and a replay whose ledger now decides otherwise (an event refused that an earlier
 * version applied) replaces it even where its revision is lower. A tombstone (a replay
 * retires every state before it counts again) deletes the project.
 */
@Component
class ProjectsIndexer extends RecordIndexer {

	private final VsicEditions vsic;

	ProjectsIndexer(BatchIndexer indexer, IndexerProperties properties, VsicTablesProperties vsic) {
		super(indexer, "projects", properties);
		this.vsic = vsic.editions();
	}

	@KafkaListener(id = "projects-indexer", groupId = "${investledger.topic-prefix}-projects-indexer",
			topics = "${investledger.topic-prefix}.project-state", batch = "true",
			autoStartup = "#{'${investledger.rebuild:}'.isEmpty()}")
	void index(List<ConsumerRecord<String, byte[]>> records) {
		indexAll(records);
	}

	@Override
	public Pattern sources(Topics topics) {
		return Pattern.compile(Pattern.quote(topics.projectState().name()));
	}

	@Override
	BulkOperation operation(ConsumerRecord<String, byte[]> record, String index) {
		if (record.value() == null) {
			return BulkOperation.of((op) -> op.delete((delete) -> delete.index(index)
				.id(record.key())
				.version(record.offset())
				.versionType(VersionType.External)));
		}
		ProjectState state = Topics.projectStateSerde().deserializer().deserialize(record.topic(), record.value());
		if (!state.projectCode().equals(record.key())) {
			throw new IllegalArgumentException(
					"key " + record.key() + " is not the project code " + state.projectCode());
		}
		ProjectDocument document = ProjectDocument.of(state, this.vsic);
		return BulkOperation.of((op) -> op.index((write) -> write.index(index)
			.id(document.projectCode())
			.version(record.offset())
			.versionType(VersionType.External)
			.document(document)));
	}

}
