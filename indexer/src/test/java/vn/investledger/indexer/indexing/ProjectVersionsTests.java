package vn.investledger.indexer.indexing;

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

import vn.investledger.events.InvestmentType;
import vn.investledger.events.Money;
import vn.investledger.events.ProjectState;
import vn.investledger.events.ProjectStatus;
import vn.investledger.events.Topics;
import vn.investledger.events.reference.VsicEditions;
import vn.investledger.index.ProjectDocument;
import vn.investledger.indexer.system.VsicTablesProperties;
import vn.investledger.testsupport.RealServers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The projects index follows the project-state topic's order, whatever the revisions: a
 * state's record offset is its version, so a write that comes late (a rebuild's, a
 * redelivery's) of an earlier record never overwrites a later one, nor deletes it, while
 * a later record wins even at a lower revision. On a real Elasticsearch node, without the
 * listeners.
 */
@ExtendWith(RealServers.class)
class ProjectVersionsTests {

	private final String prefix = "versions-" + UUID.randomUUID().toString().substring(0, 8);

	private final String index = this.prefix + "-projects-test";

	private final Topics topics = Topics.withPrefix(this.prefix);

	private RealIndexing indexing;

	private ProjectsIndexer projects;

	@BeforeEach
	void start() throws Exception {
		this.indexing = new RealIndexing(this.prefix);
		this.projects = new ProjectsIndexer(
				new BatchIndexer(this.indexing.writer, this.indexing.deadLetters, this.indexing.meters, true),
				this.indexing.properties, new VsicTablesProperties(null, null), this.indexing.meters);
	}

	@AfterEach
	void stop() throws Exception {
		this.indexing.close();
	}

	@Test
	void shouldKeepTheStateOfTheLatestRecordWhateverItsRevisionOrTheOrderOfTheWrites() throws Exception {
		// Given the state at offset 10, revision 3
		write(10, state(3, "Dự án Ba"));

		// When an earlier record comes late, at a higher revision, and an earlier
		// tombstone
		write(5, state(4, "Dự án Bốn, cũ hơn"));
		write(7, null);

		// Then the state of offset 10 stays
		assertThat(project()).isNotNull().satisfies((project) -> {
			assertThat(project.revision()).isEqualTo(3);
			assertThat(project.projectName()).isEqualTo("Dự án Ba");
		});

		// When a later tombstone retires it, and a later record has a lower revision
		write(12, null);
		assertThat(project()).isNull();
		write(15, state(1, "Dự án Một"));

		// Then that record is the project
		assertThat(project()).isNotNull().satisfies((project) -> assertThat(project.revision()).isEqualTo(1));
		// and an earlier one than it still does not replace it
		write(14, state(2, "Dự án Hai, cũ hơn"));
		assertThat(project().revision()).isEqualTo(1);
	}

	private void write(long offset, ProjectState state) {
		byte[] value = (state != null) ? Topics.projectStateSerde().serializer().serialize("", state) : null;
		ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(this.topics.projectState().name(), 0, offset,
				"VERSIONS-1", value);
		record.headers()
			.add(ProjectState.VSIC_TABLES_HEADER,
					VsicEditions.standard().fingerprint().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
		this.projects.indexAll(List.of(record), this.index);
	}

	private ProjectDocument project() throws Exception {
		GetResponse<ProjectDocument> response = this.indexing.client
			.get((get) -> get.index(this.index).id("VERSIONS-1"), ProjectDocument.class);
		return response.found() ? response.source() : null;
	}

	private static ProjectState state(long revision, String name) {
		return new ProjectState("VERSIONS-1", revision, "31", List.of(), InvestmentType.FDI, "31", name,
				List.of("Công ty TNHH " + name), "HP-DEEP-C", "KR", "C", null, LocalDate.of(2024, 3, 15),
				LocalDate.of(2024, 3, 15), ProjectStatus.VALID, Money.usd("100"), null, null,
				Instant.parse("2024-03-15T03:00:00Z").plusSeconds(revision));
	}

}
