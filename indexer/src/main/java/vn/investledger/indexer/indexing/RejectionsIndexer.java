package vn.investledger.indexer.indexing;

import java.util.List;
import java.util.regex.Pattern;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import vn.investledger.events.Rejection;
import vn.investledger.events.Topics;
import vn.investledger.index.RejectionDocument;
import vn.investledger.indexer.system.IndexerProperties;

/**
 * Indexes what the ledger refused, from every unit's rejection topic and the events'
 * dead-letter topic, so that officials see the refusals by unit and reason.
 */
@Component
class RejectionsIndexer extends RecordIndexer {

	RejectionsIndexer(BatchIndexer indexer, IndexerProperties properties) {
		super(indexer, "rejections", properties);
	}

	@KafkaListener(id = "rejections-indexer", groupId = "${investledger.topic-prefix}-rejections-indexer",
			topicPattern = "#{T(vn.investledger.indexer.indexing.RejectionsIndexer).pattern('${investledger.topic-prefix}')}",
			batch = "true", autoStartup = "#{'${investledger.rebuild:}'.isEmpty()}")
	void index(List<ConsumerRecord<String, byte[]>> records) {
		indexAll(records);
	}

	/**
	 * The topics of refused records: the units' rejection topics and the dead-letter
	 * topic.
	 * @param prefix the topic prefix
	 * @return the pattern, as text
	 */
	public static String pattern(String prefix) {
		Topics topics = Topics.withPrefix(prefix);
		return topics.rejectionTopicPattern().pattern() + "|" + Pattern.quote(topics.deadLetterTopicName());
	}

	@Override
	public Pattern sources(Topics topics) {
		return Pattern.compile(pattern(topics.prefix()));
	}

	@Override
	BulkOperation operation(ConsumerRecord<String, byte[]> record, String index) {
		RejectionDocument document = RejectionDocument.of(Rejection.fromHeaders(record.headers()), record.value());
		String id = document.knowsItsSource() ? document.id()
				: RejectionDocument.idOfRejectionRecord(record.topic(), record.partition(), record.offset());
		return BulkOperation.of((op) -> op
			.index((write) -> write.index(index).requireAlias(throughAlias(index)).id(id).document(document)));
	}

}
