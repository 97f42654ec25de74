package vn.investledger.console.dashboard;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch.core.SearchResponse;

import org.springframework.stereotype.Service;

import vn.investledger.events.reference.Provinces;
import vn.investledger.index.Indices;
import vn.investledger.console.system.ConsoleProperties;

/**
 * How many records the ledger refused, per unit and reason, from the rejections index.
 */
@Service
class RefusalCounts {

	/** The most units a count lists: every current unit, with room for the "none" row. */
	private static final int UNITS = 100;

	/** The most reasons per unit (there are fewer codes). */
	private static final int REASONS = 20;

	private final ElasticsearchClient client;

	private final Indices indices;

	RefusalCounts(ElasticsearchClient client, ConsoleProperties properties) {
		this.client = client;
		this.indices = properties.indices();
	}

	/**
	 * The counts, largest unit first; records from a topic of no unit count under
	 * {@code none}.
	 * @return the counts
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	Refusals counts() throws IOException {
		SearchResponse<Void> response = this.client.search((search) -> search.index(this.indices.rejections())
			.size(0)
			.trackTotalHits((total) -> total.enabled(true))
			.aggregations("units", (units) -> units.terms((terms) -> terms.field("unit").size(UNITS).missing("none"))
				.aggregations("reasons", (reasons) -> reasons.terms((terms) -> terms.field("reason").size(REASONS))))
			.aggregations("newest", (newest) -> newest.max((max) -> max.field("receivedAt"))), Void.class);
		List<UnitRefusals> units = response.aggregations()
			.get("units")
			.sterms()
			.buckets()
			.array()
			.stream()
			.map(RefusalCounts::unit)
			.toList();
		var newest = response.aggregations().get("newest").max();
		Instant latest = (newest.valueAsString() != null) ? Instant.parse(newest.valueAsString()) : null;
		long total = (response.hits().total() != null) ? response.hits().total().value() : 0;
		return new Refusals(total, latest, units);
	}

	private static UnitRefusals unit(StringTermsBucket bucket) {
		String code = bucket.key().stringValue();
		Map<String, Long> reasons = new LinkedHashMap<>();
		bucket.aggregations()
			.get("reasons")
			.sterms()
			.buckets()
			.array()
			.forEach((reason) -> reasons.put(reason.key().stringValue(), reason.docCount()));
		String name = Provinces.standard().find(code, Provinces.REORGANISATION).map((unit) -> unit.name()).orElse(null);
		return new UnitRefusals(code, name, bucket.docCount(), reasons);
	}

	/**
	 * The refusals.
	 *
	 * @param total every refused record
	 * @param newest when the newest of them reached the ledger
	 * @param units per unit, largest first
	 */
	record Refusals(long total, Instant newest, List<UnitRefusals> units) {

	}

	/**
	 * One unit's refusals.
	 *
	 * @param unit the unit's code, or {@code none}
	 * @param name its name
	 * @param total its refused records
	 * @param reasons per reason code, largest first
	 */
	record UnitRefusals(String unit, String name, long total, Map<String, Long> reasons) {

	}

}
