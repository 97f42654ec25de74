package vn.investledger.indexer.indexing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>
 * A project's stock cell is named by the indexer's VSIC tables only if the record says
 * ({@link ProjectState#VSIC_TABLES_HEADER}) that the ledger judged the state by the same
 * tables; otherwise the project is indexed without a cell, counted
 * ({@value #FOREIGN_TABLES_METER}) and logged once per fingerprint, so a stock figure's
 * drill-down shows it as a project without a cell instead of listing it under a figure
 * the processor did not count it in.
 */
@Component
class ProjectsIndexer extends RecordIndexer {

	/** The project states indexed without a stock cell because of other VSIC tables. */
	static final String FOREIGN_TABLES_METER = "investledger.indexer.projects.foreign-vsic-tables";

	private static final Logger logger = LoggerFactory.getLogger(ProjectsIndexer.class);

	/** At most this many other tables are logged, each once. */
	private static final int LOGGED_TABLES = 16;

	private final VsicEditions vsic;

	private final byte[] fingerprint;

	private final Counter foreignTables;

	private final Set<String> logged = ConcurrentHashMap.newKeySet();

	ProjectsIndexer(BatchIndexer indexer, IndexerProperties properties, VsicTablesProperties vsic,
			MeterRegistry meters) {
		super(indexer, "projects", properties);
		this.vsic = vsic.editions();
		this.fingerprint = this.vsic.fingerprint().getBytes(StandardCharsets.US_ASCII);
		this.foreignTables = Counter.builder(FOREIGN_TABLES_METER)
			.description("Project states indexed without a stock cell: the ledger judged them by other VSIC tables"
					+ " than the indexer's (or the record does not say which)")
			.register(meters);
	}

	@KafkaListener(id = "projects-indexer", groupId = "${investledger.topic-prefix}-projects-indexer",
			topics = "${investledger.topic-prefix}.project-state", batch = "true",
			autoStartup = "#{'${investledger.rebuild:}'.isEmpty()}")
	void index(List<ConsumerRecord<String, byte[]>> records) {
		indexAll(records);
	}

	@Override
	public String versionedBy(Topics topics) {
		return topics.projectState().name();
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
		if (!sameTables(record.headers().lastHeader(ProjectState.VSIC_TABLES_HEADER))) {
			document = document.withoutStockCell();
		}
		ProjectDocument indexed = document;
		return BulkOperation.of((op) -> op.index((write) -> write.index(index)
			.requireAlias(throughAlias(index))
			.id(indexed.projectCode())
			.version(record.offset())
			.versionType(VersionType.External)
			.document(indexed)));
	}

	private boolean sameTables(Header header) {
		if (header != null && Arrays.equals(header.value(), this.fingerprint)) {
			return true;
		}
		this.foreignTables.increment();
		// a header with no value names no tables, as no header does
		String theirs = (header != null && header.value() != null)
				? new String(header.value(), 0, Math.min(header.value().length, 200), StandardCharsets.US_ASCII)
				: "none";
		if (this.logged.size() < LOGGED_TABLES && this.logged.add(theirs)) {
			logger.error("A project state was judged by other VSIC tables ({}) than this indexer's ({}): projects are"
					+ " indexed without their stock cell until both read the same tables (investledger.vsic-sections,"
					+ " investledger.vsic-correspondence)", theirs, this.vsic.fingerprint());
		}
		return false;
	}

}
