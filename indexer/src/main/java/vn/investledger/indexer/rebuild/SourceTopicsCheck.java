package vn.investledger.indexer.rebuild;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import vn.investledger.indexer.indexing.IndexSetup;
import vn.investledger.indexer.indexing.RecordIndexer;
import vn.investledger.indexer.indexing.SourceTopics;
import vn.investledger.indexer.system.IndexerProperties;

/**
 * Before the listeners start, after the indices are set up: every index whose documents
 * are versioned by one topic's offsets must have been filled from that topic as it is now
 * ({@link SourceTopics}), else the indexer does not start, saying which index to rebuild.
 * The rebuild command ({@code --investledger.rebuild}) starts for the indices it rebuilds
 * all the same, with a warning: its new versions record the topic as it is. A Kafka that
 * cannot be reached leaves the start unchecked, with a warning.
 */
@Component
public class SourceTopicsCheck implements InitializingBean {

	private static final Logger logger = LoggerFactory.getLogger(SourceTopicsCheck.class);

	private final IndexSetup setup;

	private final List<RecordIndexer> writers;

	private final SourceTopics sources;

	private final IndexerProperties properties;

	private final Set<String> rebuilding;

	SourceTopicsCheck(IndexSetup setup, List<RecordIndexer> writers, SourceTopics sources, IndexerProperties properties,
			Environment environment) {
		this.setup = setup;
		this.writers = writers;
		this.sources = sources;
		this.properties = properties;
		String rebuild = environment.getProperty("investledger.rebuild");
		this.rebuilding = (rebuild != null) ? Set.copyOf(RebuildCommand.kinds(rebuild)) : Set.of();
	}

	@Override
	public void afterPropertiesSet() throws IOException {
		for (RecordIndexer writer : this.writers) {
			String topic = writer.versionedBy(this.properties.topics());
			String index = (topic != null) ? this.setup.currentIndex(this.properties.indices().alias(writer.kind()))
					: null;
			String mismatch;
			try {
				mismatch = (index != null) ? this.sources.mismatch(writer.kind(), index, topic) : null;
			}
			catch (IllegalStateException ex) {
				// Kafka cannot be reached: the indexer starts as before and waits for it
				// (its health says so), unchecked at this start
				logger.warn("Could not compare the topics the indices were filled from with Kafka's, not checked at"
						+ " this start: {}", ex.getMessage());
				return;
			}
			if (mismatch == null) {
				continue;
			}
			if (!this.rebuilding.contains(writer.kind())) {
				throw new IllegalStateException(mismatch + ". Rebuild it from " + topic + " (--investledger.rebuild="
						+ writer.kind()
						+ ", README \"Rebuild an index from the log\"); the indexer does not start until" + " then");
			}
			logger.warn("{}: rebuilt now", mismatch);
		}
	}

}
