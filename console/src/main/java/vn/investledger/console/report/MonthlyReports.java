package vn.investledger.console.report;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch.core.search.Hit;

import org.springframework.stereotype.Component;

import vn.investledger.events.InvestmentType;
import vn.investledger.events.Total;
import vn.investledger.events.reference.Countries;
import vn.investledger.events.reference.ProvinceUnit;
import vn.investledger.events.reference.Provinces;
import vn.investledger.events.reference.VsicEditions;
import vn.investledger.events.reference.VsicSection;
import vn.investledger.events.rulebook.Cuboid;
import vn.investledger.events.rulebook.Periods;
import vn.investledger.events.rulebook.ReportCalendar;
import vn.investledger.index.Indices;
import vn.investledger.index.TotalDocument;
import vn.investledger.console.system.ConsoleProperties;

/**
 * Builds {@link MonthlyReport}s from the indexed figures: for each table, the figures of
 * the year's report months ({@code 2025-R01} … {@code 2025-R10}) are read and added up,
 * exactly, per province, country or sector.
 */
@Component
public class MonthlyReports {

	private static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

	private static final String NATION = "Cả nước";

	/** At most this many figures per table and month: every country, with room. */
	private static final int MAX_FIGURES = 10_000;

	private final ElasticsearchClient client;

	private final Indices indices;

	private final ReportCalendar calendar;

	MonthlyReports(ElasticsearchClient client, ConsoleProperties properties) {
		this.client = client;
		this.indices = properties.indices();
		this.calendar = properties.calendar();
	}

	/**
	 * The report of a month.
	 * @param year the year
	 * @param month the month, 1 to 12
	 * @param restated provinces as today's units ({@code true}, as FIA publishes) or as
	 * licensed
	 * @return the report
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	public MonthlyReport of(int year, int month, boolean restated) throws IOException {
		YearMonth release = YearMonth.of(year, month);
		List<FieldValue> periods = Periods.yearToDate(release).stream().map(FieldValue::of).toList();
		LocalDate from = LocalDate.of(year, 1, 1);
		LocalDate to = this.calendar.cutOff(release);
		Function<String, String> provinceNames = (code) -> provinceName(code, restated, from, to);
		Instant[] newest = new Instant[1];
		List<MonthlyReport.Section> sections = new ArrayList<>();
		for (InvestmentType type : InvestmentType.values()) {
			List<MonthlyReport.Row> national = table(type, Cuboid.NATIONAL, null, (code) -> NATION, periods, newest);
			sections.add(new MonthlyReport.Section(type,
					national.isEmpty() ? MonthlyReport.Row.zero("", NATION, type.currency()) : national.get(0),
					table(type, restated ? Cuboid.PROVINCE_RESTATED : Cuboid.PROVINCE, "province", provinceNames,
							periods, newest),
					table(type, Cuboid.COUNTRY, "country", MonthlyReports::countryName, periods, newest),
					table(type, Cuboid.SECTOR, "sector", MonthlyReports::sectorName, periods, newest)));
		}
		return new MonthlyReport(year, month, from, to, restated ? "restated" : "licensed", newest[0], sections);
	}

	private List<MonthlyReport.Row> table(InvestmentType type, Cuboid cuboid, String dimension,
			Function<String, String> names, List<FieldValue> periods, Instant[] newest) throws IOException {
		List<Hit<TotalDocument>> hits = this.client
			.search((
					search) -> search.index(this.indices.totals())
						.query((query) -> query.bool((bool) -> bool
							.filter((f) -> f.term((t) -> t.field("cuboid").value(cuboid.id())))
							.filter((f) -> f.term((t) -> t.field("investmentType").value(type.name())))
							.filter((f) -> f.terms((t) -> t.field("period").terms((values) -> values.value(periods))))))
						.size(MAX_FIGURES),
					TotalDocument.class)
			.hits()
			.hits();
		if (hits.size() >= MAX_FIGURES) {
			throw new IllegalStateException(cuboid.id() + " has more than " + MAX_FIGURES + " figures for a report");
		}
		Map<String, MonthlyReport.Row> rows = new LinkedHashMap<>();
		for (Hit<TotalDocument> hit : hits) {
			TotalDocument figure = hit.source();
			if (figure == null) {
				continue;
			}
			String code = (dimension != null) ? figure.dimensions().getOrDefault(dimension, "") : "";
			rows.computeIfAbsent(code, (c) -> MonthlyReport.Row.zero(c, names.apply(c), type.currency()));
			rows.compute(code,
					(c, row) -> row.plus(figure.newProjects(), figure.newCapital(), figure.adjustments(),
							figure.adjustedCapital(), figure.contributions(), figure.contributionCapital(),
							figure.realisedCapital()));
			newest[0] = Total.newer(newest[0], figure.newestEventAt());
		}
		List<MonthlyReport.Row> sorted = new ArrayList<>(rows.values());
		sorted.sort(Comparator
			.comparing((MonthlyReport.Row row) -> row.registeredCapital().minorUnits(), Comparator.reverseOrder())
			.thenComparing(MonthlyReport.Row::code));
		return List.copyOf(sorted);
	}

	/**
	 * A province line's name. Restated, the line is a unit in force today: its name. As
	 * licensed, the line holds what its code denoted on the days the report covers, which
	 * may be two units: code 24 was Bắc Giang until 30 June 2025 and is the merged Bắc
	 * Ninh since, so the line of 24 in a report of the year to 31 July 2025 is named "Bắc
	 * Giang / Bắc Ninh".
	 */
	static String provinceName(String code, boolean restated, LocalDate from, LocalDate to) {
		List<ProvinceUnit> units = Provinces.standard().unitsOf(code);
		if (units.isEmpty()) {
			return code;
		}
		if (!restated) {
			List<String> names = units.stream()
				.filter((unit) -> unit.inForceDuring(from, to))
				.map(ProvinceUnit::name)
				.distinct()
				.toList();
			if (!names.isEmpty()) {
				return String.join(" / ", names);
			}
		}
		return units.getLast().name();
	}

	private static String countryName(String code) {
		return Countries.name(code, VIETNAMESE);
	}

	/** A sector line's name: the sector figures are in the newest edition's terms. */
	private static String sectorName(String code) {
		VsicEditions vsic = VsicEditions.standard();
		return vsic.section(vsic.editions().getLast(), code).map(VsicSection::name).orElse(code);
	}

}
