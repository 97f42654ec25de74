package vn.investledger.console.search;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.core.search.TotalHits;

import org.springframework.stereotype.Service;

import vn.investledger.console.system.ConsoleProperties;
import vn.investledger.events.InvestmentType;
import vn.investledger.index.Indices;
import vn.investledger.index.StockDocument;
import vn.investledger.index.TotalDocument;

/**
 * Reads the indexed figures: flows from the totals index, the stock of valid projects
 * from the stock index, each by its key ({@code Total.keyOf}) or by cuboid and period.
 */
@Service
class FigureSearch {

	private final ElasticsearchClient client;

	private final Indices indices;

	FigureSearch(ElasticsearchClient client, ConsoleProperties properties) {
		this.client = client;
		this.indices = properties.indices();
	}

	/**
	 * One flow figure.
	 * @param key its key
	 * @return the figure, or empty if none is indexed
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	Optional<TotalDocument> total(String key) throws IOException {
		return get(this.indices.totals(), key, TotalDocument.class);
	}

	/**
	 * One stock figure.
	 * @param key its key
	 * @return the figure, or empty if none is indexed
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	Optional<StockDocument> stock(String key) throws IOException {
		return get(this.indices.stock(), key, StockDocument.class);
	}

	/**
	 * The flow figures of one cuboid and period.
	 * @param cuboid the cuboid's id
	 * @param period the period
	 * @param type FDI or DDI
	 * @param size at most this many
	 * @return the figures, largest registered capital first (equal ones by key), and how
	 * many match
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	Found<TotalDocument> totals(String cuboid, String period, InvestmentType type, int size) throws IOException {
		return found(this.client.search((search) -> search.index(this.indices.totals())
			.query((query) -> query.bool((bool) -> bool.filter((f) -> f.term((t) -> t.field("cuboid").value(cuboid)))
				.filter((f) -> f.term((t) -> t.field("period").value(period)))
				.filter((f) -> f.term((t) -> t.field("investmentType").value(type.name())))))
			.sort((sort) -> sort.field((field) -> field.field("registeredCapital.minorUnits").order(SortOrder.Desc)))
			.sort((sort) -> sort.field((field) -> field.field("key").order(SortOrder.Asc)))
			.trackTotalHits((track) -> track.enabled(true))
			.size(size), TotalDocument.class));
	}

	/**
	 * The stock figures of one cuboid.
	 * @param cuboid the cuboid's id
	 * @param type FDI or DDI
	 * @param size at most this many
	 * @return the figures, most valid projects first (equal ones by key), and how many
	 * match
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	Found<StockDocument> stocks(String cuboid, InvestmentType type, int size) throws IOException {
		return found(this.client.search((search) -> search.index(this.indices.stock())
			.query((query) -> query.bool((bool) -> bool.filter((f) -> f.term((t) -> t.field("cuboid").value(cuboid)))
				.filter((f) -> f.term((t) -> t.field("investmentType").value(type.name())))))
			.sort((sort) -> sort.field((field) -> field.field("validProjects").order(SortOrder.Desc)))
			.sort((sort) -> sort.field((field) -> field.field("key").order(SortOrder.Asc)))
			.trackTotalHits((track) -> track.enabled(true))
			.size(size), StockDocument.class));
	}

	/**
	 * The figures a search found, and how many match: counted exactly (the searches track
	 * every hit), since the count says whether a list was cut at its size.
	 */
	private static <T> Found<T> found(SearchResponse<T> response) {
		List<T> figures = response.hits().hits().stream().map(Hit::source).filter(Objects::nonNull).toList();
		TotalHits total = response.hits().total();
		return new Found<>(figures, (total != null) ? total.value() : figures.size());
	}

	/**
	 * Flow figures by their keys, e.g. one figure's months.
	 * @param keys the keys, at most 100
	 * @return those indexed, by period
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	List<TotalDocument> totals(List<String> keys) throws IOException {
		List<FieldValue> values = keys.stream().map(FieldValue::of).toList();
		return this.client
			.search((search) -> search.index(this.indices.totals())
				.query((query) -> query.terms((terms) -> terms.field("key").terms((list) -> list.value(values))))
				.sort((sort) -> sort.field((field) -> field.field("period").order(SortOrder.Asc)))
				.size(keys.size()), TotalDocument.class)
			.hits()
			.hits()
			.stream()
			.map(Hit::source)
			.filter(Objects::nonNull)
			.toList();
	}

	private <T> Optional<T> get(String index, String key, Class<T> type) throws IOException {
		GetResponse<T> response = this.client.get((get) -> get.index(index).id(key), type);
		return response.found() ? Optional.ofNullable(response.source()) : Optional.empty();
	}

	/**
	 * The figures of a list, and how many figures match it in all.
	 *
	 * @param figures the figures listed, at most the list's size
	 * @param total how many match, exactly
	 * @param <T> the kind of figure
	 */
	record Found<T>(List<T> figures, long total) {

	}

}
