package vn.investledger.console.release;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import vn.investledger.console.ConsoleFixture;
import vn.investledger.console.ConsoleTest;
import vn.investledger.console.release.ReleaseOracle.Expected;
import vn.investledger.events.AppliedEntry;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.rulebook.Periods;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.investledger.console.ConsoleFixture.params;

/**
 * The release API on a real Elasticsearch node, over a generated ledger indexed as the
 * indexer writes it (history, totals and stock): the current release states exactly the
 * figures the totals and stock indices serve, and those an independent recomputation
 * gives; a vintage as known at an instant is the recomputation of the events received by
 * then; the CSV and the workbook carry the JSON's numbers; and what cannot be answered is
 * a 400 that says why. The history is read 37 entries a page, so every pass pages.
 */
@ConsoleTest
@TestPropertySource(properties = "investledger.releases.page-size=37")
class ReleaseTests {

	private static final long SEED = Long.getLong("investledger.seed", System.nanoTime());

	/** A month whose cut-off (31 December 2025) is after every generated event. */
	static final YearMonth MONTH = YearMonth.of(2025, 12);

	private static GeneratedLedger ledger;

	private final ConsoleFixture fixture;

	ReleaseTests(ConsoleFixture fixture) {
		this.fixture = fixture;
	}

	@BeforeAll
	static void indexLedger(ConsoleFixture fixture) {
		ledger = GeneratedLedger.generate(new Random(SEED), MONTH, 150, false);
		List<AppliedEntry> applied = ledger.applied(fixture.topics);
		fixture.indexHistory(applied);
		fixture.indexTotals(GeneratedLedger.totals(applied));
		fixture.indexStock(ledger.stock());
	}

	@Test
	void shouldStateExactlyTheFiguresTheIndicesServeAndTheRecomputationGives() {
		for (InvestmentType type : InvestmentType.values()) {
			String as = "seed " + SEED + ", " + type;
			// Given the figures the totals index serves for the year's report months,
			// summed
			Map<String, Long> national = new HashMap<>();
			Map<String, long[]> countries = new HashMap<>();
			Map<String, long[]> provinces = new HashMap<>();
			for (String period : Periods.yearToDate(MONTH)) {
				for (JsonNode figure : list("national", period, type)) {
					for (String field : List.of("newProjects", "adjustments", "contributions")) {
						national.merge(field, figure.get(field).asLong(), Long::sum);
					}
					for (String field : List.of("newCapital", "adjustedCapital", "contributionCapital",
							"realisedCapital", "registeredCapital")) {
						national.merge(field, figure.get(field).get("minorUnits").asLong(), Long::sum);
					}
				}
				sumLines(list("country", period, type), "country", countries);
				sumLines(list("province-restated", period, type), "province", provinces);
			}
			// When the current release is asked for
			JsonNode release = this.fixture.getJson("/api/releases/" + MONTH, params("type", type.name()));
			JsonNode tables = release.get("tables");
			// Then its year is theirs, figure by figure
			Map<String, String> named = Map.of("registered.capital", "registeredCapital", "new.projects", "newProjects",
					"new.capital", "newCapital", "adjustments", "adjustments", "adjusted.capital", "adjustedCapital",
					"contributions", "contributions", "contribution.capital", "contributionCapital", "realised.capital",
					"realisedCapital");
			Map<String, JsonNode> yearOnYear = byFigure(tables);
			named.forEach(
					(figure, field) -> assertThat(exact(yearOnYear.get(figure).get("current"))).as(as + ": " + figure)
						.isEqualTo(national.getOrDefault(field, 0L)));
			// and each ranked partner's and province's line
			for (JsonNode row : tables.get("countries").get("rows")) {
				assertThat(new long[] { exact(row.get("newProjects")), exact(row.get("newCapital")) })
					.as(as + ": " + row.get("code"))
					.containsExactly(countries.get(row.get("code").asString()));
			}
			for (JsonNode row : tables.get("provinces").get("rows")) {
				assertThat(new long[] { exact(row.get("newProjects")), exact(row.get("newCapital")) })
					.as(as + ": " + row.get("code"))
					.containsExactly(provinces.get(row.get("code").asString()));
			}
			// and its stock the stock index's, no event being dated after the cut-off
			JsonNode stock = this.fixture.getJson("/api/search/stock",
					params("cuboid", "national", "type", type.name()));
			JsonNode released = tables.get("stock");
			assertThat(new long[] { exact(released.get("validProjects")), exact(released.get("suspendedProjects")),
					exact(released.get("registeredCapital")), exact(released.get("realisedCapital")) })
				.as(as + ": stock")
				.containsExactly(stock.get("validProjects").asLong(), stock.get("suspendedProjects").asLong(),
						stock.get("registeredCapital").get("minorUnits").asLong(),
						stock.get("realisedCapital").get("minorUnits").asLong());
			// and every figure, the year before's too, the recomputation's
			assertRecomputed(release, ReleaseOracle.expected(ledger, MONTH, null, type), as);
			assertThat(release.get("header").get("asOf").isNull()).isTrue();
		}
	}

	@Test
	void shouldStateAsKnownAtAnInstantWhatTheEventsReceivedByThenSay() {
		Instant asOf = ledger.events.get(ledger.events.size() / 2).receivedAt();
		for (InvestmentType type : InvestmentType.values()) {
			HttpResponse<String> response = this.fixture.get("/api/releases/" + MONTH,
					params("type", type.name(), "asOf", asOf.toString()));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("X-Vintage")).hasValue("as-of");
			assertThat(response.headers().firstValue("X-As-Of")).hasValue(asOf.toString());
			JsonNode release = ConsoleFixture.JSON.readTree(response.body());
			assertThat(release.get("header").get("asOf").asString()).isEqualTo(asOf.toString());
			assertRecomputed(release, ReleaseOracle.expected(ledger, MONTH, asOf, type),
					"seed " + SEED + ", " + type + " as of " + asOf);
			// the same instant written with Vietnam's offset is the same vintage
			assertThat(
					this.fixture
						.get("/api/releases/" + MONTH,
								params("type", type.name(), "asOf",
										asOf.atOffset(java.time.ZoneOffset.ofHours(7)).toString()))
						.body())
				.isEqualTo(response.body());
		}
	}

	@Test
	void shouldCarryTheJsonsNumbersIntoTheCsvAndTheWorkbook() throws IOException, InterruptedException {
		JsonNode release = this.fixture.getJson("/api/releases/" + MONTH, params("type", "FDI"));
		HttpResponse<String> csv = this.fixture.get("/api/releases/" + MONTH, params("type", "FDI", "format", "csv"));
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
			.contains("thong-cao-FDI-2025-12-hien-nay.csv");
		Map<String, CSVRecord> lines = new LinkedHashMap<>();
		for (CSVRecord line : CSVFormat.DEFAULT.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(csv.body()))) {
			lines.put(line.get("table") + "|" + line.get("row") + "|" + line.get("measure"), line);
			// each row names its release
			assertThat(line.get("month")).isEqualTo(release.get("header").get("month").asString());
			assertThat(line.get("type")).isEqualTo("FDI");
			assertThat(line.get("cut_off")).isEqualTo(release.get("header").get("cutOff").asString());
		}
		for (JsonNode row : release.get("tables").get("yearOnYear")) {
			CSVRecord current = lines.get("yearOnYear|" + row.get("figure").asString() + "|current");
			JsonNode value = row.get("current");
			BigDecimal expected = value.has("minorUnits") ? BigDecimal.valueOf(value.get("minorUnits").asLong(), 2)
					: BigDecimal.valueOf(value.get("value").asLong());
			assertThat(new BigDecimal(current.get("value"))).isEqualTo(expected);
			// a text that would start a formula (a negative amount) has one quote in
			// front
			assertThat(current.get("vi").replaceFirst("^'", "")).isEqualTo(value.get("vi").asString());
		}
		CSVRecord first = lines.get("countries|1|newCapital");
		assertThat(first.get("code"))
			.isEqualTo(release.get("tables").get("countries").get("rows").get(0).get("code").asString());
		// the workbook: the text in both languages, then the tables
		HttpResponse<byte[]> xlsx = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(this.fixture.url("/api/releases/" + MONTH + "?format=xlsx")))
				.header("Authorization", ConsoleFixture.basic(ConsoleFixture.OFFICIAL, ConsoleFixture.PASSWORD))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(xlsx.statusCode()).isEqualTo(200);
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
			Sheet text = workbook.getSheet("Văn bản");
			assertThat(text.getRow(3).getCell(1).getStringCellValue())
				.isEqualTo(release.get("text").get(0).get("vi").asString());
			assertThat(workbook.getSheet("Bảng số liệu").getLastRowNum()).isEqualTo(lines.size());
		}
	}

	@Test
	void shouldRefuseWhatCannotBeAnswered() {
		assertProblem(this.fixture.get("/api/releases/2025-13", Map.of()), 400, "a report month is yyyy-MM");
		assertProblem(this.fixture.get("/api/releases/2099-01", Map.of()), 400, "has not passed yet");
		// a release whose cut-off lies before the ledger's earliest date would hold
		// nothing
		assertProblem(this.fixture.get("/api/releases/1987-12", Map.of()), 400,
				"its cut-off, 1987-12-20, before 1987-12-29");
		assertThat(this.fixture.get("/api/releases/2099-01", Map.of()).body()).contains("lastClosedMonth");
		assertProblem(this.fixture.get("/api/releases/" + MONTH, params("asOf", "hôm qua")), 400,
				"an instant is ISO-8601");
		assertProblem(this.fixture.get("/api/releases/" + MONTH, params("asOf", "2099-01-01T00:00:00Z")), 400,
				"is in the future");
		// given empty, as a script's unset variable, not read as left out
		assertProblem(this.fixture.get("/api/releases/" + MONTH, params("asOf", "")), 400, "asOf: given empty");
		assertProblem(this.fixture.get("/api/releases/" + MONTH + "/revisions", params("from", " ")), 400,
				"from: given empty");
		assertProblem(this.fixture.get("/api/releases/" + MONTH + "/revisions", params("to", "")), 400,
				"to: given empty");
		assertProblem(this.fixture.get("/api/releases/" + MONTH, params("format", "")), 400,
				"leave it out for its default (json)");
		// a ranking's size given empty is not the default's (7 partners, 6 provinces, 2
		// sectors), least of all when publishing for good
		assertProblem(this.fixture.get("/api/releases/" + MONTH, params("countries", "")), 400,
				"leave it out for its default (7)");
		assertProblem(
				this.fixture.get("/api/releases/" + MONTH, params("vintage", "first-published", "provinces", " ")), 400,
				"leave it out for its default (6)");
		assertProblem(
				this.fixture.send("POST", ConsoleFixture.ADMIN, ConsoleFixture.PASSWORD,
						"/api/admin/releases/" + MONTH + "/publications", params("type", "DDI", "sectors", "")),
				400, "leave it out for its default (2)");
		assertProblem(
				this.fixture.postForm(ConsoleFixture.ADMIN, ConsoleFixture.PASSWORD,
						"/api/admin/releases/" + MONTH + "/publications", params("countries", "")),
				400, "leave it out for its default (7)");
		// a year Elasticsearch refuses, which read as an outage (503) before
		for (String ancient : List.of("-999999999-01-01T00:00:00+18:00", "1987-12-28T16:59:59Z",
				"1987-12-28T23:59:59+07:00", "0001-01-01T00:00:00Z")) {
			assertProblem(this.fixture.get("/api/releases/" + MONTH, params("asOf", ancient)), 400,
					"before 1987-12-29, before which the ledger holds no event");
			assertProblem(this.fixture.get("/api/releases/" + MONTH + "/revisions", params("from", ancient)), 400,
					"before 1987-12-29");
		}
		assertProblem(this.fixture.get("/api/releases/" + MONTH,
				params("asOf", "2026-01-01T00:00:00Z", "vintage", "first-published")), 400, "not both");
		assertProblem(this.fixture.get("/api/releases/" + MONTH, params("vintage", "latest")), 400, "vintage:");
		assertProblem(this.fixture.get("/api/releases/" + MONTH, params("format", "pdf")), 400, "json, csv or xlsx");
		assertProblem(this.fixture.get("/api/releases/" + MONTH, params("countries", "0")), 400, "1 to 60 lines");
		assertProblem(this.fixture.get("/api/releases/" + MONTH, params("type", "ODA")), 400, "a type is FDI or DDI");
		// a type given empty (a script's unset variable) is not FDI's, least of all when
		// publishing for good
		for (String path : List.of("/api/releases/" + MONTH, "/api/releases/" + MONTH + "/revisions",
				"/api/releases/" + MONTH + "/publications", "/api/console/years")) {
			assertProblem(this.fixture.get(path, params("type", "")), 400, "a type is FDI or DDI");
		}
		assertProblem(
				this.fixture.send("POST", ConsoleFixture.ADMIN, ConsoleFixture.PASSWORD,
						"/api/admin/releases/" + MONTH + "/publications", params("type", "")),
				400, "a type is FDI or DDI");
		assertProblem(this.fixture.get("/api/releases/" + MONTH, params("vintage", "first-published")), 404,
				"has not been published");
		assertProblem(this.fixture.get("/api/releases/" + MONTH + "/revisions", Map.of()), 404,
				"has not been published");
		assertProblem(this.fixture.get("/api/releases/" + MONTH + "/revisions",
				params("from", "2026-06-01T00:00:00Z", "to", "2026-05-01T00:00:00Z")), 400, "is after to");
		// only an admin publishes
		assertThat(this.fixture
			.send("POST", ConsoleFixture.OFFICIAL, ConsoleFixture.PASSWORD,
					"/api/admin/releases/" + MONTH + "/publications", Map.of())
			.statusCode()).isEqualTo(403);
	}

	private static void assertProblem(HttpResponse<String> response, int status, String detail) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
		assertThat(response.body()).contains(detail);
	}

	/** Every table's figure of a release against the recomputation's. */
	static void assertRecomputed(JsonNode release, Expected expected, String as) {
		JsonNode tables = release.get("tables");
		Map<String, JsonNode> yearOnYear = byFigure(tables);
		long[] now = expected.current();
		long[] before = expected.previous();
		String[] figures = { "new.projects", "new.capital", "adjustments", "adjusted.capital", "contributions",
				"contribution.capital", "realised.capital" };
		int[] fields = { 0, 1, 2, 3, 4, 5, 10 };
		for (int i = 0; i < figures.length; i++) {
			assertThat(exact(yearOnYear.get(figures[i]).get("current"))).as(as + ": " + figures[i])
				.isEqualTo(now[fields[i]]);
			assertThat(exact(yearOnYear.get(figures[i]).get("previous"))).as(as + ": previous " + figures[i])
				.isEqualTo(before[fields[i]]);
		}
		assertThat(exact(yearOnYear.get("registered.capital").get("current"))).isEqualTo(now[1] + now[3] + now[5]);
		JsonNode split = tables.get("contributions");
		assertThat(new long[] { exact(split.get("raising")), exact(split.get("raisingValue")),
				exact(split.get("other")), exact(split.get("otherValue")) })
			.as(as + ": contributions")
			.containsExactly(now[6], now[7], now[8], now[9]);
		assertThat(exact(tables.get("countries").get("lines")))
			.isEqualTo(expected.countries().values().stream().filter((line) -> line.get(0) > 0).count());
		for (JsonNode row : tables.get("countries").get("rows")) {
			assertThat(List.of(exact(row.get("newProjects")), exact(row.get("newCapital"))))
				.isEqualTo(expected.countries().get(row.get("code").asString()));
		}
		for (JsonNode row : tables.get("sectors").get("rows")) {
			assertThat(List.of(exact(row.get("newProjects")), exact(row.get("newCapital"))))
				.isEqualTo(expected.sectors().get(row.get("code").asString()));
		}
		JsonNode stock = tables.get("stock");
		assertThat(new long[] { exact(stock.get("validProjects")), exact(stock.get("suspendedProjects")),
				exact(stock.get("registeredCapital")), exact(stock.get("realisedCapital")) })
			.as(as + ": stock")
			.containsExactly(expected.stock());
	}

	static Map<String, JsonNode> byFigure(JsonNode tables) {
		Map<String, JsonNode> rows = new HashMap<>();
		tables.get("yearOnYear").forEach((row) -> rows.put(row.get("figure").asString(), row));
		return rows;
	}

	static long exact(JsonNode shown) {
		return shown.has("minorUnits") ? shown.get("minorUnits").asLong() : shown.get("value").asLong();
	}

	private Iterable<JsonNode> list(String cuboid, String period, InvestmentType type) {
		return this.fixture
			.getJson("/api/search/totals/list",
					params("cuboid", cuboid, "period", period, "type", type.name(), "size", "1000"))
			.get("figures");
	}

	private static void sumLines(Iterable<JsonNode> figures, String dimension, Map<String, long[]> lines) {
		for (JsonNode figure : figures) {
			long[] line = lines.computeIfAbsent(figure.get("dimensions").get(dimension).asString(),
					(code) -> new long[2]);
			line[0] += figure.get("newProjects").asLong();
			line[1] += figure.get("newCapital").get("minorUnits").asLong();
		}
	}

}
