package vn.investledger.console.search;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;

import org.springframework.stereotype.Service;

import vn.investledger.events.Stock;
import vn.investledger.index.Indices;
import vn.investledger.index.ProjectDocument;
import vn.investledger.index.StockCell;
import vn.investledger.console.system.ConsoleProperties;

/**
 * The projects behind a stock figure: every project whose stock cell counts in it
 * ({@link StockCell#filterOf}), by project code. Their number, suspended ones, registered
 * and realised capital sum exactly to the figure, once the indexer has written both.
 */
@Service
class StockProjects {

	private static final int EXPORT_PAGE = 1000;

	private final ElasticsearchClient client;

	private final Indices indices;

	private final PointsInTime pointsInTime;

	StockProjects(ElasticsearchClient client, ConsoleProperties properties, PointsInTime pointsInTime) {
		this.client = client;
		this.indices = properties.indices();
		this.pointsInTime = pointsInTime;
	}

	/**
	 * One page of the projects behind a stock figure. The first page counts them all,
	 * exactly; the pages after it do not count again.
	 * @param figure which figure
	 * @param size the page size
	 * @param cursor the cursor of the previous page, or {@code null} for the first
	 * @return the page
	 * @throws IOException if Elasticsearch cannot be reached
	 * @throws BadSearchException if the dimensions given are not the cuboid's
	 */
	ProjectsPage page(FigureCoordinates figure, int size, String cursor) throws IOException {
		Query query = query(figure);
		String search = Cursor.searchOf("stock-projects", query);
		List<FieldValue> after = (cursor != null) ? Cursor.decode(cursor, search).after() : null;
		boolean first = after == null;
		SearchResponse<ProjectDocument> response = this.client.search(request(query, size, null, after, first),
				ProjectDocument.class);
		List<Hit<ProjectDocument>> hits = response.hits().hits();
		String next = (hits.size() == size) ? new Cursor(null, hits.get(hits.size() - 1).sort(), search).encode()
				: null;
		Long total = (!first) ? null : (response.hits().total() != null) ? Long.valueOf(response.hits().total().value())
				: Long.valueOf(hits.size());
		Long withoutCell = first ? Long.valueOf(projectsWithoutStockCell()) : null;
		return new ProjectsPage(figure.key(Stock.PERIOD), total, withoutCell, projects(hits), next);
	}

	/**
	 * The projects in the stock by their fields whose document has no stock cell: indexed
	 * before project documents carried it (until the projects index is rebuilt), or of a
	 * province the indexer's province table has no unit of on the licence date. No
	 * drill-down lists them, and a stock figure they count in holds more than its
	 * projects.
	 * @return how many there are in the whole projects index
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	long projectsWithoutStockCell() throws IOException {
		return this.client.count((count) -> count.index(this.indices.projects())
			.query((query) -> query.bool((bool) -> bool.filter((filter) -> filter.exists((e) -> e.field("licensedOn")))
				.filter((filter) -> filter.exists((e) -> e.field("investmentType")))
				.filter((filter) -> filter.exists((e) -> e.field("registeredCapital.minorUnits")))
				.mustNot((not) -> not.term((term) -> term.field("status").value("terminated")))
				.mustNot((not) -> not.exists((exists) -> exists.field("stock.investmentType"))))))
			.count();
	}

	/**
	 * Every project behind a stock figure, a page at a time, however many there are, from
	 * one point in time of the projects index: the rows sum to the figure as the index
	 * held it when the export began. The point in time counts against the user's and
	 * everyone's limits ({@link PointsInTime}) until the last page is read. A refusal
	 * (dimensions that are not the cuboid's, an unreachable Elasticsearch, a limit
	 * reached) comes now, before the answer starts, and so does the count of the projects
	 * without their stock cell, which the first page of the drill-down gives: the
	 * answer's headers carry it.
	 * @param figure which figure
	 * @param user the signed-in user, who holds the export's point in time
	 * @return the export, to read once
	 * @throws IOException if Elasticsearch cannot be reached
	 * @throws BadSearchException if the dimensions given are not the cuboid's
	 * @throws TooManySearchesException if the export would open a point in time beyond
	 * the user's or everyone's limit
	 */
	Export export(FigureCoordinates figure, String user) throws IOException {
		Query query = query(figure);
		long withoutCell = projectsWithoutStockCell();
		PointsInTime.Place place = this.pointsInTime.claim(user);
		return new Export(
				withoutCell, (
						pages) -> this.pointsInTime.readAll(
								place, this.indices.projects(), user, (pit, after) -> this.client
									.search(request(query, EXPORT_PAGE, pit, after, false), ProjectDocument.class),
								pages));
	}

	private Query query(FigureCoordinates figure) {
		Map<String, String> terms = StockCell.filterOf(figure.checkedCuboid(), figure.dimensions(),
				figure.investmentType().name());
		return Query.of((query) -> query.bool((bool) -> {
			terms.forEach(
					(field, value) -> bool.filter((filter) -> filter.term((term) -> term.field(field).value(value))));
			return bool;
		}));
	}

	private SearchRequest request(Query query, int size, String pit, List<FieldValue> after, boolean countAll) {
		return SearchRequest.of((search) -> {
			if (pit != null) {
				search.pit((p) -> p.id(pit).keepAlive((keep) -> keep.time(this.pointsInTime.keepAlive())));
			}
			else {
				search.index(this.indices.projects());
			}
			search.query(query)
				.size(size)
				.trackTotalHits((track) -> track.enabled(countAll))
				.source((source) -> source.filter((filter) -> filter.excludes("searchText")))
				.sort((sort) -> sort.field((field) -> field.field("projectCode").order(SortOrder.Asc)));
			if (after != null) {
				search.searchAfter(after);
			}
			return search;
		});
	}

	private static List<ProjectDocument> projects(List<Hit<ProjectDocument>> hits) {
		return hits.stream().map(Hit::source).filter(Objects::nonNull).toList();
	}

	/**
	 * A page of the projects behind a stock figure.
	 *
	 * @param figure the figure's key
	 * @param total how many projects are behind it, on the first page only ({@code null}
	 * on the pages after it)
	 * @param projectsWithoutStockCell on the first page: how many projects in the stock
	 * have a document without its stock cell (indexed before documents carried it), none
	 * of them listed behind any figure; above 0, a figure may hold more than its projects
	 * until the projects index is rebuilt
	 * @param projects this page's projects, as the project search gives them
	 * @param next the cursor of the next page, {@code null} after the last
	 */
	record ProjectsPage(String figure, Long total, Long projectsWithoutStockCell, List<ProjectDocument> projects,
			String next) {

	}

	/**
	 * An export whose place is claimed, to read once.
	 *
	 * @param projectsWithoutStockCell how many projects in the stock had a document
	 * without its stock cell when it began (as
	 * {@link ProjectsPage#projectsWithoutStockCell()}): none of them is among its rows,
	 * and above 0 the rows may count fewer projects than the figure
	 * @param pages its pages
	 */
	record Export(long projectsWithoutStockCell, Pages pages) {

	}

	/**
	 * The pages of an export.
	 */
	@FunctionalInterface
	interface Pages {

		/**
		 * Reads every page.
		 * @param pages called with each page, in order
		 * @throws IOException if Elasticsearch cannot be reached
		 */
		void each(Consumer<List<ProjectDocument>> pages) throws IOException;

	}

}
