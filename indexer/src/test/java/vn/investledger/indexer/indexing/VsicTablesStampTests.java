package vn.investledger.indexer.indexing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import co.elastic.clients.elasticsearch.core.GetResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import vn.investledger.events.InvestmentType;
import vn.investledger.events.Money;
import vn.investledger.events.ProjectState;
import vn.investledger.events.ProjectStatus;
import vn.investledger.events.Topics;
import vn.investledger.events.reference.VsicEditions;
import vn.investledger.index.ProjectDocument;
import vn.investledger.index.StockCell;
import vn.investledger.indexer.system.VsicTablesProperties;
import vn.investledger.testsupport.RealServers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project's stock cell is named only by the VSIC tables the ledger judged its state by:
 * an indexer whose tables are not those the record names (or a record that names none)
 * indexes the project without a cell, and counts it. On a real Elasticsearch node,
 * without the listeners.
 */
@ExtendWith(RealServers.class)
class VsicTablesStampTests {

	private final String prefix = "vsic-stamp-" + UUID.randomUUID().toString().substring(0, 8);

	private final String index = this.prefix + "-projects-test";

	private final Topics topics = Topics.withPrefix(this.prefix);

	private RealIndexing indexing;

	private VsicEditions deployment;

	private ProjectsIndexer projects;

	@BeforeEach
	void start(@TempDir Path directory) throws Exception {
		// a deployment's tables: VSIC 2025 in force from 1 December 2025 instead of 15
		// November
		Path sections = directory.resolve("vsic-sections.csv");
		Files.writeString(sections, shippedSections().replace(",2025-11-14,", ",2025-11-30,")
			.replace("VSIC 2025,2025-11-15,", "VSIC 2025,2025-12-01,"));
		VsicTablesProperties tables = new VsicTablesProperties(sections, null);
		this.deployment = tables.editions();
		this.indexing = new RealIndexing(this.prefix);
		this.projects = new ProjectsIndexer(
				new BatchIndexer(this.indexing.writer, this.indexing.deadLetters, this.indexing.meters, true),
				this.indexing.properties, tables, this.indexing.meters);
	}

	@AfterEach
	void stop() throws Exception {
		this.indexing.close();
	}

	@Test
	void shouldNameTheStockCellOnlyByTheTablesTheLedgerJudgedTheStateBy() throws Exception {
		// Given a project classified in section K on 20 November 2025: VSIC 2025's K
		// (information) by the shipped tables, VSIC 2018's K (finance) by the
		// deployment's
		ProjectState state = state("STAMP-1");
		StockCell byDeployment = StockCell.of(state, this.deployment);
		assertThat(byDeployment).isNotEqualTo(StockCell.of(state, VsicEditions.standard()));
		assertThat(this.deployment.fingerprint()).isNotEqualTo(VsicEditions.standard().fingerprint());

		// When the processor that judged it read the indexer's tables
		index(10, state, this.deployment.fingerprint());

		// Then the project has the cell those tables name, and nothing is counted
		assertThat(project("STAMP-1").stock()).isEqualTo(byDeployment);
		assertThat(foreign()).isZero();

		// When a later state was judged by other tables (the shipped ones)
		index(11, state, VsicEditions.standard().fingerprint());

		// Then the project has no cell (the stock's drill-down counts it as such), and it
		// is counted
		ProjectDocument judgedElsewhere = project("STAMP-1");
		assertThat(judgedElsewhere.stock()).isNull();
		assertThat(judgedElsewhere.revision()).isEqualTo(state.revision());
		assertThat(judgedElsewhere.sectorSection()).isEqualTo("K");
		assertThat(foreign()).isEqualTo(1.0);

		// When a record names no tables at all
		index(12, state, null);

		// Then neither, and it is counted too
		assertThat(project("STAMP-1").stock()).isNull();
		assertThat(foreign()).isEqualTo(2.0);

		// When a record's header has no value (written by hand)
		ConsumerRecord<String, byte[]> valueless = new ConsumerRecord<>(this.topics.projectState().name(), 0, 13,
				state.projectCode(), Topics.projectStateSerde().serializer().serialize("", state));
		valueless.headers().add(ProjectState.VSIC_TABLES_HEADER, null);
		this.projects.indexAll(List.of(valueless), this.index);

		// Then it is indexed without a cell too, not dead-lettered
		assertThat(project("STAMP-1").stock()).isNull();
		assertThat(foreign()).isEqualTo(3.0);
		assertThat(this.indexing.meters.counter("investledger.indexer.dead.letters").count()).isZero();

		// When the tables are named again
		index(14, state, this.deployment.fingerprint());

		// Then the cell is back
		assertThat(project("STAMP-1").stock()).isEqualTo(byDeployment);
		assertThat(foreign()).isEqualTo(3.0);
	}

	private void index(long offset, ProjectState state, String tables) {
		ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(this.topics.projectState().name(), 0, offset,
				state.projectCode(), Topics.projectStateSerde().serializer().serialize("", state));
		if (tables != null) {
			record.headers().add(ProjectState.VSIC_TABLES_HEADER, tables.getBytes(StandardCharsets.US_ASCII));
		}
		this.projects.indexAll(List.of(record), this.index);
	}

	private double foreign() {
		return this.indexing.meters.counter(ProjectsIndexer.FOREIGN_TABLES_METER).count();
	}

	private ProjectDocument project(String code) throws Exception {
		GetResponse<ProjectDocument> response = this.indexing.client.get((get) -> get.index(this.index).id(code),
				ProjectDocument.class);
		assertThat(response.found()).isTrue();
		return response.source();
	}

	private static ProjectState state(String code) {
		LocalDate licensed = LocalDate.of(2025, 11, 20);
		return new ProjectState(code, 1, "31", List.of(), InvestmentType.FDI, "31", "Dự án phần mềm",
				List.of("Công ty TNHH Phần mềm"), "HP-DEEP-C", "KR", "K", null, licensed, licensed, ProjectStatus.VALID,
				Money.usd("100"), null, null, Instant.parse("2025-11-20T03:00:00Z"));
	}

	private static String shippedSections() throws Exception {
		try (var in = VsicEditions.class.getResourceAsStream("/reference/vsic-sections.csv")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
