package vn.investledger.console.release;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;

import org.springframework.stereotype.Service;

import vn.investledger.console.system.ConsoleProperties;
import vn.investledger.index.HistoryDocument;
import vn.investledger.index.Indices;

/**
 * Streams the ledger's applied entries a release is made of from the history index: every
 * entry dated on or before a cut-off, received at or before an instant if one is given,
 * in project code and revision order, a page at a time through one point in time, so that
 * the pass reads one consistent snapshot however long it takes and holds one page in
 * memory. Elasticsearch only selects and orders; the sums are made in Java, exactly
 * ({@link ReleaseFold}).
 */
@Service
class HistoryEntries {

	private static final String KEEP_ALIVE = "2m";

	private final ElasticsearchClient client;

	private final Indices indices;

	private final int page;

	HistoryEntries(ElasticsearchClient client, ConsoleProperties properties, ReleasesProperties settings) {
		this.client = client;
		this.indices = properties.indices();
		this.page = settings.pageSize();
	}

	/**
	 * Opens one consistent view of the entries a release to a cut-off can count: what it
	 * is made of ({@link Snapshot#mark()}) and the entries themselves read from the same
	 * point in time.
	 * @param cutOff the last effective date
	 * @param upTo the latest receipt, {@code null} for every entry indexed
	 * @return the view, to close
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	Snapshot open(LocalDate cutOff, Instant upTo) throws IOException {
		String pit = this.client
			.openPointInTime((open) -> open.index(this.indices.history()).keepAlive((keep) -> keep.time(KEEP_ALIVE)))
			.id();
		return new Snapshot(pit, query(cutOff, upTo));
	}

	/**
	 * What a set of entries is: for each concrete index behind the history alias, the
	 * entries it holds and the greatest and the sum of their sequence numbers
	 * ({@code _seq_no}, which Elasticsearch raises on every write to a shard, a document
	 * written again included), and the newest receipt among them. A new entry raises the
	 * count, an entry written again (a replay that gives it other flows) raises the
	 * greatest and the sum, and a rebuild writes a new index version: so two snapshots
	 * with the same mark hold the same entries with the same content, and a release
	 * folded from one is the release of the other. Exact while the sum stays below
	 * 2<sup>53</sup> (Elasticsearch sums in doubles): some 90 million entries written
	 * once each.
	 *
	 * @param indices per concrete index, its entries, greatest and summed sequence number
	 * @param newestReceivedAt the newest receipt, in epoch milliseconds, {@code null} if
	 * there is no entry
	 */
	record Mark(java.util.SortedMap<String, List<Double>> indices, Double newestReceivedAt) {

	}

	/**
	 * A point in time of the history index, and the entries a release can count in it.
	 */
	final class Snapshot implements AutoCloseable {

		private final Query query;

		private String pit;

		private Snapshot(String pit, Query query) {
			this.pit = pit;
			this.query = query;
		}

		/**
		 * What the snapshot's entries are, by one aggregation on its point in time.
		 * @return the mark
		 * @throws IOException if Elasticsearch cannot be reached
		 */
		Mark mark() throws IOException {
			String current = this.pit;
			SearchResponse<Void> response = HistoryEntries.this.client.search(
					(search) -> search.query(this.query)
						.size(0)
						.pit((p) -> p.id(current).keepAlive((keep) -> keep.time(KEEP_ALIVE)))
						.aggregations("indices",
								(aggregation) -> aggregation.terms((terms) -> terms.field("_index").size(100))
									.aggregations("greatest", (greatest) -> greatest.max((max) -> max.field("_seq_no")))
									.aggregations("sum", (sum) -> sum.sum((total) -> total.field("_seq_no"))))
						.aggregations("newest", (aggregation) -> aggregation.max((max) -> max.field("receivedAt"))),
					Void.class);
			if (response.pitId() != null) {
				this.pit = response.pitId();
			}
			java.util.SortedMap<String, List<Double>> indices = new java.util.TreeMap<>();
			response.aggregations()
				.get("indices")
				.sterms()
				.buckets()
				.array()
				.forEach((bucket) -> indices.put(bucket.key().stringValue(),
						List.of((double) bucket.docCount(), bucket.aggregations().get("greatest").max().value(),
								bucket.aggregations().get("sum").sum().value())));
			Double newest = response.aggregations().get("newest").max().value();
			return new Mark(indices, (newest != null && !newest.isInfinite() && !newest.isNaN()) ? newest : null);
		}

		/**
		 * Reads every entry, in project code and revision order, a page at a time.
		 * @param each called with each entry
		 * @throws IOException if Elasticsearch cannot be reached
		 */
		void each(Consumer<ReleaseEntry> each) throws IOException {
			List<FieldValue> after = null;
			while (true) {
				String current = this.pit;
				List<FieldValue> from = after;
				SearchResponse<HistoryDocument> response = HistoryEntries.this.client.search((search) -> {
					search.query(this.query)
						.size(HistoryEntries.this.page)
						.trackTotalHits((track) -> track.enabled(false))
						.pit((p) -> p.id(current).keepAlive((keep) -> keep.time(KEEP_ALIVE)))
						.sort((sort) -> sort.field((field) -> field.field("projectCode").order(SortOrder.Asc)))
						.sort((sort) -> sort.field((field) -> field.field("revision").order(SortOrder.Asc)));
					if (from != null) {
						search.searchAfter(from);
					}
					return search;
				}, HistoryDocument.class);
				if (response.pitId() != null) {
					this.pit = response.pitId();
				}
				List<Hit<HistoryDocument>> hits = response.hits().hits();
				for (Hit<HistoryDocument> hit : hits) {
					if (hit.source() != null) {
						each.accept(ReleaseEntry.of(hit.source()));
					}
				}
				if (hits.size() < HistoryEntries.this.page) {
					return;
				}
				after = hits.get(hits.size() - 1).sort();
			}
		}

		@Override
		public void close() {
			try {
				String id = this.pit;
				HistoryEntries.this.client.closePointInTime((close) -> close.id(id));
			}
			catch (IOException | RuntimeException ex) {
				// it expires after its keep-alive anyway
			}
		}

	}

	/**
	 * Entries dated on or before the cut-off and, if bounded, received before the
	 * millisecond after the bound: the index keeps receipt times to the millisecond, so
	 * the exact bound, to the nanosecond, is applied in Java
	 * ({@link ReleaseEntry#knownAt}).
	 */
	private static Query query(LocalDate cutOff, Instant upTo) {
		return Query.of((query) -> query.bool((bool) -> {
			bool.filter((filter) -> filter
				.range((range) -> range.date((date) -> date.field("effectiveDate").lte(cutOff.toString()))));
			if (upTo != null) {
				String before = upTo.truncatedTo(ChronoUnit.MILLIS).plusMillis(1).toString();
				bool.filter(
						(filter) -> filter.range((range) -> range.date((date) -> date.field("receivedAt").lt(before))));
			}
			return bool;
		}));
	}

}
