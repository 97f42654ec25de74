package vn.investledger.indexer.indexing;

import java.util.List;
import java.util.regex.Pattern;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import vn.investledger.events.EventJson;
import vn.investledger.events.EventValidator;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Topics;
import vn.investledger.indexer.documents.EventDocument;
import vn.investledger.indexer.system.IndexerProperties;

/**
 * Indexes every province's events as each project's history, id = event id. An event the
 * contract refuses is left out and counted: the stream processor puts it on the events'
 * dead-letter topic with its reason.
 */
@Component
class EventsIndexer extends RecordIndexer {

	private static final Logger logger = LoggerFactory.getLogger(EventsIndexer.class);

	private final Counter skipped;

	EventsIndexer(BatchIndexer indexer, IndexerProperties properties, MeterRegistry meters) {
		super(indexer, "events", properties);
		this.skipped = Counter.builder("investledger.indexer.events.skipped")
			.description("Invalid events left out of the history (the processor dead-letters them)")
			.register(meters);
	}

	@KafkaListener(id = "events-indexer", groupId = "${investledger.topic-prefix}-events-indexer",
			topicPattern = "#{T(vn.investledger.events.Topics).withPrefix('${investledger.topic-prefix}').eventTopicPattern().pattern()}",
			batch = "true", autoStartup = "#{'${investledger.rebuild:}'.isEmpty()}")
	void index(List<ConsumerRecord<String, byte[]>> records) {
		indexAll(records);
	}

	@Override
	public Pattern sources(Topics topics) {
		return topics.eventTopicPattern();
	}

	@Override
	BulkOperation operation(ConsumerRecord<String, byte[]> record, String index) {
		LicensingEvent event;
		try {
			event = EventValidator.requireValid(EventJson.read(record.value()));
		}
		catch (RuntimeException ex) {
			logger.debug("Leaving invalid event at {}-{}@{} out of the history: {}", record.topic(), record.partition(),
					record.offset(), ex.getMessage());
			this.skipped.increment();
			return null;
		}
		EventDocument document = EventDocument.of(event, record.value());
		return BulkOperation
			.of((op) -> op.index((write) -> write.index(index).id(document.eventId()).document(document)));
	}

}
