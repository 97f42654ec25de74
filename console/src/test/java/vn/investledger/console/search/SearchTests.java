package vn.investledger.console.search;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import vn.investledger.console.ConsoleFixture;
import vn.investledger.console.ConsoleTest;
import vn.investledger.console.ExportWorkbooks;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Money;
import vn.investledger.events.ProjectState;
import vn.investledger.events.ProjectStatus;
import vn.investledger.index.ProjectDocument;
import vn.investledger.testsupport.ProjectLife;
import vn.investledger.testsupport.RealServers;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.investledger.console.ConsoleFixture.params;
import static vn.investledger.console.ConsoleFixture.state;

/**
 * Officials' search on a real Elasticsearch node holding what the indexer writes:
 * diacritics, filters and facets, deep paging, CSV export past 10,000 rows and history.
 * The bad requests, which need no Elasticsearch, are in {@link SearchApiTests}.
 */
@ConsoleTest
class SearchTests {

	private static final int EXPORTED = 10_050;

	/**
	 * The zone of the export's projects, and of no other project here: a zone of the
	 * reference list, since a search by any other code is refused.
	 */
	private static final String EXPORT_ZONE = "HP-NAM-CAU-KIEN";

	/** The zone of the projects sorted by name, and of no other project here. */
	private static final String ORDER_ZONE = "HP-NAM-DINH-VU";

	/** The zone of the snapshot export's projects, and of no other project here. */
	private static final String SNAPSHOT_ZONE = "HP-VSIP";

	/** The zone of the projects named like formulas, and of no other project here. */
	private static final String FORMULA_ZONE = "HP-AN-DUONG";

	/** The zone of the projects exported as a workbook, and of no other project here. */
	private static final String WORKBOOK_ZONE = "HP-VEN-BIEN-PHIA-NAM";

	/** Each call makes new event ids: the history test reads these very events. */
	private static final List<LicensingEvent> HISTORY = ProjectLife.of("HIST-1", "31");

	private final ConsoleFixture fixture;

	SearchTests(ConsoleFixture fixture) {
		this.fixture = fixture;
	}

	@BeforeAll
	static void indexProjects(ConsoleFixture fixture) {
		// 12 projects of the facet test: 8 Korean (5 in DEEP C), 4 Japanese, one
		// suspended
		List<ProjectState> projects = new ArrayList<>();
		for (int i = 1; i <= 12; i++) {
			ProjectState state = state("FACET-" + i, 1, "Facetkit " + i, (i <= 5) ? "HP-DEEP-C" : "HP-TRANG-DUE",
					(i <= 8) ? "KR" : "JP", "C", i + "000000.25");
			if (i == 12) {
				state = withStatus(state, ProjectStatus.SUSPENDED);
			}
			projects.add(state);
		}
		projects.add(state("DIACRITIC-1", 1, "Nhà máy Zetaquark", "HP-DINH-VU-CAT-HAI", "SG", "C", "42000000"));
		for (int i = 0; i < EXPORTED; i++) {
			projects.add(state("EXP-" + i, 1, "Xuất khẩu " + i, EXPORT_ZONE, "US", "G", i + ".01"));
		}
		fixture.indexProjects(projects);
		fixture.indexApplied(HISTORY, "31");
	}

	@ParameterizedTest
	@ValueSource(strings = { "hai phong zetaquark", "Hai Phong zetaquark", "HẢI PHÒNG zetaquark", "dinh vu zetaquark",
			"Đình Vũ Zetaquark", "nha may zetaquark" })
	void shouldFindVietnameseWithOrWithoutDiacriticsInAnyCase(String words) {
		JsonNode page = this.fixture.getJson("/api/search/projects", params("q", words));

		assertThat(page.get("total").asLong()).as(words).isEqualTo(1);
		assertThat(page.get("projects").get(0).get("projectCode").asString()).isEqualTo("DIACRITIC-1");
		assertThat(page.get("projects").get(0).get("zoneName").asString()).isEqualTo("Khu kinh tế Đình Vũ – Cát Hải");
	}

	@Test
	void shouldNotFindWordsThatAreNotThere() {
		assertThat(this.fixture.getJson("/api/search/projects", params("q", "ha noi zetaquark")).get("total").asLong())
			.isZero();
	}

	@Test
	void shouldFilterAndCountAndSumTheFacets() {
		JsonNode page = this.fixture.getJson("/api/search/projects", params("q", "facetkit", "country", "KR"));

		assertThat(page.get("total").asLong()).isEqualTo(8);
		JsonNode zones = page.get("facets").get("zone");
		JsonNode deepC = find(zones, "HP-DEEP-C");
		assertThat(deepC.get("count").asLong()).isEqualTo(5);
		// 1..5 million and 25 cents each, in cents
		assertThat(deepC.get("capital").get(0).get("minorUnits").asLong()).isEqualTo(1_500_000_125L);
		assertThat(deepC.get("capital").get(0).get("amount").decimalValue()).isEqualByComparingTo("15000001.25");
		assertThat(find(zones, "HP-TRANG-DUE").get("count").asLong()).isEqualTo(3);
		assertThat(page.get("asOf").isNull()).isFalse();

		// each facet lists its most frequent values, ten unless asked for more
		JsonNode top = this.fixture.getJson("/api/search/projects",
				params("q", "facetkit", "country", "KR", "facetValues", "1"));
		assertThat(top.get("facets").get("zone")).hasSize(1);
		assertThat(top.get("facets").get("zone").get(0).get("value").asString()).isEqualTo("HP-DEEP-C");

		JsonNode ranged = this.fixture.getJson("/api/search/projects",
				params("q", "facetkit", "minCapital", "3000000", "maxCapital", "6000000.25", "currency", "USD"));
		assertThat(codes(ranged)).containsExactlyInAnyOrder("FACET-3", "FACET-4", "FACET-5", "FACET-6");

		JsonNode suspended = this.fixture.getJson("/api/search/projects",
				params("q", "facetkit", "status", "suspended", "zoneType", "KCN", "type", "FDI"));
		assertThat(codes(suspended)).containsExactly("FACET-12");
	}

	/**
	 * A capital bound is compared as the whole number of minor units it is: as a double,
	 * 2^53 + 1 cents would be 2^53 and take in the project one cent below it, and the
	 * largest amount would pass the largest long.
	 */
	@Test
	void shouldCompareACapitalBoundExactlyAboveWhatADoubleHolds() {
		this.fixture.index(state("EXACT-ABOVE", 1, "Exactbound trên", "DINH-VU", "JP", "C", "90071992547409.93"));
		this.fixture.index(state("EXACT-BELOW", 1, "Exactbound dưới", "DINH-VU", "JP", "C", "90071992547409.92"));

		assertThat(codes(this.fixture.getJson("/api/search/projects",
				params("q", "exactbound", "minCapital", "90071992547409.93", "currency", "USD"))))
			.containsExactly("EXACT-ABOVE");
		assertThat(codes(this.fixture.getJson("/api/search/projects",
				params("q", "exactbound", "maxCapital", "90071992547409.92", "currency", "USD"))))
			.containsExactly("EXACT-BELOW");
		assertThat(
				codes(this.fixture.getJson("/api/search/projects",
						params("q", "exactbound", "minCapital", "90071992547409.92", "maxCapital",
								"92233720368547758.07", "currency", "USD"))))
			.containsExactlyInAnyOrder("EXACT-ABOVE", "EXACT-BELOW");
	}

	/**
	 * Every export project has the same newest event and, for these words, the same
	 * score: the project code breaks the ties, so no page boundary skips or repeats one.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "sort=NEWEST", "sort=RELEVANCE&q=xuat khau" })
	void shouldPageThroughTiedResultsOnceWithTheCursor(String sort) {
		Map<String, String> query = params("zone", EXPORT_ZONE, "size", "1000");
		for (String parameter : sort.split("&")) {
			query.put(parameter.substring(0, parameter.indexOf('=')), parameter.substring(parameter.indexOf('=') + 1));
		}
		List<String> order = new ArrayList<>();
		pageThrough(query, order);

		assertThat(order).hasSize(EXPORTED).doesNotHaveDuplicates();
	}

	@Test
	void shouldPageThroughEveryResultOnceWithTheCursor() {
		List<String> order = new ArrayList<>();
		int pages = pageThrough(
				params("zone", EXPORT_ZONE, "type", "FDI", "sort", "CAPITAL", "order", "desc", "size", "1000"), order);

		assertThat(order).hasSize(EXPORTED);
		assertThat(new HashSet<>(order)).hasSize(EXPORTED);
		assertThat(pages).isEqualTo(11);
		assertThat(order.get(0)).isEqualTo("EXP-" + (EXPORTED - 1));
		assertThat(order.get(EXPORTED - 1)).isEqualTo("EXP-0");
	}

	/**
	 * A cursor continues the search that gave it out: given with other filters or another
	 * order, its sort values would skip or repeat that search's results, so it is a 400;
	 * another page size is the same search.
	 */
	@Test
	void shouldRefuseACursorGivenToAnotherSearch() {
		Map<String, String> asked = params("zone", EXPORT_ZONE, "sort", "CODE", "order", "asc", "size", "5");
		JsonNode first = this.fixture.getJson("/api/search/projects", asked);
		String cursor = first.get("next").asString();
		String last = first.get("projects").get(4).get("projectCode").asString();

		for (String[] other : new String[][] { { "zone", "HP-DEEP-C" }, { "order", "desc" }, { "sort", "NEWEST" },
				{ "type", "DDI" }, { "q", "xuat khau" } }) {
			Map<String, String> changed = new java.util.LinkedHashMap<>(asked);
			changed.put(other[0], other[1]);
			changed.put("cursor", cursor);
			HttpResponse<String> refused = this.fixture.get("/api/search/projects", changed);
			assertThat(refused.statusCode()).as(String.join("=", other)).isEqualTo(400);
			assertThat(ConsoleFixture.JSON.readTree(refused.body()).get("detail").asString())
				.contains("continues another search");
		}
		Map<String, String> larger = new java.util.LinkedHashMap<>(asked);
		larger.put("size", "7");
		larger.put("cursor", cursor);
		JsonNode next = this.fixture.getJson("/api/search/projects", larger);
		assertThat(next.get("projects")).hasSize(7);
		assertThat(next.get("projects").get(0).get("projectCode").asString()).isGreaterThan(last);
	}

	/**
	 * A page passes each project through as the index holds it: the same document the
	 * project's own endpoint reads and binds, Vietnamese text intact, empty fields left
	 * out by both.
	 */
	@Test
	void shouldAnswerEachProjectOfAPageAsItsOwnEndpointDoes() {
		JsonNode page = this.fixture.getJson("/api/search/projects", params("q", "zetaquark"));
		JsonNode facetkits = this.fixture.getJson("/api/search/projects", params("q", "facetkit", "size", "20"));

		List<JsonNode> projects = new ArrayList<>();
		page.get("projects").forEach(projects::add);
		facetkits.get("projects").forEach(projects::add);
		assertThat(projects).hasSize(13);
		for (JsonNode project : projects) {
			String code = project.get("projectCode").asString();
			assertThat(project).as(code)
				.isEqualTo(this.fixture.getJson("/api/search/projects/by-code", params("code", code)));
			// the state has no contributed capital
			assertThat(project.has("contributedCapital")).as(code).isFalse();
			assertThat(project.get("registeredCapital").get("currency").asString()).isEqualTo("USD");
		}
		assertThat(projects)
			.anySatisfy((project) -> assertThat(project.get("projectName").asString()).isEqualTo("Nhà máy Zetaquark"));
	}

	/**
	 * A cursor whose point in time Elasticsearch no longer holds is a 410, from
	 * Elasticsearch's own refusal.
	 */
	@Test
	void shouldAnswerGoneForACursorWhoseSearchEnded() throws Exception {
		// Given the second page of a search, which opened a point in time
		JsonNode first = this.fixture.getJson("/api/search/projects", params("zone", EXPORT_ZONE, "size", "5"));
		JsonNode second = this.fixture.getJson("/api/search/projects",
				params("zone", EXPORT_ZONE, "size", "5", "cursor", first.get("next").asString()));
		String cursor = second.get("next").asString();
		String pit = ConsoleFixture.JSON.readTree(Base64.getUrlDecoder().decode(cursor)).get("pit").asString();

		// When Elasticsearch closes it
		HttpResponse<String> closed = HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest.newBuilder(URI.create(RealServers.elasticsearch().url() + "/_pit"))
				.header("Content-Type", "application/json")
				.method("DELETE", HttpRequest.BodyPublishers.ofString("{\"id\":\"" + pit + "\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(closed.body()).contains("\"succeeded\":true");

		// Then the next page is gone, with the reason
		HttpResponse<String> gone = this.fixture.get("/api/search/projects",
				params("zone", EXPORT_ZONE, "size", "5", "cursor", cursor));
		assertThat(gone.statusCode()).isEqualTo(410);
		assertThat(ConsoleFixture.JSON.readTree(gone.body()).get("title").asString()).isEqualTo("Cursor expired");
	}

	@Test
	void shouldExportMoreThanTenThousandRowsAsCsv() {
		HttpResponse<String> response = this.fixture.get("/api/search/projects/export", params("zone", EXPORT_ZONE));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/csv"));
		String[] lines = response.body().split("\r\n");
		assertThat(lines).hasSize(EXPORTED + 1);
		assertThat(lines[0]).startsWith("\uFEFF\"projectCode\",\"projectName\",");
		assertThat(response.headers().firstValue("X-As-Of"))
			.hasValueSatisfying((asOf) -> assertThat(java.time.Instant.parse(asOf))
				.isAfter(java.time.Instant.parse("2024-01-01T00:00:00Z")));
		Set<String> codes = new HashSet<>();
		for (int i = 1; i < lines.length; i++) {
			codes.add(lines[i].substring(1, lines[i].indexOf("\",")));
		}
		assertThat(codes).hasSize(EXPORTED);
		// texts in quotes, amounts as bare numbers
		assertThat(response.body()).contains("\"EXP-77\",\"Xuất khẩu 77\",\"FDI\",\"valid\",\"31\",");
		assertThat(response.body()).contains(",\"USD\",77.01,");
	}

	@Test
	void shouldSortByNameInTheOrderOfTheVietnameseAlphabet() {
		List<String> names = List.of("Zeta Việt Nam", "Đông Á", "Dương Kinh", "Ước Mơ", "Uy Tín", "An Phát", "Anh Tuấn",
				"Ăn Uống", "Ấn Độ", "Bắc Ninh");
		List<ProjectState> projects = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			projects.add(state("ORDER-" + i, 1, names.get(i), ORDER_ZONE, "KR", "C", "1000"));
		}
		this.fixture.indexProjects(projects);

		List<String> ascending = new ArrayList<>();
		this.fixture.getJson("/api/search/projects", params("zone", ORDER_ZONE, "sort", "NAME", "order", "asc"))
			.get("projects")
			.forEach((project) -> ascending.add(project.get("projectName").asString()));
		List<String> descending = new ArrayList<>();
		this.fixture.getJson("/api/search/projects", params("zone", ORDER_ZONE, "sort", "NAME", "size", "4"))
			.get("projects")
			.forEach((project) -> descending.add(project.get("projectName").asString()));

		assertThat(ascending).containsExactly("An Phát", "Anh Tuấn", "Ăn Uống", "Ấn Độ", "Bắc Ninh", "Dương Kinh",
				"Đông Á", "Uy Tín", "Ước Mơ", "Zeta Việt Nam");
		assertThat(descending).containsExactly("Zeta Việt Nam", "Ước Mơ", "Uy Tín", "Đông Á");
	}

	@Test
	void shouldSayAsOfWhatTheExportedSnapshotHolds(@Autowired ProjectSearch search) throws Exception {
		// Given an export begun (its answer's headers sent) while no project of its zone
		// is newer than a time
		ProjectFilters filters = new ProjectFilters();
		filters.setZone(SNAPSHOT_ZONE);
		this.fixture.index(state("SNAP-1", 1, "Ảnh chụp 1", SNAPSHOT_ZONE, "KR", "C", "1000"));
		ProjectSearch.Export export = search.export(filters, ProjectSort.CODE, false, ConsoleFixture.OFFICIAL);

		// When a newer project is indexed before its pages are read
		this.fixture.index(state("SNAP-2", 1_000_000, "Ảnh chụp 2", SNAPSHOT_ZONE, "KR", "C", "2000"));
		List<ProjectDocument> rows = new ArrayList<>();
		export.pages().each(rows::addAll);

		// Then the file holds the snapshot its X-As-Of names: not the newer project,
		// and none newer than the time it gives
		assertThat(rows).extracting(ProjectDocument::projectCode).containsExactly("SNAP-1");
		assertThat(export.asOf()).isNotNull();
		assertThat(rows).allSatisfy((row) -> assertThat(row.newestEventAt()).isBeforeOrEqualTo(export.asOf()));
		assertThat(export.asOf())
			.isBefore(state("SNAP-2", 1_000_000, "", SNAPSHOT_ZONE, "KR", "C", "1").newestEventAt());
	}

	@Test
	void shouldExportNamesThatWouldRunAsFormulasAsQuotedText() throws Exception {
		// Given projects whose names, and one's investor, a spreadsheet would run as
		// formulas
		this.fixture.index(state("CSV-INJ-1", 1, "=HYPERLINK(\"http://x\",\"y\")", FORMULA_ZONE, "KR", "C", "1000.50"),
				state("CSV-INJ-2", 1, "+1+1", FORMULA_ZONE, "KR", "C", "2000"),
				withInvestors(state("CSV-INJ-3", 1, "@SUM(A1)", FORMULA_ZONE, "KR", "C", "3000"),
						List.of("-2+3 Holdings", "Công ty TNHH An Toàn")));
		assertThat(this.fixture.getJson("/api/search/projects", params("zone", FORMULA_ZONE)).get("total").asLong())
			.isEqualTo(3);

		// When an official exports them
		HttpResponse<String> response = this.fixture.get("/api/search/projects/export", params("zone", FORMULA_ZONE));

		// Then each such cell starts with a quote, in quotes, and the amounts stay
		// numbers
		assertThat(response.statusCode()).isEqualTo(200);
		List<CSVRecord> rows = CSVFormat.RFC4180.builder()
			.setHeader()
			.get()
			.parse(new StringReader(response.body().substring(1)))
			.getRecords();
		assertThat(rows).extracting((row) -> row.get("projectName"))
			.containsExactly("'=HYPERLINK(\"http://x\",\"y\")", "'+1+1", "'@SUM(A1)");
		assertThat(rows.get(2).get("investors")).isEqualTo("'-2+3 Holdings; Công ty TNHH An Toàn");
		assertThat(rows).extracting((row) -> row.get("registeredCapital"))
			.containsExactly("1000.50", "2000.00", "3000.00");
		assertThat(response.body()).contains("\"CSV-INJ-1\",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",")
			.contains(",\"USD\",1000.50,");
	}

	@Test
	void shouldExportTheCsvsRowsAsAWorkbookWithCodesAsTextAndAmountsExact() throws Exception {
		// Given a project code with leading zeros, a name that would run as a formula,
		// and
		// a capital in đồng with more digits than a spreadsheet number keeps
		ProjectState zeros = state("0012345", 1, "Dự án Đình Vũ", WORKBOOK_ZONE, "KR", "C", "77.01");
		ProjectState formula = state("0099", 1, "=1+1", WORKBOOK_ZONE, "JP", "C", "1000");
		ProjectState dong = new ProjectState("0200", 1, "31", List.of(), InvestmentType.DDI, "31", "Mười sáu chữ số",
				List.of("Công ty Cổ phần Mười Sáu"), WORKBOOK_ZONE, null, "C", null, LocalDate.of(2024, 3, 15),
				LocalDate.of(2024, 3, 15), ProjectStatus.VALID, Money.vnd(1_234_567_890_123_456L), null, null,
				Instant.parse("2024-03-15T03:00:00Z"));
		this.fixture.index(zeros, formula, dong);

		// When an official exports them as CSV and as a workbook
		Map<String, String> query = params("zone", WORKBOOK_ZONE);
		HttpResponse<String> csv = this.fixture.get("/api/search/projects/export", query);
		HttpResponse<byte[]> xlsx = this.fixture.getBytes("/api/search/projects/export",
				params("zone", WORKBOOK_ZONE, "format", "xlsx"));

		// Then the workbook holds the CSV's rows, with the codes and the name as texts,
		// the dollars as a number and the 16 digits of đồng exact, as text
		assertThat(ExportWorkbooks.assertHoldsTheCsv(xlsx, csv, ExportWorkbooks.PROJECT_NUMBERS)).isEqualTo(3);
		assertThat(xlsx.headers().firstValue("X-As-Of")).isEqualTo(csv.headers().firstValue("X-As-Of"));
		try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
			Sheet sheet = workbook.getSheetAt(0);
			int capital = List.of(CsvRow.HEADER).indexOf("registeredCapital");
			assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("0012345");
			assertThat(sheet.getRow(1).getCell(capital).getNumericCellValue()).isEqualTo(77.01);
			assertThat(sheet.getRow(2).getCell(1).getStringCellValue()).isEqualTo("=1+1");
			assertThat(sheet.getRow(2).getCell(1).getCellStyle().getQuotePrefixed()).isTrue();
			assertThat(sheet.getRow(3).getCell(0).getStringCellValue()).isEqualTo("0200");
			assertThat(sheet.getRow(3).getCell(capital).getStringCellValue()).isEqualTo("1234567890123456");
		}
		assertThat(this.fixture.get("/api/search/projects/export", params("zone", WORKBOOK_ZONE, "format", "xls"))
			.statusCode()).isEqualTo(400);
	}

	@Test
	void shouldListAProjectsEventsInRevisionOrder() {
		List<LicensingEvent> life = HISTORY;
		this.fixture.index(applied("HIST-1", life));

		JsonNode history = this.fixture.getJson("/api/search/projects/HIST-1/history", Map.of());
		assertThat(history.get("events")).hasSize(life.size());
		for (int i = 0; i < life.size(); i++) {
			JsonNode entry = history.get("events").get(i);
			assertThat(entry.get("revision").asLong()).isEqualTo(i + 1);
			assertThat(entry.get("kind").asString()).isEqualTo(life.get(i).kind().jsonName());
			assertThat(entry.get("afterGap").asBoolean()).isFalse();
			assertThat(entry.get("unit").asString()).isEqualTo("31");
			assertThat(entry.get("event").get("envelope").get("eventId").asString())
				.isEqualTo(life.get(i).envelope().eventId().toString());
		}
		assertThat(Instant.parse(history.get("asOf").asString())).isEqualTo(
				life.stream().map((event) -> event.envelope().emittedAt()).max(Instant::compareTo).orElseThrow());
		assertThat(this.fixture.get("/api/search/projects/NO-SUCH-1/history", Map.of()).statusCode()).isEqualTo(404);
	}

	@Test
	void shouldFilterBySectionAsTheProjectWasClassifiedInEitherVsicEdition() {
		// V exists from VSIC 2025 (15 November 2025); K was finance in VSIC 2018 and is
		// IT in VSIC 2025: a project keeps the letter and name of its edition
		ProjectState international = classified(
				state("VSIC-V-1", 1, "Vsicprobe văn phòng quốc tế", "DINH-VU", "JP", "V", "1000"), "99",
				LocalDate.of(2025, 12, 1));
		ProjectState software = classified(state("VSIC-K-2025", 1, "Vsicprobe phần mềm", "DINH-VU", "JP", "K", "1000"),
				"62", LocalDate.of(2025, 12, 1));
		ProjectState bank = classified(state("VSIC-K-2018", 1, "Vsicprobe ngân hàng", "DINH-VU", "JP", "K", "1000"),
				"64", LocalDate.of(2024, 3, 15));
		this.fixture.index(international);
		this.fixture.index(software);
		this.fixture.index(bank);

		JsonNode sectionV = this.fixture.getJson("/api/search/projects", params("q", "vsicprobe", "sector", "V"));
		assertThat(codes(sectionV)).containsExactly("VSIC-V-1");
		assertThat(sectionV.get("projects").get(0).get("sectorName").asString())
			.isEqualTo("Hoạt động của các tổ chức và cơ quan quốc tế");
		JsonNode sectionK = this.fixture.getJson("/api/search/projects", params("q", "vsicprobe", "sector", "K"));
		assertThat(codes(sectionK)).containsExactlyInAnyOrder("VSIC-K-2025", "VSIC-K-2018");
	}

	private static ProjectState classified(ProjectState state, String division, LocalDate on) {
		return new ProjectState(state.projectCode(), state.revision(), state.ownerUnit(), state.missingRevisions(),
				state.investmentType(), state.provinceCode(), state.projectName(), state.investorNames(),
				state.zoneCode(), state.partnerCountry(), state.sectorSection(), division, on, on, state.status(),
				state.registeredCapital(), state.contributedCapital(), state.realisedCapital(),
				on.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
	}

	/**
	 * An official who types or pastes a code decomposed (accents as combining marks, as
	 * macOS writes them) finds the project the ledger keeps under the composed code.
	 */
	@Test
	void shouldFindAProjectByItsCodeTypedDecomposed() {
		String code = "HP-ĐÌNH-VŨ-DỰ-ÁN-7";
		this.fixture.index(state(code, 1, "Nhà máy Đình Vũ bảy", "DINH-VU", "JP", "C", "1000"));
		String decomposed = java.text.Normalizer.normalize(code, java.text.Normalizer.Form.NFD);
		assertThat(decomposed).isNotEqualTo(code);

		assertThat(this.fixture.getJson("/api/search/projects/by-code", params("code", decomposed))
			.get("projectCode")
			.asString()).isEqualTo(code);
		assertThat(this.fixture.getJson("/api/search/projects/by-code/history", params("code", decomposed))
			.get("projectCode")
			.asString()).isEqualTo(code);
	}

	/**
	 * An official whose input method types digits and letters full-width finds the
	 * project the ledger keeps under the plain code.
	 */
	@Test
	void shouldFindAProjectByItsCodeTypedFullWidth() {
		String code = "HP-DV 2024/07";
		this.fixture.index(state(code, 1, "Nhà máy Đình Vũ 2024", "DINH-VU", "JP", "C", "1000"));
		String fullWidth = "ＨＰ－ＤＶ\u00A0２０２４／０７";

		assertThat(this.fixture.getJson("/api/search/projects/by-code", params("code", fullWidth))
			.get("projectCode")
			.asString()).isEqualTo(code);
		assertThat(this.fixture.getJson("/api/search/projects/by-code/history", params("code", fullWidth))
			.get("projectCode")
			.asString()).isEqualTo(code);
	}

	@Test
	void shouldFindAProjectWhoseLegacyLicenceNumberHoldsASlash() {
		this.fixture.index(state("93/GP-HP", 1, "Nhà máy giấy phép cũ", "DINH-VU", "JP", "C", "1000"));

		assertThat(this.fixture.getJson("/api/search/projects/by-code", params("code", "93/GP-HP"))
			.get("projectName")
			.asString()).isEqualTo("Nhà máy giấy phép cũ");
		assertThat(this.fixture.getJson("/api/search/projects/by-code/history", params("code", "93/GP-HP"))
			.get("projectCode")
			.asString()).isEqualTo("93/GP-HP");
	}

	/**
	 * A code that is a path's dot segment ({@code .}, {@code ..}) is opaque like any
	 * other: looked up as itself, not as the path it would make of the lookup's request.
	 */
	@Test
	void shouldFindAProjectWhoseCodeIsADotSegment() {
		List<String> codes = List.of(".", "..", "...", "%2e%2e", "./..");
		for (String code : codes) {
			this.fixture.index(state(code, 1, "Nhà máy mã " + code, "DINH-VU", "JP", "C", "1000"));
		}

		for (String code : codes) {
			assertThat(this.fixture.getJson("/api/search/projects/by-code", params("code", code))
				.get("projectName")
				.asString()).as(code).isEqualTo("Nhà máy mã " + code);
			assertThat(this.fixture.getJson("/api/search/projects/by-code/history", params("code", code))
				.get("projectCode")
				.asString()).as(code).isEqualTo(code);
		}
	}

	@Test
	void shouldDocumentEachFilterAsAQueryParameter() {
		JsonNode parameters = this.fixture.getJson("/v3/api-docs", Map.of())
			.get("paths")
			.get("/api/search/projects")
			.get("get")
			.get("parameters");
		List<String> names = new ArrayList<>();
		parameters.forEach((parameter) -> {
			assertThat(parameter.get("in").asString()).isEqualTo("query");
			names.add(parameter.get("name").asString());
		});

		assertThat(names)
			.contains("q", "province", "restatedProvince", "zone", "zoneType", "country", "sector", "type", "status",
					"minCapital", "maxCapital", "currency", "licensedFrom", "licensedTo", "sort", "cursor")
			.doesNotContain("filters", "user");
	}

	private static JsonNode find(JsonNode facet, String value) {
		for (JsonNode entry : facet) {
			if (entry.get("value").asString().equals(value)) {
				return entry;
			}
		}
		throw new AssertionError("No " + value + " in " + facet);
	}

	private static List<String> codes(JsonNode page) {
		List<String> codes = new ArrayList<>();
		page.get("projects").forEach((p) -> codes.add(p.get("projectCode").asString()));
		return codes;
	}

	private static ProjectState withInvestors(ProjectState s, List<String> investors) {
		return s.toBuilder().investorNames(investors).build();
	}

	private static ProjectState withStatus(ProjectState s, ProjectStatus status) {
		return s.toBuilder().status(status).build();
	}

	private static ProjectState applied(String code, List<LicensingEvent> events) {
		return new ProjectState(code, events.size(), "31", List.of(), InvestmentType.FDI, "31", "Lịch sử", List.of(),
				null, "KR", "C", null, events.get(0).envelope().effectiveDate(),
				events.get(0).envelope().effectiveDate(), ProjectStatus.VALID, Money.usd("1"), null, null,
				events.get(events.size() - 1).envelope().emittedAt());
	}

	/**
	 * Follows the cursor from the first page to the last, collecting the project codes in
	 * order.
	 * @return the number of pages
	 */
	private int pageThrough(Map<String, String> query, List<String> codes) {
		int pages = 0;
		String cursor = null;
		do {
			Map<String, String> next = new LinkedHashMap<>(query);
			if (cursor != null) {
				next.put("cursor", cursor);
			}
			JsonNode page = this.fixture.getJson("/api/search/projects", next);
			page.get("projects").forEach((p) -> codes.add(p.get("projectCode").asString()));
			cursor = page.get("next").isNull() ? null : page.get("next").asString();
			pages++;
		}
		while (cursor != null);
		return pages;
	}

}
