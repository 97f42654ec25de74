package vn.investledger.console.tables;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Refuses what sums the history's flows to a figure while the figures were counted under
 * other tables than the history was recorded under ({@link CountingTables}): after a
 * recount under a new report calendar or rate table, the events behind a figure
 * ({@code /api/search/totals/events}) and the official releases and their publication
 * would count by the old report months and USD equivalents while {@code /api/totals} and
 * the monthly report count by the new. They answer 409 naming the tables until a replay
 * from the event topics records the history under them. What the old tables did say is
 * still served: a release as first published, and as known at an instant before the
 * figures were counted under the new tables ({@code asOf}). The publications' lists are
 * not refused.
 */
@Configuration(proxyBeanMethods = false)
class HistoryTablesGuard implements WebMvcConfigurer {

	/** The paths that sum the history's flows. */
	static final List<String> GUARDED = List.of("/api/search/totals/events", "/api/search/totals/events/**",
			"/api/releases/*", "/api/releases/*/revisions", "/api/releases/*/zone-board",
			"/api/admin/releases/*/publications", "/api/admin/releases/*/zone-board/publications");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Map<String, String> NAMES = Map.of("calendar", "the report calendar", "rates", "the USD rates",
			"vsic", "the VSIC tables", "provinces", "the provincial units");

	private final CountingTables tables;

	/**
	 * @param tables the tables' record; absent only in a web slice test without Kafka,
	 * where nothing is guarded
	 */
	HistoryTablesGuard(ObjectProvider<CountingTables> tables) {
		this.tables = tables.getIfAvailable();
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		if (this.tables != null) {
			registry.addInterceptor(new Guard()).addPathPatterns(GUARDED);
		}
	}

	private final class Guard implements HandlerInterceptor {

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
				throws IOException {
			CountingTables.Tables now;
			try {
				now = HistoryTablesGuard.this.tables.tables();
			}
			catch (TablesUnknownException ex) {
				refuse(response, HttpStatus.SERVICE_UNAVAILABLE, "The figures' tables cannot be read", ex.getMessage(),
						Map.of());
				return false;
			}
			List<String> differing = now.differing();
			if (differing.isEmpty() || oldTablesAsked(request, now.figuresAt())) {
				return true;
			}
			Map<String, Object> more = new LinkedHashMap<>();
			more.put("tables", differing);
			more.put("figuresCountedFrom", (now.figuresAt() != null) ? now.figuresAt().toString() : null);
			refuse(response, HttpStatus.CONFLICT, "The figures were counted under other tables than their events",
					"The figures were counted again under other tables ("
							+ String.join(", ", differing.stream().map((t) -> NAMES.getOrDefault(t, t)).toList())
							+ ") than those the ledger's history was recorded under: the events behind a figure and"
							+ " the releases would count by the old report months and USD equivalents, and not sum"
							+ " to the figures. A replay from the event topics records the history under the new"
							+ " tables (README, \"Recount\"). A release as first published (vintage=first-published)"
							+ " or as known before " + now.figuresAt() + " (asOf) is answered.",
					more);
			return false;
		}

		/**
		 * Whether a release is asked as the old tables made it: as first published, or as
		 * known before the figures were counted under the new ones.
		 */
		private static boolean oldTablesAsked(HttpServletRequest request, Instant figuresAt) {
			if (!"GET".equals(request.getMethod()) || !request.getRequestURI().startsWith("/api/releases/")
					|| request.getRequestURI().endsWith("/revisions")) {
				return false;
			}
			if ("first-published".equals(request.getParameter("vintage"))) {
				return true;
			}
			String asOf = request.getParameter("asOf");
			if (asOf == null || figuresAt == null) {
				return false;
			}
			try {
				return Instant.parse(asOf).isBefore(figuresAt);
			}
			catch (DateTimeParseException ex) {
				// the release's own check answers 400
				return true;
			}
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

}
