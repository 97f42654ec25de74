package vn.investledger.console.dashboard;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;

import org.springframework.stereotype.Service;

import vn.investledger.console.system.ConsoleProperties;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.rulebook.Cuboid;
import vn.investledger.index.Indices;

/**
 * The years that have figures: those with a national figure of the year's period, which
 * every event of the year counts in. The console offers them in its charts' year
 * selectors, so that a chart of a year without events is never the only choice.
 */
@Service
class FigureYears {

	/** A year's period is its four digits ({@code Periods.year}). */
	private static final String YEAR_PERIOD = "[0-9]{4}";

	/** More than the years the ledger accepts events of. */
	private static final int MAX_YEARS = 1000;

	private final ElasticsearchClient client;

	private final Indices indices;

	FigureYears(ElasticsearchClient client, ConsoleProperties properties) {
		this.client = client;
		this.indices = properties.indices();
	}

	/**
	 * The years with figures of a type.
	 * @param type FDI or DDI
	 * @return the years, newest first
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	Years of(InvestmentType type) throws IOException {
		List<StringTermsBucket> buckets = this.client
			.search((
					search) -> search.index(this.indices.totals())
						.size(0)
						.query((query) -> query.bool((bool) -> bool
							.filter((f) -> f.term((t) -> t.field("cuboid").value(Cuboid.NATIONAL.id())))
							.filter((f) -> f.term((t) -> t.field("investmentType").value(type.name())))
							.filter((f) -> f.regexp((r) -> r.field("period").value(YEAR_PERIOD)))))
						.aggregations("years",
								(years) -> years.terms((terms) -> terms.field("period").size(MAX_YEARS))),
					Void.class)
			.aggregations()
			.get("years")
			.sterms()
			.buckets()
			.array();
		return new Years(buckets.stream()
			.map((bucket) -> Integer.parseInt(bucket.key().stringValue()))
			.sorted(Comparator.reverseOrder())
			.toList());
	}

	/**
	 * The years with figures.
	 *
	 * @param years newest first
	 */
	record Years(List<Integer> years) {

	}

}
