package vn.investledger.console.release.zone;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import vn.investledger.console.release.ReleaseEntry;
import vn.investledger.console.release.ReleaseFold;
import vn.investledger.console.release.zone.ZoneFigures.Land;
import vn.investledger.console.release.zone.ZoneFigures.Part;
import vn.investledger.events.Currency;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Licensed;
import vn.investledger.events.Money;
import vn.investledger.events.ProjectState;
import vn.investledger.events.UsdEquivalent;
import vn.investledger.events.reference.Zone;
import vn.investledger.events.rulebook.Periods;
import vn.investledger.events.rulebook.ReportCalendar;
import vn.investledger.events.rulebook.ProjectLife;
import vn.investledger.events.rulebook.StockParts;
import vn.investledger.index.FlowDocument;

/**
 * Adds up a zone-board release in one pass over the ledger's applied entries, as known at
 * an instant: it holds one project's entries at a time, decides the project's zone from
 * its state at the cut-off (the licence's zone, or the first contribution's), and hands
 * the entries of a project in the scope to the national release's own fold
 * ({@link ReleaseFold}), once for the scope and once for its zone, so the flows, the
 * year-on-year comparison and the stock are counted exactly as the national release
 * counts them. Beside that fold it sums what only this release states: the DDI flows' USD
 * equivalents the ledger recorded with each entry, and the land of the valid projects at
 * the cut-off.
 * <p>
 * Entries must come in project code and revision order, as the history index streams
 * them.
 */
final class ZoneBoardFold {

	/** A DDI flow without a recorded equivalent counts as unconverted. */
	private static final UsdEquivalent UNCONVERTED = new UsdEquivalent(Money.zero(Currency.USD),
			Money.zero(Currency.USD), Money.zero(Currency.USD), Money.zero(Currency.USD), List.of(), 1);

	private final ZoneScope scope;

	private final YearMonth month;

	private final LocalDate cutOff;

	private final Instant asOf;

	private final Set<String> currentPeriods;

	private final Set<String> previousPeriods;

	private final Tally whole;

	private final Map<String, Tally> byZone = new LinkedHashMap<>();

	private final List<ReleaseEntry> project = new ArrayList<>();

	/**
	 * A fold of a month's release for a scope.
	 * @param scope what it covers
	 * @param month the report month
	 * @param calendar the report calendar
	 * @param asOf the instant it is known at, {@code null} for every entry
	 */
	ZoneBoardFold(ZoneScope scope, YearMonth month, ReportCalendar calendar, Instant asOf) {
		this.scope = scope;
		this.month = month;
		this.cutOff = calendar.cutOff(month);
		this.asOf = asOf;
		this.currentPeriods = Set.copyOf(Periods.yearToDate(month));
		this.previousPeriods = Set.copyOf(Periods.yearToDate(month.minusYears(1)));
		this.whole = new Tally(new ReleaseFold(month, calendar, Arrays.asList(asOf), false));
		for (Zone zone : scope.zones()) {
			this.byZone.put(zone.code(), new Tally(new ReleaseFold(month, calendar, Arrays.asList(asOf), false)));
		}
	}

	LocalDate cutOff() {
		return this.cutOff;
	}

	/**
	 * Adds an entry.
	 * @param entry the next entry, in project code and revision order
	 */
	void accept(ReleaseEntry entry) {
		if (entry.effectiveDate().isAfter(this.cutOff) || !entry.knownAt(this.asOf)) {
			return;
		}
		if (!this.project.isEmpty() && !this.project.getFirst().projectCode().equals(entry.projectCode())) {
			closeProject();
		}
		this.project.add(entry);
	}

	/**
	 * The figures.
	 * @return the scope's and each zone's
	 */
	ZoneFigures figures() {
		closeProject();
		Map<String, Part> zones = new LinkedHashMap<>();
		this.byZone.forEach((zone, tally) -> zones.put(zone, tally.part()));
		return new ZoneFigures(this.scope, this.month, this.cutOff, this.asOf, this.whole.part(), zones);
	}

	private void closeProject() {
		if (this.project.isEmpty()) {
			return;
		}
		// the project as known at the cut-off, as the national release's stock folds it
		ProjectLife.Fold fold = new ProjectLife.Fold(this.project.getFirst().projectCode());
		Licensed licence = null;
		for (ReleaseEntry entry : this.project) {
			fold.apply(entry.event(), entry.unit());
			if (entry.event() instanceof Licensed licensed) {
				licence = licensed;
			}
		}
		ProjectState state = fold.state();
		Tally zone = this.scope.covers(state.zoneCode()) ? this.byZone.get(state.zoneCode()) : null;
		if (zone != null) {
			for (ReleaseEntry entry : this.project) {
				this.whole.add(entry);
				zone.add(entry);
			}
			if (StockParts.isInStock(state)) {
				this.whole.land = this.whole.land.plus(licence.landAreaHa());
				zone.land = zone.land.plus(licence.landAreaHa());
			}
		}
		this.project.clear();
	}

	private static boolean countsIn(FlowDocument flow, Set<String> periods) {
		return flow.periods().stream().anyMatch(periods::contains);
	}

	/** A scope's or a zone's sums. */
	private final class Tally {

		private final ReleaseFold fold;

		private UsdEquivalent ddiUsd = UsdEquivalent.zero();

		private UsdEquivalent ddiUsdPrevious = UsdEquivalent.zero();

		private Land land = Land.NONE;

		Tally(ReleaseFold fold) {
			this.fold = fold;
		}

		void add(ReleaseEntry entry) {
			this.fold.accept(entry);
			FlowDocument flow = entry.flow();
			if (flow != null && InvestmentType.DDI.name().equals(flow.investmentType())) {
				UsdEquivalent usd = (flow.usdEquivalent() != null) ? flow.usdEquivalent() : UNCONVERTED;
				if (countsIn(flow, ZoneBoardFold.this.currentPeriods)) {
					this.ddiUsd = this.ddiUsd.plus(usd);
				}
				if (countsIn(flow, ZoneBoardFold.this.previousPeriods)) {
					this.ddiUsdPrevious = this.ddiUsdPrevious.plus(usd);
				}
			}
		}

		Part part() {
			return new Part(this.fold.figures().get(0), this.ddiUsd, this.ddiUsdPrevious, this.land);
		}

	}

}
