package vn.investledger.console.report;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import vn.investledger.console.ConsoleFixture;
import vn.investledger.console.ConsoleTest;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Money;
import vn.investledger.events.Total;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.investledger.console.ConsoleFixture.JSON;
import static vn.investledger.console.ConsoleFixture.OFFICIAL;
import static vn.investledger.console.ConsoleFixture.PASSWORD;
import static vn.investledger.console.ConsoleFixture.params;
import static vn.investledger.console.ConsoleFixture.withoutByteOrderMark;

/**
 * The monthly report adds up the report months from January to its own, exactly, and its
 * JSON, CSV and Excel files say the same as the totals API.
 */
@ConsoleTest
class MonthlyReportTests {

	/** A year whose releases are closed: a month not closed yet has no report. */
	private static final int YEAR = 2025;

	private final ConsoleFixture fixture;

	MonthlyReportTests(ConsoleFixture fixture) {
		this.fixture = fixture;
	}

	/**
	 * Hải Phòng (31) and Hưng Yên (33) in report months R01 to R03, and a figure of R04
	 * that a March report must leave out.
	 */
	@BeforeAll
	static void indexFigures(ConsoleFixture fixture) {
		List<Total> figures = List.of(
				flow("province-restated", Map.of("province", "31"), 1, "1000000.50", 2, "-250000.25", 1, "40000"),
				flow("province-restated", Map.of("province", "31"), 3, "2000000", 1, "0", 3, "0.01"),
				flow("province-restated", Map.of("province", "33"), 2, "3000000", 0, "0", 0, "0"),
				flow("province-restated", Map.of("province", "33"), 4, "999999999", 0, "0", 0, "0"),
				flow("country", Map.of("country", "KR"), 1, "1000000.50", 2, "-250000.25", 1, "40000"),
				flow("country", Map.of("country", "KR"), 3, "2000000", 1, "0", 3, "0.01"),
				flow("country", Map.of("country", "JP"), 2, "3000000", 0, "0", 0, "0"),
				flow("sector", Map.of("sector", "C"), 1, "4000000.50", 2, "-250000.25", 1, "40000"),
				flow("sector", Map.of("sector", "C"), 3, "2000000", 1, "0", 3, "0.01"),
				flow("national", Map.of(), 1, "1000000.50", 2, "-250000.25", 1, "40000"),
				flow("national", Map.of(), 2, "3000000", 0, "0", 0, "0"),
				flow("national", Map.of(), 3, "2000000", 1, "0", 3, "0.01"),
				new Total("province-restated", Map.of("province", "31"), YEAR + "-R02", InvestmentType.DDI,
						Money.vnd(265_000_000_000L), 1, Money.vnd(0), 0, Money.vnd(0), 0, Money.vnd(0),
						Instant.parse("2025-02-10T03:00:00Z"), null));
		fixture.indexTotals(figures);
	}

	@Test
	void shouldAddUpTheReportMonthsToTheTotalsApisFigures() {
		JsonNode report = this.fixture.getJson("/api/reports/monthly",
				params("year", "" + YEAR, "month", "3", "format", "json"));

		assertThat(report.get("from").asString()).isEqualTo("2025-01-01");
		// from 2025 the releases run to month-end
		assertThat(report.get("to").asString()).isEqualTo("2025-03-31");
		JsonNode fdi = report.get("sections").get(0);
		assertThat(fdi.get("type").asString()).isEqualTo("FDI");
		// each province's line is the sum of the totals API's report-month figures
		Map<String, Long> fromTheApi = new HashMap<>();
		for (int month = 1; month <= 3; month++) {
			for (JsonNode figure : fixture
				.getJson("/api/search/totals/list",
						params("cuboid", "province-restated", "period", String.format("%d-R%02d", YEAR, month)))
				.get("figures")) {
				fromTheApi.merge(figure.get("dimensions").get("province").asString(),
						figure.get("registeredCapital").get("minorUnits").asLong(), Long::sum);
			}
		}
		assertThat(fdi.get("byProvince")
			.valueStream()
			.collect(java.util.stream.Collectors.toMap((row) -> row.get("code").asString(),
					(row) -> row.get("registeredCapital").get("minorUnits").asLong())))
			.isEqualTo(fromTheApi);
		// and exact: 1,000,000.50 − 250,000.25 + 40,000 + 2,000,000 + 0.01, the R04
		// figure left out
		// Hưng Yên first: its 3,000,000 are more
		assertThat(fdi.get("byProvince").get(0).get("code").asString()).isEqualTo("33");
		JsonNode haiPhong = fdi.get("byProvince").get(1);
		assertThat(haiPhong.get("code").asString()).isEqualTo("31");
		assertThat(haiPhong.get("name").asString()).isEqualTo("Hải Phòng");
		assertThat(haiPhong.get("registeredCapital").get("minorUnits").asLong()).isEqualTo(279_000_026L);
		assertThat(haiPhong.get("newProjects").asLong()).isEqualTo(2);
		assertThat(haiPhong.get("adjustments").asLong()).isEqualTo(3);
		assertThat(haiPhong.get("contributions").asLong()).isEqualTo(4);
		assertThat(fdi.get("byProvince").get(0).get("registeredCapital").get("minorUnits").asLong())
			.isEqualTo(300_000_000L);
		assertThat(fdi.get("national").get("registeredCapital").get("minorUnits").asLong()).isEqualTo(579_000_026L);
		assertThat(fdi.get("byCountry").get(0).get("name").asString()).isEqualTo("Nhật Bản");
		assertThat(fdi.get("bySector").get(0).get("code").asString()).isEqualTo("C");
		JsonNode ddi = report.get("sections").get(1);
		assertThat(ddi.get("byProvince").get(0).get("newCapital").get("currency").asString()).isEqualTo("VND");
		assertThat(ddi.get("byProvince").get(0).get("newCapital").get("minorUnits").asLong())
			.isEqualTo(265_000_000_000L);
	}

	@Test
	void shouldWriteTheSameFiguresToCsvAndExcel() throws Exception {
		HttpResponse<String> csv = this.fixture.get("/api/reports/monthly",
				params("year", "" + YEAR, "month", "3", "format", "csv"));
		assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Disposition"))
			.hasValueSatisfying((disposition) -> assertThat(disposition).contains("bao-cao-dau-tu-2025-03.csv"));
		assertThat(csv.headers().firstValue("X-As-Of")).isPresent();
		List<CSVRecord> lines = CSVFormat.RFC4180.builder()
			.setHeader()
			.get()
			.parse(new StringReader(withoutByteOrderMark(csv.body())))
			.getRecords();
		CSVRecord haiPhong = lines.stream()
			.filter((line) -> line.get("type").equals("FDI") && line.get("table").equals("province")
					&& line.get("code").equals("31"))
			.findFirst()
			.orElseThrow();
		assertThat(haiPhong.get("name")).isEqualTo("Hải Phòng");
		assertThat(haiPhong.get("registeredCapital")).isEqualTo("2790000.26");
		assertThat(haiPhong.get("adjustedCapital")).isEqualTo("-250000.25");
		assertThat(haiPhong.get("currency")).isEqualTo("USD");

		byte[] xlsx = binary("/api/reports/monthly?year=" + YEAR + "&month=3&format=xlsx");
		try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			Sheet provinces = workbook.getSheet("FDI theo địa phương");
			Row haiPhongRow = provinces.getRow(6);
			assertThat(provinces.getRow(5).getCell(0).getStringCellValue()).isEqualTo("33");
			assertThat(haiPhongRow.getCell(0).getStringCellValue()).isEqualTo("31");
			assertThat(haiPhongRow.getCell(1).getStringCellValue()).isEqualTo("Hải Phòng");
			assertThat(BigDecimal.valueOf(haiPhongRow.getCell(8).getNumericCellValue()))
				.isEqualByComparingTo(haiPhong.get("registeredCapital"));
			assertThat(workbook.getSheet("Tổng hợp").getRow(0).getCell(0).getStringCellValue()).contains("01/01/2025",
					"31/03/2025");
		}
	}

	private byte[] binary(String path) throws Exception {
		HttpResponse<byte[]> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(this.fixture.url(path)))
				.header("Authorization", ConsoleFixture.basic(OFFICIAL, PASSWORD))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		return response.body();
	}

	private static Total flow(String cuboid, Map<String, String> dimensions, int reportMonth, String newCapital,
			long adjustments, String adjusted, long contributions, String contributed) {
		return new Total(cuboid, dimensions, String.format("%d-R%02d", YEAR, reportMonth), InvestmentType.FDI,
				Money.usd(newCapital), 1, Money.usd(adjusted), adjustments, Money.usd(contributed), contributions,
				Money.usd("0"), Instant.parse("2025-03-10T03:00:00Z").plusSeconds(reportMonth), null);
	}

}
