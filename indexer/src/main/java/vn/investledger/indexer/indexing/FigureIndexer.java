package vn.investledger.indexer.indexing;

import java.util.function.Function;
import java.util.regex.Pattern;

import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

import vn.investledger.events.Topic;
import vn.investledger.events.Topics;
import vn.investledger.indexer.system.IndexerProperties;

/**
 * Indexes the figures of a compacted figures topic: the document id is the figure's key
 * (a record whose key is not its figure's is a dead letter) and a tombstone deletes it.
 * Each key lives in one partition, so the record's offset orders the figure's versions:
 * it is the external version, and a rebuild's late write of an older figure never
 * overwrites a newer one.
 *
 * @param <F> the kind of figure
 */
abstract class FigureIndexer<F> extends RecordIndexer {

	private final Function<Topics, Topic<String, F>> topic;

	private final Deserializer<F> values;

	private final Function<F, String> key;

	private final Function<F, Object> document;

	FigureIndexer(BatchIndexer indexer, String kind, IndexerProperties properties,
			Function<Topics, Topic<String, F>> topic, Function<F, String> key, Function<F, Object> document) {
		super(indexer, kind, properties);
		this.topic = topic;
		this.values = topic.apply(properties.topics()).valueSerde().deserializer();
		this.key = key;
		this.document = document;
	}

	@Override
	public boolean newestPerKeyWins() {
		return true;
	}

	@Override
	public String versionedBy(Topics topics) {
		return this.topic.apply(topics).name();
	}

	@Override
	public Pattern sources(Topics topics) {
		return Pattern.compile(Pattern.quote(this.topic.apply(topics).name()));
	}

	@Override
	BulkOperation operation(ConsumerRecord<String, byte[]> record, String index) {
		if (record.value() == null) {
			return BulkOperation.of((op) -> op.delete((delete) -> delete.index(index)
				.id(record.key())
				.version(record.offset())
				.versionType(VersionType.External)));
		}
		F figure = this.values.deserialize(record.topic(), record.value());
		// indexed under another figure's key, it would answer for that figure and hide it
		String key = this.key.apply(figure);
		if (!key.equals(record.key())) {
			throw new IllegalArgumentException("key " + record.key() + " is not the figure's key " + key);
		}
		Object document = this.document.apply(figure);
		return BulkOperation.of((op) -> op.index((write) -> write.index(index)
			.requireAlias(throughAlias(index))
			.id(record.key())
			.version(record.offset())
			.versionType(VersionType.External)
			.document(document)));
	}

}
