package vn.investledger.console.release.zone;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import vn.investledger.console.release.DisplayRule;
import vn.investledger.console.release.DisplayRule.Language;
import vn.investledger.console.release.Release.Amount;
import vn.investledger.console.release.Release.Change;
import vn.investledger.console.release.Release.Count;
import vn.investledger.console.release.Release.Paragraph;
import vn.investledger.console.release.Release.Share;
import vn.investledger.console.release.Release.Shown;
import vn.investledger.console.release.ReleaseFigures;
import vn.investledger.console.release.ReleaseFigures.StockTally;
import vn.investledger.console.release.ReleaseWriter;
import vn.investledger.console.release.YearToDate;
import vn.investledger.console.release.zone.ZoneFigures.Part;
import vn.investledger.console.release.zone.ZoneRelease.Conversion;
import vn.investledger.console.release.zone.ZoneRelease.Denominator;
import vn.investledger.console.release.zone.ZoneRelease.Header;
import vn.investledger.console.release.zone.ZoneRelease.Hectares;
import vn.investledger.console.release.zone.ZoneRelease.Occupancy;
import vn.investledger.console.release.zone.ZoneRelease.OccupancyTotal;
import vn.investledger.console.release.zone.ZoneRelease.Progress;
import vn.investledger.console.release.zone.ZoneRelease.Scope;
import vn.investledger.console.release.zone.ZoneRelease.Side;
import vn.investledger.console.release.zone.ZoneRelease.SideBySide;
import vn.investledger.console.release.zone.ZoneRelease.StockLine;
import vn.investledger.console.release.zone.ZoneRelease.Tables;
import vn.investledger.console.release.zone.ZoneRelease.Target;
import vn.investledger.console.release.zone.ZoneRelease.ZoneLine;
import vn.investledger.console.release.zone.ZoneRelease.ZoneName;
import vn.investledger.console.release.zone.ZoneRelease.ZoneOccupancy;
import vn.investledger.events.Currency;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Money;
import vn.investledger.events.UsdEquivalent;
import vn.investledger.events.reference.IndustrialLand;
import vn.investledger.events.reference.IndustrialLandArea;
import vn.investledger.events.reference.InvestmentTarget;
import vn.investledger.events.reference.InvestmentTargets;
import vn.investledger.events.reference.Zone;
import vn.investledger.events.reference.ZoneType;
import vn.investledger.events.rulebook.ReportCalendar;

/**
 * Writes a zone-board release from its exact figures: the tables first, then the text
 * from the tables' own numbers, each written by the national release's
 * {@link DisplayRule} and each change on a year earlier worded by its
 * {@link ReleaseWriter#change}. The wording follows the zone boards' releases: FDI in
 * triệu or tỷ USD beside DDI in tỷ đồng "(tương đương … triệu USD)", "đạt …% kế hoạch
 * năm", "tỷ lệ lấp đầy".
 */
final class ZoneReleaseWriter {

	static final String INDUSTRIAL_LAND = "industrial-land";

	private static final Currency USD = Currency.USD;

	private static final Currency VND = Currency.VND;

	private ZoneReleaseWriter() {
	}

	/**
	 * The release.
	 * @param figures its figures
	 * @param calendar the report calendar
	 * @param targets the provinces' targets
	 * @param land the zones' industrial land
	 * @return the release
	 */
	static ZoneRelease write(ZoneFigures figures, ReportCalendar calendar, InvestmentTargets targets,
			IndustrialLand land) {
		YearMonth month = figures.month();
		YearMonth earlier = month.minusYears(1);
		Part whole = figures.whole();
		Scope scope = scope(figures.scope());
		Header header = new Header(month.toString(), scope, LocalDate.of(month.getYear(), 1, 1), figures.cutOff(),
				LocalDate.of(earlier.getYear(), 1, 1), calendar.cutOff(earlier), figures.asOf(),
				newer(whole.fdi().newestReceivedAt(), whole.ddi().newestReceivedAt()),
				Math.addExact(whole.fdi().missingFlows(), whole.ddi().missingFlows()));
		List<SideBySide> yearOnYear = yearOnYear(whole);
		Conversion usd = conversion(whole);
		long totalUsd = Math.addExact(whole.fdi().current().registeredCapital(),
				whole.ddiUsd().registeredCapital().minorUnits());
		Progress progress = progress(figures.scope(), month.getYear(), figures.cutOff(), targets,
				whole.fdi().current().registeredCapital(), whole.ddi().current().registeredCapital(), totalUsd,
				whole.ddiUsd().unconvertedEvents());
		Occupancy occupancy = occupancy(figures, land);
		List<ZoneLine> zones = new ArrayList<>();
		for (Zone zone : figures.scope().zones()) {
			Part part = figures.byZone().get(zone.code());
			long ddiUsd = part.ddiUsd().registeredCapital().minorUnits();
			zones.add(new ZoneLine(zone.code(), zone.name(), zone.type(), Count.of(part.fdi().current().newProjects()),
					Amount.of(part.fdi().current().registeredCapital(), USD),
					Count.of(part.ddi().current().newProjects()),
					Amount.of(part.ddi().current().registeredCapital(), VND), Amount.of(ddiUsd, USD),
					Amount.of(Math.addExact(part.fdi().current().registeredCapital(), ddiUsd), USD),
					Count.of(Math.addExact(part.fdi().stock().validProjects(), part.ddi().stock().validProjects()))));
		}
		List<StockLine> stock = List.of(stockLine(whole.fdi(), figures.cutOff()),
				stockLine(whole.ddi(), figures.cutOff()));
		Tables tables = new Tables(yearOnYear, usd, progress, occupancy, List.copyOf(zones), stock);
		return new ZoneRelease(header, tables, new Text(header, tables).paragraphs());
	}

	private static Scope scope(ZoneScope scope) {
		List<ZoneName> zones = scope.zones().stream().map(ZoneReleaseWriter::name).toList();
		List<ZoneName> excluded = scope.excluded().stream().map(ZoneReleaseWriter::name).toList();
		String provinceName = ZoneScope.unitName(scope.province());
		if (ZoneScope.ZONE.equals(scope.kind())) {
			return new Scope(scope.kind(), scope.code(), scope.name(), scope.province(), provinceName, zones, excluded,
					scope.name() + " (" + provinceName + ")", scope.name() + " (" + provinceName + ")");
		}
		boolean merged = scope.zones().stream().anyMatch((zone) -> !zone.provinceCode().equals(scope.code()));
		String vi = DisplayRule.count(zones.size(), Language.VI) + " khu kinh tế, khu công nghiệp của " + scope.name()
				+ (merged ? " (đơn vị hành chính hiện nay, gồm các khu của tỉnh đã hợp nhất vào)" : "")
				+ (excluded.isEmpty() ? "" : ", không gồm " + DisplayRule.count(excluded.size(), Language.VI)
						+ " cụm công nghiệp do Sở cấp phép");
		String en = DisplayRule.count(zones.size(), Language.EN) + " economic and industrial zones of " + scope.name()
				+ (merged ? " (today's unit, with the zones of the province merged into it)" : "")
				+ (excluded.isEmpty() ? "" : ", leaving out " + DisplayRule.count(excluded.size(), Language.EN)
						+ " industrial clusters licensed by the province's department");
		return new Scope(scope.kind(), scope.code(), scope.name(), scope.province(), provinceName, zones, excluded, vi,
				en);
	}

	private static ZoneName name(Zone zone) {
		return new ZoneName(zone.code(), zone.name(), zone.type());
	}

	/** The rows, as the national release names its figures. */
	private static List<SideBySide> yearOnYear(Part whole) {
		List<SideBySide> rows = new ArrayList<>();
		rows.add(money(whole, "registered.capital", "Tổng vốn đăng ký (cấp mới, điều chỉnh, góp vốn)",
				"Total registered capital (new, adjusted, contributed)", YearToDate::registeredCapital,
				UsdEquivalent::registeredCapital, "vốn đăng ký", "registered capital"));
		rows.add(count(whole, "new.projects", "Số dự án cấp mới", "New projects", YearToDate::newProjects,
				"dự án cấp mới", "newly licensed projects"));
		rows.add(money(whole, "new.capital", "Vốn đăng ký cấp mới", "New registered capital", YearToDate::newCapital,
				UsdEquivalent::newCapital, "vốn đăng ký cấp mới", "new registered capital"));
		rows.add(count(whole, "adjustments", "Số lượt điều chỉnh tăng vốn (dự án cấp phép từ các năm trước)",
				"Capital increases of projects licensed in earlier years", YearToDate::adjustments,
				"lượt điều chỉnh vốn", "capital increases"));
		rows.add(money(whole, "adjusted.capital", "Vốn đăng ký điều chỉnh (tăng trừ giảm)",
				"Adjusted capital (increases net of decreases)", YearToDate::adjustedCapital,
				UsdEquivalent::adjustedCapital, "vốn đăng ký điều chỉnh", "adjusted capital"));
		rows.add(count(whole, "contributions", "Số lượt góp vốn, mua cổ phần", "Contributions and share purchases",
				YearToDate::contributions, "lượt góp vốn, mua cổ phần", "contributions or share purchases"));
		rows.add(money(whole, "contribution.capital", "Giá trị góp vốn, mua cổ phần",
				"Value of contributions and share purchases", YearToDate::contributionCapital,
				UsdEquivalent::contributionCapital, "giá trị góp vốn, mua cổ phần",
				"contributions or share purchases"));
		rows.add(money(whole, "realised.capital", "Vốn thực hiện (ước đạt)", "Realised capital (estimate)",
				YearToDate::realisedCapital, UsdEquivalent::realisedCapital, "vốn thực hiện", "realised capital"));
		return List.copyOf(rows);
	}

	private static SideBySide count(Part whole, String figure, String vi, String en, ToLongFunction<YearToDate> of,
			String nounVi, String nounEn) {
		long fdi = of.applyAsLong(whole.fdi().current());
		long fdiBefore = of.applyAsLong(whole.fdi().previous());
		long ddi = of.applyAsLong(whole.ddi().current());
		long ddiBefore = of.applyAsLong(whole.ddi().previous());
		return new SideBySide(figure, vi, en, countSide(fdi, fdiBefore, nounVi, nounEn),
				countSide(ddi, ddiBefore, nounVi, nounEn), null,
				countSide(Math.addExact(fdi, ddi), Math.addExact(fdiBefore, ddiBefore), nounVi, nounEn));
	}

	private static SideBySide money(Part whole, String figure, String vi, String en, ToLongFunction<YearToDate> of,
			Function<UsdEquivalent, Money> usd, String nounVi, String nounEn) {
		long fdi = of.applyAsLong(whole.fdi().current());
		long fdiBefore = of.applyAsLong(whole.fdi().previous());
		long ddiUsd = usd.apply(whole.ddiUsd()).minorUnits();
		long ddiUsdBefore = usd.apply(whole.ddiUsdPrevious()).minorUnits();
		return new SideBySide(figure, vi, en, moneySide(fdi, fdiBefore, USD, nounVi, nounEn),
				moneySide(of.applyAsLong(whole.ddi().current()), of.applyAsLong(whole.ddi().previous()), VND, nounVi,
						nounEn),
				moneySide(ddiUsd, ddiUsdBefore, USD, nounVi, nounEn),
				moneySide(Math.addExact(fdi, ddiUsd), Math.addExact(fdiBefore, ddiUsdBefore), USD, nounVi, nounEn));
	}

	private static Side countSide(long current, long previous, String nounVi, String nounEn) {
		Count was = Count.of(previous);
		return new Side(Count.of(current), was, ReleaseWriter.change(current, previous, was, nounVi, nounEn));
	}

	private static Side moneySide(long current, long previous, Currency currency, String nounVi, String nounEn) {
		Amount was = Amount.of(previous, currency);
		return new Side(Amount.of(current, currency), was,
				ReleaseWriter.change(current, previous, was, nounVi, nounEn));
	}

	private static Conversion conversion(Part whole) {
		TreeSet<String> rates = new TreeSet<>(whole.ddiUsd().rates());
		rates.addAll(whole.ddiUsdPrevious().rates());
		long unconverted = whole.ddiUsd().unconvertedEvents();
		long unconvertedBefore = whole.ddiUsdPrevious().unconvertedEvents();
		String vi;
		String en;
		if (rates.isEmpty()) {
			vi = "Không có vốn DDI nào được quy đổi sang USD trong hai kỳ so sánh.";
			en = "No DDI capital was converted to US dollars in either period.";
		}
		else {
			vi = "Vốn DDI được quy đổi sang USD theo tỷ giá tham chiếu tại ngày hiệu lực của từng sự kiện, làm tròn "
					+ "đến cent rồi cộng lại; tỷ giá đã áp dụng: " + String.join("; ", rates) + ".";
			en = "DDI capital is converted to US dollars at the reference rate of each event's effective date, "
					+ "rounded to the cent, then added up; rates applied: " + String.join("; ", rates) + ".";
		}
		if (unconverted + unconvertedBefore > 0) {
			vi += " " + DisplayRule.count(unconverted, Language.VI) + " sự kiện DDI trong năm và "
					+ DisplayRule.count(unconvertedBefore, Language.VI)
					+ " trong cùng kỳ năm trước có ngày hiệu lực trước tỷ giá đầu tiên của bảng, không được quy đổi "
					+ "và không có trong các số tương đương USD.";
			en += " " + DisplayRule.count(unconverted, Language.EN) + " DDI events of the year and "
					+ DisplayRule.count(unconvertedBefore, Language.EN)
					+ " of the same period last year are dated before the table's first rate: they are not converted "
					+ "and not in the US dollar equivalents.";
		}
		return new Conversion(List.copyOf(rates), unconverted, unconvertedBefore, vi, en);
	}

	static Progress progress(ZoneScope scope, int year, LocalDate cutOff, InvestmentTargets targets, long fdi, long ddi,
			long totalUsd, long unconverted) {
		String provinceName = ZoneScope.unitName(scope.province());
		if (ZoneScope.ZONE.equals(scope.kind())) {
			return new Progress("by-province", scope.province(), year, null, null, null, null, null,
					"Kế hoạch năm được giao cho cả tỉnh, không cho từng khu: xem thông cáo của " + provinceName + ".",
					"Targets are set for a province's zones together, not per zone: see the release of " + provinceName
							+ ".");
		}
		Optional<InvestmentTarget> row = targets.of(scope.province(), year, cutOff);
		if (row.isEmpty()) {
			return new Progress("no-target", scope.province(), year, null, null, null, null, null,
					"Chưa có kế hoạch năm " + year + " của " + provinceName
							+ " trong dữ liệu tham chiếu, nên không tính tỷ lệ hoàn thành kế hoạch.",
					"No " + year + " target of " + provinceName
							+ " is in the reference data, so there is no progress against a target.");
		}
		InvestmentTarget target = row.get();
		Target fdiTarget = target(target.fdi(), fdi, USD, "FDI", "FDI");
		Target ddiTarget = target(target.ddi(), ddi, VND, "DDI", "DDI");
		Target totalTarget = target(target.total(), totalUsd, USD, "FDI và DDI quy đổi", "FDI and DDI in US dollars");
		String partialVi = (target.total() != null && unconverted > 0) ? " (số quy đổi không gồm "
				+ DisplayRule.count(unconverted, Language.VI) + " sự kiện DDI không có tỷ giá)" : "";
		String partialEn = (target.total() != null && unconverted > 0) ? " (the dollars leave out "
				+ DisplayRule.count(unconverted, Language.EN) + " DDI events without a rate)" : "";
		return new Progress("set", scope.province(), year, target.from(), target.source(), fdiTarget, ddiTarget,
				totalTarget,
				"Kế hoạch năm " + year + " của " + provinceName + " (" + target.source() + ", từ "
						+ DisplayRule.date(target.from(), Language.VI) + "), tính trên tổng vốn đăng ký: "
						+ fdiTarget.vi() + "; " + ddiTarget.vi() + "; " + totalTarget.vi() + partialVi + ".",
				"The " + year + " target of " + provinceName + " (" + target.source() + ", from "
						+ DisplayRule.date(target.from(), Language.EN) + "), against total registered capital: "
						+ fdiTarget.en() + "; " + ddiTarget.en() + "; " + totalTarget.en() + partialEn + ".");
	}

	private static Target target(Money target, long achieved, Currency currency, String whatVi, String whatEn) {
		Amount done = Amount.of(achieved, currency);
		if (target == null) {
			return new Target(null, done, null, whatVi + " không có kế hoạch", "no " + whatEn + " target");
		}
		Amount goal = Amount.of(target.minorUnits(), currency);
		Share progress = ReleaseWriter.share(achieved, target.minorUnits());
		return new Target(goal, done, progress,
				whatVi + " đạt " + done.vi() + ", bằng " + progress.vi() + " kế hoạch năm (" + goal.vi() + ")",
				whatEn + " " + done.en() + ", " + progress.en() + " of the year's target (" + goal.en() + ")");
	}

	static Occupancy occupancy(ZoneFigures figures, IndustrialLand land) {
		List<ZoneOccupancy> zones = new ArrayList<>();
		BigDecimal leasedWithArea = BigDecimal.ZERO;
		BigDecimal areas = BigDecimal.ZERO;
		int withArea = 0;
		for (Zone zone : figures.scope().zones()) {
			ZoneFigures.Land leased = figures.byZone().get(zone.code()).land();
			Optional<IndustrialLandArea> area = land.of(zone.code(), figures.cutOff());
			Hectares held = hectares(leased.hectares());
			Hectares total = (zone.areaHa() != null) ? hectares(zone.areaHa()) : null;
			String withoutVi = (leased.withoutLandArea() > 0)
					? "; " + DisplayRule.count(leased.withoutLandArea(), Language.VI) + " dự án không ghi diện tích đất"
					: "";
			String withoutEn = (leased.withoutLandArea() > 0)
					? "; " + DisplayRule.count(leased.withoutLandArea(), Language.EN) + " projects state no land area"
					: "";
			if (area.isEmpty()) {
				zones.add(new ZoneOccupancy(zone.code(), zone.name(), zone.type(), total, held, leased.validProjects(),
						leased.withoutLandArea(), null, null,
						zone.name() + ": chưa có diện tích đất công nghiệp được công bố, nên không tính tỷ lệ lấp đầy ("
								+ DisplayRule.count(leased.validProjects(), Language.VI) + " dự án còn hiệu lực giữ "
								+ held.vi() + withoutVi + ")",
						zone.name() + ": no published area of industrial land, so no occupancy rate ("
								+ plural(leased.validProjects(), "valid project holds", "valid projects hold") + " "
								+ held.en() + withoutEn + ")"));
				continue;
			}
			IndustrialLandArea denominator = area.get();
			Hectares of = hectares(denominator.hectares());
			Share rate = rate(leased.hectares(), denominator.hectares());
			zones.add(new ZoneOccupancy(zone.code(), zone.name(), zone.type(), total, held, leased.validProjects(),
					leased.withoutLandArea(),
					new Denominator(INDUSTRIAL_LAND, of, denominator.from(), denominator.source()), rate,
					zone.name() + ": " + rate.vi() + " (" + held.vi() + " trên " + of.vi() + " đất công nghiệp, theo "
							+ denominator.source() + " từ " + DisplayRule.date(denominator.from(), Language.VI) + "; "
							+ DisplayRule.count(leased.validProjects(), Language.VI) + " dự án còn hiệu lực" + withoutVi
							+ ")",
					zone.name() + ": " + rate.en() + " (" + held.en() + " of " + of.en() + " of industrial land, per "
							+ denominator.source() + " from " + DisplayRule.date(denominator.from(), Language.EN) + "; "
							+ DisplayRule.count(leased.validProjects(), Language.EN) + " valid projects" + withoutEn
							+ ")"));
			leasedWithArea = leasedWithArea.add(leased.hectares());
			areas = areas.add(denominator.hectares());
			withArea++;
		}
		OccupancyTotal total = null;
		if (ZoneScope.PROVINCE.equals(figures.scope().kind())) {
			int count = figures.scope().zones().size();
			if (withArea == 0) {
				total = new OccupancyTotal(hectares(BigDecimal.ZERO), hectares(BigDecimal.ZERO), 0, count, null,
						"Không khu nào có diện tích đất công nghiệp được công bố, nên không tính tỷ lệ lấp đầy chung.",
						"No zone has a published area of industrial land, so there is no overall occupancy rate.");
			}
			else {
				Share rate = rate(leasedWithArea, areas);
				Hectares leased = hectares(leasedWithArea);
				Hectares of = hectares(areas);
				total = new OccupancyTotal(leased, of, withArea, count, rate,
						"Chung cho " + DisplayRule.count(withArea, Language.VI) + " trên "
								+ DisplayRule.count(count, Language.VI)
								+ " khu có diện tích đất công nghiệp được công bố: " + rate.vi() + " (" + leased.vi()
								+ " trên " + of.vi() + ").",
						"Over the " + DisplayRule.count(withArea, Language.EN) + " of "
								+ DisplayRule.count(count, Language.EN)
								+ " zones with a published area of industrial land: " + rate.en() + " (" + leased.en()
								+ " of " + of.en() + ").");
			}
		}
		return new Occupancy(
				"diện tích đất của các dự án còn hiệu lực tại ngày chốt số liệu theo giấy chứng nhận đăng ký đầu tư",
				"the land area of the projects valid at the cut-off as their investment registration certificates "
						+ "state it",
				"diện tích đất công nghiệp của khu (không phải tổng diện tích khu)",
				"the zone's industrial land (not its total area)", List.copyOf(zones), total);
	}

	/** {@code 100 × part / whole}, half-up to one decimal, as the display rule rounds. */
	private static Share rate(BigDecimal part, BigDecimal whole) {
		BigDecimal percent = part.multiply(BigDecimal.valueOf(100)).divide(whole, 1, RoundingMode.HALF_UP);
		return new Share(percent, DisplayRule.oneDecimal(percent, Language.VI) + "%",
				DisplayRule.oneDecimal(percent, Language.EN) + "%");
	}

	static Hectares hectares(BigDecimal exact) {
		BigDecimal shown = exact.setScale(1, RoundingMode.HALF_UP);
		return new Hectares(exact, DisplayRule.oneDecimal(shown, Language.VI) + " ha",
				DisplayRule.oneDecimal(shown, Language.EN) + " ha");
	}

	/** A count in English with its noun: "1 valid project", "3 valid projects". */
	static String plural(long count, String one, String many) {
		return DisplayRule.count(count, Language.EN) + " " + ((count == 1) ? one : many);
	}

	static String plural(Count count, String one, String many) {
		return plural(count.value(), one, many);
	}

	private static StockLine stockLine(ReleaseFigures figures, LocalDate cutOff) {
		StockTally stock = figures.stock();
		Currency currency = figures.type().currency();
		return new StockLine(figures.type(), cutOff, Count.of(stock.validProjects()),
				Count.of(stock.suspendedProjects()), Amount.of(stock.registeredCapital(), currency),
				Amount.of(stock.realisedCapital(), currency));
	}

	private static Instant newer(Instant one, Instant other) {
		if (one == null) {
			return other;
		}
		return (other == null || one.isAfter(other)) ? one : other;
	}

	/**
	 * The paragraphs, from the tables.
	 */
	private static final class Text {

		private final Header header;

		private final Tables tables;

		private final String cutVi;

		private final String cutEn;

		Text(Header header, Tables tables) {
			this.header = header;
			this.tables = tables;
			this.cutVi = DisplayRule.date(header.cutOff(), Language.VI);
			this.cutEn = DisplayRule.date(header.cutOff(), Language.EN);
		}

		List<Paragraph> paragraphs() {
			return List.of(scope(), headline(), type(true), type(false),
					new Paragraph("rates", this.tables.usd().vi(), this.tables.usd().en()), realised(), occupancy(),
					stock());
		}

		private SideBySide row(String figure) {
			return this.tables.yearOnYear()
				.stream()
				.filter((row) -> row.figure().equals(figure))
				.findFirst()
				.orElseThrow();
		}

		private Paragraph scope() {
			Scope scope = this.header.scope();
			return new Paragraph("scope",
					"Tình hình thu hút đầu tư vào " + scope.vi() + " từ "
							+ DisplayRule.date(this.header.from(), Language.VI) + " đến ngày " + this.cutVi
							+ ", so với cùng kỳ năm trước (đến ngày "
							+ DisplayRule.date(this.header.comparisonCutOff(), Language.VI) + ").",
					"Investment in " + scope.en() + " from " + DisplayRule.date(this.header.from(), Language.EN)
							+ " to " + this.cutEn + ", against the same period last year (to "
							+ DisplayRule.date(this.header.comparisonCutOff(), Language.EN) + ").");
		}

		private Paragraph headline() {
			SideBySide total = row("registered.capital");
			Progress progress = this.tables.targets();
			String progressVi;
			String progressEn;
			if (progress.total() != null && progress.total().progress() != null) {
				progressVi = ", bằng " + progress.total().progress().vi() + " kế hoạch năm ("
						+ progress.total().target().vi() + ")";
				progressEn = ", " + progress.total().progress().en() + " of the year's target ("
						+ progress.total().target().en() + ")";
			}
			else if ("set".equals(progress.status())) {
				progressVi = "";
				progressEn = "";
			}
			else {
				progressVi = ". " + progress.vi().substring(0, progress.vi().length() - 1);
				progressEn = ". " + progress.en().substring(0, progress.en().length() - 1);
			}
			return new Paragraph("headline",
					"Tính đến ngày " + this.cutVi
							+ ", tổng vốn đăng ký cấp mới, điều chỉnh và góp vốn, mua cổ phần đạt " + vi(total.fdi())
							+ " vốn FDI và " + vi(total.ddi()) + " vốn DDI (tương đương " + vi(total.ddiUsd())
							+ "); tính chung quy đổi đạt " + vi(total.together()) + ", "
							+ total.together().change().vi() + progressVi + ".",
					"Up to " + this.cutEn
							+ ", total registered capital (new, adjusted, and contributions and share purchases) "
							+ "reached " + en(total.fdi()) + " of FDI and " + en(total.ddi()) + " of DDI (about "
							+ en(total.ddiUsd()) + "); together, " + en(total.together()) + ", "
							+ total.together().change().en() + progressEn + ".");
		}

		private Paragraph type(boolean foreign) {
			Function<SideBySide, Side> side = foreign ? SideBySide::fdi : SideBySide::ddi;
			Side projects = side.apply(row("new.projects"));
			SideBySide capital = row("new.capital");
			Side adjustments = side.apply(row("adjustments"));
			SideBySide adjusted = row("adjusted.capital");
			Side contributions = side.apply(row("contributions"));
			SideBySide contributed = row("contribution.capital");
			SideBySide total = row("registered.capital");
			Target target = foreign ? this.tables.targets().fdi() : this.tables.targets().ddi();
			String targetVi = (target != null && target.progress() != null)
					? ", bằng " + target.progress().vi() + " kế hoạch năm (" + target.target().vi() + ")" : "";
			String targetEn = (target != null && target.progress() != null)
					? ", " + target.progress().en() + " of the year's target (" + target.target().en() + ")" : "";
			String name = foreign ? "FDI" : "DDI";
			String newVi = (projects.current().exact() == 0 && side.apply(capital).current().exact() == 0)
					? "không có dự án cấp mới, " + projects.change().vi()
					: vi(projects) + " dự án cấp mới với vốn đăng ký " + vi(side.apply(capital))
							+ usdVi(foreign, capital) + ", số dự án " + projects.change().vi();
			String newEn = (projects.current().exact() == 0 && side.apply(capital).current().exact() == 0)
					? "no new project, " + projects.change().en()
					: pluralOf(projects, "new project", "new projects") + " registered " + en(side.apply(capital))
							+ usdEn(foreign, capital) + ", the number of projects " + projects.change().en();
			String adjustedVi = (adjustments.current().exact() == 0 && side.apply(adjusted).current().exact() == 0)
					? "không có lượt điều chỉnh vốn của dự án cấp phép từ các năm trước"
					: vi(adjustments) + " lượt dự án đã cấp phép từ các năm trước điều chỉnh tăng vốn, vốn đăng ký "
							+ "điều chỉnh " + vi(side.apply(adjusted)) + usdVi(foreign, adjusted);
			String adjustedEn = (adjustments.current().exact() == 0 && side.apply(adjusted).current().exact() == 0)
					? "no change of capital of projects licensed in earlier years"
					: pluralOf(adjustments, "capital increase", "capital increases")
							+ " of projects licensed in earlier years, adjusted capital " + en(side.apply(adjusted))
							+ usdEn(foreign, adjusted);
			String contributedVi = (contributions.current().exact() == 0) ? "không có lượt góp vốn, mua cổ phần"
					: vi(contributions) + " lượt góp vốn, mua cổ phần với giá trị " + vi(side.apply(contributed))
							+ usdVi(foreign, contributed);
			String contributedEn = (contributions.current().exact() == 0) ? "no contribution or share purchase"
					: pluralOf(contributions, "contribution or share purchase", "contributions and share purchases")
							+ " worth " + en(side.apply(contributed)) + usdEn(foreign, contributed);
			return new Paragraph(foreign ? "fdi" : "ddi",
					"Vốn " + name + ": " + newVi + "; " + adjustedVi + "; " + contributedVi + ". Tổng vốn đăng ký "
							+ name + " đạt " + vi(side.apply(total)) + usdVi(foreign, total) + ", "
							+ side.apply(total).change().vi() + targetVi + ".",
					name + ": " + newEn + "; " + adjustedEn + "; " + contributedEn + ". Total registered " + name
							+ " capital reached " + en(side.apply(total)) + usdEn(foreign, total) + ", "
							+ side.apply(total).change().en() + targetEn + ".");
		}

		private static String usdVi(boolean foreign, SideBySide row) {
			return foreign ? "" : " (tương đương " + vi(row.ddiUsd()) + ")";
		}

		private static String usdEn(boolean foreign, SideBySide row) {
			return foreign ? "" : " (about " + en(row.ddiUsd()) + ")";
		}

		private Paragraph realised() {
			SideBySide realised = row("realised.capital");
			return new Paragraph("realised",
					"Vốn thực hiện tính đến ngày " + this.cutVi + " ước đạt " + vi(realised.fdi()) + " vốn FDI, "
							+ realised.fdi().change().vi() + ", và " + vi(realised.ddi()) + " vốn DDI (tương đương "
							+ vi(realised.ddiUsd()) + "), " + realised.ddi().change().vi() + ".",
					"Realised capital up to " + this.cutEn + " is estimated at " + en(realised.fdi()) + " of FDI, "
							+ realised.fdi().change().en() + ", and " + en(realised.ddi()) + " of DDI (about "
							+ en(realised.ddiUsd()) + "), " + realised.ddi().change().en() + ".");
		}

		private Paragraph occupancy() {
			Occupancy occupancy = this.tables.occupancy();
			StringBuilder vi = new StringBuilder("Tỷ lệ lấp đầy tại ngày " + this.cutVi + ", tính bằng "
					+ occupancy.numeratorVi() + " chia cho " + occupancy.denominatorVi());
			StringBuilder en = new StringBuilder("Occupancy at " + this.cutEn + ", " + occupancy.numeratorEn()
					+ ", divided by " + occupancy.denominatorEn());
			if (occupancy.zones().isEmpty()) {
				return new Paragraph("occupancy", vi.append(": không có khu nào trong danh mục.").toString(),
						en.append(": no zone is on the list.").toString());
			}
			List<ZoneOccupancy> rated = occupancy.zones().stream().filter((zone) -> zone.rate() != null).toList();
			List<ZoneOccupancy> unrated = occupancy.zones().stream().filter((zone) -> zone.rate() == null).toList();
			vi.append(':');
			en.append(':');
			for (int i = 0; i < rated.size(); i++) {
				vi.append((i == 0) ? " " : "; ").append(rated.get(i).vi());
				en.append((i == 0) ? " " : "; ").append(rated.get(i).en());
			}
			if (!rated.isEmpty()) {
				vi.append('.');
				en.append('.');
			}
			if (!unrated.isEmpty()) {
				vi.append(" Chưa có diện tích đất công nghiệp được công bố, nên chưa tính tỷ lệ lấp đầy, cho "
						+ DisplayRule.count(unrated.size(), Language.VI) + " khu: ");
				en.append(" No area of industrial land is published, so there is no occupancy rate, for "
						+ DisplayRule.count(unrated.size(), Language.EN) + " "
						+ ((unrated.size() == 1) ? "zone" : "zones") + ": ");
				for (int i = 0; i < unrated.size(); i++) {
					ZoneOccupancy zone = unrated.get(i);
					vi.append((i == 0) ? "" : "; ").append(zone.name());
					en.append((i == 0) ? "" : "; ").append(zone.name());
					if (zone.validProjects() > 0) {
						vi.append(" (" + DisplayRule.count(zone.validProjects(), Language.VI)
								+ " dự án còn hiệu lực giữ " + zone.leased().vi() + ")");
						en.append(" (" + plural(zone.validProjects(), "valid project holds", "valid projects hold")
								+ " " + zone.leased().en() + ")");
					}
				}
				vi.append('.');
				en.append('.');
			}
			if (occupancy.total() != null) {
				vi.append(' ').append(occupancy.total().vi());
				en.append(' ').append(occupancy.total().en());
			}
			return new Paragraph("occupancy", vi.toString(), en.toString());
		}

		private Paragraph stock() {
			StockLine fdi = this.tables.stock().get(0);
			StockLine ddi = this.tables.stock().get(1);
			return new Paragraph("stock", "Lũy kế đến ngày " + this.cutVi + ", " + this.header.scope().vi() + " có "
					+ fdi.validProjects().vi() + " dự án FDI còn hiệu lực" + suspendedVi(fdi) + " với tổng vốn đăng ký "
					+ fdi.registeredCapital().vi() + " và " + ddi.validProjects().vi() + " dự án DDI còn hiệu lực"
					+ suspendedVi(ddi) + " với tổng vốn đăng ký " + ddi.registeredCapital().vi() + ".",
					"Cumulatively to " + this.cutEn + ", " + this.header.scope().en() + " held "
							+ plural(fdi.validProjects(), "valid FDI project", "valid FDI projects") + suspendedEn(fdi)
							+ " with registered capital of " + fdi.registeredCapital().en() + " and "
							+ plural(ddi.validProjects(), "valid DDI project", "valid DDI projects") + suspendedEn(ddi)
							+ " with " + ddi.registeredCapital().en() + ".");
		}

		private static String suspendedVi(StockLine line) {
			return (line.suspendedProjects().value() > 0)
					? " (trong đó " + line.suspendedProjects().vi() + " dự án tạm ngừng hoạt động)" : "";
		}

		private static String suspendedEn(StockLine line) {
			return (line.suspendedProjects().value() > 0) ? " (" + line.suspendedProjects().en() + " suspended)" : "";
		}

		private static String pluralOf(Side side, String one, String many) {
			return plural((Count) side.current(), one, many);
		}

		private static String vi(Side side) {
			return vi(side.current());
		}

		private static String en(Side side) {
			return en(side.current());
		}

		private static String vi(Shown shown) {
			return switch (shown) {
				case Count count -> count.vi();
				case Amount amount -> amount.vi();
			};
		}

		private static String en(Shown shown) {
			return switch (shown) {
				case Count count -> count.en();
				case Amount amount -> amount.en();
			};
		}

	}

}
