package vn.investledger.console.release;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

import vn.investledger.console.release.ReleaseFigures.Figure;
import vn.investledger.console.release.ReleaseFold.LateEvent;
import vn.investledger.console.system.ConsoleProperties;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.rulebook.ReportCalendar;

/**
 * Official releases from the ledger's history: the current one, any vintage (the release
 * as known at an instant: from the entries received at or before it) and the revisions
 * between two vintages with the entries that caused them. One source for all of them, the
 * history index of applied entries, whose receipt times the event topics persist, so a
 * replay of the ledger gives every vintage again. A pass's figures are kept
 * ({@code investledger.releases.cached} of them) and served again while the entries it
 * would read are the same.
 */
@Service
public class Releases {

	/**
	 * The JSON form of a release: the same release gives the same bytes, which a
	 * publication hashes.
	 */
	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
		.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
		.build();

	/**
	 * The meter of the releases' passes: {@code outcome=folded} a pass over the history,
	 * {@code outcome=kept} figures served again from an earlier pass over the same
	 * entries.
	 */
	static final String PASSES = "investledger.releases.passes";

	private final HistoryEntries history;

	private final ReportCalendar calendar;

	private final ReleasesProperties settings;

	private final Turns turns;

	/** {@code null} when none is kept. */
	private final AsyncCache<Kept, Object> folded;

	private final Counter passes;

	private final Counter kept;

	Releases(HistoryEntries history, ConsoleProperties properties, ReleasesProperties settings, MeterRegistry meters) {
		this.history = history;
		this.calendar = properties.calendar();
		this.settings = settings;
		this.turns = new Turns(settings.concurrent(), settings.queueWait());
		this.folded = (settings.cached() > 0) ? Caffeine.newBuilder().maximumSize(settings.cached()).buildAsync()
				: null;
		this.passes = Counter.builder(PASSES)
			.description("Passes over the history a release, a vintage or revisions needed")
			.tag("outcome", "folded")
			.register(meters);
		this.kept = Counter.builder(PASSES)
			.description("Passes over the history a release, a vintage or revisions needed")
			.tag("outcome", "kept")
			.register(meters);
	}

	public ReportCalendar calendar() {
		return this.calendar;
	}

	/**
	 * A release.
	 * @param month the report month
	 * @param type FDI or DDI
	 * @param asOf the instant it is known at, {@code null} for every event indexed now
	 * @param sizes how many lines the rankings name
	 * @return the release
	 * @throws IOException if Elasticsearch cannot be reached
	 * @throws ReleaseBusyException if too many releases are being computed
	 */
	Release release(YearMonth month, InvestmentType type, Instant asOf, Release.Sizes sizes) throws IOException {
		ReleaseFigures figures = fold(month, Arrays.asList(asOf), false).figures().get(0).get(type);
		return ReleaseWriter.write(figures, month, this.calendar, asOf, sizes);
	}

	/**
	 * A release's figures, exact.
	 * @param month the report month
	 * @param type FDI or DDI
	 * @param asOf the instant they are known at, {@code null} for now
	 * @return the figures
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	ReleaseFigures figures(YearMonth month, InvestmentType type, Instant asOf) throws IOException {
		return fold(month, Arrays.asList(asOf), false).figures().get(0).get(type);
	}

	/**
	 * The JSON of a release, as served and as published.
	 * @param release a release
	 * @return UTF-8 JSON
	 */
	public static byte[] json(Object release) {
		return JSON.writeValueAsBytes(release);
	}

	/**
	 * A release read back from its JSON, as a publication keeps it: written again, it
	 * gives the same bytes.
	 * @param json the JSON
	 * @param type the release's type
	 * @param <R> the release's type
	 * @return the release
	 */
	public static <R> R read(byte[] json, Class<R> type) {
		return JSON.readValue(json, type);
	}

	/**
	 * What changed in a release between two vintages, and why.
	 * @param month the report month
	 * @param type FDI or DDI
	 * @param from the earlier instant
	 * @param to the later instant, {@code null} for now
	 * @param published the publication whose instant {@code from} is, when the earlier
	 * side is the release as published: it is then written as published (the
	 * publication's sizes) and must hash to the publication's SHA-256, as the release as
	 * first published must; {@code null} for the release as known at {@code from}
	 * @return every figure that differs, with the entries received in between that
	 * changed it
	 * @throws IOException if Elasticsearch cannot be reached
	 * @throws Vintages.VintageMismatchException if the earlier side is not the release
	 * published
	 */
	Revisions revisions(YearMonth month, InvestmentType type, Instant from, Instant to, Publication published)
			throws IOException {
		Folded fold = fold(month, Arrays.asList(from, to), true);
		List<Map<InvestmentType, ReleaseFigures>> vintages = fold.figures();
		if (published != null) {
			// the earlier side from the same pass, written as the publication wrote it:
			// its tables those the publication keeps (the text may be a later writer's),
			// or, for a record that keeps none, its JSON hashing as published
			Release earlier = ReleaseWriter.write(vintages.get(0).get(type), month, this.calendar, from,
					published.sizes());
			byte[] kept = published.publishedBytes();
			if (kept != null) {
				Vintages.requireKept(published, kept);
				if (!read(kept, Release.class).tables().equals(earlier.tables())) {
					throw new Vintages.VintageMismatchException(published, Vintages.sha256(json(earlier)));
				}
			}
			else {
				Vintages.asPublished(published, earlier);
			}
		}
		SortedMap<String, Figure> before = vintages.get(0).get(type).flat();
		SortedMap<String, Figure> after = vintages.get(1).get(type).flat();
		List<LateEvent> late = fold.late().stream().filter((event) -> event.type() == type).toList();
		ReleaseFold.LateCounts counts = fold.lateCounts().getOrDefault(type, ReleaseFold.LateCounts.NONE);
		List<Revised> revised = new ArrayList<>();
		for (String name : new TreeSet<>(union(before, after))) {
			Figure was = before.getOrDefault(name, zeroLike(after.get(name)));
			Figure is = after.getOrDefault(name, zeroLike(was));
			if (!Objects.equals(was, is)) {
				List<Cause> causes = counts.causes().getOrDefault(name, List.of()).stream().map(Cause::of).toList();
				String[] label = ReleaseWriter.label(name);
				revised.add(new Revised(name, label[0], label[1], shown(was), shown(is), causes,
						counts.byFigure().getOrDefault(name, 0L)));
			}
		}
		return new Revisions(month.toString(), type, this.calendar.cutOff(month), from, to, List.copyOf(revised),
				late.stream().map(Cause::of).toList(), counts.all());
	}

	/**
	 * The figures of a release at each bound, and with {@code causes} the entries
	 * received between the bounds.
	 */
	private Folded fold(YearMonth month, List<Instant> bounds, boolean causes) throws IOException {
		Instant upTo = bounds.contains(null) ? null : bounds.stream().max(Instant::compareTo).orElseThrow();
		return kept(new FoldKey(month, Collections.unmodifiableList(new ArrayList<>(bounds)), causes),
				this.calendar.cutOff(month), upTo, () -> {
					ReleaseFold fold = new ReleaseFold(month, this.calendar, bounds, causes);
					return Fold.of(fold::accept,
							() -> new Folded(List.copyOf(fold.figures().stream().map(Map::copyOf).toList()),
									causes ? List.copyOf(fold.late()) : List.of(),
									causes ? fold.lateCounts() : Map.of()));
				});
	}

	/**
	 * What a fold of the entries a release to a cut-off can count makes: from the kept
	 * results if the same request over the same entries made it already, or is making it
	 * (the snapshot's {@link HistoryEntries.Mark}: identical requests at once share one
	 * pass), else by one pass, in one of the turns every pass takes
	 * ({@code investledger.releases.concurrent}). The result is shared: it must not
	 * change. With {@code investledger.releases.cached} 0, every request is a pass.
	 * @param <T> the result
	 * @param request what is asked, all of it: equal requests over the same entries make
	 * equal results
	 * @param cutOff the last effective date
	 * @param upTo the latest receipt, {@code null} for every entry indexed
	 * @param fold a new fold
	 * @return the result
	 * @throws IOException if Elasticsearch cannot be reached
	 * @throws ReleaseBusyException if too many releases are being computed
	 */
	@SuppressWarnings("unchecked")
	public <T> T kept(Object request, LocalDate cutOff, Instant upTo, Supplier<Fold<T>> fold) throws IOException {
		try (HistoryEntries.Snapshot snapshot = this.history.open(cutOff, upTo)) {
			if (this.folded == null) {
				return pass(snapshot, fold.get());
			}
			Kept key = new Kept(request, snapshot.mark());
			CompletableFuture<Object> mine = new CompletableFuture<>();
			CompletableFuture<Object> earlier = this.folded.asMap().putIfAbsent(key, mine);
			if (earlier != null) {
				// made, or being made by another request: one pass for both
				T result = (T) joined(earlier);
				this.kept.increment();
				return result;
			}
			try {
				T result = pass(snapshot, fold.get());
				mine.complete(result);
				return result;
			}
			catch (Throwable ex) {
				// a failed pass is not kept (the next request makes its own), and whoever
				// waits for it learns why
				mine.completeExceptionally(ex);
				throw ex;
			}
		}
	}

	private <T> T pass(HistoryEntries.Snapshot snapshot, Fold<T> pass) throws IOException {
		try (Turns.Turn turn = this.turns.take(user())) {
			snapshot.each(pass.each());
		}
		this.passes.increment();
		return pass.result().get();
	}

	private static Object joined(CompletableFuture<Object> pass) throws IOException {
		try {
			return pass.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof IOException io) {
				throw io;
			}
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw ex;
		}
	}

	/**
	 * A pass over the entries: what takes each, and what it makes once all are taken.
	 *
	 * @param <T> what it makes
	 * @param each takes each entry, in project code and revision order
	 * @param result what it made
	 */
	public record Fold<T>(Consumer<ReleaseEntry> each, Supplier<T> result) {

		public static <T> Fold<T> of(Consumer<ReleaseEntry> each, Supplier<T> result) {
			return new Fold<>(each, result);
		}

	}

	/**
	 * A request, and the entries it was made of.
	 */
	private record Kept(Object request, HistoryEntries.Mark entries) {

	}

	/**
	 * What a pass of a national release was asked for.
	 */
	private record FoldKey(YearMonth month, List<Instant> bounds, boolean causes) {

	}

	/**
	 * What a pass made: the figures of each type at each bound, and the entries received
	 * between the bounds that changed a figure.
	 */
	private record Folded(List<Map<InvestmentType, ReleaseFigures>> figures, List<LateEvent> late,
			Map<InvestmentType, ReleaseFold.LateCounts> lateCounts) {

	}

	/** Who asks, as signed in on this thread; {@code null} for the console itself. */
	private static String user() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null && authentication.isAuthenticated()) ? authentication.getName() : null;
	}

	private static java.util.Set<String> union(Map<String, Figure> one, Map<String, Figure> other) {
		java.util.Set<String> names = new TreeSet<>(one.keySet());
		names.addAll(other.keySet());
		return names;
	}

	private static Release.Shown shown(Figure figure) {
		return (figure.currency() == null) ? Release.Count.of(figure.value())
				: Release.Amount.of(figure.value(), figure.currency());
	}

	private static Figure zeroLike(Figure figure) {
		return new Figure(0, (figure != null) ? figure.currency() : null);
	}

	/**
	 * The revisions of a release between two vintages.
	 *
	 * @param month the report month
	 * @param type FDI or DDI
	 * @param cutOff its cut-off
	 * @param from the earlier instant
	 * @param to the later one, {@code null} for now
	 * @param figures each figure that differs, by name ({@link ReleaseFigures#flat})
	 * @param events the entries received in between that changed a figure: the first
	 * {@value ReleaseFold#MAX_LATE_KEPT} by project code and revision
	 * @param eventsTotal how many there are in all
	 */
	record Revisions(String month, InvestmentType type, LocalDate cutOff, Instant from, Instant to,
			List<Revised> figures, List<Cause> events, long eventsTotal) {

	}

	/**
	 * A figure that differs between two vintages.
	 *
	 * @param figure its name
	 * @param vi its label in Vietnamese
	 * @param en in English
	 * @param before its value in the earlier vintage
	 * @param after in the later one
	 * @param events the first {@value ReleaseFold#MAX_CAUSES_KEPT} entries received in
	 * between that changed it
	 * @param eventsTotal how many changed it in all
	 */
	record Revised(String figure, String vi, String en, Release.Shown before, Release.Shown after, List<Cause> events,
			long eventsTotal) {

	}

	/**
	 * An applied event received between two vintages.
	 *
	 * @param projectCode the project code
	 * @param revision the revision it holds
	 * @param eventId its event id
	 * @param kind its kind
	 * @param unit the unit whose topic published it
	 * @param effectiveDate when it takes effect
	 * @param receivedAt when it was received
	 * @param figures the figures it changed
	 * @param history the project's history in the search API
	 */
	record Cause(String projectCode, long revision, String eventId, String kind, String unit, LocalDate effectiveDate,
			Instant receivedAt, List<String> figures, String history) {

		static Cause of(LateEvent event) {
			return new Cause(event.projectCode(), event.revision(), event.eventId(), event.kind(), event.unit(),
					event.effectiveDate(), event.receivedAt(), event.figures(),
					"/api/search/projects/by-code/history?code="
							+ URLEncoder.encode(event.projectCode(), StandardCharsets.UTF_8));
		}

	}

	/**
	 * Too many releases are being computed on this instance.
	 */
	public static final class ReleaseBusyException extends RuntimeException {

		ReleaseBusyException(int concurrent) {
			super("This console is computing " + concurrent + " releases, the most it computes at once "
					+ "(investledger.releases.concurrent); try again in a moment");
		}

		ReleaseBusyException(String message) {
			super(message);
		}

	}

}
