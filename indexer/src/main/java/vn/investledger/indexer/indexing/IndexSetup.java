package vn.investledger.indexer.indexing;

import java.io.IOException;
import java.io.StringReader;
import java.util.Comparator;
import java.util.Set;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.indices.GetAliasResponse;
import co.elastic.clients.elasticsearch.indices.get_alias.IndexAliases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

import vn.investledger.index.Indices;
import vn.investledger.indexer.system.IndexerProperties;

/**
 * Before the listeners start: puts one index template per kind of index (explicit, strict
 * mappings for every index named {@code <alias>-v*}), and creates {@code <alias>-v1}
 * behind each alias that does not exist yet. An index that exists already takes the
 * template's refresh interval and the fields the template added, which Elasticsearch
 * changes in place, so that an upgrade applies them without a rebuild; any other change
 * of a mapping needs a rebuild, and the indexer says so at start.
 */
@Component
public class IndexSetup implements InitializingBean {

	private static final Logger logger = LoggerFactory.getLogger(IndexSetup.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final ElasticsearchClient client;

	private final IndexerProperties properties;

	IndexSetup(ElasticsearchClient client, IndexerProperties properties) {
		this.client = client;
		this.properties = properties;
	}

	@Override
	public void afterPropertiesSet() throws IOException {
		Indices indices = this.properties.indices();
		for (String kind : Indices.KINDS) {
			String alias = indices.alias(kind);
			String definition = Indices.definition(kind);
			putTemplate(kind, alias, definition);
			String current = currentIndex(alias);
			if (current == null) {
				create(indices.versioned(alias, 1), alias);
			}
			else {
				applyRefreshInterval(current, definition);
				applyNewFields(current, definition);
				if ("projects".equals(kind)) {
					warnOfProjectsWithoutNameOrder(current);
				}
			}
		}
	}

	/**
	 * The index an alias points at.
	 * @param alias the alias
	 * @return the index, or {@code null} if the alias does not exist
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	public String currentIndex(String alias) throws IOException {
		if (!this.client.indices().existsAlias((request) -> request.name(alias)).value()) {
			return null;
		}
		GetAliasResponse response = this.client.indices().getAlias((request) -> request.name(alias));
		// one index after a swap; during one, the newest version
		return response.aliases().keySet().stream().max(Comparator.comparingInt(Indices::versionOf)).orElse(null);
	}

	/**
	 * Creates an index from its template, optionally behind an alias.
	 * @param index the versioned index
	 * @param alias the alias it starts behind, or {@code null} for none (a rebuild swaps
	 * it in later)
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	public void create(String index, String alias) throws IOException {
		try {
			createIndex(index, alias);
		}
		catch (ElasticsearchException ex) {
			// Another instance created it first.
			if (!alreadyExists(ex)) {
				throw ex;
			}
		}
	}

	/**
	 * Creates an empty index from its template, behind no alias, for a rebuild to fill,
	 * with no refresh until {@link #filled} puts the template's interval back: no one
	 * searches it before its swap, and a refresh each second during the copy would write
	 * a small segment each time, for Elasticsearch to merge again. One that exists
	 * already behind no alias is what an earlier rebuild left when it failed before its
	 * swap, filled from the log as it was then: it is deleted and created anew, so that
	 * documents deleted since do not come back with it.
	 * @param index the versioned index
	 * @throws IOException if Elasticsearch cannot be reached
	 * @throws IllegalStateException if the index exists and an alias points at it: it is
	 * in use, and never deleted here
	 */
	public void createEmpty(String index) throws IOException {
		try {
			createIndex(index, null, UNREFRESHED);
			return;
		}
		catch (ElasticsearchException ex) {
			if (!alreadyExists(ex)) {
				throw ex;
			}
		}
		IndexAliases found = this.client.indices().getAlias((request) -> request.index(index)).aliases().get(index);
		Set<String> aliases = (found != null) ? found.aliases().keySet() : Set.of();
		if (!aliases.isEmpty()) {
			throw new IllegalStateException("Index " + index + " exists already and is in use, behind " + aliases
					+ ": a rebuild fills a new index and never deletes one in use. Take it out of those aliases"
					+ " (or delete it) and rebuild again.");
		}
		this.client.indices().delete((request) -> request.index(index));
		logger.warn("Deleted index {}, left behind no alias by an earlier rebuild that did not finish; filling it anew",
				index);
		createIndex(index, null, UNREFRESHED);
	}

	/**
	 * Puts the template's refresh interval back on an index a rebuild has filled
	 * ({@link #createEmpty}), before it is refreshed and swapped in.
	 * @param index the versioned index
	 * @param kind its kind, one of {@link Indices#KINDS}
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	public void filled(String index, String kind) throws IOException {
		String definition = Indices.definition(kind);
		applyRefreshInterval(index, definition);
		if (!json.readTree(definition).path("settings").path("refresh_interval").isString()) {
			// a template without one: Elasticsearch's default, never the fill's -1
			this.client.indices()
				.putSettings((request) -> request.index(index)
					.settings((put) -> put.refreshInterval((time) -> time.time(DEFAULT_REFRESH))));
		}
	}

	/** Elasticsearch's own refresh interval, for a template that names none. */
	private static final String DEFAULT_REFRESH = "1s";

	/** The refresh interval of an index a rebuild fills: none. */
	private static final String UNREFRESHED = "-1";

	private void createIndex(String index, String alias) throws IOException {
		createIndex(index, alias, null);
	}

	private void createIndex(String index, String alias, String refreshInterval) throws IOException {
		this.client.indices().create((request) -> {
			request.index(index).settings((settings) -> {
				settings.numberOfReplicas(Integer.toString(this.properties.indexReplicas()));
				if (refreshInterval != null) {
					settings.refreshInterval((time) -> time.time(refreshInterval));
				}
				return settings;
			});
			if (alias != null) {
				request.aliases(alias, (a) -> a.isWriteIndex(true));
			}
			return request;
		});
		logger.info("Created index {}{}", index, (alias != null) ? " behind alias " + alias : "");
	}

	private static boolean alreadyExists(ElasticsearchException ex) {
		return "resource_already_exists_exception".equals(ex.error().type());
	}

	/**
	 * Puts the template's dynamic settings on an existing index: its refresh interval,
	 * and how long a deletion's version is kept ({@code gc_deletes}). A figure or project
	 * deleted with its offset as external version refuses an older write only while
	 * Elasticsearch keeps the deletion: a rebuild's catch-up, which writes records the
	 * live indexer may have deleted since, can take longer than the default 60 s, and a
	 * deleted figure would come back with its old value.
	 */
	private void applyRefreshInterval(String index, String definition) throws IOException {
		JsonNode settings = json.readTree(definition).path("settings");
		JsonNode interval = settings.path("refresh_interval");
		if (interval.isString()) {
			this.client.indices()
				.putSettings((request) -> request.index(index)
					.settings((put) -> put.refreshInterval((time) -> time.time(interval.asString()))));
		}
		JsonNode keepDeletes = settings.path("gc_deletes");
		if (keepDeletes.isString()) {
			this.client.indices()
				.putSettings((request) -> request.index(index)
					.settings((put) -> put.gcDeletes((time) -> time.time(keepDeletes.asString()))));
		}
	}

	/**
	 * Puts a template's mappings on an existing index: new fields are added; a field
	 * whose type changed is refused by Elasticsearch, and then the index needs a rebuild.
	 * @param index the index
	 * @param definition the template's definition (settings and mappings)
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	public void applyNewFields(String index, String definition) throws IOException {
		JsonNode mappings = json.readTree(definition).path("mappings");
		try {
			this.client.indices()
				.putMapping((request) -> request.index(index).withJson(new StringReader(mappings.toString())));
		}
		catch (ElasticsearchException ex) {
			logger.warn("Index {} cannot take its template's mappings ({}); rebuild it: --investledger.rebuild", index,
					ex.getMessage());
		}
	}

	/**
	 * Says at start how many projects of an index have a name but no name order: indexed
	 * before the key existed, they sort after every other by name until their project
	 * changes or the index is rebuilt.
	 */
	private void warnOfProjectsWithoutNameOrder(String index) throws IOException {
		long without;
		try {
			without = projectsWithoutNameOrder(index);
		}
		catch (ElasticsearchException ex) {
			// advice only: a start is not refused for it (a role without read on the
			// projects' index, as docker/'s was, made every start after the first fail)
			logger.warn("Could not count the projects of {} without a name order ({}): the indexer starts without"
					+ " knowing whether projects needs a rebuild", index, ex.getMessage());
			return;
		}
		if (without > 0) {
			logger.warn(
					"{} projects in {} have no name order yet (indexed by an earlier version): they sort after"
							+ " every other by name until projects is rebuilt once: --investledger.rebuild=projects",
					without, index);
		}
	}

	/**
	 * The projects of an index that have a name but no name order
	 * ({@code vn.investledger.index.NameOrder}).
	 * @param index the index
	 * @return how many
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	public long projectsWithoutNameOrder(String index) throws IOException {
		return this.client.count((count) -> count.index(index)
			.query((query) -> query
				.bool((bool) -> bool.filter((filter) -> filter.exists((exists) -> exists.field("projectName")))
					.mustNot((not) -> not.exists((exists) -> exists.field("nameOrder"))))))
			.count();
	}

	private void putTemplate(String kind, String alias, String definition) throws IOException {
		String body = """
				{"index_patterns": ["%s-v*"], "priority": 200,
				 "_meta": {"managedBy": "investledger-indexer", "kind": "%s"}, "template": %s}""".formatted(alias, kind,
				definition);
		this.client.indices().putIndexTemplate((request) -> request.name(alias).withJson(new StringReader(body)));
	}

}
