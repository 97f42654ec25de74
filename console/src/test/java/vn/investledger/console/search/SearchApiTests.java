package vn.investledger.console.search;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import vn.investledger.events.InvestmentType;
import vn.investledger.events.Limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The search API's answers that need no Elasticsearch, with the console's security and
 * the search services stubbed: a bad request is a 400 problem saying what to fix, an
 * anonymous one a 401 with a Basic challenge, one without the role or the CSRF token a
 * 403; an export is named after the day in Vietnam. The same services run against a real
 * node in {@link SearchTests}. The console's clock reads ten to one in the morning of 2
 * December 2026 in Hà Nội, still 1 December in UTC.
 */
@WebMvcTest(
		controllers = { ProjectsController.class, FiguresController.class, StockProjectsController.class,
				FigureEventsController.class },
		includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
				pattern = "vn\\.investledger\\.console\\.system\\.ConsoleSecurity"),
		properties = { "spring.config.name=console", "investledger.access.users[0].name=official",
				"investledger.access.users[0].password={bcrypt}$2a$10$AkQWy8XY.aduySdMHh8V1uj1gxoIQawy5zcKOqqYUIXVO9fJAFUvW",
				"investledger.access.users[0].roles=OFFICIAL", "investledger.access.users[1].name=admin",
				"investledger.access.users[1].password={bcrypt}$2a$10$BdCJcjfZJjAw0zeI6J5g0.xTit5aTINWMDH9xHJyJTE0wzj4hesY6",
				"investledger.access.users[1].roles=ADMIN" })
@Import(SearchApiTests.JustAfterMidnightInVietnam.class)
class SearchApiTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String OFFICIAL = basic("official", "official-secret");

	private static final String ADMIN = basic("admin", "admin-secret");

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private ProjectSearch search;

	@MockitoBean
	private ProjectLookup lookup;

	@MockitoBean
	private FigureSearch figures;

	@MockitoBean
	private StockProjects stockProjects;

	@MockitoBean
	private FigureEvents figureEvents;

	/**
	 * The stubbed search does what the real one does before it asks Elasticsearch: build
	 * the query and read the cursor.
	 */
	@BeforeEach
	void searchAsFarAsElasticsearch() throws Exception {
		given(this.search.search(any(), any(), anyBoolean(), anyInt(), any(), anyInt(), anyString()))
			.willAnswer((call) -> {
				ProjectQuery.of(call.getArgument(0));
				String cursor = call.getArgument(4);
				if (cursor != null) {
					Cursor.decode(cursor);
				}
				return new ProjectPage(0, List.of(), Map.of(), null, null);
			});
		given(this.lookup.project(anyString())).willReturn(Optional.empty());
	}

	@Nested
	class BadRequests {

		@ParameterizedTest
		@ValueSource(strings = { "province=abc", "type=XYZ", "minCapital=5", "minCapital=-1&currency=USD",
				"minCapital=0.001&currency=USD", "size=0", "size=5000", "licensedFrom=2024-13-01",
				"licensedFrom=%2B10000-01-01", "licensedTo=-0001-01-01",
				"licensedFrom=2025-01-01&licensedTo=2024-01-01", "cursor=bm90LWEtY3Vyc29y", "sort=LOUDEST",
				"zoneType=ZZZ", "status=gone", "facetValues=101", "order=sideways", "sector=W", "sector=k", "sector=KL",
				"sort=CAPITAL", "sort=CAPITAL&q=nha+may&order=asc", "type=FDI&currency=VND",
				"type=DDI&currency=USD&minCapital=1", "minCapital=1e999999999&currency=USD",
				"maxCapital=1e-999999999&currency=VND", "minCapital=-1e999999999&currency=USD", "zone=", "zone=%20",
				"zone=31-KCN%20DINHVU", "zone=ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ", "province=", "country=",
				"sector=" })
		void shouldAnswerABadSearchWithAProblemNamingWhatToFix(String query) {
			MvcTestResult response = get("/api/search/projects?" + query, OFFICIAL);

			assertThat(response).hasStatus(400).hasContentTypeCompatibleWith("application/problem+json");
			JsonNode problem = JSON.readTree(response.getResponse().getContentAsByteArray());
			assertThat(problem.get("status").asInt()).isEqualTo(400);
			assertThat(problem.get("title").asString()).isEqualTo("Bad search");
			String field = query.substring(0, query.indexOf('='));
			assertThat(problem.get("detail").asString()).as(query)
				.containsAnyOf(field, "cursor", "capital", "licensed");
		}

		@ParameterizedTest
		@ValueSource(strings = { "/api/search/projects?provnce=31", "/api/search/projects?province=31&Province=30",
				"/api/search/projects/export?type=FDI&page=2",
				"/api/search/totals?cuboid=province&province=31&periode=2025",
				"/api/search/stock?cuboid=national&type=FDI&period=2025",
				"/api/search/stock/projects?cuboid=national&type=FDI&sise=10",
				"/api/search/totals/list?cuboid=province&type=FDI&limit=5", "/api/search/projects/P-1?full=true",
				"/api/search/stock/list?cuboid=province&type=FDI&period=2025" })
		void shouldRefuseAParameterTheEndpointDoesNotTakeRatherThanIgnoreIt(String url) {
			// a misspelt filter ignored would answer for every province as if for one
			MvcTestResult response = get(url, OFFICIAL);

			assertThat(response).hasStatus(400).hasContentTypeCompatibleWith("application/problem+json");
			JsonNode problem = JSON.readTree(response.getResponse().getContentAsByteArray());
			assertThat(problem.get("title").asString()).isEqualTo("Unknown parameter");
			String unknown = url.substring(Math.max(url.lastIndexOf('&'), url.lastIndexOf('?')) + 1,
					url.lastIndexOf('='));
			String path = url.substring(0, url.indexOf('?'));
			assertThat(problem.get("detail").asString()).as(url)
				.startsWith("\"" + unknown + "\" is not a parameter of GET " + path + "; it takes ");
			then(SearchApiTests.this.search).shouldHaveNoInteractions();
			then(SearchApiTests.this.figures).shouldHaveNoInteractions();
			then(SearchApiTests.this.stockProjects).shouldHaveNoInteractions();
		}

		@ParameterizedTest
		@ValueSource(strings = { "/api/search/projects?type=FDI&type=DDI", "/api/search/projects?q=a&size=5&q=b",
				"/api/search/totals?cuboid=national&type=DDI&period=2025&type=FDI",
				"/api/search/totals/list?cuboid=province&type=FDI&period=2024&period=2025" })
		void shouldRefuseAParameterGivenTwiceRatherThanKeepTheFirst(String url) {
			MvcTestResult response = get(url, OFFICIAL);

			assertThat(response).hasStatus(400).hasContentTypeCompatibleWith("application/problem+json");
			JsonNode problem = JSON.readTree(response.getResponse().getContentAsByteArray());
			assertThat(problem.get("title").asString()).isEqualTo("Parameter given more than once");
			assertThat(problem.get("detail").asString()).contains(" is given more than once to GET ");
			then(SearchApiTests.this.search).shouldHaveNoInteractions();
			then(SearchApiTests.this.figures).shouldHaveNoInteractions();
		}

		@Test
		void shouldTakeNoFilterFromARequestHeader() throws Exception {
			MvcTestResult response = SearchApiTests.this.mvc.get()
				.uri(URI.create("/api/search/projects?q=cang"))
				.header(HttpHeaders.AUTHORIZATION, OFFICIAL)
				.header("Status", "terminated")
				.header("Province", "31")
				.header("Restated-Province", "31")
				.header("Type", "DDI")
				.exchange();

			assertThat(response).hasStatus(200);
			org.mockito.ArgumentCaptor<ProjectFilters> filters = org.mockito.ArgumentCaptor
				.forClass(ProjectFilters.class);
			then(SearchApiTests.this.search).should()
				.search(filters.capture(), any(), anyBoolean(), anyInt(), any(), anyInt(), anyString());
			assertThat(filters.getValue().getQ()).isEqualTo("cang");
			assertThat(filters.getValue().getStatus()).isNull();
			assertThat(filters.getValue().getProvince()).isNull();
			assertThat(filters.getValue().getRestatedProvince()).isNull();
			assertThat(filters.getValue().getType()).isNull();
		}

		@ParameterizedTest
		@ValueSource(strings = { "/api/search/projects", "/api/search/totals?cuboid=national&type=FDI",
				"/api/search/stock/projects?cuboid=national&type=FDI" })
		void shouldNameWhatAnEndpointTakesBesideTheUnknownParameter(String path) {
			MvcTestResult response = get(path + (path.contains("?") ? "&" : "?") + "nope=1", OFFICIAL);

			assertThat(response).hasStatus(400);
			String detail = JSON.readTree(response.getResponse().getContentAsByteArray()).get("detail").asString();
			assertThat(detail).contains("\"nope\" is not a parameter")
				.contains(path.contains("projects") ? "size" : "cuboid")
				.contains("type");
		}

		@ParameterizedTest
		@ValueSource(strings = { "1e999999999", "1E+2147483647", "1e-999999999", "0.0000000000000000000001" })
		void shouldRefuseACapitalBoundOutOfRangeWithAShortReason(String bound) {
			for (String query : new String[] { "minCapital=" + bound + "&currency=USD",
					"maxCapital=" + bound + "&currency=VND", "minCapital=1" + "0".repeat(3000) + "&currency=USD" }) {
				MvcTestResult response = get("/api/search/projects?" + query, OFFICIAL);

				assertThat(response).hasStatus(400);
				String detail = JSON.readTree(response.getResponse().getContentAsByteArray()).get("detail").asString();
				assertThat(detail).as(query)
					.contains("Capital")
					.containsAnyOf("has more decimals than", "is beyond the largest amount")
					.hasSizeLessThan(200);
			}
		}

		@ParameterizedTest
		@ValueSource(strings = { "minCapital=750.000&currency=USD", "maxCapital=500.000&currency=VND",
				"minCapital=1.500&currency=USD" })
		void shouldRefuseACapitalBoundWrittenWithAThousandsSeparatorRatherThanReadAThousandthOfIt(String query) {
			MvcTestResult response = get("/api/search/projects?" + query, OFFICIAL);

			assertThat(response).hasStatus(400);
			String detail = JSON.readTree(response.getResponse().getContentAsByteArray()).get("detail").asString();
			assertThat(detail).contains("has more decimals than").contains("without thousands separators");
		}

		@ParameterizedTest
		@ValueSource(strings = { "/api/search/projects?sort=CAPITAL&type=FDI",
				"/api/search/projects?sort=CAPITAL&currency=VND",
				"/api/search/projects?sort=CAPITAL&type=DDI&currency=VND&minCapital=5" })
		void shouldSortByCapitalWithinOneCurrency(String path) {
			assertThat(get(path, OFFICIAL)).as(path).hasStatus(200);
		}

		@Test
		void shouldRefuseAnExportByCapitalOfBothCurrenciesBeforeItStarts() throws Exception {
			MvcTestResult response = get("/api/search/projects/export?sort=CAPITAL", OFFICIAL);

			assertThat(response).hasStatus(400);
			assertThat(JSON.readTree(response.getResponse().getContentAsByteArray()).get("detail").asString())
				.contains("đồng and dollars do not compare");
		}

		@ParameterizedTest
		@CsvSource(delimiter = '|', textBlock = """
				province=99          | province 99 is no province's code, then or now
				province=00          | province 00 is no province's code
				restatedProvince=99  | restatedProvince 99 is no province's code
				restatedProvince=30  | its territory is in 31 (Hải Phòng), so search restatedProvince=31, or province=30
				""")
		void shouldRefuseAUnitThatFindsNothingByConstructionAndSayWhichToSearch(String query, String said) {
			MvcTestResult response = get("/api/search/projects?" + query, OFFICIAL);

			assertThat(response).as(query).hasStatus(400);
			assertThat(JSON.readTree(response.getResponse().getContentAsByteArray()).get("detail").asString()).as(query)
				.contains(said);
		}

		@ParameterizedTest
		@ValueSource(strings = { "province=30", "province=46", "province=31", "restatedProvince=31",
				"restatedProvince=01", "restatedProvince=46", "province=24&restatedProvince=24" })
		void shouldTakeEveryUnitAsLicensedAndTodaysAsRestated(String query) {
			assertThat(get("/api/search/projects?" + query, OFFICIAL)).as(query).hasStatus(200);
		}

		@ParameterizedTest
		@ValueSource(strings = { "A", "K", "U", "V" })
		void shouldTakeASectorOfEitherVsicEdition(String section) {
			// V exists from VSIC 2025 (15 November 2025); a project keeps its letter as
			// classified
			assertThat(get("/api/search/projects?sector=" + section, OFFICIAL)).hasStatus(200);
		}

		@ParameterizedTest
		@ValueSource(strings = { "cuboid=cube", "cuboid=province&province=3", "cuboid=country&country=kr",
				"cuboid=sector&sector=Z", "cuboid=province%2Bzone&province=31&zone=a%20b",
				"cuboid=province%2Bzone&province=31&zone=", "type=XYZ", "period=2024-13", "period=1986",
				"period=0000-Q1", "period=2101", "period=9999-R01" })
		void shouldAnswerABadFigureWithAProblemNamingIt(String query) {
			MvcTestResult response = get("/api/search/totals?" + query, OFFICIAL);

			assertThat(response).hasStatus(400).hasContentTypeCompatibleWith("application/problem+json");
			String field = query.substring(query.lastIndexOf('&') + 1, query.lastIndexOf('='));
			assertThat(JSON.readTree(response.getResponse().getContentAsByteArray()).get("detail").asString())
				.as(URLDecoder.decode(query, StandardCharsets.UTF_8))
				.contains(field);
		}

		@ParameterizedTest
		@ValueSource(strings = { "size=0", "size=1001", "cursor=%21%21", "cuboid=province&province=3",
				"cuboid=province%2Bzone&province=31&zone=", "cuboid=cube", "type=XYZ" })
		void shouldRefuseABadStockDrillDownBeforeAskingTheService(String query) {
			for (String path : new String[] { "/api/search/stock/projects?", "/api/search/stock/projects/export?" }) {
				if (path.endsWith("export?") && (query.startsWith("size") || query.startsWith("cursor"))) {
					continue;
				}
				MvcTestResult response = get(path + query, OFFICIAL);

				assertThat(response).as(path + query)
					.hasStatus(400)
					.hasContentTypeCompatibleWith("application/problem+json");
			}
			verifyNoInteractions(SearchApiTests.this.stockProjects);
		}

		@Test
		void shouldRefuseABlankCodeAndAnswerAnUnknownProjectWith404() {
			assertThat(get("/api/search/projects/by-code?code=%20%20", OFFICIAL)).hasStatus(400);
			assertThat(get("/api/search/projects/NO-SUCH-1", OFFICIAL)).hasStatus(404)
				.hasContentTypeCompatibleWith("application/problem+json");
		}

		@Test
		void shouldAskNothingOfTheServiceForABadParameter() {
			assertThat(get("/api/search/totals/list?size=0", OFFICIAL)).hasStatus(400);
			assertThat(get("/api/search/stock/list?size=0", OFFICIAL)).hasStatus(400);
			assertThat(get("/api/search/stock/list?size=1001", OFFICIAL)).hasStatus(400);
			assertThat(get("/api/search/stock/list?cuboid=galaxy", OFFICIAL)).hasStatus(400);
			assertThat(get("/api/search/stock/list?type=XDI", OFFICIAL)).hasStatus(400);
			assertThat(get("/api/search/totals/series?year=1800", OFFICIAL)).hasStatus(400);
			assertThat(get("/api/search/totals/series?year=" + (Limits.EARLIEST_YEAR - 1), OFFICIAL)).hasStatus(400);

			verifyNoInteractions(SearchApiTests.this.figures);
		}

		@ParameterizedTest
		@ValueSource(strings = { "/api/search/totals?cuboid=national&province=31", "/api/search/totals?cuboid=province",
				"/api/search/totals?cuboid=province%2Bzone&province=31",
				"/api/search/totals?cuboid=province%2Bzone&zone=HP-DEEP-C", "/api/search/stock?cuboid=country",
				"/api/search/stock?cuboid=national&sector=K", "/api/search/totals/series?cuboid=province&year=2025",
				"/api/search/totals/series?cuboid=national&country=KR&year=2025" })
		void shouldRefuseAFigureNamedWithoutItsCuboidsDimensionsRatherThanSayNoneIsIndexed(String path) {
			MvcTestResult response = get(path, OFFICIAL);

			assertThat(response).as(path).hasStatus(400);
			assertThat(JSON.readTree(response.getResponse().getContentAsByteArray()).get("detail").asString()).as(path)
				.contains("A figure of ")
				.contains(", not ");
			verifyNoInteractions(SearchApiTests.this.figures);
		}

		@Test
		void shouldNameTheCuboidThatTheDimensionsGivenName() {
			MvcTestResult response = get("/api/search/totals?cuboid=national&province=31", OFFICIAL);

			assertThat(JSON.readTree(response.getResponse().getContentAsByteArray()).get("detail").asString())
				.isEqualTo("A figure of national names no dimension, not province: for those, ask for"
						+ " cuboid=province or province-restated");
			verifyNoInteractions(SearchApiTests.this.figures);
		}

		@ParameterizedTest
		@CsvSource(delimiter = '|',
				textBlock = """
						/api/search/totals?cuboid=country&country=UK&period=all&type=FDI         | country UK is no country
						/api/search/totals?cuboid=province%2Bcountry&province=31&country=XK       | country XK is no country
						/api/search/totals?cuboid=province&province=03&period=2024                | No province or city has had the code 03 since 1987
						/api/search/totals?cuboid=province%2Bzone&province=31&zone=HP-NOWHERE     | zone HP-NOWHERE is no zone
						/api/search/totals?cuboid=province%2Bzone&province=24&zone=HD-DAI-AN      | zone HD-DAI-AN (Khu công nghiệp Đại An) lies in province 30 (Hải Dương): its events name 30 or 31, never province 24
						/api/search/totals/series?cuboid=province%2Bzone&province=01&zone=HP-DEEP-C&year=2024 | its events name 31, never province 01
						/api/search/stock?cuboid=province%2Bzone&province=33&zone=HD-DAI-AN       | never province 33
						/api/search/totals/series?cuboid=province-restated&province=30&year=2024  | Province 30 (Hải Dương) is no unit today: its territory is in 31 (Hải Phòng), so its figures restated are those of province=31
						/api/search/totals/series?cuboid=province&province=99&year=2024           | No province or city has had the code 99
						/api/search/stock?cuboid=province-restated&province=62                    | its territory is in 51 (Quảng Ngãi)
						/api/search/stock?cuboid=country&country=UK&type=DDI                      | e.g. KR (Korea), GB (United Kingdom)
						/api/search/totals/provinces/03?type=DDI                                  | No province or city has had the code 03
						""")
		void shouldRefuseAFigureOfACodeThatNamesNothingRatherThanAnswerZero(String url, String said) {
			// the processor answers these 400 too: a zero, or "no figure indexed yet",
			// would read as no investment
			MvcTestResult response = get(url, OFFICIAL);

			assertThat(response).as(url).hasStatus(400).hasContentTypeCompatibleWith("application/problem+json");
			assertThat(JSON.readTree(response.getResponse().getContentAsByteArray()).get("detail").asString()).as(url)
				.contains(said);
			verifyNoInteractions(SearchApiTests.this.figures);
		}

		@ParameterizedTest
		@ValueSource(strings = { "/api/search/totals?cuboid=province&province=30&period=2024",
				"/api/search/totals?cuboid=province%2Bzone&province=31&zone=HD-DAI-AN",
				"/api/search/totals?cuboid=province%2Bzone&province=30&zone=HD-DAI-AN",
				"/api/search/totals?cuboid=country&country=GB", "/api/search/totals?cuboid=country&country=HK",
				"/api/search/totals/series?cuboid=province-restated&province=31&year=2024",
				"/api/search/stock?cuboid=province&province=62", "/api/search/totals/provinces/30" })
		void shouldAskForTheFigureOfEveryCodeThatNamesOne(String url) throws Exception {
			// units as licensed that merged on 1 July 2025, zones of a merged unit
			given(SearchApiTests.this.figures.totals(anyList())).willReturn(List.of());

			assertThat(get(url, OFFICIAL)).as(url).hasStatus((url.contains("/series") ? 200 : 404));
		}

		/**
		 * A search's order given empty is not its default, which depends on the words to
		 * find: refused, naming the default, as the export's is.
		 */
		@ParameterizedTest
		@ValueSource(strings = { "/api/search/projects?sort=", "/api/search/projects?sort=%20",
				"/api/search/projects?q=nha+may&sort=" })
		void shouldRefuseASortGivenEmpty(String url) {
			MvcTestResult response = get(url, OFFICIAL);

			assertThat(response).as(url).hasStatus(400).hasContentTypeCompatibleWith("application/problem+json");
			assertThat(JSON.readTree(response.getResponse().getContentAsByteArray()).get("detail").asString()).as(url)
				.contains("leave it out for its default (" + ProjectsController.SORT_DEFAULT + ")");
			verifyNoInteractions(SearchApiTests.this.search);
		}

		@ParameterizedTest
		@ValueSource(strings = { "/api/search/totals?cuboid=province&province=31&period=&type=DDI",
				"/api/search/totals?cuboid=national&period=2024&type=", "/api/search/totals?cuboid=&period=2024",
				"/api/search/totals/list?cuboid=&period=2024&type=DDI",
				"/api/search/totals/list?cuboid=province&period=&type=DDI",
				"/api/search/totals/list?cuboid=province&period=2024&type=",
				"/api/search/totals/series?cuboid=national&type=&year=2024", "/api/search/totals/provinces/31?type=",
				"/api/search/stock?cuboid=national&type=", "/api/search/stock/list?cuboid=&type=DDI",
				"/api/search/stock/list?cuboid=province&type=", "/api/search/stock/projects?cuboid=national&type=",
				"/api/search/stock/projects/export?cuboid=national&type=",
				"/api/search/totals/events?cuboid=national&period=&type=DDI",
				"/api/search/totals/events?cuboid=national&period=2024&type=",
				"/api/search/totals/events/export?cuboid=national&period=&type=DDI",
				"/api/search/totals/events/export?cuboid=national&period=2024&type=" })
		void shouldRefuseAParameterGivenEmptyRatherThanAnswerItsDefault(String url) {
			// Spring reads an empty parameter as its default (period=: all time) and an
			// empty enum as none (type=: FDI): a question with a part left blank is not
			// the default's
			MvcTestResult response = get(url, OFFICIAL);

			assertThat(response).as(url).hasStatus(400).hasContentTypeCompatibleWith("application/problem+json");
			Matcher empty = Pattern.compile("[?&]([a-z]+)=(&|$)").matcher(url);
			assertThat(empty.find()).isTrue();
			assertThat(JSON.readTree(response.getResponse().getContentAsByteArray()).get("detail").asString()).as(url)
				.contains(empty.group(1) + ": ")
				.contains("was \"\"");
			verifyNoInteractions(SearchApiTests.this.figures, SearchApiTests.this.stockProjects,
					SearchApiTests.this.figureEvents);
		}

		@Test
		void shouldTakeTheDefaultOfAParameterLeftOut() throws Exception {
			given(SearchApiTests.this.figures.totals(anyString(), anyString(), any(), anyInt()))
				.willReturn(new FigureSearch.Found<>(List.of(), 0));
			given(SearchApiTests.this.figures.stocks(anyString(), any(), anyInt()))
				.willReturn(new FigureSearch.Found<>(List.of(), 0));

			assertThat(get("/api/search/totals/list", OFFICIAL)).hasStatus(200);
			assertThat(get("/api/search/stock/list?size=5", OFFICIAL)).hasStatus(200);
			assertThat(get("/api/search/totals?cuboid=province&province=31", OFFICIAL)).hasStatus(404);

			then(SearchApiTests.this.figures).should().totals("province", "all", InvestmentType.FDI, 100);
			then(SearchApiTests.this.figures).should().stocks("province", InvestmentType.FDI, 5);
			then(SearchApiTests.this.figures).should().total("province|province=31|all|FDI");
		}

		@Test
		void shouldTakeEveryInvestmentTypeAsATypeAndNothingElse() {
			assertThat(FigureCoordinates.TYPE_GRAMMAR.split("\\|")).containsExactlyInAnyOrder(
					Arrays.stream(InvestmentType.values()).map(Enum::name).toArray(String[]::new));
		}

		@ParameterizedTest
		@CsvSource(delimiter = '|',
				textBlock = """
						country=UK                       | country UK is no country
						country=uk                       | country: a country is an ISO 3166-1 alpha-2 code
						zone=HP-NOWHERE                  | zone HP-NOWHERE is no zone
						province=33&zone=HD-DAI-AN       | zone HD-DAI-AN (Khu công nghiệp Đại An) lies in province 30 (Hải Dương): its events name 30 or 31, never province 33
						restatedProvince=33&zone=HD-DAI-AN | zone HD-DAI-AN (Khu công nghiệp Đại An) lies in 31 (Hải Phòng) today, never in restatedProvince 33
						restatedProvince=24&zone=KT-BO-Y | lies in 51 (Quảng Ngãi) today
						province=30&restatedProvince=33  | province 30 (Hải Dương) is in 31 (Hải Phòng) today, so restatedProvince=33 finds none of its projects: search restatedProvince=31
						province=62&restatedProvince=31  | province 62 (Kon Tum) is in 51 (Quảng Ngãi) today
						province=31&restatedProvince=33  | province 31 (Hải Phòng) is a unit of today, so restatedProvince=33 finds none of its projects: search restatedProvince=31
						""")
		void shouldRefuseFiltersNoProjectCanMatchAndSayWhatToSearch(String query, String said) {
			MvcTestResult response = get("/api/search/projects?" + query, OFFICIAL);

			assertThat(response).as(query).hasStatus(400);
			assertThat(JSON.readTree(response.getResponse().getContentAsByteArray()).get("detail").asString()).as(query)
				.contains(said);
		}

		@ParameterizedTest
		@ValueSource(strings = { "country=GB", "country=HK", "country=WS", "zone=HD-DAI-AN", "zone=KT-BO-Y",
				"province=30&restatedProvince=31", "province=62&restatedProvince=51&zone=KT-BO-Y",
				"province=30&zone=HD-DAI-AN", "province=31&zone=HD-DAI-AN", "restatedProvince=31&zone=HD-DAI-AN",
				"province=51&zone=KT-BO-Y" })
		void shouldTakeEveryKnownCodeAndAUnitWithTheOneThatHoldsItToday(String query) {
			assertThat(get("/api/search/projects?" + query, OFFICIAL)).as(query).hasStatus(200);
		}

		@Test
		void shouldTakeTheSeriesOfEveryYearTheLedgerTakesEventsOf() throws Exception {
			// the console offers every year with figures, and the ledger takes events
			// from 29 December 1987
			given(SearchApiTests.this.figures.totals(anyList())).willReturn(List.of());

			assertThat(get("/api/search/totals/series?year=" + Limits.EARLIEST_DATE.getYear(), OFFICIAL))
				.hasStatus(200);
			assertThat(get("/api/search/totals/series?year=1989", OFFICIAL)).hasStatus(200);
		}

	}

	@Nested
	class Exports {

		@Test
		void shouldNameTheProjectExportAfterTheDayInVietnam() throws Exception {
			given(SearchApiTests.this.search.export(any(), any(), anyBoolean(), anyString()))
				.willReturn(new ProjectSearch.Export(Instant.parse("2026-12-01T17:00:00Z"), (pages) -> {
				}));

			MvcTestResult response = get("/api/search/projects/export", OFFICIAL);

			assertThat(response).hasStatusOk();
			assertThat(response.getResponse().getHeader(HttpHeaders.CONTENT_DISPOSITION))
				.isEqualTo("attachment; filename=\"projects-2026-12-02.csv\"");
		}

	}

	@Nested
	class SignIn {

		@ParameterizedTest
		@ValueSource(strings = { "/api/search/projects", "/api/search/totals/list", "/api/console/freshness",
				"/api/reports/monthly?year=2025&month=1", "/api/search/projects/export" })
		void shouldAnswerAnAnonymousCallWith401AndABasicChallenge(String path) {
			MvcTestResult response = get(path, null);

			assertThat(response).hasStatus(401)
				.hasContentTypeCompatibleWith("application/problem+json")
				.hasHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"investledger\", charset=\"UTF-8\"");
			assertThat(JSON.readTree(response.getResponse().getContentAsByteArray()).get("detail").asString())
				.contains("Sign in at /login");
			verifyNoInteractions(SearchApiTests.this.search);
		}

		@Test
		void shouldAnswerTheConsolesOwnCallWithoutAChallengeSoThatItGoesToTheLoginForm() {
			MvcTestResult response = SearchApiTests.this.mvc.get()
				.uri(URI.create("/api/search/projects"))
				.header("X-Requested-With", "XMLHttpRequest")
				.exchange();

			assertThat(response).hasStatus(401).doesNotContainHeader(HttpHeaders.WWW_AUTHENTICATE);
		}

		/**
		 * A script, which signs in with an Authorization header and needs no CSRF token,
		 * is given no XSRF-TOKEN cookie (nor is a token made for it); a browser is, on
		 * every request, so that its page holds a token before its first change.
		 */
		@Test
		void shouldGiveTheCsrfCookieToABrowserAndNotToAScript() {
			MvcTestResult script = get("/api/search/projects", OFFICIAL);
			MvcTestResult browser = SearchApiTests.this.mvc.get().uri(URI.create("/login")).exchange();

			assertThat(script.getResponse().getCookie("XSRF-TOKEN")).isNull();
			assertThat(script.getResponse().getHeaders(HttpHeaders.SET_COOKIE)).noneMatch((c) -> c.contains("XSRF"));
			assertThat(browser.getResponse().getCookie("XSRF-TOKEN")).isNotNull();
			assertThat(browser.getResponse().getCookie("XSRF-TOKEN").getValue()).isNotBlank();
			// a browser that sends Basic credentials it remembered is no script: it needs
			// a
			// token, and gets the cookie
			MvcTestResult remembered = SearchApiTests.this.mvc.get()
				.uri(URI.create("/api/search/projects"))
				.header(HttpHeaders.AUTHORIZATION, OFFICIAL)
				.header("Sec-Fetch-Site", "cross-site")
				.exchange();
			assertThat(remembered.getResponse().getCookie("XSRF-TOKEN")).isNotNull();
		}

		@Test
		void shouldRefuseAWrongPasswordAndAnUnknownName() {
			assertThat(get("/api/search/projects", basic("official", "wrong"))).hasStatus(401);
			assertThat(get("/api/search/projects", basic("nobody", "official-secret"))).hasStatus(401);
		}

		@Test
		void shouldSendAnAnonymousBrowserToTheLoginForm() {
			MvcTestResult response = get("/", null);

			assertThat(response).hasStatus(302);
			assertThat(response.getResponse().getHeader(HttpHeaders.LOCATION)).endsWith("/login");
		}

	}

	@Nested
	class Forbidden {

		@Test
		void shouldAnswerAnOfficialCallingAnAdminsEndpointWith403NamingTheUser() {
			MvcTestResult response = get("/api/admin/rebuilds", OFFICIAL);

			assertThat(response).hasStatus(403).hasContentTypeCompatibleWith("application/problem+json");
			assertThat(JSON.readTree(response.getResponse().getContentAsByteArray()).get("detail").asString())
				.contains("official", "/api/admin/rebuilds", "another role");
		}

		@Test
		void shouldRefuseAChangeACrossSitePageSendsWithRememberedCredentials() {
			MvcTestResult response = SearchApiTests.this.mvc.post()
				.uri(URI.create("/logout"))
				.header(HttpHeaders.AUTHORIZATION, ADMIN)
				.header(HttpHeaders.ORIGIN, "https://evil.example")
				.header("Sec-Fetch-Site", "cross-site")
				.exchange();

			assertThat(response).hasStatus(403).hasContentTypeCompatibleWith("application/problem+json");
			assertThat(JSON.readTree(response.getResponse().getContentAsByteArray()).get("title").asString())
				.isEqualTo("CSRF token required");
		}

		@Test
		void shouldLetAnAdminReadWhatAnOfficialReads() {
			assertThat(get("/api/search/projects", ADMIN)).hasStatus(200);
		}

	}

	/**
	 * A GET of a path with its query as given, already encoded.
	 */
	private MvcTestResult get(String uri, String authorization) {
		var request = this.mvc.get().uri(URI.create(uri));
		if (authorization != null) {
			request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		return request.exchange();
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The console's clock at ten to one in the morning of 2 December 2026 in Hà Nội,
	 * still 1 December in UTC.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class JustAfterMidnightInVietnam {

		@Bean
		Clock clock() {
			return Clock.fixed(Instant.parse("2026-12-01T17:50:00Z"), ZoneId.of("Asia/Ho_Chi_Minh"));
		}

	}

}
