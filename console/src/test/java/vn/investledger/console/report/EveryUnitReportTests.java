package vn.investledger.console.report;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import vn.investledger.console.ConsoleFixture;
import vn.investledger.console.ConsoleTest;
import vn.investledger.events.EventValidator;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Licensed;
import vn.investledger.events.Money;
import vn.investledger.events.Stock;
import vn.investledger.events.Total;
import vn.investledger.events.UsdEquivalent;
import vn.investledger.events.reference.Provinces;
import vn.investledger.events.reference.UsdRates;
import vn.investledger.events.rulebook.Periods;
import vn.investledger.events.rulebook.ReportCalendar;
import vn.investledger.testsupport.SampleEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.investledger.console.ConsoleFixture.OFFICIAL;
import static vn.investledger.console.ConsoleFixture.PASSWORD;
import static vn.investledger.console.ConsoleFixture.params;
import static vn.investledger.console.ConsoleFixture.withoutByteOrderMark;

/**
 * Every provincial unit's figures reach the monthly report and the figure endpoints: the
 * 63 units before 1 July 2025 and the 34 since (Resolution 202/2025/QH15), each as
 * licensed and restated to today's unit, under the names of the units a line covers.
 * <p>
 * Each unit licenses one FDI and one DDI project of its own amount; the figures are
 * counted from those licences as the processor counts them and indexed as the indexer
 * writes them. Every expectation comes from the table below, not from the reference data
 * the code under test reads.
 */
@ConsoleTest
class EveryUnitReportTests {

	/** The processor's and the indexer's report cut-off day. */

	/**
	 * Each unit of the reference data on a day it licensed, and what its figures must be
	 * restated to: {@code code | licensed on | name then | today's code | today's name}.
	 * Every date is a 10th, before the cut-off day, so it counts in its own month's
	 * report month.
	 */
	private static final List<Unit> UNITS = Unit.table("""
			# the 63 units in force until 30 June 2025, each licensing on 10 June 2025 (report month R06)
			01 | 2025-06-10 | Hà Nội | 01 | Hà Nội
			02 | 2025-06-10 | Hà Giang | 08 | Tuyên Quang
			04 | 2025-06-10 | Cao Bằng | 04 | Cao Bằng
			06 | 2025-06-10 | Bắc Kạn | 19 | Thái Nguyên
			08 | 2025-06-10 | Tuyên Quang | 08 | Tuyên Quang
			10 | 2025-06-10 | Lào Cai | 15 | Lào Cai
			11 | 2025-06-10 | Điện Biên | 11 | Điện Biên
			12 | 2025-06-10 | Lai Châu | 12 | Lai Châu
			14 | 2025-06-10 | Sơn La | 14 | Sơn La
			# 15 was Yên Bái's code; the merged Lào Cai took it
			15 | 2025-06-10 | Yên Bái | 15 | Lào Cai
			17 | 2025-06-10 | Hòa Bình | 25 | Phú Thọ
			19 | 2025-06-10 | Thái Nguyên | 19 | Thái Nguyên
			20 | 2025-06-10 | Lạng Sơn | 20 | Lạng Sơn
			22 | 2025-06-10 | Quảng Ninh | 22 | Quảng Ninh
			# 24 was Bắc Giang's code; the merged Bắc Ninh took it
			24 | 2025-06-10 | Bắc Giang | 24 | Bắc Ninh
			25 | 2025-06-10 | Phú Thọ | 25 | Phú Thọ
			26 | 2025-06-10 | Vĩnh Phúc | 25 | Phú Thọ
			27 | 2025-06-10 | Bắc Ninh | 24 | Bắc Ninh
			30 | 2025-06-10 | Hải Dương | 31 | Hải Phòng
			31 | 2025-06-10 | Hải Phòng | 31 | Hải Phòng
			33 | 2025-06-10 | Hưng Yên | 33 | Hưng Yên
			34 | 2025-06-10 | Thái Bình | 33 | Hưng Yên
			35 | 2025-06-10 | Hà Nam | 37 | Ninh Bình
			36 | 2025-06-10 | Nam Định | 37 | Ninh Bình
			37 | 2025-06-10 | Ninh Bình | 37 | Ninh Bình
			38 | 2025-06-10 | Thanh Hóa | 38 | Thanh Hóa
			40 | 2025-06-10 | Nghệ An | 40 | Nghệ An
			42 | 2025-06-10 | Hà Tĩnh | 42 | Hà Tĩnh
			# 44 was Quảng Bình's code; the merged Quảng Trị took it
			44 | 2025-06-10 | Quảng Bình | 44 | Quảng Trị
			45 | 2025-06-10 | Quảng Trị | 44 | Quảng Trị
			# Huế since 1 January 2025, Thừa Thiên Huế before (last row)
			46 | 2025-06-10 | Huế | 46 | Huế
			48 | 2025-06-10 | Đà Nẵng | 48 | Đà Nẵng
			49 | 2025-06-10 | Quảng Nam | 48 | Đà Nẵng
			51 | 2025-06-10 | Quảng Ngãi | 51 | Quảng Ngãi
			# 52 was Bình Định's code; the merged Gia Lai took it
			52 | 2025-06-10 | Bình Định | 52 | Gia Lai
			54 | 2025-06-10 | Phú Yên | 66 | Đắk Lắk
			56 | 2025-06-10 | Khánh Hòa | 56 | Khánh Hòa
			58 | 2025-06-10 | Ninh Thuận | 56 | Khánh Hòa
			60 | 2025-06-10 | Bình Thuận | 68 | Lâm Đồng
			62 | 2025-06-10 | Kon Tum | 51 | Quảng Ngãi
			64 | 2025-06-10 | Gia Lai | 52 | Gia Lai
			66 | 2025-06-10 | Đắk Lắk | 66 | Đắk Lắk
			67 | 2025-06-10 | Đắk Nông | 68 | Lâm Đồng
			68 | 2025-06-10 | Lâm Đồng | 68 | Lâm Đồng
			70 | 2025-06-10 | Bình Phước | 75 | Đồng Nai
			72 | 2025-06-10 | Tây Ninh | 80 | Tây Ninh
			74 | 2025-06-10 | Bình Dương | 79 | Thành phố Hồ Chí Minh
			75 | 2025-06-10 | Đồng Nai | 75 | Đồng Nai
			77 | 2025-06-10 | Bà Rịa – Vũng Tàu | 79 | Thành phố Hồ Chí Minh
			79 | 2025-06-10 | Thành phố Hồ Chí Minh | 79 | Thành phố Hồ Chí Minh
			# 80 was Long An's code; the merged Tây Ninh took it
			80 | 2025-06-10 | Long An | 80 | Tây Ninh
			# 82 was Tiền Giang's code; the merged Đồng Tháp took it
			82 | 2025-06-10 | Tiền Giang | 82 | Đồng Tháp
			83 | 2025-06-10 | Bến Tre | 86 | Vĩnh Long
			84 | 2025-06-10 | Trà Vinh | 86 | Vĩnh Long
			86 | 2025-06-10 | Vĩnh Long | 86 | Vĩnh Long
			87 | 2025-06-10 | Đồng Tháp | 82 | Đồng Tháp
			89 | 2025-06-10 | An Giang | 91 | An Giang
			# 91 was Kiên Giang's code; the merged An Giang took it
			91 | 2025-06-10 | Kiên Giang | 91 | An Giang
			92 | 2025-06-10 | Cần Thơ | 92 | Cần Thơ
			93 | 2025-06-10 | Hậu Giang | 92 | Cần Thơ
			94 | 2025-06-10 | Sóc Trăng | 92 | Cần Thơ
			95 | 2025-06-10 | Bạc Liêu | 96 | Cà Mau
			96 | 2025-06-10 | Cà Mau | 96 | Cà Mau
			# the 34 units from 1 July 2025, each licensing on 10 July 2025 (R07): restated to themselves
			01 | 2025-07-10 | Hà Nội | 01 | Hà Nội
			04 | 2025-07-10 | Cao Bằng | 04 | Cao Bằng
			08 | 2025-07-10 | Tuyên Quang | 08 | Tuyên Quang
			11 | 2025-07-10 | Điện Biên | 11 | Điện Biên
			12 | 2025-07-10 | Lai Châu | 12 | Lai Châu
			14 | 2025-07-10 | Sơn La | 14 | Sơn La
			15 | 2025-07-10 | Lào Cai | 15 | Lào Cai
			19 | 2025-07-10 | Thái Nguyên | 19 | Thái Nguyên
			20 | 2025-07-10 | Lạng Sơn | 20 | Lạng Sơn
			22 | 2025-07-10 | Quảng Ninh | 22 | Quảng Ninh
			24 | 2025-07-10 | Bắc Ninh | 24 | Bắc Ninh
			25 | 2025-07-10 | Phú Thọ | 25 | Phú Thọ
			31 | 2025-07-10 | Hải Phòng | 31 | Hải Phòng
			33 | 2025-07-10 | Hưng Yên | 33 | Hưng Yên
			37 | 2025-07-10 | Ninh Bình | 37 | Ninh Bình
			38 | 2025-07-10 | Thanh Hóa | 38 | Thanh Hóa
			40 | 2025-07-10 | Nghệ An | 40 | Nghệ An
			42 | 2025-07-10 | Hà Tĩnh | 42 | Hà Tĩnh
			44 | 2025-07-10 | Quảng Trị | 44 | Quảng Trị
			46 | 2025-07-10 | Huế | 46 | Huế
			48 | 2025-07-10 | Đà Nẵng | 48 | Đà Nẵng
			51 | 2025-07-10 | Quảng Ngãi | 51 | Quảng Ngãi
			52 | 2025-07-10 | Gia Lai | 52 | Gia Lai
			56 | 2025-07-10 | Khánh Hòa | 56 | Khánh Hòa
			66 | 2025-07-10 | Đắk Lắk | 66 | Đắk Lắk
			68 | 2025-07-10 | Lâm Đồng | 68 | Lâm Đồng
			75 | 2025-07-10 | Đồng Nai | 75 | Đồng Nai
			79 | 2025-07-10 | Thành phố Hồ Chí Minh | 79 | Thành phố Hồ Chí Minh
			80 | 2025-07-10 | Tây Ninh | 80 | Tây Ninh
			82 | 2025-07-10 | Đồng Tháp | 82 | Đồng Tháp
			86 | 2025-07-10 | Vĩnh Long | 86 | Vĩnh Long
			91 | 2025-07-10 | An Giang | 91 | An Giang
			92 | 2025-07-10 | Cần Thơ | 92 | Cần Thơ
			96 | 2025-07-10 | Cà Mau | 96 | Cà Mau
			# the one unit no longer in force on 30 June 2025: Thừa Thiên Huế, whose code Huế kept
			46 | 2024-12-10 | Thừa Thiên Huế | 46 | Huế
			""");

	/** The reports the tests read, each fetched once: {@code year-month-provinces}. */
	private static final Map<String, JsonNode> REPORTS = new ConcurrentHashMap<>();

	private final ConsoleFixture fixture;

	EveryUnitReportTests(ConsoleFixture fixture) {
		this.fixture = fixture;
	}

	static List<Unit> units() {
		return UNITS;
	}

	/**
	 * Given each unit's FDI and DDI licence, counted as the processor counts them, and
	 * indexed as the indexer writes the figures.
	 */
	@BeforeAll
	static void indexFigures(ConsoleFixture fixture) {
		Map<String, Total> totals = new LinkedHashMap<>();
		Map<String, Stock> stock = new LinkedHashMap<>();
		for (Unit unit : UNITS) {
			for (InvestmentType type : InvestmentType.values()) {
				Licensed licence = unit.licence(type);
				// the ledger would apply it: the unit was in force on its date
				assertThat(EventValidator.validate(licence)).as("%s %s", unit, type).isEmpty();
				countAsTheProcessorDoes(licence, totals, stock);
			}
		}
		fixture.indexTotals(totals.values());
		fixture.indexStock(stock.values());
	}

	@Test
	void shouldCoverEveryUnitOfTheReferenceData() {
		Set<String> inTheTable = new HashSet<>();
		UNITS.forEach((unit) -> {
			inTheTable.add(unit.code() + " " + unit.name());
			inTheTable.add(unit.todaysCode() + " " + unit.todaysName());
		});
		Set<String> inTheReference = Provinces.standard()
			.all()
			.stream()
			.map((unit) -> unit.code() + " " + unit.name())
			.collect(Collectors.toSet());

		assertThat(inTheTable).isEqualTo(inTheReference);
		assertThat(UNITS.stream().filter((unit) -> unit.licensedOn().equals(LocalDate.of(2025, 6, 10)))).hasSize(63);
		assertThat(UNITS.stream().filter((unit) -> unit.licensedOn().equals(LocalDate.of(2025, 7, 10)))).hasSize(34);
	}

	/**
	 * The unit's line in the reports of its month and of December, as licensed and
	 * restated, in FDI and DDI: its name, projects and capital, with the other units the
	 * line adds up.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("units")
	void shouldReportTheUnitAsLicensedAndRestated(Unit unit) {
		for (int month : new TreeSet<>(List.of(unit.reportMonth(), 12))) {
			for (boolean restated : List.of(false, true)) {
				JsonNode report = report(unit.year(), month, restated);
				for (JsonNode section : report.get("sections")) {
					InvestmentType type = InvestmentType.valueOf(section.get("type").asString());
					String code = unit.lineCode(restated);
					List<Unit> counted = counted(unit.year(), month, restated, code);
					String what = String.format("%s: %d-%02d %s %s line %s", unit, unit.year(), month,
							restated ? "restated" : "licensed", type, code);
					JsonNode line = line(section.get("byProvince"), code);
					assertThat(line).as(what).isNotNull();
					assertThat(line.get("name").asString()).as(what).isEqualTo(nameOf(counted, restated));
					assertThat(line.get("newProjects").asLong()).as(what).isEqualTo(counted.size());
					assertThat(line.get("newCapital").get("minorUnits").asLong()).as(what)
						.isEqualTo(sum(counted, type));
					assertThat(line.get("newCapital").get("currency").asString()).as(what)
						.isEqualTo(type.currency().name());
					assertThat(line.get("registeredCapital").get("minorUnits").asLong()).as(what)
						.isEqualTo(sum(counted, type));
					assertThat(line.get("adjustments").asLong()).as(what).isZero();
					assertThat(line.get("realisedCapital").get("minorUnits").asLong()).as(what).isZero();
				}
			}
		}
	}

	/**
	 * Every endpoint that takes a province answers the unit's figures, under its code as
	 * licensed and under today's unit restated.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("units")
	void shouldAnswerEveryFigureOfTheUnit(Unit unit) {
		String code = unit.code();
		String today = unit.todaysCode();
		String reportMonth = Periods.reportMonth(java.time.YearMonth.of(unit.year(), unit.reportMonth()));
		String year = Integer.toString(unit.year());
		Predicate<Unit> sameCode = (other) -> other.code().equals(code);
		Predicate<Unit> sameToday = (other) -> other.todaysCode().equals(today);
		Predicate<Unit> sameYear = (other) -> other.year() == unit.year();
		Predicate<Unit> sameMonth = (
				other) -> other.licensedOn().withDayOfMonth(1).equals(unit.licensedOn().withDayOfMonth(1));

		// as licensed: the report month, all time, by partner and by sector
		assertFigure(params("cuboid", "province", "province", code, "period", reportMonth),
				where(sameCode.and(sameMonth)), InvestmentType.FDI);
		assertMoney(this.fixture.getJson("/api/search/totals/provinces/" + code, params("type", "DDI")),
				where(sameCode), InvestmentType.DDI);
		assertFigure(params("cuboid", "province+country", "province", code, "country", "KR"), where(sameCode),
				InvestmentType.FDI);
		assertFigure(
				params("cuboid", "province+sector", "province", code, "sector", "H", "period", year, "type", "DDI"),
				where(sameCode.and(sameYear)), InvestmentType.DDI);
		// restated: the year, and the month in the year's series
		assertFigure(params("cuboid", "province-restated", "province", today, "period", year),
				where(sameToday.and(sameYear)), InvestmentType.FDI);
		JsonNode series = this.fixture.getJson("/api/search/totals/series",
				params("cuboid", "province-restated", "province", today, "year", year));
		String month = unit.licensedOn().format(DateTimeFormatter.ofPattern("yyyy-MM"));
		JsonNode ofTheMonth = series.get("figures")
			.valueStream()
			.filter((figure) -> figure.get("period").asString().equals(month))
			.findFirst()
			.orElse(null);
		assertThat(ofTheMonth).as("%s: %s in the series of %s", unit, month, today).isNotNull();
		assertMoney(ofTheMonth, where(sameToday.and(sameMonth)), InvestmentType.FDI);
		// the stock of valid projects, as licensed and restated
		for (boolean restated : List.of(false, true)) {
			String cuboid = restated ? "province-restated" : "province";
			String province = restated ? today : code;
			JsonNode stock = this.fixture.getJson("/api/search/stock",
					params("cuboid", cuboid, "province", province, "type", "DDI"));
			List<Unit> inStock = where(restated ? sameToday : sameCode);
			assertThat(stock.get("validProjects").asLong()).as("%s: stock of %s %s", unit, cuboid, province)
				.isEqualTo(inStock.size());
			assertThat(stock.get("registeredCapital").get("minorUnits").asLong())
				.as("%s: stock of %s %s", unit, cuboid, province)
				.isEqualTo(sum(inStock, InvestmentType.DDI));
		}
	}

	/**
	 * Each report lists each unit that has figures once, adding up to the nation, largest
	 * first, and nothing else.
	 */
	@Test
	void shouldListEachUnitOnceAddingUpToTheNation() {
		for (String which : List.of("2024-12", "2025-06", "2025-07", "2025-12")) {
			int year = Integer.parseInt(which.substring(0, 4));
			int month = Integer.parseInt(which.substring(5));
			for (boolean restated : List.of(false, true)) {
				JsonNode report = report(year, month, restated);
				for (JsonNode section : report.get("sections")) {
					InvestmentType type = InvestmentType.valueOf(section.get("type").asString());
					Map<String, Long> expected = new TreeMap<>();
					UNITS.stream()
						.filter((unit) -> unit.year() == year && unit.reportMonth() <= month)
						.forEach((unit) -> expected.merge(unit.lineCode(restated), unit.capital(type).minorUnits(),
								Long::sum));
					List<JsonNode> lines = section.get("byProvince").valueStream().toList();
					String what = which + (restated ? " restated " : " licensed ") + type;

					assertThat(lines.stream()
						.collect(Collectors.toMap((line) -> line.get("code").asString(),
								(line) -> line.get("registeredCapital").get("minorUnits").asLong())))
						.as(what)
						.isEqualTo(expected);
					assertThat(lines).extracting((line) -> line.get("registeredCapital").get("minorUnits").asLong())
						.as(what)
						.isSortedAccordingTo(Comparator.reverseOrder());
					assertThat(section.get("national").get("registeredCapital").get("minorUnits").asLong()).as(what)
						.isEqualTo(expected.values().stream().mapToLong(Long::longValue).sum());
				}
			}
		}
	}

	/**
	 * The CSV and the workbook of the year, as licensed and restated, carry every line of
	 * the JSON report with its name and total.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "licensed", "restated" })
	void shouldWriteEveryUnitsLineToCsvAndExcel(String provinces) throws Exception {
		JsonNode fdi = report(2025, 12, "restated".equals(provinces)).get("sections").get(0);
		Map<String, String> fromJson = new TreeMap<>();
		for (JsonNode line : fdi.get("byProvince")) {
			fromJson.put(line.get("code").asString(), line.get("name").asString() + " = "
					+ new BigDecimal(line.get("registeredCapital").get("minorUnits").asLong()).movePointLeft(2));
		}

		HttpResponse<String> csv = this.fixture.get("/api/reports/monthly",
				params("year", "2025", "month", "12", "provinces", provinces, "format", "csv"));
		assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
		Map<String, String> fromCsv = new TreeMap<>();
		for (CSVRecord line : CSVFormat.RFC4180.builder()
			.setHeader()
			.get()
			.parse(new StringReader(withoutByteOrderMark(csv.body())))) {
			if (line.get("type").equals("FDI") && line.get("table").equals("province")) {
				fromCsv.put(line.get("code"), line.get("name") + " = " + line.get("registeredCapital"));
			}
		}
		assertThat(fromCsv).isEqualTo(fromJson).hasSize("restated".equals(provinces) ? 34 : 63);

		HttpResponse<byte[]> xlsx = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(
						URI.create(this.fixture.url("/api/reports/monthly?year=2025&month=12&provinces=" + provinces)))
				.header("Authorization", ConsoleFixture.basic(OFFICIAL, PASSWORD))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(xlsx.statusCode()).isEqualTo(200);
		Map<String, String> fromXlsx = new TreeMap<>();
		try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
			Sheet sheet = workbook.getSheet("FDI theo địa phương");
			// the title, the time, a blank row, the caption and the headings come first
			for (int at = 5; at <= sheet.getLastRowNum(); at++) {
				Row row = sheet.getRow(at);
				fromXlsx.put(row.getCell(0).getStringCellValue(), row.getCell(1).getStringCellValue() + " = "
						+ BigDecimal.valueOf(row.getCell(8).getNumericCellValue()).setScale(2));
			}
		}
		assertThat(fromXlsx).isEqualTo(fromJson);
	}

	/**
	 * The figures the processor derives from a licence (its {@code Flows} and
	 * {@code StockFigures}, which the indexer does not depend on): one per cuboid the
	 * licence counts in, in each period of its effective date, with the province restated
	 * by the same rule, and the stock of each cuboid.
	 */
	private static void countAsTheProcessorDoes(Licensed licence, Map<String, Total> totals, Map<String, Stock> stock) {
		LocalDate date = licence.envelope().effectiveDate();
		String province = licence.envelope().provinceCode();
		String restated = Provinces.standard().latestUnitOf(province, date);
		String country = licence.partnerCountry();
		String sector = licence.sector().section();
		Map<String, Map<String, String>> cuboids = new LinkedHashMap<>();
		cuboids.put("national", Map.of());
		cuboids.put("province", Map.of("province", province));
		cuboids.put("province-restated", Map.of("province", restated));
		if (licence.zoneCode() != null) {
			cuboids.put("province+zone", Map.of("province", province, "zone", licence.zoneCode()));
		}
		cuboids.put("province+country", Map.of("province", province, "country", country));
		cuboids.put("province+sector", Map.of("province", province, "sector", sector));
		cuboids.put("country", Map.of("country", country));
		cuboids.put("sector", Map.of("sector", sector));
		InvestmentType type = licence.investmentType();
		Money zero = Money.zero(type.currency());
		cuboids.forEach((cuboid, dimensions) -> {
			for (String period : Periods.of(date, ReportCalendar.standard())) {
				Total change = new Total(cuboid, dimensions, period, type, licence.registeredCapital(), 1, zero, 0,
						zero, 0, zero, licence.envelope().emittedAt(), null);
				change = change.withUsdEquivalent(UsdEquivalent.of(change, UsdRates.standard().on(date)));
				totals.merge(change.key(), change, Total::plus);
			}
			Stock change = new Stock(cuboid, dimensions, type, 1, 0, licence.registeredCapital(), zero,
					licence.envelope().emittedAt());
			stock.merge(change.key(), change, Stock::plus);
		});
	}

	private JsonNode report(int year, int month, boolean restated) {
		String provinces = restated ? "restated" : "licensed";
		return REPORTS.computeIfAbsent(year + "-" + month + "-" + provinces,
				(key) -> this.fixture.getJson("/api/reports/monthly", params("year", Integer.toString(year), "month",
						Integer.toString(month), "provinces", provinces, "format", "json")));
	}

	/** The units a line of a report adds up. */
	private static List<Unit> counted(int year, int month, boolean restated, String code) {
		return where(
				(unit) -> unit.year() == year && unit.reportMonth() <= month && unit.lineCode(restated).equals(code));
	}

	/**
	 * A line's name: restated, today's unit's; as licensed, the name of each unit the
	 * code denoted in the line's licences, in order.
	 */
	private static String nameOf(List<Unit> counted, boolean restated) {
		if (restated) {
			return counted.get(0).todaysName();
		}
		return counted.stream()
			.sorted(Comparator.comparing(Unit::licensedOn))
			.map(Unit::name)
			.distinct()
			.collect(Collectors.joining(" / "));
	}

	private static List<Unit> where(Predicate<Unit> which) {
		return UNITS.stream().filter(which).toList();
	}

	private static long sum(List<Unit> units, InvestmentType type) {
		return units.stream().mapToLong((unit) -> unit.capital(type).minorUnits()).sum();
	}

	private static JsonNode line(JsonNode lines, String code) {
		return lines.valueStream().filter((line) -> line.get("code").asString().equals(code)).findFirst().orElse(null);
	}

	private void assertFigure(Map<String, String> query, List<Unit> counted, InvestmentType type) {
		assertMoney(this.fixture.getJson("/api/search/totals", query), counted, type);
	}

	private static void assertMoney(JsonNode figure, List<Unit> counted, InvestmentType type) {
		assertThat(figure.get("newProjects").asLong()).as("%s", figure).isEqualTo(counted.size());
		assertThat(figure.get("newCapital").get("minorUnits").asLong()).as("%s", figure).isEqualTo(sum(counted, type));
		assertThat(figure.get("newCapital").get("currency").asString()).isEqualTo(type.currency().name());
	}

	/**
	 * A unit of the table.
	 *
	 * @param index its row, which makes its amounts its own
	 * @param code its code
	 * @param licensedOn the day it licenses its projects
	 * @param name its name that day
	 * @param todaysCode the unit that holds its territory today
	 * @param todaysName that unit's name
	 */
	record Unit(int index, String code, LocalDate licensedOn, String name, String todaysCode, String todaysName) {

		static List<Unit> table(String rows) {
			List<Unit> units = new ArrayList<>();
			for (String row : rows.strip().split("\n")) {
				if (row.isBlank() || row.strip().startsWith("#")) {
					continue;
				}
				String[] cells = row.split("\\|");
				units.add(new Unit(units.size(), cells[0].strip(), LocalDate.parse(cells[1].strip()), cells[2].strip(),
						cells[3].strip(), cells[4].strip()));
			}
			return List.copyOf(units);
		}

		int year() {
			return this.licensedOn.getYear();
		}

		/** Every date of the table is a 10th: its month's report month. */
		int reportMonth() {
			return this.licensedOn.getMonthValue();
		}

		String lineCode(boolean restated) {
			return restated ? this.todaysCode : this.code;
		}

		/**
		 * Its own amount: US$1,000,000.01 or 1,000,000,007 đồng times its row's number,
		 * so that every sum tells which units it holds.
		 */
		Money capital(InvestmentType type) {
			return (type == InvestmentType.FDI) ? new Money((this.index + 1) * 100_000_001L, type.currency())
					: Money.vnd((this.index + 1) * 1_000_000_007L);
		}

		Licensed licence(InvestmentType type) {
			String project = "EU-" + this.index + "-" + type;
			Licensed sample = (type == InvestmentType.FDI) ? SampleEvents.fdiLicence(project, this.code, capital(type))
					: SampleEvents.ddiLicence(project, this.code, capital(type));
			return SampleEvents.withEnvelope(sample, SampleEvents.envelope(project, 1, this.code, this.licensedOn));
		}

		@Override
		public String toString() {
			return this.code + " " + this.name + " on " + this.licensedOn + " → " + this.todaysCode + " "
					+ this.todaysName;
		}

	}

}
