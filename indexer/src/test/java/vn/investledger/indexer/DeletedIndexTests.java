package vn.investledger.indexer;

import java.time.Duration;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import vn.investledger.indexer.indexing.IndexSetup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.investledger.indexer.IndexerFixture.state;

/**
 * An index deleted under its alias is not created again by the next write, with mappings
 * Elasticsearch would guess from the document: the writes wait, retried, until the index
 * is there again, and then land in it.
 */
@IndexerTest
class DeletedIndexTests {

	private final IndexerFixture fixture;

	@Autowired
	private ElasticsearchClient client;

	@Autowired
	private IndexSetup setup;

	DeletedIndexTests(IndexerFixture fixture) {
		this.fixture = fixture;
	}

	@Test
	void shouldWaitForADeletedIndexInsteadOfCreatingOneOfTheAliassName() throws Exception {
		// Given the projects index, deleted under its alias
		String alias = this.fixture.prefix + "-projects";
		String index = alias + "-v1";
		this.fixture.publishState(state("DEL-1", 1, "Dự án trước", "DELETED-ZONE", "KR", "C", "1"));
		await().atMost(Duration.ofSeconds(60)).until(() -> this.fixture.document("projects", "DEL-1") != null);
		this.client.indices().delete((delete) -> delete.index(index));

		// When a project state arrives
		this.fixture.publishState(state("DEL-2", 1, "Dự án sau", "DELETED-ZONE", "KR", "C", "1"));

		// Then no index of the alias's name appears while the write is retried
		await().during(Duration.ofSeconds(8))
			.atMost(Duration.ofSeconds(10))
			.until(() -> !this.client.indices().exists((exists) -> exists.index(alias)).value());

		// and once the index is created again behind its alias, the state lands in it
		this.setup.create(index, alias);
		await().atMost(Duration.ofSeconds(120)).until(() -> this.fixture.document("projects", "DEL-2") != null);
		assertThat(this.client.indices().getAlias((a) -> a.name(alias)).aliases()).containsOnlyKeys(index);
	}

}
