package vn.investledger.console.release.zone;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import vn.investledger.console.ConsoleFixture;
import vn.investledger.console.ConsoleTest;
import vn.investledger.console.release.GeneratedLedger.Received;
import vn.investledger.events.LicensingEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The zone-board release served from a real Elasticsearch history, with a deployment's
 * own target and industrial land tables: Hải Phòng's zones and one zone as JSON, CSV and
 * xlsx, every figure the one added up by hand in {@link ZoneReleaseWriterTests}; the
 * release as known at an instant; and a 400 naming the problem for an unknown province or
 * zone, a malformed or unclosed month, before any figure is read.
 */
@ConsoleTest
@TestPropertySource(
		properties = { "investledger.investment-targets=src/test/resources/zone-release/investment-targets.csv",
				"investledger.industrial-land=src/test/resources/zone-release/industrial-land.csv" })
class ZoneReleaseApiTests {

	private static final String PATH = "/api/releases/2025-10/zone-board";

	private final ConsoleFixture fixture;

	ZoneReleaseApiTests(ConsoleFixture fixture) {
		this.fixture = fixture;
	}

	/**
	 * The writer tests' ledger, each event received at the start of its effective day.
	 */
	@BeforeAll
	static void indexLedger(ConsoleFixture fixture) {
		Map<String, List<LicensingEvent>> byUnit = ZoneReleaseWriterTests.LEDGER.stream()
			.collect(Collectors.groupingBy(Received::unit, Collectors.mapping(Received::event, Collectors.toList())));
		byUnit.forEach((unit, events) -> fixture.indexApplied(events, unit));
	}

	@Test
	void shouldServeAProvincesZonesWithTargetsOccupancyAndDdiInDollars() {
		JsonNode release = this.fixture.getJson(PATH, ConsoleFixture.params("province", "31"));

		JsonNode header = release.get("header");
		assertThat(header.get("cutOff").asString()).isEqualTo("2025-10-31");
		assertThat(header.get("scope").get("name").asString()).isEqualTo("Hải Phòng");
		JsonNode registered = row(release, "registered.capital");
		// FDI: 1,250 + 10 million new, 50 million adjusted; DDI: 243.6 tỷ đồng = US$10.0
		// million
		assertThat(registered.at("/fdi/current/minorUnits").asLong()).isEqualTo(131_000_000_000L);
		assertThat(registered.at("/ddi/current/minorUnits").asLong()).isEqualTo(243_600_000_000L);
		assertThat(registered.at("/ddiUsd/current/minorUnits").asLong()).isEqualTo(1_000_000_000L);
		assertThat(registered.at("/together/current/minorUnits").asLong()).isEqualTo(132_000_000_000L);
		assertThat(registered.at("/ddiUsd/current/vi").asString()).isEqualTo("10,0 triệu USD");
		assertThat(release.at("/tables/usd/rates/0").asString())
			.isEqualTo("press-implied 2024: 24360 VND/USD from 2024-01-01");
		// the deployment's target in force on 31 October, not its November revision
		JsonNode targets = release.at("/tables/targets");
		assertThat(targets.get("status").asString()).isEqualTo("set");
		assertThat(targets.get("source").asString()).isEqualTo("Kế hoạch 01/KH-BQL, ngày 15/01/2025");
		assertThat(targets.at("/fdi/progress/percent").decimalValue()).isEqualByComparingTo("52.4");
		assertThat(targets.at("/total/progress/percent").decimalValue()).isEqualByComparingTo("50.0");
		// occupancy: DEEP C against its industrial land, the KKT with none published
		JsonNode deepC = zone(release, "HP-DEEP-C");
		assertThat(deepC.at("/rate/percent").decimalValue()).isEqualByComparingTo("54.1");
		assertThat(deepC.at("/denominator/kind").asString()).isEqualTo("industrial-land");
		JsonNode kkt = zone(release, "HP-DINH-VU-CAT-HAI");
		assertThat(kkt.get("rate").isNull()).isTrue();
		assertThat(kkt.get("vi").asString()).contains("chưa có diện tích đất công nghiệp được công bố");
		assertThat(text(release, "headline")).contains("bằng 50,0% kế hoạch năm");
	}

	@Test
	void shouldSayAProvinceWithoutATargetHasNone() {
		JsonNode release = this.fixture.getJson(PATH, ConsoleFixture.params("province", "22"));

		assertThat(release.at("/tables/targets/status").asString()).isEqualTo("no-target");
		assertThat(release.at("/tables/targets/total").isNull()).isTrue();
		assertThat(text(release, "headline")).contains("Chưa có kế hoạch năm 2025 của Quảng Ninh")
			.doesNotContain("% kế hoạch");
		// Quảng Ninh's one licence, in Đông Mai, with no industrial land in the table
		assertThat(row(release, "new.projects").at("/fdi/current/value").asLong()).isEqualTo(1);
		assertThat(zone(release, "QN-DONG-MAI").get("rate").isNull()).isTrue();
	}

	@Test
	void shouldServeOneZoneAndTheReleaseAsKnownAtAnInstant() {
		JsonNode now = this.fixture.getJson(PATH, ConsoleFixture.params("zone", "HP-DEEP-C"));
		// received at the start of its effective day: on 1 April only P1 (10 March) of
		// 2025
		JsonNode april = this.fixture.getJson(PATH,
				ConsoleFixture.params("zone", "HP-DEEP-C", "asOf", "2025-04-01T07:00:00+07:00"));

		assertThat(now.at("/header/scope/kind").asString()).isEqualTo("zone");
		assertThat(now.at("/tables/targets/status").asString()).isEqualTo("by-province");
		assertThat(row(now, "new.projects").at("/ddi/current/value").asLong()).isEqualTo(1);
		assertThat(april.at("/header/asOf").asString()).isEqualTo("2025-04-01T00:00:00Z");
		assertThat(row(april, "new.projects").at("/fdi/current/value").asLong()).isEqualTo(1);
		assertThat(row(april, "new.projects").at("/ddi/current/value").asLong()).isZero();
		assertThat(row(april, "registered.capital").at("/ddiUsd/current/minorUnits").asLong()).isZero();
		assertThat(row(now, "registered.capital").at("/ddiUsd/current/minorUnits").asLong()).isEqualTo(1_000_000_000L);
		assertThat(zone(april, "HP-DEEP-C").at("/leased/exact").decimalValue()).isEqualByComparingTo("130.5");
	}

	@Test
	void shouldServeTheSameFiguresAsCsvAndExcel() throws Exception {
		HttpResponse<String> csv = this.fixture.get(PATH, ConsoleFixture.params("province", "31", "format", "csv"));
		HttpResponse<byte[]> xlsx = bytes(PATH + "?province=31&format=xlsx");

		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/csv"));
		assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(
				(disposition) -> assertThat(disposition).contains("thong-cao-kkt-kcn-31-2025-10-hien-nay.csv"));
		assertThat(csv.body())
			.startsWith("\"table\",\"code\",\"name\",\"figure\",\"series\",\"period\",\"value\",\"unit\",\"note\"")
			.contains(
					csv("yearOnYear", "31", "Hải Phòng", "registered.capital", "DDI-USD", "current", "10000000.00",
							"USD", "times"),
					csv("yearOnYear", "31", "Hải Phòng", "registered.capital", "DDI", "current", "243600000000", "VND",
							"times"),
					csv("target", "31", "", "progress", "FDI", "2025", "52.4", "%"),
					csv("occupancy", "HP-DEEP-C", "Khu công nghiệp DEEP C", "occupancy", "KCN", "", "54.1", "%",
							"industrial-land: Báo cáo BQL 2024 (from 2024-01-01)"),
					csv("occupancy", "HP-DINH-VU-CAT-HAI", "Khu kinh tế Đình Vũ – Cát Hải", "occupancy", "KKT", "", "",
							"%", "no published area"),
					csv("usd", "31", "Hải Phòng", "rate", "DDI-USD", "", "", "",
							"press-implied 2024: 24360 VND/USD from 2024-01-01"));
		assertThat(xlsx.statusCode()).isEqualTo(200);
		try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
			assertThat(workbook.getSheetName(0)).isEqualTo("Thông cáo");
			Sheet figures = workbook.getSheet("FDI và DDI");
			// the first row under the headings: total registered capital
			assertThat(figures.getRow(4).getCell(0).getStringCellValue())
				.isEqualTo("Tổng vốn đăng ký (cấp mới, điều chỉnh, góp vốn)");
			assertThat(figures.getRow(4).getCell(1).getNumericCellValue()).isEqualTo(1_310_000_000.0);
			assertThat(figures.getRow(4).getCell(7).getNumericCellValue()).isEqualTo(10_000_000.0);
			assertThat(workbook.getSheet("Tỷ lệ lấp đầy")).isNotNull();
			assertThat(workbook.getSheet("Kế hoạch năm").getRow(3).getCell(0).getStringCellValue())
				.startsWith("Kế hoạch năm 2025 của Hải Phòng (Kế hoạch 01/KH-BQL");
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			2025-10 | province=99                       | Unknown province    | 99 is not a province's code
			2025-10 | province=30                       | Unknown province    | its territory is in 31 (Hải Phòng)
			2025-10 | province=HP                       | Unknown province    | HP is not a province's code
			2025-10 | zone=HP-NOWHERE                   | Unknown zone        | HP-NOWHERE is not in the reference list
			2025-13 | province=31                       | Bad release request | month: a report month is yyyy-MM
			10-2025 | province=31                       | Bad release request | month: a report month is yyyy-MM
			2025-1  | province=31                       | Bad release request | month: a report month is yyyy-MM
			1986-12 | province=31                       | Bad release request | month: a year from 1987 to 2100
			1987-01 | province=31                       | Bad release request | cut-off, 1987-01-20, before 1987-12-29
			1987-12 | province=31                       | Bad release request | cut-off, 1987-12-20, before 1987-12-29
			2025-10 | format=csv                        | Bad release request | give either province
			2025-10 | province=31&zone=HP-DEEP-C        | Bad release request | not both
			2025-10 | province=31&asOf=yesterday        | Bad release request | asOf: an instant is ISO-8601
			2025-10 | province=31&asOf=                 | Bad release request | asOf: given empty
			2025-10 | province=31&format=               | Bad release request | json, csv or xlsx
			2025-10 | province=31&asOf=2025-11-05       | Bad release request | asOf: an instant is ISO-8601
			2025-10 | province=31&asOf=2999-01-01T00:00:00Z | Bad release request | is in the future
			2025-10 | province=31&asOf=1987-12-28T00:00:00Z | Bad release request | is before 1987-12-29
			2025-10 | province=31&format=pdf            | Bad release request | json, csv or xlsx
			""")
	void shouldAnswerABadRequestWithAProblemNamingIt(String month, String query, String title, String named) {
		HttpResponse<String> response = this.fixture.get("/api/releases/" + month + "/zone-board?" + query, Map.of());

		assertThat(response.statusCode()).as(query).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = ConsoleFixture.JSON.readTree(response.body());
		assertThat(problem.get("title").asString()).as(query).isEqualTo(title);
		assertThat(problem.get("detail").asString()).as(query).contains(named);
	}

	/**
	 * JSON asked for by {@code format=json} with an {@code Accept} that takes no JSON is
	 * not acceptable (406), rather than a workbook named {@code .json}.
	 */
	@Test
	void shouldAnswerJsonAskedForWithAnAcceptWithoutJsonNotAcceptable() throws Exception {
		for (String accept : List.of("text/csv", "text/html")) {
			HttpResponse<byte[]> response = java.net.http.HttpClient.newHttpClient()
				.send(java.net.http.HttpRequest
					.newBuilder(java.net.URI.create(this.fixture.url(PATH + "?province=31&format=json")))
					.header("Authorization", ConsoleFixture.basic(ConsoleFixture.OFFICIAL, ConsoleFixture.PASSWORD))
					.header("Accept", accept)
					.build(), HttpResponse.BodyHandlers.ofByteArray());

			assertThat(response.statusCode()).as(accept).isEqualTo(406);
			assertThat(response.headers().firstValue("Content-Disposition")).as(accept).isEmpty();
		}
	}

	@Test
	void shouldAskWhoeverIsNotSignedInToSignIn() {
		assertThat(this.fixture.send("GET", null, null, PATH, ConsoleFixture.params("province", "31")).statusCode())
			.isEqualTo(401);
		assertThat(this.fixture.send("GET", null, null, "/zone-release.html", Map.of()).statusCode()).isEqualTo(302);
	}

	@Test
	void shouldRefuseAMonthWhoseReleaseIsNotClosed() {
		// this month's cut-off, its last day, has not passed
		YearMonth thisMonth = YearMonth.now(ZoneId.of("Asia/Ho_Chi_Minh"));

		for (String month : List.of(thisMonth.toString(), "2099-01")) {
			HttpResponse<String> response = this.fixture.get("/api/releases/" + month + "/zone-board",
					ConsoleFixture.params("zone", "HP-DEEP-C"));

			assertThat(response.statusCode()).as(month).isEqualTo(400);
			JsonNode problem = ConsoleFixture.JSON.readTree(response.body());
			assertThat(problem.get("title").asString()).isEqualTo("Month not closed");
			assertThat(problem.get("detail").asString()).contains("has not passed yet");
			assertThat(problem.get("lastClosedMonth").asString()).isEqualTo(thisMonth.minusMonths(1).toString());
		}
	}

	private HttpResponse<byte[]> bytes(String pathAndQuery) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(this.fixture.url(pathAndQuery)))
				.header("Authorization", ConsoleFixture.basic(ConsoleFixture.OFFICIAL, ConsoleFixture.PASSWORD))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static JsonNode row(JsonNode release, String figure) {
		for (JsonNode row : release.at("/tables/yearOnYear")) {
			if (row.get("figure").asString().equals(figure)) {
				return row;
			}
		}
		throw new AssertionError("no row " + figure);
	}

	private static JsonNode zone(JsonNode release, String code) {
		for (JsonNode zone : release.at("/tables/occupancy/zones")) {
			if (zone.get("zone").asString().equals(code)) {
				return zone;
			}
		}
		throw new AssertionError("no zone " + code);
	}

	private static String text(JsonNode release, String key) {
		for (JsonNode paragraph : release.get("text")) {
			if (paragraph.get("key").asString().equals(key)) {
				return paragraph.get("vi").asString();
			}
		}
		throw new AssertionError("no paragraph " + key);
	}

	/** A CSV line's fields, each quoted. */
	/**
	 * A CSV line: the value unquoted when it is a number (a negative amount must not be
	 * taken for a formula and written as text), everything else quoted.
	 */
	private static String csv(String... fields) {
		return IntStream.range(0, fields.length)
			.mapToObj(
					(i) -> (i == 6 && fields[i].matches("-?[0-9]+(\\.[0-9]+)?")) ? fields[i] : "\"" + fields[i] + "\"")
			.collect(Collectors.joining(","));
	}

}
