package vn.investledger.console.dashboard;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import vn.investledger.console.system.ConsoleProperties;
import vn.investledger.console.tables.CountingTables;
import vn.investledger.console.tables.TablesUnknownException;
import vn.investledger.index.TotalDocument;

/**
 * Pushes the flow figures the indexer writes to the consoles that listen, as server-sent
 * events named {@code figures}. While a console listens, it asks the totals index every
 * {@link LiveFiguresProperties#pollInterval()} for the figures written since it last
 * asked ({@link TotalDocument#indexedAt()}): what a console shows is what a search finds.
 * <p>
 * A figure becomes searchable some time after the indexer stamps it (the bulk request,
 * then the index's refresh), and the indexer's clock may differ from this one; so each
 * question reaches back {@link LiveFiguresProperties#overlap()} before the previous one,
 * and a figure is sent again only in a newer version (the document's external version,
 * the offset of its record). A question reads a bounded number of figures; a catch-up (a
 * replay, a backfill) that wrote more is read by the next questions from the last figure
 * read on, and the question after the last of them reaches back again.
 * <p>
 * While a recount or a replay counts the figures again (its mark on the rulebook topic,
 * {@link CountingTables.Tables#recounting()}, {@link CountingTables.Tables#replaying()}),
 * the figures it retired are partly counted: each console gets one event named
 * {@code counting} instead of figures, and none until it completes. Then every stream is
 * ended, so that each browser connects again and reads every figure anew, without those
 * the new counting left empty.
 */
@Component
public class LiveFigures implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(LiveFigures.class);

	private static final Duration TIMEOUT = Duration.ofMinutes(30);

	/** Figures read per search request, and sent per event. */
	static final int PAGE = 1000;

	/**
	 * The streams one user holds open at once at most: a console per window, eight
	 * windows. A ninth ends the user's oldest (a window closed is noticed only at the
	 * next write to it), so that no one user holds a writer per window opened.
	 */
	public static final int MAX_PER_USER = 8;

	/**
	 * The pages of figures a console may have waiting at most. A console that does not
	 * read them (a network that stalls, a client that stopped reading but keeps the
	 * connection) is ended with its next page: its browser connects again and reads every
	 * figure anew, rather than showing some figures older than the others.
	 */
	public static final int MAX_WAITING_PAGES = 16;

	/**
	 * Figures read per question at most; the next question goes on from the last. A
	 * question's pages are put in line at once, so a catch-up of many figures (a replay,
	 * a backfill) must not fill a console's line and end its stream: a question reads no
	 * more pages than the fullest line has room for, at most half a line, and at least
	 * one (so that a console that reads nothing still meets its end, and the others their
	 * figures).
	 */
	static final int MAX_PER_POLL = PAGE * MAX_WAITING_PAGES / 2;

	private final List<Listener> listeners = new CopyOnWriteArrayList<>();

	/** The streams each user holds open, oldest first. */
	private final ConcurrentMap<String, Deque<Listener>> byUser = new ConcurrentHashMap<>();

	private final ElasticsearchClient client;

	private final String totals;

	private final LiveFiguresProperties settings;

	/**
	 * Asks on its own thread, so that a slow console never holds up a request; each
	 * console is written to by a thread of its own ({@link Listener}), so that no console
	 * holds up another.
	 */
	private final ScheduledExecutorService poller = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("console-figures").daemon(true).factory());

	/** The version of each figure sent lately, by key; the poller's thread only. */
	private final Map<String, Sent> sent = new HashMap<>();

	/** When the previous round of questions ended; the poller's thread only. */
	private Instant asked;

	/**
	 * Where a round of questions that has not read every figure yet goes on (the sort
	 * values of the last figure read), or null; the poller's thread only.
	 */
	private List<FieldValue> after;

	/** The time the round of questions reads from; the poller's thread only. */
	private Instant since;

	private volatile boolean running;

	/** Where the tables and the marks of a counting under way are read, if anywhere. */
	private final CountingTables tables;

	/** The notice of a counting under way, or null; set by the poller's thread. */
	private volatile Notice counting;

	/** Held while a counting begins or ends, and while a console subscribes. */
	private final Object countingLock = new Object();

	LiveFigures(ElasticsearchClient client, ConsoleProperties properties, LiveFiguresProperties settings,
			ObjectProvider<CountingTables> tables) {
		this.client = client;
		this.totals = properties.indices().totals();
		this.settings = settings;
		this.tables = tables.getIfAvailable();
	}

	/**
	 * A new listener.
	 * @param user who listens
	 * @return the emitter to return from a controller
	 */
	public SseEmitter subscribe(String user) {
		return subscribe(user, new SseEmitter(TIMEOUT.toMillis()));
	}

	/**
	 * A new listener on a given stream.
	 * @param user who listens
	 * @param emitter the stream
	 * @return the stream
	 */
	SseEmitter subscribe(String user, SseEmitter emitter) {
		Deque<Listener> open = this.byUser.computeIfAbsent(user, (name) -> new ArrayDeque<>());
		Listener listener = new Listener(user, emitter);
		Listener oldest = null;
		synchronized (open) {
			open.addLast(listener);
			if (open.size() > MAX_PER_USER) {
				oldest = open.removeFirst();
			}
		}
		Runnable end = () -> end(listener);
		// added and told of a counting under the same lock as a counting begins or ends,
		// so that a console that subscribes meanwhile is told, or ended, with the others
		synchronized (this.countingLock) {
			this.listeners.add(listener);
			Notice notice = this.counting;
			if (notice != null) {
				listener.offer(new Page(COUNTING, notice));
			}
		}
		emitter.onCompletion(end);
		emitter.onTimeout(end);
		emitter.onError((ex) -> end.run());
		listener.start(end);
		if (oldest != null) {
			end(oldest);
		}
		return emitter;
	}

	/**
	 * Forgets a listener and ends its stream once its writer is done with the page it
	 * writes.
	 */
	private void end(Listener listener) {
		listener.end();
		this.listeners.remove(listener);
		Deque<Listener> open = this.byUser.get(listener.user);
		if (open != null) {
			synchronized (open) {
				open.remove(listener);
			}
		}
	}

	/**
	 * How many streams a user holds open.
	 * @param user the user
	 * @return the count
	 */
	public int listenersOf(String user) {
		Deque<Listener> open = this.byUser.get(user);
		if (open == null) {
			return 0;
		}
		synchronized (open) {
			return open.size();
		}
	}

	/**
	 * How many consoles listen.
	 * @return the count
	 */
	public int listeners() {
		return this.listeners.size();
	}

	@Override
	public void start() {
		this.running = true;
		long every = this.settings.pollInterval().toMillis();
		this.poller.scheduleWithFixedDelay(this::pollQuietly, every, every, TimeUnit.MILLISECONDS);
	}

	/**
	 * Ends every stream before the web server's graceful shutdown, which would otherwise
	 * wait for them.
	 */
	@Override
	public void stop() {
		this.running = false;
		this.poller.shutdownNow();
		this.listeners.forEach(Listener::end);
		this.listeners.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void pollQuietly() {
		try {
			poll();
		}
		catch (IOException | RuntimeException ex) {
			// asked again at the next interval, from the same point
			logger.debug("Could not read the figures written lately: {}", ex.toString());
		}
	}

	/**
	 * Sends the figures written since the previous question to every listener; forgets
	 * where it was while nobody listens.
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	void poll() throws IOException {
		if (countingAgain()) {
			return;
		}
		if (this.listeners.isEmpty()) {
			this.asked = null;
			this.after = null;
			this.sent.clear();
			return;
		}
		Instant now = Instant.now();
		if (this.after == null) {
			this.since = stored(((this.asked != null) ? this.asked : now).minus(this.settings.overlap()));
		}
		int room = MAX_WAITING_PAGES;
		for (Listener listener : this.listeners) {
			room = Math.min(room, listener.room());
		}
		Changed changed = changedSince(this.since, this.after, Math.max(PAGE, Math.min(MAX_PER_POLL, room * PAGE)));
		// having read as many as it may at once, the next question goes on after the last
		// figure read: a time would not do, as a catch-up writes more figures to one
		// millisecond than a question reads
		this.after = changed.after();
		if (this.after == null) {
			this.asked = now;
		}
		// a question finds every figure of since's millisecond again: those are kept
		Instant kept = this.since;
		this.sent.values().removeIf((figure) -> figure.indexedAt().isBefore(kept));
		for (int from = 0; from < changed.figures().size(); from += PAGE) {
			send(changed.figures().subList(from, Math.min(from + PAGE, changed.figures().size())));
		}
	}

	/**
	 * Whether a counting is under way: as it begins, every console is told; while it
	 * runs, nothing is read; once it has ended, every stream is ended.
	 */
	private boolean countingAgain() {
		Notice now;
		try {
			now = (this.tables != null) ? this.tables.recent().map(Notice::of).orElse(null) : null;
		}
		catch (TablesUnknownException ex) {
			// a record of the processor's that it does not write: whether the figures are
			// being counted again cannot be told, so none is sent until it is written
			// again
			now = new Notice("unreadable", ex.getMessage());
		}
		if (now != null) {
			synchronized (this.countingLock) {
				// told once, however the mark changes while it runs
				if (this.counting == null) {
					broadcast(new Page(COUNTING, now));
				}
				this.counting = now;
			}
			// read anew from the moment it ends
			this.asked = null;
			this.after = null;
			this.sent.clear();
			return true;
		}
		synchronized (this.countingLock) {
			if (this.counting != null) {
				this.counting = null;
				logger.info("The figures are counted again: every console's stream is ended, to read them anew");
				this.listeners.forEach(this::end);
			}
		}
		return false;
	}

	private Changed changedSince(Instant since, List<FieldValue> start, int most) throws IOException {
		List<TotalDocument> changed = new ArrayList<>();
		// remembered as sent once every page is read: a question that fails midway is
		// asked again from the same point, and its figures are then sent
		Map<String, Sent> marked = new HashMap<>();
		List<FieldValue> after = start;
		int read = 0;
		while (read < most) {
			List<FieldValue> from = after;
			SearchResponse<TotalDocument> response = this.client.search((search) -> {
				search.index(this.totals)
					.query((query) -> query
						.range((range) -> range.date((date) -> date.field("indexedAt").gte(since.toString()))))
					.sort((sort) -> sort.field((field) -> field.field("indexedAt").order(SortOrder.Asc)))
					.sort((sort) -> sort.field((field) -> field.field("key").order(SortOrder.Asc)))
					.version(true)
					.size(PAGE);
				if (from != null) {
					search.searchAfter(from);
				}
				return search;
			}, TotalDocument.class);
			List<Hit<TotalDocument>> hits = response.hits().hits();
			for (Hit<TotalDocument> hit : hits) {
				TotalDocument figure = hit.source();
				if (figure == null || figure.indexedAt() == null) {
					continue;
				}
				long version = (hit.version() != null) ? hit.version() : Long.MAX_VALUE;
				Sent before = marked.getOrDefault(figure.key(), this.sent.get(figure.key()));
				if (before == null || before.version() < version) {
					changed.add(figure);
					marked.put(figure.key(), new Sent(version, stored(figure.indexedAt())));
				}
			}
			read += hits.size();
			if (hits.size() < PAGE) {
				this.sent.putAll(marked);
				return new Changed(changed, null);
			}
			after = hits.get(hits.size() - 1).sort();
		}
		logger.debug("More than {} figures written since {}; the consoles get the rest at the next intervals", most,
				since);
		this.sent.putAll(marked);
		return new Changed(changed, after);
	}

	/**
	 * A time as the index compares it: Elasticsearch keeps a {@code date} to the
	 * millisecond, and finds a figure stamped a few microseconds before the question's
	 * time in the same millisecond; compared finer here, that figure would be forgotten
	 * as sent and sent again.
	 */
	private static Instant stored(Instant time) {
		return time.truncatedTo(ChronoUnit.MILLIS);
	}

	private void send(List<TotalDocument> figures) {
		broadcast(new Page(FIGURES, figures));
	}

	private void broadcast(Page page) {
		for (Listener listener : this.listeners) {
			if (!listener.offer(page)) {
				logger.info("A console of {} has {} pages of figures waiting, unread: its stream is ended",
						listener.user, MAX_WAITING_PAGES);
				end(listener);
			}
		}
	}

	/**
	 * A console's stream and the pages of figures waiting for it, written in order by a
	 * thread of its own: a write blocks while the console does not read, holding up that
	 * console alone. A platform thread, not a virtual one: a virtual thread blocked in
	 * the servlet container's write could hold its carrier on Java 21, and with it every
	 * other console's writer.
	 */
	private static final class Listener {

		/** What a writer takes to mean the stream has ended. */
		private static final Page END = new Page("end", List.of());

		private final String user;

		private final SseEmitter emitter;

		private final BlockingQueue<Page> waiting = new ArrayBlockingQueue<>(MAX_WAITING_PAGES + 1);

		private volatile boolean ended;

		Listener(String user, SseEmitter emitter) {
			this.user = user;
			this.emitter = emitter;
		}

		void start(Runnable onFailure) {
			Thread.ofPlatform().name("console-figures-writer").daemon(true).start(() -> write(onFailure));
		}

		/**
		 * Puts a page in line for the console.
		 * @param page the page
		 * @return false if the console already has {@link #MAX_WAITING_PAGES} waiting
		 */
		boolean offer(Page page) {
			return this.ended || this.waiting.size() < MAX_WAITING_PAGES && this.waiting.offer(page);
		}

		/**
		 * The pages the console may still have put in line.
		 * @return 0 to {@link #MAX_WAITING_PAGES}
		 */
		int room() {
			return Math.max(0, MAX_WAITING_PAGES - this.waiting.size());
		}

		/**
		 * Ends the stream once its writer is done with the page it writes, if any.
		 */
		void end() {
			this.ended = true;
			this.waiting.clear();
			this.waiting.offer(END);
		}

		private void write(Runnable onFailure) {
			try {
				while (!this.ended) {
					Page page = this.waiting.take();
					if (page != END && !this.ended) {
						this.emitter
							.send(SseEmitter.event().name(page.name()).data(page.data(), MediaType.APPLICATION_JSON));
					}
				}
				this.emitter.complete();
			}
			catch (IOException | RuntimeException ex) {
				// the console has gone (or its page could not be written): it is
				// forgotten,
				// and its browser connects again
				onFailure.run();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	/** The name of an event of figures. */
	static final String FIGURES = "figures";

	/** The name of the event that tells a console the figures are being counted again. */
	static final String COUNTING = "counting";

	/**
	 * An event for a console.
	 *
	 * @param name its name
	 * @param data what it carries, written as JSON
	 */
	private record Page(String name, Object data) {

	}

	/**
	 * What a console is told while the figures are being counted again.
	 *
	 * @param by {@code recount}, {@code replay}, {@code indexing} once either has
	 * published what it counted and the figures' indexers have yet to read it, or
	 * {@code unreadable} while a record of the processor's on the rulebook topic is not
	 * one it writes (whether a counting runs cannot be told)
	 * @param mark the mark of where it must get to, as the processor recorded it (for
	 * {@code unreadable}, what is wrong with which record)
	 */
	record Notice(String by, String mark) {

		static Notice of(CountingTables.Tables tables) {
			if (tables.recounting()) {
				return new Notice("recount", tables.recountTo());
			}
			if (tables.replaying()) {
				return new Notice("replay", tables.replayTo());
			}
			return tables.indexingFigures() ? new Notice("indexing", tables.publishedTo()) : null;
		}

	}

	/**
	 * A figure's version sent lately.
	 *
	 * @param version its external version
	 * @param indexedAt when that version was written
	 */
	private record Sent(long version, Instant indexedAt) {

	}

	/**
	 * The figures written since a time, in the order they were written.
	 *
	 * @param figures those not sent yet in their version
	 * @param after the sort values of the last figure read if there were more than one
	 * question reads, else null
	 */
	private record Changed(List<TotalDocument> figures, List<FieldValue> after) {

	}

}
