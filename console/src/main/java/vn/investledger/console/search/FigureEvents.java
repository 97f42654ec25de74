package vn.investledger.console.search;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
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

import vn.investledger.index.FlowDocument;
import vn.investledger.index.HistoryDocument;
import vn.investledger.index.Indices;
import vn.investledger.console.system.ConsoleProperties;

/**
 * The events behind a flow figure: every applied event whose flow counts in it
 * ({@link FlowDocument#filterOf}), oldest effective date first. Their amounts and counts
 * sum exactly to the figure, once the indexer has written both.
 */
@Service
class FigureEvents {

	private static final int EXPORT_PAGE = 1000;

	/** The kinds of event that always make a flow ({@code Flows.cellOf}). */
	private static final List<String> FLOW_KINDS = List.of("licensed", "capital-adjusted", "capital-contributed",
			"disbursed");

	private final ElasticsearchClient client;

	private final Indices indices;

	private final PointsInTime pointsInTime;

	FigureEvents(ElasticsearchClient client, ConsoleProperties properties, PointsInTime pointsInTime) {
		this.client = client;
		this.indices = properties.indices();
		this.pointsInTime = pointsInTime;
	}

	/**
	 * One page of the events behind a figure. The first page counts them all, exactly;
	 * the pages after it do not count again (a count reads every event behind the figure,
	 * and the paging reads the live index, while the export reads one point in time).
	 * @param figure which figure
	 * @param period its period
	 * @param size the page size
	 * @param cursor the cursor of the previous page, or {@code null} for the first
	 * @return the page
	 * @throws IOException if Elasticsearch cannot be reached
	 * @throws BadSearchException if the dimensions given are not the cuboid's
	 */
	EventPage page(FigureCoordinates figure, String period, int size, String cursor) throws IOException {
		Query query = query(figure, period);
		String search = Cursor.searchOf("figure-events", query);
		List<FieldValue> after = (cursor != null) ? Cursor.decode(cursor, search).after() : null;
		boolean first = after == null;
		SearchResponse<HistoryDocument> response = this.client.search(request(query, size, null, after, first),
				HistoryDocument.class);
		List<Hit<HistoryDocument>> hits = response.hits().hits();
		String next = (hits.size() == size) ? new Cursor(null, hits.get(hits.size() - 1).sort(), search).encode()
				: null;
		Long total = (!first) ? null : (response.hits().total() != null) ? Long.valueOf(response.hits().total().value())
				: Long.valueOf(hits.size());
		Long withoutFlow = first ? Long.valueOf(entriesWithoutFlow()) : null;
		return new EventPage(figure.key(period), total, withoutFlow, events(hits), next);
	}

	/**
	 * The applied entries of a kind that makes a flow but without their flow: written
	 * before the ledger recorded flows in its entries, so that no drill-down lists them
	 * and a figure they count in sums to more than its events until a replay writes them
	 * again.
	 * @return how many there are in the whole history index
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	long entriesWithoutFlow() throws IOException {
		List<FieldValue> kinds = FLOW_KINDS.stream().map(FieldValue::of).toList();
		return this.client.count((count) -> count.index(this.indices.history())
			.query((query) -> query.bool((bool) -> bool
				.filter((filter) -> filter.terms((terms) -> terms.field("kind").terms((values) -> values.value(kinds))))
				.mustNot((not) -> not.exists((exists) -> exists.field("flow.investmentType"))))))
			.count();
	}

	/**
	 * Every event behind a figure, a page at a time, however many there are, from one
	 * point in time of the history index: an event indexed while the export runs is in
	 * none of its pages, so the rows sum to the figure as it was when the export began.
	 * The point in time counts against the user's and everyone's limits
	 * ({@link PointsInTime}) until the last page is read. A refusal (dimensions that are
	 * not the cuboid's, an unreachable Elasticsearch, a limit reached) comes now, before
	 * the answer starts, and so does the count of the entries without their flow, which
	 * the first page of the drill-down gives: the answer's headers carry it.
	 * @param figure which figure
	 * @param period its period
	 * @param user the signed-in user, who holds the export's point in time
	 * @return the export, to read once
	 * @throws IOException if Elasticsearch cannot be reached
	 * @throws BadSearchException if the dimensions given are not the cuboid's
	 * @throws TooManySearchesException if the export would open a point in time beyond
	 * the user's or everyone's limit
	 */
	Export export(FigureCoordinates figure, String period, String user) throws IOException {
		Query query = query(figure, period);
		long withoutFlow = entriesWithoutFlow();
		PointsInTime.Place place = this.pointsInTime.claim(user);
		return new Export(withoutFlow,
				(pages) -> this.pointsInTime.readAll(place, this.indices.history(), user,
						(pit, after) -> this.client.search(request(query, EXPORT_PAGE, pit, after, false),
								HistoryDocument.class),
						(documents) -> pages.accept(documents.stream().map(FigureEvent::of).toList())));
	}

	private Query query(FigureCoordinates figure, String period) {
		Map<String, String> terms = FlowDocument.filterOf(figure.checkedCuboid(), figure.dimensions(), period,
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
				search.index(this.indices.history());
			}
			search.query(query)
				.size(size)
				.trackTotalHits((track) -> track.enabled(countAll))
				// the event as published (up to 32 KiB each) is not listed: not read
				.source((source) -> source.filter((filter) -> filter.excludes("eventJson")))
				.sort((sort) -> sort.field((field) -> field.field("effectiveDate").order(SortOrder.Asc)))
				.sort((sort) -> sort.field((field) -> field.field("projectCode").order(SortOrder.Asc)))
				.sort((sort) -> sort.field((field) -> field.field("revision").order(SortOrder.Asc)));
			if (after != null) {
				search.searchAfter(after);
			}
			return search;
		});
	}

	private static List<FigureEvent> events(List<Hit<HistoryDocument>> hits) {
		return hits.stream().map(Hit::source).filter(Objects::nonNull).map(FigureEvent::of).toList();
	}

	/**
	 * A page of the events behind a figure.
	 *
	 * @param figure the figure's key
	 * @param total how many events are behind it, on the first page only ({@code null} on
	 * the pages after it)
	 * @param entriesWithoutFlow on the first page: how many applied entries in the whole
	 * history have no flow (written before entries carried theirs), none of them listed
	 * behind any figure; above 0, a figure may sum to more than its events until a replay
	 * @param events this page's events
	 * @param next the cursor of the next page, {@code null} after the last
	 */
	record EventPage(String figure, Long total, Long entriesWithoutFlow, List<FigureEvent> events, String next) {

	}

	/**
	 * One event behind a figure, with what it adds to it.
	 *
	 * @param projectCode the project code, whose history is at
	 * {@code /api/search/projects/by-code/history?code=}
	 * @param revision the revision it holds
	 * @param eventId the event id
	 * @param kind its kind
	 * @param unit the unit whose topic published it
	 * @param provinceCode the province it names, as licensed
	 * @param effectiveDate when it takes effect
	 * @param receivedAt when the broker appended it
	 * @param afterGap whether it was applied with an earlier revision missing
	 * @param flow what it adds to the figure: amounts, counts, USD equivalents, and the
	 * cell and periods it counts in
	 */
	record FigureEvent(String projectCode, long revision, String eventId, String kind, String unit, String provinceCode,
			LocalDate effectiveDate, Instant receivedAt, boolean afterGap, FlowDocument flow) {

		static FigureEvent of(HistoryDocument document) {
			return new FigureEvent(document.projectCode(), document.revision(), document.eventId(), document.kind(),
					document.unit(), document.provinceCode(), document.effectiveDate(), document.receivedAt(),
					document.afterGap(), document.flow());
		}

	}

	/**
	 * An export whose place is claimed, to read once.
	 *
	 * @param entriesWithoutFlow how many applied entries in the whole history had no flow
	 * when it began (as {@link EventPage#entriesWithoutFlow()}): none of them is among
	 * its rows, and above 0 the rows may sum to less than the figure
	 * @param pages its pages
	 */
	record Export(long entriesWithoutFlow, Pages pages) {

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
		void each(Consumer<List<FigureEvent>> pages) throws IOException;

	}

}
