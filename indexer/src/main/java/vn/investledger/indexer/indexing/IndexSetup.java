package vn.investledger.indexer.indexing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.indices.CreateIndexRequest;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

import vn.investledger.indexer.documents.Indices;
import vn.investledger.indexer.system.IndexerProperties;

/**
 * Creates the versioned indices with their explicit mappings and points the aliases at
 * them, before the listeners start.
 */
@Component
class IndexSetup implements InitializingBean {

	private static final Logger logger = LoggerFactory.getLogger(IndexSetup.class);

	private final ElasticsearchClient client;

	private final IndexerProperties properties;

	IndexSetup(ElasticsearchClient client, IndexerProperties properties) {
		this.client = client;
		this.properties = properties;
	}

	@Override
	public void afterPropertiesSet() throws IOException {
		Indices indices = this.properties.indices();
		ensure(indices.projects(), indices.versioned(indices.projects()), "projects");
		ensure(indices.totals(), indices.versioned(indices.totals()), "totals");
	}

	private void ensure(String alias, String index, String definition) throws IOException {
		if (this.client.indices().existsAlias((request) -> request.name(alias)).value()) {
			return;
		}
		try (InputStream json = IndexSetup.class.getResourceAsStream("/elasticsearch/" + definition + ".json")) {
			this.client.indices()
				.create(CreateIndexRequest.of((request) -> request.index(index)
					.withJson(json)
					.settings((settings) -> settings.numberOfShards("1")
						.numberOfReplicas(Integer.toString(this.properties.indexReplicas())))
					.aliases(alias, (a) -> a.isWriteIndex(true))));
			logger.info("Created index {} behind alias {}", index, alias);
		}
		catch (ElasticsearchException ex) {
			// Another instance created it first.
			if (!"resource_already_exists_exception".equals(ex.error().type())) {
				throw ex;
			}
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

}
