package vn.investledger.console.search;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import tools.jackson.databind.JsonNode;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;

import org.springframework.stereotype.Service;

import vn.investledger.events.Currency;
import vn.investledger.index.Indices;
import vn.investledger.index.ProjectDocument;
import vn.investledger.console.search.ProjectPage.CapitalSum;
import vn.investledger.console.search.ProjectPage.Facet;
import vn.investledger.console.system.ConsoleProperties;

/**
 * Searches the projects index. Pages follow each other with {@code search_after}, sorted
 * by the chosen field and then the project code, so paging has no depth limit and never
 * repeats or skips a project. The first page is a plain search; asking for the second
 * opens a point in time, which the cursor carries, so the pages after the first read one
 * consistent snapshot. Only searches that page on hold a point in time open, and each
 * user only so many ({@link PointsInTime}).
 */
@Service
class ProjectSearch {

	/** The facets, by response name and indexed field. */
	static final Map<String, String> FACETS = facets();

	private static final long EXACT_DOUBLE_LIMIT = 1L << 53;

	private static final int EXPORT_PAGE = 1000;

	private final ElasticsearchClient client;

	private final Indices indices;

	private final PointsInTime pointsInTime;

	private final CursorSigner signer;

	ProjectSearch(ElasticsearchClient client, ConsoleProperties properties, PointsInTime pointsInTime,
			CursorSigner signer) {
		this.client = client;
		this.indices = properties.indices();
		this.pointsInTime = pointsInTime;
		this.signer = signer;
	}

	/**
	 * One page of projects.
	 * @param filters the filters
	 * @param sort the order
	 * @param descending whether the order is reversed
	 * @param size the page size
	 * @param cursor the cursor of a previous page, or {@code null} for the first
	 * @param facetValues the values each facet lists at most, largest count first
	 * @param user the signed-in user, who holds the point in time of the pages after the
	 * first
	 * @return the page
	 * @throws IOException if Elasticsearch cannot be reached
	 * @throws TooManySearchesException if the second page would open a point in time
	 * beyond the user's or everyone's limit
	 */
	ProjectPage search(ProjectFilters filters, ProjectSort sort, boolean descending, int size, String cursor,
			int facetValues, String user) throws IOException {
		Query query = ProjectQuery.of(filters);
		String search = Cursor.searchOf("projects", query, sort, descending);
		Cursor from = (cursor != null) ? this.signer.verified(Cursor.decode(cursor, search), user) : null;
		boolean first = from == null;
		// The first page needs no point in time: most searches stop there. The
		// second opens one, and the later pages read that same snapshot.
		String pit = first ? null : from.pointInTime();
		boolean opened = !first && pit == null;
		if (opened) {
			pit = this.pointsInTime.open(this.pointsInTime.claim(user));
		}
		List<FieldValue> after = null;
		if (from != null) {
			after = new ArrayList<>(from.after());
			if (from.pointInTime() == null) {
				// after the first page's last hit: (value, code) is unique, so any
				// _shard_doc above it excludes that hit and nothing else
				after.add(FieldValue.of(Long.MAX_VALUE));
			}
		}
		SearchAnswer answer;
		try {
			answer = SearchAnswer.search(this.client,
					request(query, sort, descending, size, pit, after, first ? facetValues : 0, true));
		}
		catch (IOException | RuntimeException ex) {
			// nobody has a cursor to one just opened, and one Elasticsearch no longer
			// holds frees its user's place now
			if (opened || (pit != null && SearchErrors.contextMissing(ex))) {
				this.pointsInTime.close(pit);
			}
			throw ex;
		}
		List<List<FieldValue>> hits = answer.sorts();
		String pitNow = (answer.pointInTime() != null) ? answer.pointInTime() : pit;
		if (pit != null) {
			this.pointsInTime.used(pit, pitNow, user);
		}
		String next = null;
		if (hits.size() == size) {
			next = this.signer.sign(new Cursor(pitNow, hits.get(hits.size() - 1), search), user).encode();
		}
		else if (pitNow != null) {
			this.pointsInTime.close(pitNow);
		}
		Map<String, List<Facet>> facets = first ? facets(answer) : Map.of();
		return new ProjectPage(answer.total(), answer.sources(), facets, next,
				NewestEvent.of(answer.aggregation("asOf")));
	}

	/**
	 * Every matching project, a page at a time, however many there are. Contradictory
	 * filters, an unreachable Elasticsearch and a user's place for its point in time are
	 * settled now, so that a refusal comes before the answer starts, and the point in
	 * time is opened now: the newest event the export reports is that of the snapshot its
	 * pages read, not of the index a moment before.
	 * @param filters the filters
	 * @param sort the order
	 * @param descending whether the order is reversed
	 * @param user the signed-in user, who holds the export's point in time
	 * @return the export, to read once
	 * @throws IOException if Elasticsearch cannot be reached
	 * @throws TooManySearchesException if the export would open a point in time beyond
	 * the user's or everyone's limit
	 */
	Export export(ProjectFilters filters, ProjectSort sort, boolean descending, String user) throws IOException {
		Query query = ProjectQuery.of(filters);
		PointsInTime.Place place = this.pointsInTime.claim(user);
		PointsInTime.Opened opened = this.pointsInTime
			.openAndSearch(
					place, this.indices.projects(), user, (
							pit) -> this.client.search(
									(search) -> search
										.pit((p) -> p.id(pit)
											.keepAlive((keep) -> keep.time(this.pointsInTime.keepAlive())))
										.size(0)
										.aggregations("asOf",
												(newest) -> newest.max((max) -> max.field("newestEventAt"))),
									Void.class));
		return new Export(NewestEvent.of(opened.first().aggregations().get("asOf")),
				(pages) -> this.pointsInTime.readAll(opened.pit(), user, (pit, after) -> this.client
					.search(request(query, sort, descending, EXPORT_PAGE, pit, after, 0, false), ProjectDocument.class),
						pages));
	}

	/**
	 * An export whose place is claimed, to read once.
	 *
	 * @param asOf the emission time of the newest event in the point in time it reads
	 * @param pages its pages
	 */
	record Export(Instant asOf, Pages pages) {

	}

	/**
	 * The pages of an export.
	 */
	@FunctionalInterface
	interface Pages {

		/**
		 * Reads every page, then closes the point in time.
		 * @param pages called with each page, in order
		 * @throws IOException if Elasticsearch cannot be reached
		 */
		void each(Consumer<List<ProjectDocument>> pages) throws IOException;

	}

	/**
	 * A page's request: with {@code summed}, the count of every match and the newest
	 * event among them, which an export's pages do not need (its point in time is summed
	 * once when opened) and would work out again over every match each page.
	 */
	private SearchRequest request(Query query, ProjectSort sort, boolean descending, int size, String pit,
			List<FieldValue> after, int facetValues, boolean summed) {
		return SearchRequest.of((search) -> {
			search.query(query)
				.size(size)
				.trackTotalHits((track) -> track.enabled(summed))
				.sort(sortOptions(sort, descending));
			if (summed) {
				search.aggregations("asOf", (newest) -> newest.max((max) -> max.field("newestEventAt")));
			}
			if (pit != null) {
				search.pit((p) -> p.id(pit).keepAlive((keep) -> keep.time(this.pointsInTime.keepAlive())));
			}
			else {
				search.index(this.indices.projects());
			}
			if (after != null) {
				search.searchAfter(after);
			}
			if (facetValues > 0) {
				FACETS.forEach((name, field) -> search.aggregations(name, facet(field, facetValues)));
			}
			return search;
		});
	}

	/**
	 * The order: the chosen field, then the project code, which is unique; within a point
	 * in time Elasticsearch adds its own {@code _shard_doc}.
	 */
	private static List<SortOptions> sortOptions(ProjectSort sort, boolean descending) {
		SortOrder order = descending ? SortOrder.Desc : SortOrder.Asc;
		List<SortOptions> options = new ArrayList<>();
		if (sort.field() == null) {
			options.add(SortOptions.of((option) -> option.score((score) -> score.order(SortOrder.Desc))));
		}
		else {
			// a project without a name order (indexed before the key existed) last in
			// both orders, and a projects index whose mapping has none yet as if no
			// project had one
			boolean byName = sort == ProjectSort.NAME;
			options.add(SortOptions.of((option) -> option.field((field) -> field.field(sort.field())
				.order(order)
				.missing((descending && !byName) ? "_first" : "_last")
				.unmappedType(byName ? FieldType.Keyword : null))));
		}
		if (sort != ProjectSort.CODE) {
			// projects tied on the chosen order (the same score, the same newest event)
			// keep one order, so a page boundary between them skips and repeats none
			options.add(SortOptions.of((option) -> option.field((field) -> field.field("projectCode").order(order))));
		}
		return options;
	}

	private static Aggregation facet(String field, int values) {
		return Aggregation.of((agg) -> agg.terms((terms) -> terms.field(field).size(values))
			.aggregations("capital",
					(capital) -> capital.terms((terms) -> terms.field("registeredCapital.currency").size(2))
						.aggregations("sum", (sum) -> sum.sum((s) -> s.field("registeredCapital.minorUnits")))));
	}

	private static Map<String, List<Facet>> facets(SearchAnswer answer) {
		Map<String, List<Facet>> facets = new LinkedHashMap<>();
		FACETS.keySet().forEach((name) -> {
			JsonNode facet = answer.aggregation(name);
			if (facet.isNull()) {
				return;
			}
			List<Facet> values = new ArrayList<>();
			for (JsonNode bucket : facet.path("buckets")) {
				List<CapitalSum> capital = new ArrayList<>();
				for (JsonNode currency : bucket.path("capital").path("buckets")) {
					double sum = currency.path("sum").path("value").asDouble(0);
					Currency unit = Currency.valueOf(currency.path("key").asString());
					long minorUnits = Math.round(sum);
					capital.add(new CapitalSum(unit.name(), minorUnits,
							BigDecimal.valueOf(minorUnits, unit.minorUnitDigits()),
							Math.abs(sum) < EXACT_DOUBLE_LIMIT));
				}
				values.add(new Facet(bucket.path("key").asString(), bucket.path("doc_count").asLong(), capital));
			}
			facets.put(name, values);
		});
		return facets;
	}

	private static Map<String, String> facets() {
		Map<String, String> facets = new LinkedHashMap<>();
		facets.put("province", "provinceCode");
		facets.put("restatedProvince", "restatedProvinceCode");
		facets.put("zone", "zoneCode");
		facets.put("zoneType", "zoneType");
		facets.put("country", "partnerCountry");
		facets.put("sector", "sectorSection");
		facets.put("type", "investmentType");
		facets.put("status", "status");
		return facets;
	}

}
