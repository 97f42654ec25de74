package vn.investledger.console.search;

import java.io.IOException;
import java.time.Instant;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import tools.jackson.databind.JsonNode;

/**
 * The emission time of the newest event documents reflect, from a {@code max} aggregation
 * on {@code newestEventAt}.
 */
public final class NewestEvent {

	private NewestEvent() {
	}

	/**
	 * The newest event among all documents of an index.
	 * @param client the client
	 * @param index the index or alias
	 * @return the time, or {@code null} for an empty index
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	public static Instant in(ElasticsearchClient client, String index) throws IOException {
		SearchResponse<Void> response = client.search((search) -> search.index(index)
			.size(0)
			.aggregations("newest", (newest) -> newest.max((max) -> max.field("newestEventAt"))), Void.class);
		return of(response.aggregations().get("newest"));
	}

	/**
	 * The time a {@code max} aggregation on {@code newestEventAt} found.
	 * @param max the aggregate, or {@code null}
	 * @return the time, or {@code null} if no document had one
	 */
	static Instant of(JsonNode max) {
		JsonNode value = max.path("value");
		return value.isNumber() ? of(value.doubleValue()) : null;
	}

	/**
	 * The time a {@code max} aggregation on {@code newestEventAt} found.
	 * @param max the aggregate, or {@code null}
	 * @return the time, or {@code null} if no document had one
	 */
	static Instant of(Aggregate max) {
		Double value = (max != null) ? max.max().value() : null;
		return (value != null) ? of(value.doubleValue()) : null;
	}

	private static Instant of(double value) {
		return (!Double.isInfinite(value) && !Double.isNaN(value)) ? Instant.ofEpochMilli((long) value) : null;
	}

}
