package vn.investledger.console.tables;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import vn.investledger.console.system.ConsoleProperties;
import vn.investledger.events.reference.TableFingerprint;

/**
 * Refuses what sums the history's flows to a figure while the figures were counted under
 * other tables than the history holds its entries under ({@link CountingTables}): after a
 * recount under a new report calendar or rate table, the entries applied before it keep
 * the old report months and USD equivalents and those applied since get the new ones,
 * while {@code /api/totals} and the monthly report count every event by the new. The
 * events behind a figure ({@code /api/search/totals/events}), the official releases as
 * they stand or as known at an instant, their revisions and a new publication answer 409
 * naming the tables until a replay from the event topics records the history under them.
 * A release as first published is served (checked against its SHA-256), and the
 * publications' lists are not refused.
 */
@Configuration(proxyBeanMethods = false)
class HistoryTablesGuard implements WebMvcConfigurer {

	/** The paths that sum the history's flows. */
	static final List<String> GUARDED = List.of("/api/search/totals/events", "/api/search/totals/events/**",
			"/api/releases/*", "/api/releases/*/revisions", "/api/releases/*/zone-board",
			"/api/admin/releases/*/publications", "/api/admin/releases/*/zone-board/publications");

	/** The handlers of a release as a whole, which serve it as first published. */
	private static final Set<String> FIRST_PUBLISHED_HANDLERS = Set.of("ReleaseController.release",
			"ZoneReleaseController.data", "ZoneReleaseController.file");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Map<String, String> NAMES = Map.of("calendar", "the report calendar", "rates", "the USD rates",
			"vsic", "the VSIC tables", "provinces", "the provincial units", "counting", "the counting rules");

	/**
	 * The paths that take report months from the console's own report calendar: the
	 * monthly report (its cut-off dates, which months are closed) and the releases.
	 */
	static final List<String> CALENDAR_GUARDED = List.of("/api/reports/monthly", "/api/reports/monthly/**",
			"/api/releases/*", "/api/releases/*/revisions", "/api/releases/*/zone-board",
			"/api/admin/releases/*/publications", "/api/admin/releases/*/zone-board/publications");

	/**
	 * The paths that answer from the figures' indices: while a recount has not completed,
	 * the figures it retired are partly counted again.
	 */
	static final List<String> FIGURES = List.of("/api/search/totals", "/api/search/totals/list",
			"/api/search/totals/series", "/api/search/totals/provinces/*", "/api/search/stock",
			"/api/search/stock/list", "/api/reports/monthly", "/api/reports/monthly/**", "/api/console/years");

	/** How long a client waits before asking again while a recount runs. */
	static final int RECOUNT_RETRY_SECONDS = 30;

	private final CountingTables tables;

	private final String calendar;

	/** The application id of the processor the console reads. */
	private final String processor;

	/**
	 * @param tables the tables' record; absent only in a web slice test without Kafka,
	 * where nothing is guarded
	 * @param properties the console's settings, its report calendar among them
	 */
	HistoryTablesGuard(ObjectProvider<CountingTables> tables, ObjectProvider<ConsoleProperties> properties) {
		this.tables = tables.getIfAvailable();
		ConsoleProperties settings = properties.getIfAvailable();
		this.calendar = (settings != null) ? TableFingerprint.of(settings.calendar().rows()) : null;
		this.processor = (settings != null) ? settings.processorGroup() : null;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		if (this.tables != null && this.calendar != null) {
			registry.addInterceptor(new CalendarGuard()).addPathPatterns(CALENDAR_GUARDED);
			registry.addInterceptor(new Guard()).addPathPatterns(GUARDED);
			registry.addInterceptor(new ProcessorGuard()).addPathPatterns(FIGURES).addPathPatterns(GUARDED);
			registry.addInterceptor(new RecountGuard()).addPathPatterns(FIGURES);
			registry.addInterceptor(new ReplayHistoryGuard()).addPathPatterns(GUARDED);
		}
	}

	/**
	 * Refuses the pages that take report months from the console's report calendar while
	 * it is another than the one the figures were counted under: the monthly report would
	 * print cut-off dates its figures do not stop at, and call a month closed whose last
	 * report month is still counting, or not one that is.
	 */
	private final class CalendarGuard implements HandlerInterceptor {

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
				throws IOException {
			CountingTables.Tables now = tablesOrRefuse(response);
			if (now == null) {
				return false;
			}
			String counted = (now.figures() != null) ? now.figures().get("calendar") : null;
			if (counted == null || counted.equals(HistoryTablesGuard.this.calendar)) {
				return true;
			}
			refuse(response, HttpStatus.CONFLICT, "The console's report calendar is not the figures'",
					"The console reads another report calendar (investledger.report-calendar, fingerprint "
							+ HistoryTablesGuard.this.calendar + ") than the one the processor counts the figures"
							+ " under (" + counted + "): a report's cut-off dates and closed months would not be"
							+ " those of its figures. Give the console the processor's calendar file.",
					Map.of("tables", List.of("calendar")));
			return false;
		}

	}

	/**
	 * Refuses the figures while a recount has not completed: it retired every figure (a
	 * tombstone per key) before counting them again from the ledger's decisions, so until
	 * its end they lack events and would read as smaller than they are, with a recent
	 * time. Stopped before its end, it leaves its mark until it is run again, and the
	 * figures stay refused: 503 with {@code Retry-After}, naming the mark. Not the live
	 * figures' stream, which a browser would not open again after a refusal.
	 */
	private final class RecountGuard implements HandlerInterceptor {

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
				throws IOException {
			// the figures do not wait on Kafka: the tables last read, and if none can be
			// read, the figures are answered as before a recount could be told (but not
			// once the topic was read and a record of the processor's is not one it
			// writes)
			Optional<CountingTables.Tables> now = recentOrRefuse(response);
			if (now == null) {
				return false;
			}
			if (now.isEmpty() || (!now.get().recounting() && !now.get().replaying() && !now.get().indexingFigures())) {
				return true;
			}
			if (!now.get().recounting() && !now.get().replaying()) {
				refuseWhileCounting(response, "The figures counted again are being indexed",
						"The last replay or recount has published every figure it counted, and the figures'"
								+ " indexers have yet to read them all (" + behind(now.get())
								+ "): until they have, the figures' indices lack some of them and would read as"
								+ " smaller than they are. Ask again in a moment; an indexer that is stopped holds"
								+ " this until it runs again.",
						Map.of("publishedTo", now.get().publishedTo(), "indexersBehind", now.get().indexersBehind()));
				return false;
			}
			if (!now.get().recounting()) {
				refuseWhileCounting(response, "The figures are being counted again",
						"A replay of the event topics has begun and its figures are not all counted yet (the"
								+ " processor's replay-to mark on its rulebook topic is set): until they are, the"
								+ " figures lack events and would read as smaller than they are. Ask again once it"
								+ " completes; a replay stopped before its end is gone on with by the next instance"
								+ " of the processor that starts (README, \"Replay\"). The events behind a figure,"
								+ " the projects and the releases, read from the ledger's history, are answered.",
						Map.of("replayTo", now.get().replayTo()));
				return false;
			}
			refuseWhileCounting(response, "The figures are being counted again",
					"A recount of the figures from the ledger's decisions has begun and not completed (the"
							+ " processor's recount-to mark on its rulebook topic is set): until it completes, the"
							+ " figures lack events and would read as smaller than they are. Ask again once it"
							+ " completes; a recount stopped before its end is run again by the operators (README,"
							+ " \"Recount\"). The events behind a figure, the projects and the releases, read from"
							+ " the ledger's history, are answered.",
					Map.of("recountTo", now.get().recountTo()));
			return false;
		}

	}

	/**
	 * Refuses the figures and what sums the history while the rulebook topic records the
	 * tables of other applications and none of the processor the console reads (a
	 * processor started under another application id): none of the guards here could tell
	 * a recount, a replay or other tables, so the figures would be answered unguarded. A
	 * deployment where no processor has counted yet has no record at all, and is
	 * answered.
	 */
	private final class ProcessorGuard implements HandlerInterceptor {

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
				throws IOException {
			Optional<CountingTables.Tables> now = recentOrRefuse(response);
			if (now == null) {
				return false;
			}
			if (now.isEmpty() || !now.get().anotherProcessor()) {
				return true;
			}
			refuse(response, HttpStatus.SERVICE_UNAVAILABLE, "The console reads no processor's record",
					"The rulebook topic records the tables of " + String.join(", ", now.get().otherProcessors())
							+ " but none of " + HistoryTablesGuard.this.processor
							+ ", the processor this console reads (its application id is <prefix>-stream-processor):"
							+ " it could not tell whether the figures are being counted again or under other tables."
							+ " Run the processor with the application id the console reads.",
					Map.of("processors", now.get().otherProcessors()));
			return false;
		}

	}

	/**
	 * Refuses what sums the history's flows while a replay from the event topics has not
	 * counted every figure: it writes the ledger's history again from its own decisions,
	 * and the indexer deletes the entries of the counting before it, so until its end the
	 * events behind a figure and the releases lack events, as the figures do. A
	 * publication made then would keep a release short of them. A release as first
	 * published is served as it was kept.
	 */
	private final class ReplayHistoryGuard implements HandlerInterceptor {

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
				throws IOException {
			Optional<CountingTables.Tables> now = recentOrRefuse(response);
			if (now == null) {
				return false;
			}
			if (now.isEmpty() || (!now.get().replaying() && !now.get().indexingHistory())
					|| Guard.firstPublishedAsked(request, handler)) {
				return true;
			}
			if (!now.get().replaying()) {
				refuseWhileCounting(response, "The ledger's history written again is being indexed",
						"The last replay has published the ledger's history it wrote again, and the history's"
								+ " indexer has yet to read it all (" + behind(now.get()) + "): until it has, the"
								+ " events behind a figure and the releases lack some of it. Ask again in a moment;"
								+ " a release as first published (vintage=first-published) is served.",
						Map.of("publishedTo", now.get().publishedTo(), "indexersBehind", now.get().indexersBehind()));
				return false;
			}
			refuseWhileCounting(response, "The ledger's history is being written again",
					"A replay of the event topics has begun and its figures are not all counted yet (the"
							+ " processor's replay-to mark on its rulebook topic is set): the ledger's history is"
							+ " written again from the replay's decisions, so until it completes the events behind"
							+ " a figure and the releases lack events. Ask again once it completes; a release as"
							+ " first published (vintage=first-published) is served.",
					Map.of("replayTo", now.get().replayTo()));
			return false;
		}

	}

	private final class Guard implements HandlerInterceptor {

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
				throws IOException {
			CountingTables.Tables now = tablesOrRefuse(response);
			if (now == null) {
				return false;
			}
			List<String> differing = now.differing();
			if (differing.isEmpty() || firstPublishedAsked(request, handler)) {
				return true;
			}
			Map<String, Object> more = new LinkedHashMap<>();
			more.put("tables", differing);
			more.put("figuresCountedFrom", (now.figuresAt() != null) ? now.figuresAt().toString() : null);
			refuse(response, HttpStatus.CONFLICT, "The figures were counted under other tables than their events",
					"The figures were counted again under other tables ("
							+ String.join(", ", differing.stream().map((t) -> NAMES.getOrDefault(t, t)).toList())
							+ ") than the ledger's history holds its events under (those applied before the recount"
							+ " under the old tables, those applied since under the new): the events behind a"
							+ " figure and the releases would not sum to the figures. A replay from the event topics"
							+ " records the history under the figures' tables (README, \"Recount\"). A release as"
							+ " first published (vintage=first-published), checked against its SHA-256, is answered.",
					more);
			return false;
		}

		/**
		 * Whether a release is asked as first published: the JSON its publication keeps
		 * (or, for a record that keeps none, regenerated from the entries received before
		 * its publication), checked against the SHA-256 it was published with, it is what
		 * the tables of its day said, or a 409 of its own. Decided by the handler, not by
		 * the path's text.
		 */
		private static boolean firstPublishedAsked(HttpServletRequest request, Object handler) {
			if (!(handler instanceof HandlerMethod method) || !"GET".equals(request.getMethod())
					|| !"first-published".equals(request.getParameter("vintage"))) {
				return false;
			}
			String name = method.getBeanType().getSimpleName() + "." + method.getMethod().getName();
			return FIRST_PUBLISHED_HANDLERS.contains(name);
		}

	}

	/**
	 * The tables as recorded, or {@code null} once the request is answered 503 because
	 * they cannot be read.
	 */
	private CountingTables.Tables tablesOrRefuse(HttpServletResponse response) throws IOException {
		try {
			return this.tables.tables();
		}
		catch (TablesUnknownException ex) {
			refuse(response, HttpStatus.SERVICE_UNAVAILABLE, "The figures' tables cannot be read", ex.getMessage(),
					Map.of());
			return null;
		}
	}

	/**
	 * The tables without waiting on a read another request began
	 * ({@link CountingTables#recent()}): empty if the topic cannot be read, or
	 * {@code null} once the request is answered 503 because one of the processor's
	 * records on it is not one it writes (nothing it guards can be told until it is
	 * written again).
	 */
	private Optional<CountingTables.Tables> recentOrRefuse(HttpServletResponse response) throws IOException {
		try {
			return this.tables.recent();
		}
		catch (TablesUnknownException ex) {
			refuse(response, HttpStatus.SERVICE_UNAVAILABLE, "The figures' tables cannot be read", ex.getMessage(),
					Map.of());
			return null;
		}
	}

	/** How far the indexers are behind, in words. */
	private static String behind(CountingTables.Tables tables) {
		return String.join(", ",
				tables.indexersBehind()
					.entrySet()
					.stream()
					.map((kind) -> "the " + kind.getKey() + " indexer "
							+ ((kind.getValue() == CountingTables.UNKNOWN) ? "cannot be asked how far it has read"
									: (kind.getValue() == 0) ? "has read everything, its index refreshing"
											: kind.getValue() + " records"))
					.toList());
	}

	/**
	 * A 503 while the figures are being counted again, saying when to ask again.
	 */
	private static void refuseWhileCounting(HttpServletResponse response, String title, String detail,
			Map<String, Object> more) throws IOException {
		response.setHeader("Retry-After", Integer.toString(RECOUNT_RETRY_SECONDS));
		refuse(response, HttpStatus.SERVICE_UNAVAILABLE, title, detail, more);
	}

	private static void refuse(HttpServletResponse response, HttpStatus status, String title, String detail,
			Map<String, Object> more) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", title);
		problem.put("status", status.value());
		problem.put("detail", detail);
		problem.putAll(more);
		response.setStatus(status.value());
		response.setContentType("application/problem+json");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getOutputStream().write(JSON.writeValueAsBytes(problem));
	}

}
