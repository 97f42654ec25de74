package vn.investledger.indexer.indexing;

import java.util.ArrayList;
import java.util.List;

import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import vn.investledger.events.EventJson;
import vn.investledger.events.EventValidator;
import vn.investledger.events.Licensed;
import vn.investledger.events.LicensingEvent;
import vn.investledger.indexer.documents.ProjectDocument;
import vn.investledger.indexer.system.IndexerProperties;

/**
 * Indexes projects from every province's events. The document id is the project code and
 * the external version the revision, so a replay or a late older event never overwrites
 * newer data.
 */
@Component
class ProjectsIndexer {

	private static final Logger logger = LoggerFactory.getLogger(ProjectsIndexer.class);

	private final BatchIndexer indexer;

	private final String alias;

	ProjectsIndexer(BatchIndexer indexer, IndexerProperties properties) {
		this.indexer = indexer;
		this.alias = properties.indices().projects();
	}

	@KafkaListener(id = "projects-indexer",
			topicPattern = "#{T(vn.investledger.events.Topics).withPrefix('${investledger.topic-prefix}').eventTopicPattern().pattern()}",
			batch = "true")
	void index(List<ConsumerRecord<String, byte[]>> records) {
		List<BulkOperation> operations = new ArrayList<>();
		for (ConsumerRecord<String, byte[]> record : records) {
			LicensingEvent event = read(record);
			if (event instanceof Licensed licence) {
				ProjectDocument document = ProjectDocument.of(licence);
				operations.add(BulkOperation.of((op) -> op.index((index) -> index.index(this.alias)
					.id(document.projectCode())
					.version(document.revision())
					.versionType(VersionType.External)
					.document(document))));
			}
		}
		this.indexer.index(operations);
	}

	private LicensingEvent read(ConsumerRecord<String, byte[]> record) {
		try {
			return (record.value() != null) ? EventValidator.requireValid(EventJson.read(record.value())) : null;
		}
		catch (RuntimeException ex) {
			// The stream processor puts this record on the dead-letter topic with its
			// reason.
			logger.warn("Skipping invalid event at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
					ex.getMessage());
			return null;
		}
	}

}
