package vn.investledger.console.release;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import vn.investledger.console.release.DisplayRule.Language;
import vn.investledger.console.release.Release.Amount;
import vn.investledger.console.release.Release.Change;
import vn.investledger.console.release.Release.Contributions;
import vn.investledger.console.release.Release.Count;
import vn.investledger.console.release.Release.Header;
import vn.investledger.console.release.Release.Others;
import vn.investledger.console.release.Release.Paragraph;
import vn.investledger.console.release.Release.RankedLine;
import vn.investledger.console.release.Release.Ranking;
import vn.investledger.console.release.Release.Share;
import vn.investledger.console.release.Release.Shown;
import vn.investledger.console.release.Release.Sizes;
import vn.investledger.console.release.Release.StockTable;
import vn.investledger.console.release.Release.Tables;
import vn.investledger.console.release.Release.YearOnYear;
import vn.investledger.console.release.ReleaseFigures.Line;
import vn.investledger.events.Currency;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.reference.Countries;
import vn.investledger.events.reference.ProvinceUnit;
import vn.investledger.events.reference.Provinces;
import vn.investledger.events.reference.VsicEditions;
import vn.investledger.events.reference.VsicSection;
import vn.investledger.events.rulebook.ReportCalendar;

/**
 * Writes a release from its exact figures: the tables first, then the text from the
 * tables' own numbers, so that every number the text states is a table's, written by the
 * {@link DisplayRule}. The wording follows the statistics office's monthly release on
 * FIA's data ("tính đến ngày 31/10/2025", "tăng 15,6% so với cùng kỳ năm trước", "gấp 6,1
 * lần", "chiếm 56,7% tổng vốn đăng ký cấp mới", "ước đạt"); the rankings are by new
 * registered capital, as that release ranks them, among the lines with newly licensed
 * projects.
 */
public final class ReleaseWriter {

	private static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

	private ReleaseWriter() {
	}

	/**
	 * The key of the release's last paragraph, on what its figures cover: releases
	 * published before it was written hold none.
	 */
	static final String SCOPE = "scope";

	/**
	 * The release of a month.
	 * @param figures its figures, of one type, as known at {@code asOf}
	 * @param month the report month
	 * @param calendar the report calendar
	 * @param asOf the instant the figures are known at, {@code null} for now
	 * @param sizes how many lines the rankings name
	 * @return the release
	 */
	static Release write(ReleaseFigures figures, YearMonth month, ReportCalendar calendar, Instant asOf, Sizes sizes) {
		InvestmentType type = figures.type();
		Currency currency = figures.currency();
		LocalDate cutOff = calendar.cutOff(month);
		YearMonth earlier = month.minusYears(1);
		Header header = new Header(month.toString(), type, currency, LocalDate.of(month.getYear(), 1, 1), cutOff,
				LocalDate.of(earlier.getYear(), 1, 1), calendar.cutOff(earlier), asOf, figures.newestReceivedAt(),
				figures.missingFlows(), sizes);
		YearToDate now = figures.current();
		YearToDate before = figures.previous();
		List<YearOnYear> yearOnYear = List.of(
				money("registered.capital", "Tổng vốn đăng ký", "Total registered capital", now.registeredCapital(),
						before.registeredCapital(), currency, "vốn đăng ký", "registered capital"),
				count("new.projects", "Số dự án cấp mới", "New projects", now.newProjects(), before.newProjects(),
						"dự án cấp mới", "newly licensed projects"),
				money("new.capital", "Vốn đăng ký cấp mới", "New registered capital", now.newCapital(),
						before.newCapital(), currency, "vốn đăng ký cấp mới", "new registered capital"),
				count("adjustments", "Số lượt điều chỉnh tăng vốn (dự án cấp phép từ các năm trước)",
						"Capital increases of projects licensed in earlier years", now.adjustments(),
						before.adjustments(), "lượt điều chỉnh vốn", "capital increases"),
				money("adjusted.capital", "Vốn đăng ký điều chỉnh (tăng trừ giảm)",
						"Adjusted capital (increases net of decreases)", now.adjustedCapital(),
						before.adjustedCapital(), currency, "vốn đăng ký điều chỉnh", "adjusted capital"),
				count("contributions", "Số lượt góp vốn, mua cổ phần", "Contributions and share purchases",
						now.contributions(), before.contributions(), "lượt góp vốn, mua cổ phần",
						"contributions or share purchases"),
				money("contribution.capital", "Giá trị góp vốn, mua cổ phần",
						"Value of contributions and share purchases", now.contributionCapital(),
						before.contributionCapital(), currency, "giá trị góp vốn, mua cổ phần",
						"contributions or share purchases"),
				money("realised.capital", "Vốn thực hiện (ước đạt)", "Realised capital (estimate)",
						now.realisedCapital(), before.realisedCapital(), currency, "vốn thực hiện",
						"realised capital"));
		Contributions contributions = new Contributions(Count.of(now.contributions()),
				Amount.of(now.contributionCapital(), currency), Count.of(now.raisingContributions()),
				Amount.of(now.raisingCapital(), currency), Count.of(now.otherContributions()),
				Amount.of(now.otherCapital(), currency));
		long whole = now.newCapital();
		Ranking countries = ranking(figures.byCountry(), sizes.countries(), whole, currency,
				(code) -> new String[] { Countries.name(code, VIETNAMESE), Countries.name(code) });
		Ranking provinces = ranking(figures.byProvince(), sizes.provinces(), whole, currency,
				(code) -> new String[] { provinceName(code), provinceName(code) });
		Ranking sectors = ranking(figures.bySector(), sizes.sectors(), whole, currency, ReleaseWriter::sectorNames);
		ReleaseFigures.StockTally stock = figures.stock();
		StockTable stockTable = new StockTable(cutOff, Count.of(stock.validProjects()),
				Count.of(stock.suspendedProjects()), Amount.of(stock.registeredCapital(), currency),
				Amount.of(stock.realisedCapital(), currency),
				share(stock.realisedCapital(), stock.registeredCapital()));
		Tables tables = new Tables(yearOnYear, contributions, countries, provinces, sectors, stockTable);
		return new Release(header, tables, new Text(type, header, tables).paragraphs());
	}

	private static YearOnYear money(String figure, String vi, String en, long current, long previous, Currency currency,
			String nounVi, String nounEn) {
		Amount was = Amount.of(previous, currency);
		return new YearOnYear(figure, vi, en, Amount.of(current, currency), was,
				change(current, previous, was, nounVi, nounEn));
	}

	private static YearOnYear count(String figure, String vi, String en, long current, long previous, String nounVi,
			String nounEn) {
		Count was = Count.of(previous);
		return new YearOnYear(figure, vi, en, Count.of(current), was, change(current, previous, was, nounVi, nounEn));
	}

	/** The change of a figure on a year earlier, and the clause that states it. */
	public static Change change(long current, long previous, Shown was, String nounVi, String nounEn) {
		if (previous == 0 && current == 0) {
			return new Change("none", null, null, "cùng kỳ năm trước cũng không có " + nounVi,
					"none in the same period last year either");
		}
		if (current < 0 || previous < 0) {
			return new Change("not-comparable", null, null,
					"không so sánh được với cùng kỳ năm trước (" + vi(was) + ")",
					"not comparable with the same period last year (" + en(was) + ")");
		}
		if (previous == 0) {
			return new Change("none-before", null, null, "cùng kỳ năm trước không có " + nounVi,
					"with no " + nounEn + " in the same period last year");
		}
		BigDecimal percent = DisplayRule.change(current, previous);
		// at least doubled: current >= 2 x previous, in integers (floor(current / 2) >=
		// previous)
		if (current / 2 >= previous) {
			BigDecimal times = DisplayRule.ratio(current, previous);
			return new Change("times", percent, times,
					"gấp " + DisplayRule.oneDecimal(times, Language.VI) + " lần cùng kỳ năm trước",
					DisplayRule.oneDecimal(times, Language.EN) + " times the same period last year");
		}
		if (current > previous) {
			return new Change("up", percent, null,
					"tăng " + DisplayRule.oneDecimal(percent, Language.VI) + "% so với cùng kỳ năm trước",
					"up " + DisplayRule.oneDecimal(percent, Language.EN) + "% year on year");
		}
		if (current < previous) {
			BigDecimal down = percent.negate();
			return new Change("down", percent, null,
					"giảm " + DisplayRule.oneDecimal(down, Language.VI) + "% so với cùng kỳ năm trước",
					"down " + DisplayRule.oneDecimal(down, Language.EN) + "% year on year");
		}
		return new Change("same", percent, null, "bằng cùng kỳ năm trước", "the same as a year earlier");
	}

	public static Share share(long part, long whole) {
		if (whole <= 0) {
			return null;
		}
		BigDecimal percent = DisplayRule.percent(part, whole);
		return new Share(percent, DisplayRule.oneDecimal(percent, Language.VI) + "%",
				DisplayRule.oneDecimal(percent, Language.EN) + "%");
	}

	/**
	 * The lines with new projects, largest new capital first (then more projects, then
	 * the code), the first {@code size} of them named.
	 */
	private static Ranking ranking(Map<String, Line> lines, int size, long whole, Currency currency,
			Function<String, String[]> names) {
		List<Map.Entry<String, Line>> ranked = new ArrayList<>(
				lines.entrySet().stream().filter((line) -> line.getValue().newProjects() > 0).toList());
		ranked.sort(Comparator
			.comparing((Map.Entry<String, Line> line) -> line.getValue().newCapital(), Comparator.reverseOrder())
			.thenComparing((line) -> line.getValue().newProjects(), Comparator.reverseOrder())
			.thenComparing(Map.Entry::getKey));
		List<RankedLine> rows = new ArrayList<>();
		long named = 0;
		for (int i = 0; i < Math.min(size, ranked.size()); i++) {
			Map.Entry<String, Line> line = ranked.get(i);
			String[] name = names.apply(line.getKey());
			rows.add(new RankedLine(i + 1, line.getKey(), name[0], name[1], Count.of(line.getValue().newProjects()),
					Amount.of(line.getValue().newCapital(), currency), share(line.getValue().newCapital(), whole)));
			named = Math.addExact(named, line.getValue().newCapital());
		}
		long rest = Math.subtractExact(whole, named);
		int unnamed = ranked.size() - rows.size();
		Others others = (unnamed == 0 && rest == 0) ? null
				: new Others(Count.of(unnamed), Amount.of(rest, currency), share(rest, whole));
		return new Ranking(Count.of(ranked.size()), Amount.of(whole, currency), List.copyOf(rows), others);
	}

	private static final Map<String, String[]> LABELS = Map.ofEntries(
			Map.entry("registered.capital", new String[] { "Tổng vốn đăng ký", "Total registered capital" }),
			Map.entry("new.projects", new String[] { "Số dự án cấp mới", "New projects" }),
			Map.entry("new.capital", new String[] { "Vốn đăng ký cấp mới", "New registered capital" }),
			Map.entry("adjustments", new String[] { "Số lượt điều chỉnh tăng vốn", "Capital increases" }),
			Map.entry("adjusted.capital", new String[] { "Vốn đăng ký điều chỉnh", "Adjusted capital" }),
			Map.entry("contributions",
					new String[] { "Số lượt góp vốn, mua cổ phần", "Contributions and share purchases" }),
			Map.entry("contribution.capital",
					new String[] { "Giá trị góp vốn, mua cổ phần", "Value of contributions and share purchases" }),
			Map.entry("contributions.raising",
					new String[] { "Số lượt làm tăng vốn điều lệ", "Contributions raising charter capital" }),
			Map.entry("contribution.raising.capital",
					new String[] { "Giá trị làm tăng vốn điều lệ", "Value raising charter capital" }),
			Map.entry("contributions.other",
					new String[] { "Số lượt mua cổ phần không làm tăng vốn điều lệ",
							"Share purchases not raising charter capital" }),
			Map.entry("contribution.other.capital",
					new String[] { "Giá trị không làm tăng vốn điều lệ", "Value not raising charter capital" }),
			Map.entry("realised.capital", new String[] { "Vốn thực hiện", "Realised capital" }),
			Map.entry("countries", new String[] { "Số đối tác có dự án cấp mới", "Partners with new projects" }),
			Map.entry("provinces", new String[] { "Số địa phương có dự án cấp mới", "Provinces with new projects" }),
			Map.entry("sectors", new String[] { "Số ngành có dự án cấp mới", "Sectors with new projects" }),
			Map.entry("stock.valid", new String[] { "Dự án còn hiệu lực", "Valid projects" }),
			Map.entry("stock.suspended", new String[] { "Dự án tạm ngừng hoạt động", "Suspended projects" }),
			Map.entry("stock.registered.capital",
					new String[] { "Vốn đăng ký của dự án còn hiệu lực", "Registered capital of valid projects" }),
			Map.entry("stock.realised.capital",
					new String[] { "Vốn thực hiện lũy kế", "Cumulative realised capital" }));

	/**
	 * A figure's label, by its name in {@link ReleaseFigures#flat}.
	 * @param figure e.g. {@code country.KR.new.capital}
	 * @return the label in Vietnamese and in English, e.g. "Vốn đăng ký cấp mới – Hàn
	 * Quốc"
	 */
	static String[] label(String figure) {
		if (figure.startsWith(ReleaseFigures.PREVIOUS)) {
			String[] label = label(figure.substring(ReleaseFigures.PREVIOUS.length()));
			return new String[] { label[0] + " (cùng kỳ năm trước)", label[1] + " (same period last year)" };
		}
		String[] parts = figure.split("\\.", 3);
		if (parts.length == 3 && List.of("country", "province", "sector").contains(parts[0])) {
			String[] measure = LABELS.getOrDefault(parts[2], new String[] { parts[2], parts[2] });
			String[] name = switch (parts[0]) {
				case "country" -> new String[] { Countries.name(parts[1], VIETNAMESE), Countries.name(parts[1]) };
				case "province" -> new String[] { provinceName(parts[1]), provinceName(parts[1]) };
				default -> sectorNames(parts[1]);
			};
			return new String[] { measure[0] + " – " + name[0], measure[1] + " – " + name[1] };
		}
		return LABELS.getOrDefault(figure, new String[] { figure, figure }).clone();
	}

	/** Today's unit's name. */
	private static String provinceName(String code) {
		List<ProvinceUnit> units = Provinces.standard().unitsOf(code);
		return units.isEmpty() ? code : units.getLast().name();
	}

	/**
	 * A section's name in the newest VSIC edition: the reference tables hold the
	 * Vietnamese names only, so the English text names the section by its letter with
	 * that name.
	 */
	private static String[] sectorNames(String letter) {
		VsicEditions vsic = VsicEditions.standard();
		String name = vsic.section(vsic.editions().getLast(), letter).map(VsicSection::name).orElse(letter);
		return new String[] { name, "section " + letter + " (" + name + ")" };
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

	/**
	 * The paragraphs, from the tables.
	 */
	private static final class Text {

		private final boolean foreign;

		private final Header header;

		private final Tables tables;

		private final String cutVi;

		private final String cutEn;

		Text(InvestmentType type, Header header, Tables tables) {
			this.foreign = type == InvestmentType.FDI;
			this.header = header;
			this.tables = tables;
			this.cutVi = DisplayRule.date(header.cutOff(), Language.VI);
			this.cutEn = DisplayRule.date(header.cutOff(), Language.EN);
		}

		List<Paragraph> paragraphs() {
			List<Paragraph> paragraphs = new ArrayList<>();
			paragraphs.add(headline());
			paragraphs.add(newProjects());
			paragraphs.add(adjusted());
			paragraphs.add(contributions());
			paragraphs.add(realised());
			if (row("new.projects").current().exact() > 0) {
				paragraphs.add(sectors());
				if (this.foreign) {
					paragraphs.add(countries());
				}
				paragraphs.add(provinces());
			}
			else {
				paragraphs.add(new Paragraph("none-new",
						"Tính đến ngày " + this.cutVi + " chưa có dự án nào được cấp phép mới, nên không có xếp hạng "
								+ (this.foreign ? "theo ngành, đối tác và địa phương." : "theo ngành và địa phương."),
						"No project was newly licensed up to " + this.cutEn + ", so there is no ranking by sector, "
								+ (this.foreign ? "partner or province." : "or province.")));
			}
			paragraphs.add(stock());
			paragraphs.add(scope());
			return List.copyOf(paragraphs);
		}

		/**
		 * What the figures cover: both periods, with their lengths (the report calendar
		 * changed: January 2025 runs 31 days, its comparison to the 20th 20), how
		 * adjustments count, and the sectors' edition.
		 */
		private Paragraph scope() {
			Header h = this.header;
			long days = java.time.temporal.ChronoUnit.DAYS.between(h.from(), h.cutOff()) + 1;
			long comparisonDays = java.time.temporal.ChronoUnit.DAYS.between(h.comparisonFrom(), h.comparisonCutOff())
					+ 1;
			return new Paragraph(SCOPE, "Số liệu tính từ ngày " + DisplayRule.date(h.from(), Language.VI) + " đến ngày "
					+ this.cutVi + " (" + days + " ngày); cùng kỳ năm trước tính từ ngày "
					+ DisplayRule.date(h.comparisonFrom(), Language.VI) + " đến ngày "
					+ DisplayRule.date(h.comparisonCutOff(), Language.VI) + " (" + comparisonDays
					+ " ngày), theo lịch báo cáo của năm đó. Vốn đăng ký cấp mới gồm cả vốn điều chỉnh của các"
					+ " dự án được cấp phép trong năm; lượt điều chỉnh chỉ tính các dự án cấp phép từ các năm"
					+ " trước, vốn điều chỉnh tính cả các lượt giảm vốn. Ngành kinh tế theo VSIC 2025 (Quyết"
					+ " định 36/2025/QĐ-TTg); dự án phân ngành theo VSIC 2018 được quy đổi theo bảng tương ứng.",
					"The figures run from " + DisplayRule.date(h.from(), Language.EN) + " to " + this.cutEn + " ("
							+ days + " days); the same period last year from "
							+ DisplayRule.date(h.comparisonFrom(), Language.EN) + " to "
							+ DisplayRule.date(h.comparisonCutOff(), Language.EN) + " (" + comparisonDays
							+ " days), by that year's report calendar. New registered capital includes the capital"
							+ " changes of projects licensed in the same year; capital increases count only projects"
							+ " licensed in earlier years, and adjusted capital is net of decreases. Sectors are VSIC"
							+ " 2025 sections (Decision 36/2025/QĐ-TTg); projects classified under VSIC 2018 are"
							+ " restated through the published correspondence.");
		}

		private YearOnYear row(String figure) {
			return this.tables.yearOnYear()
				.stream()
				.filter((row) -> row.figure().equals(figure))
				.findFirst()
				.orElseThrow();
		}

		private String whoVi() {
			return this.foreign ? "nước ngoài" : "trong nước";
		}

		private String whoEn() {
			return this.foreign ? "foreign" : "domestic";
		}

		private Paragraph headline() {
			YearOnYear total = row("registered.capital");
			return new Paragraph("headline",
					"Tổng vốn đầu tư " + whoVi() + " đăng ký tính đến ngày " + this.cutVi
							+ ", gồm vốn đăng ký cấp mới, vốn đăng ký điều chỉnh và giá trị góp vốn, mua cổ phần, đạt "
							+ vi(total.current()) + ", " + total.change().vi() + ".",
					"Total registered " + whoEn() + " investment up to " + this.cutEn
							+ ", comprising newly registered capital, adjusted capital and the value of capital "
							+ "contributions and share purchases, reached " + en(total.current()) + ", "
							+ total.change().en() + ".");
		}

		private Paragraph newProjects() {
			YearOnYear projects = row("new.projects");
			YearOnYear capital = row("new.capital");
			if (projects.current().exact() == 0 && capital.current().exact() == 0) {
				return new Paragraph("new",
						"Tính đến ngày " + this.cutVi + " không có dự án nào được cấp phép mới, "
								+ projects.change().vi() + ".",
						"No project was newly licensed up to " + this.cutEn + ", " + projects.change().en() + ".");
			}
			String opening = "Vốn đăng ký cấp mới có " + vi(projects.current())
					+ " dự án được cấp phép với số vốn đăng ký đạt " + vi(capital.current()) + "; ";
			String openingEn = "New registrations: " + en(projects.current())
					+ " projects were licensed with registered capital of " + en(capital.current()) + "; ";
			Change count = projects.change();
			Change value = capital.change();
			if (comparable(count) && comparable(value)) {
				return new Paragraph("new",
						opening + "so với cùng kỳ năm trước, số dự án " + shortVi(count) + " và số vốn đăng ký "
								+ shortVi(value) + ".",
						openingEn + "year on year, the number of projects " + shortEn(count) + " and the capital "
								+ shortEn(value) + ".");
			}
			return new Paragraph("new", opening + "số dự án " + count.vi() + ", số vốn đăng ký " + value.vi() + ".",
					openingEn + "the number of projects " + count.en() + ", the capital " + value.en() + ".");
		}

		private Paragraph adjusted() {
			YearOnYear count = row("adjustments");
			YearOnYear capital = row("adjusted.capital");
			if (count.current().exact() == 0 && capital.current().exact() == 0) {
				return new Paragraph("adjusted",
						"Không có lượt dự án đã cấp phép từ các năm trước đăng ký điều chỉnh vốn đầu tư, "
								+ capital.change().vi() + ".",
						"No project licensed in an earlier year registered a change of capital, "
								+ capital.change().en() + ".");
			}
			String opening = "Vốn đăng ký điều chỉnh có " + vi(count.current())
					+ " lượt dự án đã cấp phép từ các năm trước đăng ký điều chỉnh vốn đầu tư tăng thêm";
			String openingEn = "Adjusted capital: " + en(count.current())
					+ " capital increases were registered by projects licensed in earlier years";
			if (capital.current().exact() >= 0) {
				return new Paragraph("adjusted",
						opening + " " + vi(capital.current()) + " (tính cả các lượt giảm vốn), " + capital.change().vi()
								+ ".",
						openingEn + ", adding " + en(capital.current()) + " net of decreases, " + capital.change().en()
								+ ".");
			}
			return new Paragraph("adjusted",
					opening + "; tính cả các lượt giảm vốn, vốn đăng ký điều chỉnh là " + vi(capital.current()) + ", "
							+ capital.change().vi() + ".",
					openingEn + "; net of decreases, adjusted capital was " + en(capital.current()) + ", "
							+ capital.change().en() + ".");
		}

		private Paragraph contributions() {
			YearOnYear value = row("contribution.capital");
			Contributions split = this.tables.contributions();
			if (split.transactions().value() == 0) {
				return new Paragraph("contributions",
						"Không có lượt góp vốn, mua cổ phần nào của nhà đầu tư " + whoVi() + ", "
								+ row("contributions").change().vi() + ".",
						"There was no capital contribution or share purchase by " + whoEn() + " investors, "
								+ row("contributions").change().en() + ".");
			}
			return new Paragraph("contributions", "Vốn góp, mua cổ phần của nhà đầu tư " + whoVi() + " có "
					+ split.transactions().vi() + " lượt với tổng giá trị góp vốn " + split.value().vi() + ", "
					+ value.change().vi() + ". Trong đó, có " + split.raising().vi()
					+ " lượt góp vốn, mua cổ phần làm tăng vốn điều lệ của doanh nghiệp với giá trị góp vốn là "
					+ split.raisingValue().vi() + " và " + split.other().vi() + " lượt nhà đầu tư " + whoVi()
					+ " mua lại cổ phần mà không làm tăng vốn điều lệ với giá trị " + split.otherValue().vi() + ".",
					"Capital contributions and share purchases by " + whoEn() + " investors: "
							+ split.transactions().en() + " transactions worth " + split.value().en() + ", "
							+ value.change().en() + ". Of these, " + split.raising().en()
							+ " raised the enterprise's charter capital, worth " + split.raisingValue().en() + ", and "
							+ split.other().en() + " bought existing shares without raising charter capital, worth "
							+ split.otherValue().en() + ".");
		}

		private Paragraph realised() {
			YearOnYear realised = row("realised.capital");
			return new Paragraph("realised",
					"Vốn đầu tư " + (this.foreign ? "trực tiếp nước ngoài" : "trong nước") + " thực hiện tính đến ngày "
							+ this.cutVi + " ước đạt " + vi(realised.current()) + ", " + realised.change().vi() + ".",
					"Realised " + (this.foreign ? "foreign direct" : "domestic") + " investment up to " + this.cutEn
							+ " is estimated at " + en(realised.current()) + ", " + realised.change().en() + ".");
		}

		private Paragraph sectors() {
			Ranking sectors = this.tables.sectors();
			StringBuilder vi = new StringBuilder(
					"Trong số " + sectors.lines().vi() + " ngành kinh tế có dự án được cấp phép mới");
			StringBuilder en = new StringBuilder(
					"Of the " + sectors.lines().en() + " sectors with newly licensed projects");
			ranked(sectors, "ngành ", vi, en, " có số vốn đăng ký cấp mới lớn nhất với ",
					" received the most new registered capital, ");
			if (sectors.others() != null) {
				vi.append("; các ngành còn lại đạt ")
					.append(sectors.others().newCapital().vi())
					.append(shareVi(sectors.others().share()));
				en.append("; the other sectors ")
					.append(sectors.others().newCapital().en())
					.append(shareEn(sectors.others().share()));
			}
			return new Paragraph("sectors", vi.append('.').toString(), en.append('.').toString());
		}

		private Paragraph countries() {
			Ranking countries = this.tables.countries();
			StringBuilder vi = new StringBuilder("Trong số " + countries.lines().vi()
					+ " quốc gia và vùng lãnh thổ có dự án đầu tư được cấp phép mới tại Việt Nam tính đến ngày "
					+ this.cutVi);
			StringBuilder en = new StringBuilder("Of the " + countries.lines().en()
					+ " countries and territories with newly licensed projects in Viet Nam up to " + this.cutEn);
			ranked(countries, "", vi, en, " là nhà đầu tư lớn nhất với ", " was the largest investor with ");
			return new Paragraph("countries", vi.append('.').toString(), en.append('.').toString());
		}

		private Paragraph provinces() {
			Ranking provinces = this.tables.provinces();
			StringBuilder vi = new StringBuilder("Trong số " + provinces.lines().vi() + " địa phương có dự án đầu tư "
					+ whoVi() + " được cấp phép mới");
			StringBuilder en = new StringBuilder("Of the " + provinces.lines().en()
					+ " provinces and cities with newly licensed " + whoEn() + " projects");
			ranked(provinces, "", vi, en, " có số vốn đăng ký cấp mới lớn nhất với ",
					" received the most new registered capital, ");
			return new Paragraph("provinces", vi.append('.').toString(), en.append('.').toString());
		}

		/** The named lines: the first with its words, the others after semicolons. */
		private void ranked(Ranking ranking, String kindVi, StringBuilder vi, StringBuilder en, String firstVi,
				String firstEn) {
			for (RankedLine line : ranking.rows()) {
				if (line.rank() == 1) {
					vi.append(", ").append(kindVi).append(line.vi()).append(firstVi).append(line.newCapital().vi());
					vi.append(
							(line.share() != null) ? ", chiếm " + line.share().vi() + " tổng vốn đăng ký cấp mới" : "");
					en.append(", ").append(line.en()).append(firstEn).append(line.newCapital().en());
					en.append((line.share() != null) ? " (" + line.share().en() + " of new registered capital)" : "");
				}
				else {
					vi.append("; ").append(kindVi).append(line.vi()).append(" đạt ").append(line.newCapital().vi());
					vi.append(shareVi(line.share()));
					en.append("; ").append(line.en()).append(' ').append(line.newCapital().en());
					en.append(shareEn(line.share()));
				}
			}
		}

		private static String shareVi(Share share) {
			return (share != null) ? ", chiếm " + share.vi() : "";
		}

		private static String shareEn(Share share) {
			return (share != null) ? " (" + share.en() + ")" : "";
		}

		private Paragraph stock() {
			StockTable stock = this.tables.stock();
			String suspendedVi = (stock.suspendedProjects().value() > 0)
					? " (trong đó " + stock.suspendedProjects().vi() + " dự án tạm ngừng hoạt động)" : "";
			String suspendedEn = (stock.suspendedProjects().value() > 0)
					? " (" + stock.suspendedProjects().en() + " of them suspended)" : "";
			String shareVi = (stock.realisedShare() != null)
					? ", bằng " + stock.realisedShare().vi() + " tổng vốn đăng ký còn hiệu lực" : "";
			String shareEn = (stock.realisedShare() != null)
					? ", " + stock.realisedShare().en() + " of the registered capital of valid projects" : "";
			return new Paragraph("stock",
					"Lũy kế đến ngày " + this.cutVi + ", cả nước có " + stock.validProjects().vi() + " dự án đầu tư "
							+ whoVi() + " còn hiệu lực" + suspendedVi + " với tổng vốn đăng ký "
							+ stock.registeredCapital().vi() + ". Vốn thực hiện lũy kế của các dự án này ước đạt "
							+ stock.realisedCapital().vi() + shareVi + ".",
					"Cumulatively to " + this.cutEn + ", there were " + stock.validProjects().en() + " valid " + whoEn()
							+ " investment projects" + suspendedEn + " with total registered capital of "
							+ stock.registeredCapital().en() + ". Their cumulative realised capital is estimated at "
							+ stock.realisedCapital().en() + shareEn + ".");
		}

		private static boolean comparable(Change change) {
			return switch (change.kind()) {
				case "up", "down", "times", "same" -> true;
				default -> false;
			};
		}

		private static String shortVi(Change change) {
			return switch (change.kind()) {
				case "up" -> "tăng " + DisplayRule.oneDecimal(change.percent(), Language.VI) + "%";
				case "down" -> "giảm " + DisplayRule.oneDecimal(change.percent().negate(), Language.VI) + "%";
				case "times" -> "gấp " + DisplayRule.oneDecimal(change.times(), Language.VI) + " lần";
				default -> "không đổi";
			};
		}

		private static String shortEn(Change change) {
			return switch (change.kind()) {
				case "up" -> "rose " + DisplayRule.oneDecimal(change.percent(), Language.EN) + "%";
				case "down" -> "fell " + DisplayRule.oneDecimal(change.percent().negate(), Language.EN) + "%";
				case "times" -> "grew " + DisplayRule.oneDecimal(change.times(), Language.EN) + " times";
				default -> "was unchanged";
			};
		}

	}

}
