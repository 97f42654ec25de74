package vn.investledger.events.rulebook;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import vn.investledger.events.CapitalAdjusted;
import vn.investledger.events.CapitalContributed;
import vn.investledger.events.Disbursed;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Licensed;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Money;
import vn.investledger.events.ProjectState;
import vn.investledger.events.Resumed;
import vn.investledger.events.Sector;
import vn.investledger.events.Suspended;
import vn.investledger.events.Terminated;
import vn.investledger.events.Total;
import vn.investledger.events.UsdEquivalent;

/**
 * The flow each kind of event makes (DOMAIN.md, "Events" and "The figures"), by its
 * effective date:
 * <ul>
 * <li>a licence: one new project and its registered capital;</li>
 * <li>a capital adjustment of a project licensed in an earlier year: its signed change of
 * capital in the adjusted capital, and one adjustment (lượt) if it is an increase — FIA
 * counts "lượt dự án đã cấp phép từ các năm trước đăng ký điều chỉnh vốn đầu tư tăng
 * thêm": projects of earlier years that registered more capital. A decrease lowers the
 * adjusted capital and is not counted as an adjustment;</li>
 * <li>a capital adjustment of a project licensed in the same year: its change goes to the
 * new capital of the adjustment's period, and no adjustment is counted, so the year's new
 * capital is what its new projects are registered for;</li>
 * <li>a contribution or share purchase: one transaction and its value;</li>
 * <li>a disbursement: its realised capital;</li>
 * <li>a suspension, resumption or termination: no flow (flows already counted stay).</li>
 * </ul>
 * A licence and a contribution name their zone, partner country and sector; an adjustment
 * or a disbursement takes them from the project's state, and counts only nationally and
 * by province while the project's licence is unknown (it then counts as a project of an
 * earlier year).
 */
public final class Flows {

	private Flows() {
	}

	/**
	 * The change an event makes to its cell.
	 * @param event an accepted event
	 * @param state the project's state after it
	 * @param rules the report calendar, the reference rates and the VSIC editions
	 * @return the change of its {@link Cell}, holding only this event's amounts and
	 * counts; empty for an event that makes no flow
	 */
	public static Optional<Total> cellOf(LicensingEvent event, ProjectState state, Rules rules) {
		return switch (event) {
			case Licensed licence -> cell(event, licence.investmentType(), licence.zoneCode(), licence.partnerCountry(),
					licence.sector(), event.envelope().effectiveDate(), rules,
					(figure) -> figure.newProjects(1, licence.registeredCapital()));
			case CapitalContributed contribution -> cell(event, contribution.investmentType(), contribution.zoneCode(),
					contribution.investors().get(0).country(), contribution.sector(), event.envelope().effectiveDate(),
					rules, (figure) -> figure.contributions(1, contribution.amount()));
			case CapitalAdjusted adjustment ->
				cell(event, adjustment.investmentType(), state.zoneCode(), state.partnerCountry(), sectorOf(state),
						state.sectorClassifiedOn(), rules, (figure) -> adjustmentOf(adjustment, state, figure));
			case Disbursed disbursement ->
				cell(event, disbursement.investmentType(), state.zoneCode(), state.partnerCountry(), sectorOf(state),
						state.sectorClassifiedOn(), rules, (figure) -> figure.realised(disbursement.amount()));
			case Suspended suspended -> Optional.empty();
			case Resumed resumed -> Optional.empty();
			case Terminated terminated -> Optional.empty();
		};
	}

	/**
	 * How a capital adjustment counts (see the class comment).
	 * @param adjustment the adjustment
	 * @param state the project after it
	 * @param figure the cell's change so far
	 * @return the cell's change with the adjustment's amounts and counts
	 */
	static Total.Builder adjustmentOf(CapitalAdjusted adjustment, ProjectState state, Total.Builder figure) {
		Money change = adjustment.capitalChange();
		if (isSameYear(state.licensedOn(), adjustment.envelope().effectiveDate())) {
			return figure.newProjects(0, change);
		}
		return figure.adjustments((change.minorUnits() > 0) ? 1 : 0, change);
	}

	/**
	 * Whether an adjustment is of a project licensed in its own year.
	 * @param licensedOn the licence's effective date, {@code null} if unknown
	 * @param adjustedOn the adjustment's effective date
	 * @return whether both are in one calendar year
	 */
	static boolean isSameYear(LocalDate licensedOn, LocalDate adjustedOn) {
		return licensedOn != null && licensedOn.getYear() == adjustedOn.getYear();
	}

	/**
	 * A project's sector as its state holds it.
	 * @param state a project's state
	 * @return its sector, {@code null} if none is known
	 */
	static Sector sectorOf(ProjectState state) {
		return (state.sectorSection() != null) ? new Sector(state.sectorSection(), state.sectorCode()) : null;
	}

	private static Optional<Total> cell(LicensingEvent event, InvestmentType type, String zone, String country,
			Sector sector, LocalDate classifiedOn, Rules rules, UnaryOperator<Total.Builder> amounts) {
		String province = event.envelope().provinceCode();
		LocalDate effectiveDate = event.envelope().effectiveDate();
		Map<String, String> dimensions = Cell.dimensions(province, effectiveDate, zone, country, sector, classifiedOn,
				rules.vsic());
		String part = rules.calendar().partOfMonth(effectiveDate).toString();
		Total change = amounts.apply(Total.builder(Cell.CUBOID, dimensions, part, type))
			.newestEventAt(event.envelope().emittedAt())
			.build();
		return Optional.of(change.withUsdEquivalent(UsdEquivalent.of(change, rules.rates().on(effectiveDate))));
	}

	/**
	 * The periods a cell's change counts in.
	 * @param cell a change of one cell, its period the first day of its part of the month
	 * @param calendar the report calendar
	 * @return {@code all}, the year, quarter, month and, if it has one, report month
	 */
	public static List<String> periodsOf(Total cell, ReportCalendar calendar) {
		return calendar.periodsOf(cell.period());
	}

	/**
	 * The changes a cell's sum makes to the figures: one per cuboid it counts in and
	 * period of its part of the month.
	 * @param cell a sum of changes of one cell
	 * @param calendar the report calendar
	 * @return the changes of figures, each holding the cell's amounts and counts
	 */
	public static List<Total> figuresOf(Total cell, ReportCalendar calendar) {
		List<String> periods = periodsOf(cell, calendar);
		List<Total> changes = new ArrayList<>(Cuboid.values().length * periods.size());
		for (Cuboid cuboid : Cuboid.values()) {
			Map<String, String> dimensions = cuboid.dimensionsOf(cell.dimensions());
			if (dimensions != null) {
				for (String period : periods) {
					changes.add(cell.at(cuboid.id(), dimensions, period));
				}
			}
		}
		return changes;
	}

}
