package vn.investledger.console.release;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import vn.investledger.console.release.ReleaseFigures.Dimension;
import vn.investledger.console.release.ReleaseFigures.Line;
import vn.investledger.console.release.ReleaseFigures.StockTally;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Money;
import vn.investledger.events.ProjectState;
import vn.investledger.events.ProjectStatus;
import vn.investledger.events.rulebook.Periods;
import vn.investledger.events.rulebook.ReportCalendar;
import vn.investledger.events.rulebook.ProjectLife;
import vn.investledger.events.rulebook.StateTransitions;
import vn.investledger.events.rulebook.StockParts;
import vn.investledger.index.FlowDocument;

/**
 * Adds up one release's figures from the ledger's applied entries, as known at one or
 * more instants at once, in one pass:
 * <ul>
 * <li>the flows: each entry's recorded flow, in the year to the cut-off if it counts in
 * one of the release's report months ({@code R01} to its own) and in the comparison
 * period if it counts in the same report months a year earlier; the flows are the
 * processor's own ({@code Flows.cellOf}), so they sum to the indexed figures;</li>
 * <li>the stock of valid projects at the cut-off: each project's entries dated on or
 * before the cut-off, folded in revision order through the rulebook's
 * {@link ProjectLife.Fold} and counted by {@link StockParts#isInStock}, as the processor
 * keeps its stock (the highest revision that states the capital wins, and the status is
 * folded in revision order: after a termination only a resumption dated after its end
 * changes it, {@code ProjectLife.foldStatus}).</li>
 * </ul>
 * An entry counts in the vintage of an instant if it was received at or before it. With
 * two instants the fold also names the entries received between them (after the first, at
 * or before the second) and the figures each changed: the causes of the revisions.
 * <p>
 * Entries must come in project code and revision order, so that one project's state is
 * held at a time.
 */
public final class ReleaseFold {

	private final LocalDate cutOff;

	private final Set<String> currentPeriods;

	private final Set<String> previousPeriods;

	/**
	 * The late entries of a type a fold keeps to name (every one is counted): what a
	 * revisions answer lists.
	 */
	static final int MAX_LATE_KEPT = 1_000;

	/** The late entries of a figure a fold keeps to name it by (every one is counted). */
	static final int MAX_CAUSES_KEPT = 20;

	private final List<Instant> bounds;

	private final boolean causes;

	private final List<Map<InvestmentType, Tally>> tallies = new ArrayList<>();

	private final Instant[] newest;

	/**
	 * The late entries kept, at most {@link #MAX_LATE_KEPT} of each type: a vintage far
	 * back (or a backfill after a publication) makes every entry since late.
	 */
	private final List<LateEvent> late = new ArrayList<>();

	/** Per type: every late entry, kept or not. */
	private final Map<InvestmentType, Long> lateCounts = new EnumMap<>(InvestmentType.class);

	/** Per type and figure: the late entries that changed it, kept or not. */
	private final Map<InvestmentType, Map<String, Long>> figureCounts = new EnumMap<>(InvestmentType.class);

	/**
	 * Per type and figure: the first {@value #MAX_CAUSES_KEPT} late entries that changed
	 * it, whether or not among those kept in all.
	 */
	private final Map<InvestmentType, Map<String, List<LateEvent>>> figureCauses = new EnumMap<>(InvestmentType.class);

	private String project;

	private long lastRevision;

	private ProjectLife.Fold[] states;

	private final List<Pending> projectLate = new ArrayList<>();

	/**
	 * A fold of the release of a month.
	 * @param month the release's month
	 * @param calendar the report calendar, for the cut-off
	 * @param bounds the instants, each {@code null} for now (every entry)
	 * @param causes whether to name the entries received between the first instant and
	 * the second (then exactly two)
	 */
	public ReleaseFold(YearMonth month, ReportCalendar calendar, List<Instant> bounds, boolean causes) {
		if (causes && bounds.size() != 2) {
			throw new IllegalArgumentException("The causes of revisions are between two instants");
		}
		this.cutOff = calendar.cutOff(month);
		this.currentPeriods = Set.copyOf(Periods.yearToDate(month));
		this.previousPeriods = Set.copyOf(Periods.yearToDate(month.minusYears(1)));
		this.bounds = Collections.unmodifiableList(new ArrayList<>(bounds));
		this.causes = causes;
		for (int i = 0; i < bounds.size(); i++) {
			Map<InvestmentType, Tally> byType = new EnumMap<>(InvestmentType.class);
			for (InvestmentType type : InvestmentType.values()) {
				byType.put(type, new Tally());
			}
			this.tallies.add(byType);
		}
		this.newest = new Instant[bounds.size()];
	}

	/**
	 * The last day the release counts.
	 * @return the cut-off
	 */
	public LocalDate cutOff() {
		return this.cutOff;
	}

	/**
	 * Adds an entry.
	 * @param entry the next entry, in project code and revision order
	 * @throws IllegalStateException if it is out of that order
	 */
	public void accept(ReleaseEntry entry) {
		if (entry.effectiveDate().isAfter(this.cutOff)) {
			return;
		}
		if (!entry.projectCode().equals(this.project)) {
			if (this.project != null && inIndexOrder(entry.projectCode(), this.project) < 0) {
				throw new IllegalStateException(
						"Entries out of project order: " + entry.projectCode() + " after " + this.project);
			}
			closeProject();
			this.project = entry.projectCode();
			this.states = new ProjectLife.Fold[this.bounds.size()];
			for (int i = 0; i < this.states.length; i++) {
				this.states[i] = new ProjectLife.Fold(entry.projectCode());
			}
		}
		else if (entry.revision() <= this.lastRevision) {
			throw new IllegalStateException("Entries of " + entry.projectCode() + " out of revision order: "
					+ entry.revision() + " after " + this.lastRevision);
		}
		this.lastRevision = entry.revision();
		boolean late = this.causes && isLate(entry);
		StockPart before = late ? StockPart.of(this.states[1].state()) : null;
		for (int i = 0; i < this.bounds.size(); i++) {
			if (entry.knownAt(this.bounds.get(i))) {
				count(i, entry);
			}
		}
		if (late) {
			// the stock figures this entry moved, in the later vintage's fold
			Pending pending = new Pending(entry, new TreeSet<>(),
					StockPart.changed(before, StockPart.of(this.states[1].state())));
			FlowDocument flow = entry.flow();
			if (flow != null) {
				boolean raises = YearToDate.hasContribution(flow) && entry.raisesCharterCapital();
				if (countsIn(flow, this.currentPeriods)) {
					YearToDate.namesChangedBy(flow, "", raises, pending.figures);
					for (Dimension dimension : Dimension.values()) {
						String code = flow.cell().get(dimension.cellKey());
						if (code != null && flow.newProjects() != 0) {
							pending.figures.add(dimension.projects(code));
							pending.figures.add(dimension.plural());
						}
						if (code != null && flow.newCapital().minorUnits() != 0) {
							pending.figures.add(dimension.capital(code));
						}
					}
				}
				if (countsIn(flow, this.previousPeriods)) {
					YearToDate.namesChangedBy(flow, ReleaseFigures.PREVIOUS, raises, pending.figures);
				}
			}
			this.projectLate.add(pending);
		}
	}

	/**
	 * The figures of each instant, by type.
	 * @return one map per instant, in the order given
	 */
	public List<Map<InvestmentType, ReleaseFigures>> figures() {
		closeProject();
		this.project = null;
		List<Map<InvestmentType, ReleaseFigures>> figures = new ArrayList<>();
		for (int i = 0; i < this.bounds.size(); i++) {
			Map<InvestmentType, ReleaseFigures> byType = new EnumMap<>(InvestmentType.class);
			for (Map.Entry<InvestmentType, Tally> tally : this.tallies.get(i).entrySet()) {
				byType.put(tally.getKey(), tally.getValue().figures(tally.getKey(), this.newest[i]));
			}
			figures.add(byType);
		}
		return figures;
	}

	/**
	 * The entries received after the first instant and at or before the second that
	 * changed a figure, with the figures each changed: the first {@value #MAX_LATE_KEPT}
	 * of each type.
	 * @return the late entries kept, in project code and revision order
	 */
	List<LateEvent> late() {
		closeProject();
		this.project = null;
		return List.copyOf(this.late);
	}

	/**
	 * How many entries were late, kept or not, after {@link #late()}.
	 * @return per type: in all, and per figure they changed
	 */
	Map<InvestmentType, LateCounts> lateCounts() {
		Map<InvestmentType, LateCounts> counts = new EnumMap<>(InvestmentType.class);
		this.lateCounts.forEach((type, count) -> {
			Map<String, List<LateEvent>> causes = new HashMap<>();
			this.figureCauses.getOrDefault(type, Map.of())
				.forEach((figure, named) -> causes.put(figure, List.copyOf(named)));
			counts.put(type, new LateCounts(count, Map.copyOf(this.figureCounts.getOrDefault(type, Map.of())),
					Map.copyOf(causes)));
		});
		return counts;
	}

	/**
	 * How many entries were late.
	 *
	 * @param all in all
	 * @param byFigure per figure, those that changed it
	 * @param causes per figure, the first {@value ReleaseFold#MAX_CAUSES_KEPT} that
	 * changed it
	 */
	record LateCounts(long all, Map<String, Long> byFigure, Map<String, List<LateEvent>> causes) {

		static final LateCounts NONE = new LateCounts(0, Map.of(), Map.of());

	}

	private boolean isLate(ReleaseEntry entry) {
		return !entry.knownAt(this.bounds.get(0)) && entry.knownAt(this.bounds.get(1));
	}

	private void count(int vintage, ReleaseEntry entry) {
		this.newest[vintage] = newer(this.newest[vintage], entry.receivedAt());
		FlowDocument flow = entry.flow();
		if (flow != null) {
			Tally tally = this.tallies.get(vintage).get(InvestmentType.valueOf(flow.investmentType()));
			boolean raises = YearToDate.hasContribution(flow) && entry.raisesCharterCapital();
			if (countsIn(flow, this.currentPeriods)) {
				tally.current = tally.current.plus(flow, raises);
				tally.line(tally.byCountry, flow, Dimension.COUNTRY);
				tally.line(tally.byProvince, flow, Dimension.PROVINCE);
				tally.line(tally.bySector, flow, Dimension.SECTOR);
			}
			if (countsIn(flow, this.previousPeriods)) {
				tally.previous = tally.previous.plus(flow, raises);
			}
		}
		else if (makesFlows(entry.event())) {
			InvestmentType type = StateTransitions.typeOf(entry.event());
			this.tallies.get(vintage).get(type).missingFlows++;
		}
		LicensingEvent event = entry.event();
		this.states[vintage].apply(event, entry.unit());
	}

	private void closeProject() {
		if (this.project == null) {
			return;
		}
		StockPart[] parts = new StockPart[this.bounds.size()];
		for (int i = 0; i < this.bounds.size(); i++) {
			parts[i] = StockPart.of(this.states[i].state());
			if (parts[i] != null) {
				Tally tally = this.tallies.get(i).get(parts[i].type);
				tally.stock = tally.stock.plus(parts[i].tally);
			}
		}
		if (this.causes && !this.projectLate.isEmpty()) {
			// the project's stock figures that differ between the vintages, each named on
			// the late entries that moved it; on all of them if none did on its own
			SortedSet<String> stock = StockPart.changed(parts[0], parts[1]);
			boolean named = false;
			for (Pending pending : this.projectLate) {
				pending.stock.retainAll(stock);
				named |= !pending.stock.isEmpty();
			}
			InvestmentType projectType = (this.states[1].state().investmentType() != null)
					? this.states[1].state().investmentType() : this.states[0].state().investmentType();
			for (Pending pending : this.projectLate) {
				pending.figures.addAll(named ? pending.stock : stock);
				if (!pending.figures.isEmpty()) {
					ReleaseEntry entry = pending.entry;
					InvestmentType type = (entry.flow() != null) ? InvestmentType.valueOf(entry.flow().investmentType())
							: projectType;
					long seen = this.lateCounts.merge(type, 1L, Long::sum);
					LateEvent late = new LateEvent(type, entry.projectCode(), entry.revision(), entry.eventId(),
							entry.kind(), entry.unit(), entry.effectiveDate(), entry.receivedAt(),
							List.copyOf(pending.figures));
					Map<String, Long> byFigure = this.figureCounts.computeIfAbsent(type, (t) -> new HashMap<>());
					Map<String, List<LateEvent>> causes = this.figureCauses.computeIfAbsent(type,
							(t) -> new HashMap<>());
					for (String figure : pending.figures) {
						byFigure.merge(figure, 1L, Long::sum);
						List<LateEvent> first = causes.computeIfAbsent(figure, (f) -> new ArrayList<>());
						if (first.size() < MAX_CAUSES_KEPT) {
							first.add(late);
						}
					}
					if (seen <= MAX_LATE_KEPT) {
						this.late.add(late);
					}
				}
			}
		}
		this.projectLate.clear();
		this.lastRevision = 0;
	}

	private static boolean countsIn(FlowDocument flow, Set<String> periods) {
		for (String period : flow.periods()) {
			if (periods.contains(period)) {
				return true;
			}
		}
		return false;
	}

	private static boolean makesFlows(LicensingEvent event) {
		return StateTransitions.typeOf(event) != null;
	}

	private static Instant newer(Instant one, Instant other) {
		return (one == null || other.isAfter(one)) ? other : one;
	}

	/**
	 * An entry received between two vintages, and the figures of the later one it
	 * changed.
	 *
	 * @param type the investment type of its project
	 * @param projectCode the project code
	 * @param revision the revision it holds
	 * @param eventId the event id
	 * @param kind its kind
	 * @param unit the unit whose topic published it
	 * @param effectiveDate when it takes effect
	 * @param receivedAt when it was received
	 * @param figures the names of the figures it changed ({@link ReleaseFigures#flat})
	 */
	record LateEvent(InvestmentType type, String projectCode, long revision, String eventId, String kind, String unit,
			LocalDate effectiveDate, Instant receivedAt, List<String> figures) {

	}

	private record Pending(ReleaseEntry entry, SortedSet<String> figures, SortedSet<String> stock) {

	}

	/** A project's part of the stock, as {@link StockParts} counts it. */
	private record StockPart(InvestmentType type, StockTally tally) {

		static StockPart of(ProjectState state) {
			if (!StockParts.isInStock(state)) {
				return null;
			}
			InvestmentType type = state.investmentType();
			Money realised = (state.realisedCapital() != null) ? state.realisedCapital() : Money.zero(type.currency());
			if (state.registeredCapital().currency() != type.currency() || realised.currency() != type.currency()) {
				throw new IllegalStateException("Project " + state.projectCode() + " is " + type + " but holds "
						+ state.registeredCapital() + " registered and " + realised + " realised");
			}
			return new StockPart(type, new StockTally(1, (state.status() == ProjectStatus.SUSPENDED) ? 1 : 0,
					state.registeredCapital().minorUnits(), realised.minorUnits()));
		}

		/** The names of the stock figures that differ between two parts. */
		static SortedSet<String> changed(StockPart before, StockPart after) {
			SortedSet<String> names = new TreeSet<>();
			StockTally from = (before != null) ? before.tally : StockTally.ZERO;
			StockTally to = (after != null) ? after.tally : StockTally.ZERO;
			boolean moved = before != null && after != null && before.type != after.type;
			if (moved || from.validProjects() != to.validProjects()) {
				names.add("stock.valid");
			}
			if (moved || from.suspendedProjects() != to.suspendedProjects()) {
				names.add("stock.suspended");
			}
			if (moved || from.registeredCapital() != to.registeredCapital()) {
				names.add("stock.registered.capital");
			}
			if (moved || from.realisedCapital() != to.realisedCapital()) {
				names.add("stock.realised.capital");
			}
			return names;
		}

	}

	/** One type's sums in one vintage. */
	private static final class Tally {

		YearToDate current = YearToDate.ZERO;

		YearToDate previous = YearToDate.ZERO;

		final Map<String, Line> byCountry = new TreeMap<>();

		final Map<String, Line> byProvince = new TreeMap<>();

		final Map<String, Line> bySector = new TreeMap<>();

		StockTally stock = StockTally.ZERO;

		long missingFlows;

		void line(Map<String, Line> lines, FlowDocument flow, Dimension dimension) {
			String code = flow.cell().get(dimension.cellKey());
			if (code != null && (flow.newProjects() != 0 || flow.newCapital().minorUnits() != 0)) {
				lines.merge(code, Line.ZERO.plus(flow), (line, more) -> line.plus(flow));
			}
		}

		ReleaseFigures figures(InvestmentType type, Instant newest) {
			return new ReleaseFigures(type, this.current, this.previous, new TreeMap<>(this.byCountry),
					new TreeMap<>(this.byProvince), new TreeMap<>(this.bySector), this.stock, newest,
					this.missingFlows);
		}

	}

	/**
	 * Two project codes in the order the history index sorts them: by code point, as
	 * Elasticsearch orders a keyword's UTF-8 bytes. {@link String#compareTo} orders
	 * UTF-16 units, which differ for characters beyond U+FFFF: a province's codes
	 * {@code X０} (U+FF10) and {@code X𠮷} (U+20BB7) came in index order and were taken
	 * for entries out of order, failing every release.
	 * @param a a code
	 * @param b another
	 * @return negative, zero or positive as {@code a} sorts before, with or after
	 * {@code b}
	 */
	static int inIndexOrder(String a, String b) {
		int i = 0;
		int j = 0;
		while (i < a.length() && j < b.length()) {
			int ca = a.codePointAt(i);
			int cb = b.codePointAt(j);
			if (ca != cb) {
				return Integer.compare(ca, cb);
			}
			i += Character.charCount(ca);
			j += Character.charCount(cb);
		}
		return Integer.compare(a.length() - i, b.length() - j);
	}

}
