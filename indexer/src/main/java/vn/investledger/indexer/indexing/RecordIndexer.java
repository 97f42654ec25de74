package vn.investledger.indexer.indexing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import vn.investledger.events.Topics;
import vn.investledger.index.Indices;
import vn.investledger.indexer.indexing.DeadLetters.DeadLetter;
import vn.investledger.indexer.system.IndexerProperties;

/**
 * Turns a Kafka batch into Elasticsearch operations and indexes them; a record that
 * cannot be read goes to the dead-letter topic with the reason.
 */
public abstract class RecordIndexer {

	private final BatchIndexer indexer;

	private final String kind;

	private final String alias;

	RecordIndexer(BatchIndexer indexer, String kind, IndexerProperties properties) {
		this.indexer = indexer;
		this.kind = kind;
		this.alias = properties.indices().alias(kind);
	}

	/**
	 * The kind of index this indexer fills, one of {@link Indices#KINDS}.
	 * @return the kind
	 */
	public String kind() {
		return this.kind;
	}

	/**
	 * Indexes a batch into the alias; returns once every record is in Elasticsearch or
	 * dead-lettered.
	 * @param records the batch
	 */
	void indexAll(List<ConsumerRecord<String, byte[]>> records) {
		indexAll(records, this.alias);
	}

	/**
	 * Indexes a batch into an index; returns once every record is in Elasticsearch or
	 * dead-lettered.
	 * @param records the batch
	 * @param index the alias or index to write
	 */
	public void indexAll(List<ConsumerRecord<String, byte[]>> records, String index) {
		List<Indexed> operations = new ArrayList<>(records.size());
		List<DeadLetter> unreadable = new ArrayList<>();
		for (ConsumerRecord<String, byte[]> record : records) {
			BulkOperation operation;
			try {
				operation = operation(record, index);
			}
			catch (RuntimeException ex) {
				unreadable.add(new DeadLetter(record, "unreadable: " + ex.getMessage(), 0));
				continue;
			}
			if (operation != null) {
				BulkOperation first = operation;
				operations.add(stampsEachWrite() ? new Indexed(record, first, () -> operation(record, index))
						: new Indexed(record, first));
			}
		}
		indexed(this.indexer.index(operations, unreadable));
	}

	/**
	 * Called once a batch is done, with what Elasticsearch acknowledged of it: not the
	 * records dead-lettered.
	 * @param acknowledged the records Elasticsearch holds and their operations
	 */
	void indexed(List<Indexed> acknowledged) {
	}

	/**
	 * Whether a document carries the time it is written, so that an operation sent again
	 * is made anew for each attempt (the figures' {@code indexedAt}); other operations
	 * are sent again as they were.
	 * @return whether each write is stamped
	 */
	boolean stampsEachWrite() {
		return false;
	}

	/**
	 * Whether, of a key's records, only the newest makes the document: the document id is
	 * the record's key and its version the record's offset, so that indexing the older
	 * records first changes nothing. A rebuild then indexes only the newest record of
	 * each key it reads at once.
	 * @return whether the newest record of a key wins
	 */
	public boolean newestPerKeyWins() {
		return false;
	}

	/**
	 * Whether a rebuild reads this index's topic from where the ledger's current
	 * decisions begin (the mark of the processor's latest replay), not from its start:
	 * the history, whose entries before the mark are an earlier counting's.
	 * @return whether a rebuild starts at the mark
	 */
	public boolean fromTheCurrentDecisions() {
		return false;
	}

	/**
	 * The one topic whose records' offsets version this index's documents (a write of an
	 * older offset is refused): a topic of that name made anew starts its offsets again
	 * from 0, and every write of it would be refused silently by the documents of the old
	 * one ({@link SourceTopics}).
	 * @param topics the topic registry
	 * @return the topic's name, or {@code null} if the documents are not versioned by one
	 * topic's offsets
	 */
	public String versionedBy(Topics topics) {
		return null;
	}

	/**
	 * The topics this indexer reads.
	 * @param topics the topic registry
	 * @return a pattern of topic names
	 */
	public abstract Pattern sources(Topics topics);

	/**
	 * The operation a record becomes.
	 * @param record the record
	 * @param index the alias or index to write
	 * @return the operation, or {@code null} if the record is not indexed here
	 * @throws RuntimeException if the record cannot be read
	 */
	abstract BulkOperation operation(ConsumerRecord<String, byte[]> record, String index);

	/**
	 * Whether a write to an index must find it an alias: those through the serving alias
	 * do, so that a write after the index behind it was deleted fails (and is retried)
	 * instead of creating an index of the alias's name with mappings guessed from the
	 * document; a rebuild writes to its new version by name.
	 * @param index the index written to
	 * @return whether it is this kind's alias
	 */
	final boolean throughAlias(String index) {
		return index.equals(this.alias);
	}

}
