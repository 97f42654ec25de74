package vn.investledger.console.search;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;

import org.springframework.stereotype.Component;

import vn.investledger.index.Indices;
import vn.investledger.console.system.ConsoleProperties;

/**
 * The points in time (of the projects index, or of the history index for a drill-down
 * export) that the search API holds open for its users: no user more than
 * {@link PointInTimeProperties#perUser()} at once, all together no more than
 * {@link PointInTimeProperties#total()}. Each counts from the moment its place is
 * claimed, before Elasticsearch opens it, until it is closed or expires. Its expiry here
 * follows every use, as Elasticsearch's keep-alive does, measured after Elasticsearch
 * answered; an expired one is closed here at the next claim, rather than left to
 * Elasticsearch's periodic clean-up.
 * <p>
 * The limits hold per console instance. A point in time this instance did not open
 * (another instance's, or one from before a restart) counts from its first use here.
 */
@Component
class PointsInTime {

	private final ElasticsearchClient client;

	private final Indices indices;

	private final PointInTimeProperties limits;

	private final String keepAlive;

	private final List<Place> places = new ArrayList<>();

	PointsInTime(ElasticsearchClient client, ConsoleProperties properties, PointInTimeProperties limits) {
		this.client = client;
		this.indices = properties.indices();
		this.limits = limits;
		this.keepAlive = limits.keepAlive().toMillis() + "ms";
	}

	/**
	 * The keep-alive to send with every search that reads a point in time.
	 * @return e.g. {@code 300000ms}
	 */
	String keepAlive() {
		return this.keepAlive;
	}

	/**
	 * Claims a place for a point in time the user is about to open.
	 * @param user the signed-in user
	 * @return the place, to {@link #open}
	 * @throws TooManySearchesException if the user, or all users, hold as many as they
	 * may
	 */
	Place claim(String user) {
		List<String> expired = new ArrayList<>();
		try {
			synchronized (this.places) {
				Instant now = Instant.now();
				this.places.removeIf((place) -> {
					boolean over = !place.expiresAt.isAfter(now);
					if (over && place.id != null) {
						expired.add(place.id);
					}
					return over;
				});
				List<Place> mine = this.places.stream().filter((place) -> place.user.equals(user)).toList();
				if (mine.size() >= this.limits.perUser()) {
					throw new TooManySearchesException(String.format(
							"%s has %d searches open for paging or export, the most one user may have "
									+ "(investledger.search.points-in-time.per-user); page one of them to its end, "
									+ "or wait until one unused for %s expires, then try again",
							user, mine.size(), readable(this.limits.keepAlive())), retryAfter(mine, now));
				}
				if (this.places.size() >= this.limits.total()) {
					throw new TooManySearchesException(String
						.format("The search API has %d searches open for paging or export, the most all users together "
								+ "may have (investledger.search.points-in-time.total); try again when one has ended",
								this.places.size()),
							retryAfter(this.places, now));
				}
				Place place = new Place(user, now.plus(this.limits.keepAlive()));
				this.places.add(place);
				return place;
			}
		}
		finally {
			expired.forEach(this::closeInElasticsearch);
		}
	}

	/**
	 * Opens the point in time of a claimed place; the place is freed if it cannot be.
	 * @param place the place
	 * @return the point in time's id
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	String open(Place place) throws IOException {
		return open(place, this.indices.projects());
	}

	/**
	 * Opens the point in time of a claimed place on an index; the place is freed if it
	 * cannot be.
	 * @param place the place
	 * @param index the index, e.g. the history index for a drill-down export
	 * @return the point in time's id
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	String open(Place place, String index) throws IOException {
		try {
			String id = this.client
				.openPointInTime((open) -> open.index(index).keepAlive((keep) -> keep.time(this.keepAlive)))
				.id();
			synchronized (this.places) {
				place.id = id;
				place.expiresAt = Instant.now().plus(this.limits.keepAlive());
			}
			return id;
		}
		catch (IOException | RuntimeException ex) {
			synchronized (this.places) {
				this.places.remove(place);
			}
			throw ex;
		}
	}

	/**
	 * Reads every hit of a search a page at a time from one point in time of an index,
	 * opened on a claimed place, kept alive as the pages are read, and closed at the end
	 * or on a failure: the exports' loop.
	 * @param <T> the documents' type
	 * @param place the place claimed for the user
	 * @param index the index
	 * @param user the signed-in user, who holds the point in time
	 * @param search one page's search, sent with the point in time and the sort values of
	 * the last hit before it ({@code null} for the first page)
	 * @param pages called with each page's documents, in order
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	<T> void readAll(Place place, String index, String user, PageSearch<T> search, Consumer<List<T>> pages)
			throws IOException {
		readAll(open(place, index), user, search, pages);
	}

	/**
	 * Opens the point in time of a claimed place on an index and searches it once at
	 * once, for what an export says before its first row (its headers), so that it
	 * describes the very snapshot the export's pages then read; the point in time is
	 * closed and the place freed if either fails.
	 * @param place the place claimed for the user
	 * @param index the index
	 * @param user the signed-in user, who holds the point in time
	 * @param search the search, sent with the point in time's id
	 * @return the point in time's id to read the pages from, and the search's answer
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	Opened openAndSearch(Place place, String index, String user, FirstSearch search) throws IOException {
		String pit = open(place, index);
		try {
			SearchResponse<Void> response = search.search(pit);
			String pitNow = (response.pitId() != null) ? response.pitId() : pit;
			used(pit, pitNow, user);
			return new Opened(pitNow, response);
		}
		catch (IOException | RuntimeException ex) {
			close(pit);
			throw ex;
		}
	}

	/**
	 * A point in time opened and searched once.
	 *
	 * @param pit its id now
	 * @param first the first search's answer
	 */
	record Opened(String pit, SearchResponse<Void> first) {

	}

	/**
	 * The first search of a point in time just opened.
	 */
	@FunctionalInterface
	interface FirstSearch {

		/**
		 * Searches the point in time.
		 * @param pit its id
		 * @return the answer
		 * @throws IOException if Elasticsearch cannot be reached
		 */
		SearchResponse<Void> search(String pit) throws IOException;

	}

	/**
	 * Reads every hit of a search a page at a time from a point in time already opened,
	 * as {@link #readAll(Place, String, String, PageSearch, Consumer)} does.
	 * @param <T> the documents' type
	 * @param opened the point in time's id
	 * @param user the signed-in user, who holds it
	 * @param search one page's search
	 * @param pages called with each page's documents, in order
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	<T> void readAll(String opened, String user, PageSearch<T> search, Consumer<List<T>> pages) throws IOException {
		String pit = opened;
		try {
			List<FieldValue> after = null;
			while (true) {
				SearchResponse<T> response = search.page(pit, after);
				String pitNow = (response.pitId() != null) ? response.pitId() : pit;
				used(pit, pitNow, user);
				pit = pitNow;
				List<Hit<T>> hits = response.hits().hits();
				if (hits.isEmpty()) {
					return;
				}
				pages.accept(hits.stream().map(Hit::source).filter(Objects::nonNull).toList());
				after = hits.get(hits.size() - 1).sort();
			}
		}
		finally {
			close(pit);
		}
	}

	/**
	 * One page of an export's search.
	 *
	 * @param <T> the documents' type
	 */
	@FunctionalInterface
	interface PageSearch<T> {

		/**
		 * Searches one page.
		 * @param pit the point in time's id
		 * @param after the sort values of the last hit before the page, {@code null} for
		 * the first
		 * @return the answer
		 * @throws IOException if Elasticsearch cannot be reached
		 */
		SearchResponse<T> page(String pit, List<FieldValue> after) throws IOException;

	}

	/**
	 * Records that a search read a point in time, which Elasticsearch then keeps alive
	 * for another keep-alive, perhaps under a new id.
	 * @param id the id the search was sent with
	 * @param idNow the id Elasticsearch answered with
	 * @param user the signed-in user, who holds it if this instance did not open it
	 */
	void used(String id, String idNow, String user) {
		synchronized (this.places) {
			Place place = this.places.stream().filter((held) -> id.equals(held.id)).findFirst().orElse(null);
			if (place == null) {
				place = new Place(user, null);
				this.places.add(place);
			}
			place.id = idNow;
			place.expiresAt = Instant.now().plus(this.limits.keepAlive());
		}
	}

	/**
	 * Closes a point in time and frees its place.
	 * @param id its id
	 */
	void close(String id) {
		synchronized (this.places) {
			this.places.removeIf((place) -> Objects.equals(id, place.id));
		}
		closeInElasticsearch(id);
	}

	private void closeInElasticsearch(String id) {
		try {
			this.client.closePointInTime((close) -> close.id(id));
		}
		catch (IOException | RuntimeException ex) {
			// it expires after its keep-alive anyway
		}
	}

	/** The seconds until the first of these places is free again, at least 1. */
	private static long retryAfter(List<Place> places, Instant now) {
		Instant first = places.stream().map((place) -> place.expiresAt).min(Comparator.naturalOrder()).orElse(now);
		long millis = Duration.between(now, first).toMillis();
		return Math.max(1, (millis + 999) / 1000);
	}

	private static String readable(Duration duration) {
		long seconds = duration.toSeconds();
		return (seconds % 60 == 0) ? (seconds / 60) + " min" : seconds + " s";
	}

	/**
	 * A place for one point in time: claimed, then open, until it is closed or expires.
	 */
	static final class Place {

		private final String user;

		private String id;

		private Instant expiresAt;

		private Place(String user, Instant expiresAt) {
			this.user = user;
			this.expiresAt = expiresAt;
		}

	}

}
