package vn.investledger.console.search;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import vn.investledger.console.ConsoleFixture;
import vn.investledger.console.ExportWorkbooks;
import vn.investledger.console.ConsoleTest;
import vn.investledger.events.CapitalAdjusted;
import vn.investledger.events.CapitalContributed;
import vn.investledger.events.ContributionForm;
import vn.investledger.events.Disbursed;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Investor;
import vn.investledger.events.Licensed;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Money;
import vn.investledger.events.ProjectState;
import vn.investledger.events.ProjectStatus;
import vn.investledger.events.Sector;
import vn.investledger.events.Stock;
import vn.investledger.events.Suspended;
import vn.investledger.events.Terminated;
import vn.investledger.events.TerminationReason;
import vn.investledger.events.Total;
import vn.investledger.events.reference.Provinces;
import vn.investledger.events.rulebook.Cuboid;
import vn.investledger.events.rulebook.StateTransitions;
import vn.investledger.testsupport.SampleEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.investledger.console.ConsoleFixture.params;

/**
 * Drill-down on a real Elasticsearch node: for figures of every cuboid and kind of
 * period, the events the API lists behind a figure, page after page, and the rows of its
 * CSV export, sum exactly to the figure the API serves. The ledger is generated from a
 * seed (printed with each failure): projects licensed 2019–2026 in five provinces, FDI
 * and DDI, adjusted up or down in their own year or a later one, with contributions and
 * disbursements.
 */
@ConsoleTest
class FigureEventsTests {

	private static final long SEED = Long.getLong("investledger.seed", System.nanoTime());

	private static final List<String> PROVINCES = List.of("31", "33", "22", "51", "30");

	private static List<Total> figures;

	private static List<Stock> stock;

	private final ConsoleFixture fixture;

	FigureEventsTests(ConsoleFixture fixture) {
		this.fixture = fixture;
	}

	@BeforeAll
	static void indexLedger(ConsoleFixture fixture) {
		Random random = new Random(SEED);
		List<LicensingEvent> events = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			events.addAll(project("DRILL-" + i, random));
		}
		figures = fixture.indexLedger(events, "31");
		// and the stock, with suspended and terminated projects among them
		List<LicensingEvent> ends = new ArrayList<>(events);
		for (int i = 0; i < 60; i += 3) {
			LicensingEvent last = lastOf(events, "DRILL-" + i);
			LocalDate day = last.envelope().effectiveDate().plusDays(1);
			var envelope = SampleEvents.envelope(last.key(), last.envelope().revision() + 1,
					last.envelope().provinceCode(), day);
			ends.add((i % 2 == 0) ? new Suspended(envelope, "Tạm dừng", null)
					: new Terminated(envelope, TerminationReason.INVESTOR_DECISION, "QĐ-" + i));
		}
		stock = fixture.indexStockOf(ends, "31");
	}

	@Test
	void shouldListEventsThatSumExactlyToEveryFigure() throws IOException {
		List<Total> sample = new ArrayList<>(figures);
		Collections.shuffle(sample, new Random(SEED));
		assertThat(sample).as("seed %d", SEED).hasSizeGreaterThan(100);
		// the figure of the most events first, so that one figure has more than one page
		// whatever the seed
		Total most = sample.stream()
			.max(Comparator.comparingLong((Total total) -> total.newProjects() + total.adjustments()))
			.orElseThrow();
		sample.remove(most);
		sample.add(0, most);
		boolean otherFigureTried = false;
		for (Total figure : sample.subList(0, 80)) {
			Map<String, String> query = query(figure);
			JsonNode served = this.fixture.getJson("/api/search/totals", query);
			// page after page, 7 at a time
			long[] listed = new long[8];
			long events = 0;
			String next = null;
			do {
				Map<String, String> page = new LinkedHashMap<>(query);
				page.put("size", "7");
				if (next != null) {
					page.put("cursor", next);
				}
				JsonNode answer = this.fixture.getJson("/api/search/totals/events", page);
				assertThat(answer.get("figure").asString()).isEqualTo(figure.key());
				if (next == null) {
					assertThat(answer.get("total").asLong()).as("seed %d: %s", SEED, figure.key()).isPositive();
					assertThat(answer.get("entriesWithoutFlow").isNumber()).isTrue();
				}
				else {
					// only the first page counts them all
					assertThat(answer.get("total").isNull()).as("seed %d: %s", SEED, figure.key()).isTrue();
					assertThat(answer.get("entriesWithoutFlow").isNull()).isTrue();
				}
				for (JsonNode event : answer.get("events")) {
					add(listed, event.get("flow"));
					events++;
				}
				next = answer.get("next").isNull() ? null : answer.get("next").asString();
				if (next != null && !otherFigureTried) {
					// the cursor of one figure's events, given to another figure: a 400,
					// not that figure's events skipped from the first figure's last
					Map<String, String> other = new LinkedHashMap<>(query(sample.get(80)));
					other.put("size", "7");
					other.put("cursor", next);
					HttpResponse<String> refused = this.fixture.get("/api/search/totals/events", other);
					assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
					assertThat(refused.body()).contains("continues another search");
					otherFigureTried = true;
				}
			}
			while (next != null);
			assertThat(listed).as("seed %d: the events listed behind %s", SEED, figure.key())
				.containsExactly(amounts(served));
			assertThat(events).as("seed %d: %s", SEED, figure.key())
				.isEqualTo(this.fixture.getJson("/api/search/totals/events", query).get("total").asLong());
			// and the export, exact decimals
			assertThat(exported(query, served)).as("seed %d: the export behind %s", SEED, figure.key())
				.containsExactly(amounts(served));
		}
		assertThat(otherFigureTried).as("seed %d: a figure with more than one page", SEED).isTrue();
	}

	@Test
	void shouldListEveryStockFigureOfACuboidMostValidProjectsFirst() throws IOException {
		for (String cuboid : java.util.Arrays.stream(Cuboid.values()).map(Cuboid::id).toList()) {
			for (InvestmentType type : InvestmentType.values()) {
				List<Stock> expected = stock.stream()
					.filter((figure) -> figure.cuboid().equals(cuboid) && figure.investmentType() == type)
					.sorted(java.util.Comparator.comparingLong(Stock::validProjects)
						.reversed()
						.thenComparing(Stock::key))
					.toList();
				JsonNode answer = this.fixture.getJson("/api/search/stock/list",
						Map.of("cuboid", cuboid, "type", type.name(), "size", "1000"));
				List<String> keys = new java.util.ArrayList<>();
				List<Long> valid = new java.util.ArrayList<>();
				answer.get("figures").forEach((figure) -> {
					keys.add(figure.get("key").asString());
					valid.add(figure.get("validProjects").asLong());
				});
				assertThat(keys).as("seed %d: %s %s", SEED, cuboid, type)
					.containsExactlyElementsOf(expected.stream().map(Stock::key).toList());
				assertThat(valid).containsExactlyElementsOf(expected.stream().map(Stock::validProjects).toList());
				// as of the newest event of the figures listed, none without figures
				assertThat(answer.get("asOf").isNull()).isEqualTo(expected.isEmpty());
			}
		}
		// at most size figures, the first ones
		JsonNode two = this.fixture.getJson("/api/search/stock/list", Map.of("cuboid", "province", "size", "2"));
		List<String> first = stock.stream()
			.filter((figure) -> figure.cuboid().equals("province") && figure.investmentType() == InvestmentType.FDI)
			.sorted(java.util.Comparator.comparingLong(Stock::validProjects).reversed().thenComparing(Stock::key))
			.map(Stock::key)
			.limit(2)
			.toList();
		assertThat(two.get("figures").valueStream().map((figure) -> figure.get("key").asString()))
			.containsExactlyElementsOf(first);

	}

	@Test
	void shouldListProjectsThatSumExactlyToEveryStockFigure() throws IOException {
		assertThat(stock).as("seed %d", SEED).hasSizeGreaterThan(20);
		assertThat(stock.stream().mapToLong(Stock::suspendedProjects).sum()).as("seed %d", SEED).isPositive();
		boolean restatedFinance = false;
		long withoutRealised = 0;
		for (Stock figure : stock) {
			Map<String, String> query = new LinkedHashMap<>();
			query.put("cuboid", figure.cuboid());
			query.putAll(figure.dimensions());
			query.put("type", figure.investmentType().name());
			JsonNode served = this.fixture.getJson("/api/search/stock", query);
			long[] expected = { served.get("validProjects").asLong(), served.get("suspendedProjects").asLong(),
					served.get("registeredCapital").get("minorUnits").asLong(),
					served.get("realisedCapital").get("minorUnits").asLong() };
			// page after page, 3 at a time
			long[] listed = new long[4];
			String next = null;
			do {
				Map<String, String> page = new LinkedHashMap<>(query);
				page.put("size", "3");
				if (next != null) {
					page.put("cursor", next);
				}
				JsonNode answer = this.fixture.getJson("/api/search/stock/projects", page);
				assertThat(answer.get("figure").asString()).isEqualTo(figure.key());
				if (next == null) {
					assertThat(answer.get("total").asLong()).as("seed %d: %s", SEED, figure.key())
						.isEqualTo(expected[0]);
					assertThat(answer.get("projectsWithoutStockCell").isNumber()).isTrue();
				}
				else {
					assertThat(answer.get("total").isNull()).isTrue();
				}
				for (JsonNode project : answer.get("projects")) {
					assertThat(project.get("status").asString()).isNotEqualTo("terminated");
					listed[0]++;
					listed[1] += project.get("stock").get("suspended").asBoolean() ? 1 : 0;
					listed[2] += project.get("registeredCapital").get("minorUnits").asLong();
					listed[3] += project.has("realisedCapital")
							? project.get("realisedCapital").get("minorUnits").asLong() : 0;
					withoutRealised += project.has("realisedCapital") ? 0 : 1;
					// a VSIC 2018 K project is in 2025's L
					restatedFinance |= project.has("sectorSection")
							&& "K".equals(project.get("sectorSection").asString())
							&& "L".equals(figure.dimensions().get("sector"));
				}
				next = answer.get("next").isNull() ? null : answer.get("next").asString();
			}
			while (next != null);
			assertThat(listed).as("seed %d: the projects listed behind %s", SEED, figure.key())
				.containsExactly(expected);
			assertThat(stockExported(query, figure)).as("seed %d: the export behind %s", SEED, figure.key())
				.containsExactly(expected);
		}
		assertThat(withoutRealised).as("seed %d: projects listed without realised capital", SEED).isPositive();
		assertThat(restatedFinance).as("seed %d: a VSIC 2018 K project behind a sector L figure", SEED).isTrue();
	}

	@Test
	void shouldRefuseAStockFigureNamedWithoutItsCuboidsDimensions() {
		HttpResponse<String> missing = this.fixture.get("/api/search/stock/projects",
				params("cuboid", "province+sector", "sector", "C"));
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(missing.body()).contains("A figure of province+sector names province and sector, not sector");

		HttpResponse<String> extra = this.fixture.get("/api/search/stock/projects/export",
				params("cuboid", "national", "province", "31"));
		assertThat(extra.statusCode()).isEqualTo(400);
		assertThat(extra.body()).contains("names no dimension, not province");

		HttpResponse<String> size = this.fixture.get("/api/search/stock/projects", params("size", "0"));
		assertThat(size.statusCode()).isEqualTo(400);
		assertThat(size.body()).contains("at least 1");
	}

	@Test
	void shouldRefuseAFigureNamedWithoutItsCuboidsDimensions() {
		HttpResponse<String> missing = this.fixture.get("/api/search/totals/events",
				params("cuboid", "province+zone", "province", "31"));
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(missing.body()).contains("A figure of province+zone names province and zone, not province");

		HttpResponse<String> extra = this.fixture.get("/api/search/totals/events/export",
				params("cuboid", "national", "country", "KR"));
		assertThat(extra.statusCode()).isEqualTo(400);
		assertThat(extra.body()).contains("names no dimension, not country");

		// a zone under a unit its events can never name: no event is behind that figure
		for (String path : List.of("/api/search/totals/events", "/api/search/totals/events/export",
				"/api/search/stock/projects", "/api/search/stock/projects/export")) {
			HttpResponse<String> elsewhere = this.fixture.get(path,
					params("cuboid", "province+zone", "province", "33", "zone", "HD-DAI-AN"));
			assertThat(elsewhere.statusCode()).as(path).isEqualTo(400);
			assertThat(elsewhere.body()).as(path).contains("its events name 30 or 31, never province 33");
		}

		HttpResponse<String> period = this.fixture.get("/api/search/totals/events", params("period", "2024-13"));
		assertThat(period.statusCode()).isEqualTo(400);
		assertThat(period.body()).contains("a period is all, a year");

		HttpResponse<String> cursor = this.fixture.get("/api/search/totals/events",
				params("cursor", "bm90LWEtY3Vyc29y"));
		assertThat(cursor.statusCode()).isEqualTo(400);
		assertThat(cursor.body()).contains("The cursor is not one this API gave out");

		HttpResponse<String> size = this.fixture.get("/api/search/totals/events", params("size", "1001"));
		assertThat(size.statusCode()).isEqualTo(400);
		assertThat(size.body()).contains("at most 1000");
	}

	@Test
	void shouldCountTheEntriesWrittenBeforeEntriesCarriedTheirFlow() {
		Map<String, String> query = params("cuboid", "national", "period", "all", "type", "FDI");
		long before = this.fixture.getJson("/api/search/totals/events", query).get("entriesWithoutFlow").asLong();
		// Given a project's entries written by a ledger that did not record flows yet
		List<LicensingEvent> old = project("BEFORE-FLOWS-1", new Random(SEED));
		long makingFlows = old.stream().filter((event) -> StateTransitions.typeOf(event) != null).count();
		this.fixture.indexAppliedWithoutFlows(old, "31");

		// Then every drill-down's first page counts them, since none can list them
		JsonNode answer = this.fixture.getJson("/api/search/totals/events", query);
		assertThat(answer.get("entriesWithoutFlow").asLong()).isEqualTo(before + makingFlows);
		assertThat(makingFlows).isPositive();
	}

	@Test
	void shouldCountTheProjectsIndexedBeforeDocumentsCarriedTheirStockCell() {
		Map<String, String> query = params("cuboid", "province", "province", "31", "type", "FDI");
		JsonNode before = this.fixture.getJson("/api/search/stock/projects", query);
		// Given two projects in the stock and a terminated one, indexed without their
		// cell
		ProjectState valid = ConsoleFixture.state("OLD-STOCK-1", 1, "Dự án cũ", "31-KCN-DINHVU", "JP", "C", "500.00");
		ProjectState suspended = ConsoleFixture
			.state("OLD-STOCK-2", 2, "Dự án tạm dừng", "31-KCN-DINHVU", "JP", "C", "700.00")
			.toBuilder()
			.status(ProjectStatus.SUSPENDED)
			.build();
		ProjectState terminated = ConsoleFixture
			.state("OLD-STOCK-3", 3, "Dự án chấm dứt", "31-KCN-DINHVU", "JP", "C", "900.00")
			.toBuilder()
			.status(ProjectStatus.TERMINATED)
			.build();
		this.fixture.indexProjectsWithoutStockCell(List.of(valid, suspended, terminated));

		// Then the first page counts the two in the stock, which no drill-down can list
		JsonNode after = this.fixture.getJson("/api/search/stock/projects", query);
		assertThat(after.get("projectsWithoutStockCell").asLong())
			.isEqualTo(before.get("projectsWithoutStockCell").asLong() + 2);
		assertThat(after.get("total").asLong()).isEqualTo(before.get("total").asLong());
	}

	@Test
	void shouldRefuseTheDrillDownOfACodeThatNamesNothingRatherThanListNothing() {
		// a zero, or an empty list, would read as no investment
		Map<String, Map<String, String>> refused = new LinkedHashMap<>();
		refused.put("country UK is no country", params("cuboid", "country", "country", "UK", "period", "2024"));
		refused.put("zone HP-NOWHERE is no zone",
				params("cuboid", "province+zone", "province", "31", "zone", "HP-NOWHERE", "period", "2024"));
		refused.put("No province or city has had the code 03 since 1987",
				params("cuboid", "province", "province", "03"));
		refused.put("Province 30 (Hải Dương) is no unit today: its territory is in 31 (Hải Phòng)",
				params("cuboid", "province-restated", "province", "30", "type", "DDI"));
		for (String path : List.of("/api/search/totals/events", "/api/search/totals/events/export",
				"/api/search/stock/projects", "/api/search/stock/projects/export")) {
			refused.forEach((said, query) -> {
				Map<String, String> asked = new LinkedHashMap<>(query);
				if (path.startsWith("/api/search/stock")) {
					asked.remove("period");
				}
				HttpResponse<String> response = this.fixture.get(path, asked);
				assertThat(response.statusCode()).as(path + " " + asked).isEqualTo(400);
				assertThat(response.body()).as(path + " " + asked).contains(said);
			});
		}
		// while a unit as licensed that merged since is a figure like any other
		assertThat(this.fixture.get("/api/search/totals/events", params("cuboid", "province", "province", "30"))
			.statusCode()).isEqualTo(200);
	}

	@Test
	void shouldSayHowManyFiguresAListMatchesAndWhetherItIsCutAtItsSize() {
		List<String> totals = figures.stream()
			.filter((figure) -> figure.cuboid().equals("province") && figure.period().equals("all")
					&& figure.investmentType() == InvestmentType.FDI)
			.map(Total::key)
			.toList();
		List<String> stocks = stock.stream()
			.filter((figure) -> figure.cuboid().equals("province") && figure.investmentType() == InvestmentType.DDI)
			.map(Stock::key)
			.toList();
		assertThat(totals).as("seed %d", SEED).hasSizeGreaterThan(2);
		assertThat(stocks).as("seed %d", SEED).hasSizeGreaterThan(2);

		JsonNode cut = this.fixture.getJson("/api/search/totals/list",
				params("cuboid", "province", "period", "all", "type", "FDI", "size", "2"));
		assertThat(cut.get("figures")).hasSize(2);
		assertThat(cut.get("total").asLong()).isEqualTo(totals.size());
		assertThat(cut.get("truncated").asBoolean()).isTrue();
		JsonNode whole = this.fixture.getJson("/api/search/totals/list",
				params("cuboid", "province", "period", "all", "type", "FDI", "size", String.valueOf(totals.size())));
		assertThat(whole.get("figures")).hasSize(totals.size());
		assertThat(whole.get("total").asLong()).isEqualTo(totals.size());
		assertThat(whole.get("truncated").asBoolean()).isFalse();

		JsonNode cutStock = this.fixture.getJson("/api/search/stock/list",
				params("cuboid", "province", "type", "DDI", "size", "1"));
		assertThat(cutStock.get("figures")).hasSize(1);
		assertThat(cutStock.get("total").asLong()).isEqualTo(stocks.size());
		assertThat(cutStock.get("truncated").asBoolean()).isTrue();
		JsonNode wholeStock = this.fixture.getJson("/api/search/stock/list",
				params("cuboid", "province", "type", "DDI", "size", "1000"));
		assertThat(wholeStock.get("total").asLong()).isEqualTo(stocks.size());
		assertThat(wholeStock.get("truncated").asBoolean()).isFalse();
	}

	@Test
	void shouldLeaveTheDollarsOfAnEventNotConvertedEmptyInTheExportRatherThanZero() throws IOException {
		// Given the events behind the DDI figure of all time, some dated before the first
		// reference rate (2023) and so without dollars
		Map<String, String> query = params("cuboid", "national", "period", "all", "type", "DDI");
		Map<String, JsonNode> dollars = new LinkedHashMap<>();
		String next = null;
		do {
			Map<String, String> page = new LinkedHashMap<>(query);
			page.put("size", "1000");
			if (next != null) {
				page.put("cursor", next);
			}
			JsonNode answer = this.fixture.getJson("/api/search/totals/events", page);
			answer.get("events")
				.forEach((event) -> dollars.put(
						event.get("projectCode").asString() + "/" + event.get("revision").asLong(),
						event.get("flow").get("usdEquivalent")));
			next = answer.get("next").isNull() ? null : answer.get("next").asString();
		}
		while (next != null);
		assertThat(dollars.values()).as("seed %d", SEED)
			.anySatisfy((usd) -> assertThat(usd.get("unconvertedEvents").asLong()).isPositive())
			.anySatisfy((usd) -> assertThat(usd.get("unconvertedEvents").asLong()).isZero());

		// When they are exported
		HttpResponse<String> response = this.fixture.get("/api/search/totals/events/export", query);
		assertThat(response.statusCode()).isEqualTo(200);

		// Then the dollars of those not converted are empty, the others' as converted
		int rows = 0;
		for (CSVRecord row : CSVFormat.DEFAULT.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(response.body().substring(1)))) {
			String event = row.get("projectCode") + "/" + row.get("revision");
			JsonNode usd = dollars.get(event);
			assertThat(usd).as(event).isNotNull();
			if (usd.get("unconvertedEvents").asLong() > 0) {
				assertThat(row.get("usdRegisteredCapital")).as(event).isEmpty();
				assertThat(row.get("usdRealisedCapital")).as(event).isEmpty();
			}
			else {
				assertThat(new BigDecimal(row.get("usdRegisteredCapital"))).as(event)
					.isEqualTo(BigDecimal.valueOf(usd.get("registeredCapital").get("minorUnits").asLong(), 2));
				assertThat(new BigDecimal(row.get("usdRealisedCapital"))).as(event)
					.isEqualTo(BigDecimal.valueOf(usd.get("realisedCapital").get("minorUnits").asLong(), 2));
			}
			rows++;
		}
		assertThat(rows).isEqualTo(dollars.size());
	}

	@Test
	void shouldGiveWithEachExportTheCountOfWhatNoDrillDownListsAsItsFirstPageDoes() {
		// Given entries written before entries carried their flow, and projects indexed
		// before documents carried their stock cell
		this.fixture.indexAppliedWithoutFlows(project("HEADER-NO-FLOW-1", new Random(SEED)), "31");
		this.fixture.indexProjectsWithoutStockCell(
				List.of(ConsoleFixture.state("HEADER-NO-CELL-1", 1, "Dự án không ô", "HP-DEEP-C", "JP", "C", "10")));
		Map<String, String> events = params("cuboid", "national", "period", "all", "type", "FDI");
		Map<String, String> projects = params("cuboid", "province", "province", "31", "type", "FDI");
		long withoutFlow = this.fixture.getJson("/api/search/totals/events", events).get("entriesWithoutFlow").asLong();
		long withoutCell = this.fixture.getJson("/api/search/stock/projects", projects)
			.get("projectsWithoutStockCell")
			.asLong();
		assertThat(withoutFlow).isPositive();
		assertThat(withoutCell).isPositive();

		// When the figures' events and projects are exported
		HttpResponse<String> eventsExport = this.fixture.get("/api/search/totals/events/export", events);
		HttpResponse<String> projectsExport = this.fixture.get("/api/search/stock/projects/export", projects);

		// Then each says, before its rows, what its first page says
		assertThat(eventsExport.statusCode()).isEqualTo(200);
		assertThat(eventsExport.headers().firstValue("X-Entries-Without-Flow")).hasValue(Long.toString(withoutFlow));
		assertThat(projectsExport.statusCode()).isEqualTo(200);
		assertThat(projectsExport.headers().firstValue("X-Projects-Without-Stock-Cell"))
			.hasValue(Long.toString(withoutCell));
	}

	@Test
	void shouldListNothingBehindAFigureWithoutEvents() {
		JsonNode answer = this.fixture.getJson("/api/search/totals/events",
				params("cuboid", "country", "country", "ZW", "period", "2019-R01"));
		assertThat(answer.get("total").asLong()).isZero();
		assertThat(answer.get("events")).isEmpty();
		assertThat(answer.get("next").isNull()).isTrue();
	}

	private static Map<String, String> xlsx(Map<String, String> query) {
		Map<String, String> xlsx = new LinkedHashMap<>(query);
		xlsx.put("format", "xlsx");
		return xlsx;
	}

	private long[] exported(Map<String, String> query, JsonNode served) throws IOException {
		HttpResponse<String> response = this.fixture.get("/api/search/totals/events/export", query);
		assertThat(response.statusCode()).isEqualTo(200);
		ExportWorkbooks.assertHoldsTheCsv(this.fixture.getBytes("/api/search/totals/events/export", xlsx(query)),
				response, ExportWorkbooks.EVENT_NUMBERS);
		int digits = "USD".equals(served.get("newCapital").get("currency").asString()) ? 2 : 0;
		long[] sums = new long[8];
		String body = response.body().substring(1);
		for (CSVRecord row : CSVFormat.DEFAULT.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(body))) {
			assertThat(row.get("investmentType")).isEqualTo(served.get("investmentType").asString());
			sums[0] += minor(row.get("newCapital"), digits);
			sums[1] += Long.parseLong(row.get("newProjects"));
			sums[2] += minor(row.get("adjustedCapital"), digits);
			sums[3] += Long.parseLong(row.get("adjustments"));
			sums[4] += minor(row.get("contributionCapital"), digits);
			sums[5] += Long.parseLong(row.get("contributions"));
			sums[6] += minor(row.get("realisedCapital"), digits);
			sums[7] += minor(row.get("registeredCapital"), digits);
		}
		return sums;
	}

	private long[] stockExported(Map<String, String> query, Stock figure) throws IOException {
		HttpResponse<String> response = this.fixture.get("/api/search/stock/projects/export", query);
		assertThat(response.statusCode()).isEqualTo(200);
		ExportWorkbooks.assertHoldsTheCsv(this.fixture.getBytes("/api/search/stock/projects/export", xlsx(query)),
				response, ExportWorkbooks.PROJECT_NUMBERS);
		int digits = (figure.investmentType() == InvestmentType.FDI) ? 2 : 0;
		long[] sums = new long[4];
		for (CSVRecord row : CSVFormat.DEFAULT.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(response.body().substring(1)))) {
			assertThat(row.get("investmentType")).isEqualTo(figure.investmentType().name());
			sums[0]++;
			sums[1] += Boolean.parseBoolean(row.get("suspended")) ? 1 : 0;
			sums[2] += minor(row.get("registeredCapital"), digits);
			sums[3] += row.get("realisedCapital").isEmpty() ? 0 : minor(row.get("realisedCapital"), digits);
		}
		return sums;
	}

	private static LicensingEvent lastOf(List<LicensingEvent> events, String code) {
		return events.stream().filter((event) -> event.key().equals(code)).reduce((a, b) -> b).orElseThrow();
	}

	private static long minor(String major, int digits) {
		return new BigDecimal(major).movePointRight(digits).longValueExact();
	}

	private static void add(long[] sums, JsonNode flow) {
		long[] amounts = amounts(flow);
		for (int i = 0; i < sums.length; i++) {
			sums[i] += amounts[i];
		}
	}

	private static long[] amounts(JsonNode figure) {
		return new long[] { figure.get("newCapital").get("minorUnits").asLong(), figure.get("newProjects").asLong(),
				figure.get("adjustedCapital").get("minorUnits").asLong(), figure.get("adjustments").asLong(),
				figure.get("contributionCapital").get("minorUnits").asLong(), figure.get("contributions").asLong(),
				figure.get("realisedCapital").get("minorUnits").asLong(),
				figure.get("registeredCapital").get("minorUnits").asLong() };
	}

	private static Map<String, String> query(Total figure) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("cuboid", figure.cuboid());
		query.putAll(figure.dimensions());
		query.put("period", figure.period());
		query.put("type", figure.investmentType().name());
		return query;
	}

	private static List<LicensingEvent> project(String code, Random random) {
		String province = PROVINCES.get(random.nextInt(PROVINCES.size()));
		boolean fdi = random.nextBoolean();
		LocalDate licensedOn = LocalDate.of(2019, 1, 1).plusDays(random.nextInt(365 * 7));
		Money capital = fdi ? Money.usd(random.nextInt(1, 500_000_000) + "." + random.nextInt(10, 100))
				: Money.vnd(random.nextLong(1_000_000L, 9_000_000_000_000L));
		Licensed template = fdi ? SampleEvents.fdiLicence(code, province, capital)
				: SampleEvents.ddiLicence(code, province, capital);
		Licensed dated = SampleEvents.withEnvelope(template,
				SampleEvents.envelope(code, 1, on(province, licensedOn), licensedOn));
		// some in VSIC 2018's K (finance), which VSIC 2025 restates to L
		Sector sector = (licensedOn.isBefore(LocalDate.of(2025, 11, 15)) && random.nextInt(3) == 0)
				? new Sector("K", "64") : dated.sector();
		Licensed licence = new Licensed(dated.envelope(), dated.investmentType(), dated.projectName(),
				dated.ircNumber(), dated.enterpriseCode(), dated.investors(), dated.zoneCode(), sector,
				dated.registeredCapital(), dated.landAreaHa(), dated.plannedEmployment(), dated.durationYears());
		InvestmentType type = licence.investmentType();
		List<LicensingEvent> events = new ArrayList<>(List.of(licence));
		long revision = 2;
		// adjusted up or down, in the licence's year or a later one
		LocalDate adjustedOn = licensedOn.plusDays(random.nextInt(1, 700));
		Money change = fdi ? Money.usd((random.nextBoolean() ? "-" : "") + random.nextInt(1, 1_000_000) + ".50")
				: Money.vnd((random.nextBoolean() ? -1 : 1) * random.nextLong(1, 1_000_000_000L));
		events.add(new CapitalAdjusted(SampleEvents.envelope(code, revision++, on(province, adjustedOn), adjustedOn),
				type, 1, licence.ircNumber(), change, capital.plus(change)));
		if (random.nextBoolean()) {
			Money amount = fdi ? Money.usd(random.nextInt(1, 9_000_000) + ".25")
					: Money.vnd(random.nextLong(1, 90_000_000_000L));
			LocalDate contributedOn = licensedOn.plusDays(random.nextInt(1, 900));
			events.add(new CapitalContributed(
					SampleEvents.envelope(code, revision++, on(province, contributedOn), contributedOn), type,
					ContributionForm.SHARE_PURCHASE, random.nextBoolean(), "0201234567", "Công ty TNHH Góp vốn", null,
					List.of(new Investor("Nhà đầu tư", fdi ? "JP" : "VN")), SampleEvents.zoneOf(province),
					new Sector("C", "26"), amount));
		}
		// most disbursed, some never (no realised capital at all)
		if (random.nextInt(4) > 0) {
			Money disbursed = fdi ? Money.usd(random.nextInt(1, 90_000_000) + ".01")
					: Money.vnd(random.nextLong(1, 900_000_000_000L));
			LocalDate disbursedOn = licensedOn.plusDays(random.nextInt(1, 1200));
			events.add(new Disbursed(SampleEvents.envelope(code, revision, on(province, disbursedOn), disbursedOn),
					type, disbursed));
		}
		return events;
	}

	/** The province as an event dated so names it: merged provinces by their new unit. */
	private static String on(String province, LocalDate date) {
		return Provinces.standard().inForce(province, date) ? province
				: Provinces.standard().currentUnitOf(province).orElseThrow();
	}

}
