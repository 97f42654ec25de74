package vn.investledger.console.dashboard;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import vn.investledger.console.ConsoleFixture;
import vn.investledger.console.ConsoleTest;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Money;
import vn.investledger.events.ProjectState;
import vn.investledger.events.ProjectStatus;
import vn.investledger.events.Stock;
import vn.investledger.events.Suspended;
import vn.investledger.events.Total;
import vn.investledger.events.rulebook.ReportCalendar;
import vn.investledger.testsupport.ProjectLife;
import vn.investledger.testsupport.SampleEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The officials' console in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}): an official signs in through the Vietnamese sign-in page,
 * reads names rather than codes and money in tỷ đồng, tỷ and triệu US$ with the exact
 * figure on hover, picks a chart's year, reads statuses and event kinds in Vietnamese or
 * English, and sees a province's figure change without a reload when the indexer writes a
 * new one, and never an older version of it in its place; times are Vietnam's, whatever
 * the browser's zone. Each test leaves screenshots in {@code target/screenshots/}.
 * <p>
 * The tests share one set of indices, so each writes figures of its own: the live change
 * Hải Phòng's (31) FDI and the national FDI of all years; the names and units those of
 * other provinces, of all years; the year selectors the national figures of 2024 and 2025
 * and the countries' of those years.
 */
@ConsoleTest
class ConsoleBrowserTests {

	static final String CHROMIUM = System.getProperty("investledger.chromium", "/usr/bin/chromium");

	static final String CHROMEDRIVER = System.getProperty("investledger.chromedriver", "/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

	/** A time of day as the page writes it, in either language. */
	private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2}):(\\d{2})");

	private final ConsoleFixture fixture;

	private WebDriver browser;

	private WebDriverWait wait;

	ConsoleBrowserTests(ConsoleFixture fixture) {
		this.fixture = fixture;
	}

	@BeforeEach
	void openBrowser() {
		assertThat(new File(CHROMIUM).canExecute()).as("Chromium at " + CHROMIUM + " (apt install chromium)").isTrue();
		assertThat(new File(CHROMEDRIVER).canExecute())
			.as("chromedriver at " + CHROMEDRIVER + " (apt install chromium-driver)")
			.isTrue();
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
			.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
					"--window-size=1400,2000");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(service, options);
		// a language switch draws the tables anew
		this.wait = new WebDriverWait(this.browser, Duration.ofSeconds(30));
		this.wait.ignoring(StaleElementReferenceException.class);
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void shouldSignInThroughTheVietnamesePageInEitherLanguageAndSignOut() throws IOException {
		// Given an official opening the console, who is sent to the sign-in page
		this.browser.get(this.fixture.url("/"));
		this.wait.until(ExpectedConditions.urlContains("/login"));

		// Then it is in Vietnamese, with the console's look
		assertThat(this.browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("vi");
		assertThat(text("h1")).isEqualTo("Sổ cái đầu tư KKT, KCN, CCN");
		assertThat(text(".signin h2")).isEqualTo("Đăng nhập");
		assertThat(text("[data-text='username']")).isEqualTo("Tên đăng nhập");
		assertThat(text("[data-text='password']")).isEqualTo("Mật khẩu");
		assertThat(text("button[type='submit']")).isEqualTo("Đăng nhập");
		assertThat(text("#language")).isEqualTo("English");
		assertThat(this.browser.findElement(By.cssSelector(".message.error")).isDisplayed()).isFalse();
		screenshot("sign-in");

		// When a wrong password is given
		signIn(ConsoleFixture.OFFICIAL, "sai mật khẩu");

		// Then the page says so, in Vietnamese, and in English after the switch
		this.wait.until(ExpectedConditions.urlContains("/login?error"));
		this.wait
			.until(ExpectedConditions.textToBe(By.cssSelector(".message.error"), "Sai tên đăng nhập hoặc mật khẩu"));
		screenshot("sign-in-error");
		this.browser.findElement(By.id("language")).click();
		this.wait.until(ExpectedConditions.textToBe(By.cssSelector(".message.error"), "Wrong username or password"));
		assertThat(text(".signin h2")).isEqualTo("Sign in");
		assertThat(text("[data-text='username']")).isEqualTo("Username");
		assertThat(text("[data-text='password']")).isEqualTo("Password");
		assertThat(text("#language")).isEqualTo("Tiếng Việt");
		screenshot("sign-in-error-en");

		// When the official signs in in English
		signIn(ConsoleFixture.OFFICIAL, ConsoleFixture.PASSWORD);

		// Then the console opens in English too
		this.wait.until(ExpectedConditions.textToBe(By.id("user"), ConsoleFixture.OFFICIAL + " (OFFICIAL)"));
		this.wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-text='byProvince']"), "By province"));

		// When they switch back to Vietnamese and sign out
		this.browser.findElement(By.id("language")).click();
		this.wait.until(ExpectedConditions.textToBe(By.id("logout"), "Đăng xuất"));
		this.browser.findElement(By.id("logout")).click();

		// Then the sign-in page says they signed out, and the console needs a sign-in
		// again
		this.wait.until(ExpectedConditions.urlContains("/login?logout"));
		this.wait.until(ExpectedConditions.textToBe(By.cssSelector(".message.logout"), "Bạn đã đăng xuất"));
		screenshot("signed-out");
		this.browser.get(this.fixture.url("/"));
		this.wait.until(ExpectedConditions.urlContains("/login"));
	}

	@Test
	void shouldShowAFigureChangeWithoutReloading() throws IOException {
		this.fixture.index(fdi("province", Map.of("province", "31"), "all", "1000000"),
				fdi("national", Map.of(), "all", "1000000"));

		// an official opening the console signs in first
		openConsole();
		By haiPhongFdi = By.cssSelector("td.fdi.registered[data-key='province|province=31|all|FDI']");
		assertMoney(haiPhongFdi, "1,0 triệu USD", "1.000.000,00 US$");
		assertThat(text("h1")).isEqualTo("Sổ cái đầu tư KKT, KCN, CCN");
		Object loadedAt = script("return window.console_loadedAt");
		// the page listens for figures before the change is published
		this.wait.until((driver) -> !this.browser.findElement(By.id("freshness")).getText().isEmpty());

		this.fixture.index(fdi("province", Map.of("province", "31"), "all", "2500000.75"),
				fdi("national", Map.of(), "all", "2500000.75"));

		assertMoney(haiPhongFdi, "2,5 triệu USD", "2.500.000,75 US$");
		this.wait.until(ExpectedConditions.textToBe(By.cssSelector(".card[data-key='national||all|FDI'] .registered"),
				"2,5 triệu USD"));
		assertThat(script("return window.console_loadedAt")).as("no reload").isEqualTo(loadedAt);
		screenshot("figure-changed");

		this.browser.findElement(By.id("language")).click();
		this.wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-text='byProvince']"), "By province"));
		assertMoney(haiPhongFdi, "US$2.5 million", "US$2,500,000.75");
	}

	@Test
	void shouldShowTimesInVietnamWhateverTheBrowsersZone() throws IOException {
		// Given a figure (of a month, which no table or chart of the other tests shows),
		// and an official whose browser keeps New York's time
		this.fixture.index(fdi("province", Map.of("province", "96"), "2023-05", "1000"));
		((ChromeDriver) this.browser).executeCdpCommand("Emulation.setTimezoneOverride",
				Map.of("timezoneId", "America/New_York"));
		openConsole();
		assertThat(script("return Intl.DateTimeFormat().resolvedOptions().timeZone")).isEqualTo("America/New_York");

		// Then the freshness gives the newest event's time in Vietnam
		Instant asOf = Instant.parse(this.fixture.getJson("/api/console/freshness", Map.of()).get("asOf").asString());
		LocalTime inVietnam = asOf.atZone(VIETNAM).toLocalTime().truncatedTo(ChronoUnit.SECONDS);
		String[] shown = new String[1];
		try {
			this.wait.until((driver) -> {
				shown[0] = driver.findElement(By.id("freshness")).getText();
				Matcher time = TIME.matcher(shown[0]);
				return time.find() && LocalTime
					.of(Integer.parseInt(time.group(1)), Integer.parseInt(time.group(2)),
							Integer.parseInt(time.group(3)))
					.equals(inVietnam);
			});
		}
		catch (TimeoutException ex) {
			assertThat(shown[0]).as("the freshness, the newest event being at %s in Vietnam", inVietnam)
				.contains(inVietnam.toString());
		}
	}

	@Test
	void shouldKeepTheVersionOfAFigureWrittenLast() throws IOException {
		openConsole();

		// When the version of a figure the indexer wrote last arrives before an older one
		// of the same newest event (an older event sent again changed its sums), as a
		// pushed figure and a search's late answer may cross
		Object kept = script("""
				const figure = { key: 'test|newest', newestEventAt: '2026-11-30T03:00:00Z' };
				newest({ ...figure, indexedAt: '2026-12-01T03:00:00.000200Z', registeredCapital: 'last' });
				return newest({ ...figure, indexedAt: '2026-12-01T03:00:00.000100Z', registeredCapital: 'first' })
				  .registeredCapital;
				""");

		// Then the page keeps the one written last, and takes one written later still
		assertThat(kept).isEqualTo("last");
		assertThat(script("""
				return newest({ key: 'test|newest', newestEventAt: '2026-11-30T03:00:00Z',
				  indexedAt: '2026-12-01T03:00:01Z', registeredCapital: 'later' }).registeredCapital;
				""")).isEqualTo("later");
	}

	@Test
	void shouldShowNamesAndOfficialsUnitsWithTheExactFigureOnHover() throws IOException {
		// Given figures of all years, each of a size officials write in another unit
		this.fixture.index(
				// 1 billion dollars and more: tỷ USD, two decimals
				fdi("province", Map.of("province", "22"), "all", "1250000000"),
				// below: triệu USD, one decimal, half-up
				fdi("province", Map.of("province", "33"), "all", "350450000"),
				// đồng: tỷ đồng, one decimal
				ddi("province", Map.of("province", "51"), "all", 446_513_236_095_975L),
				// beyond 2^53 minor units, which a JavaScript Number cannot hold exactly
				ddi("province", Map.of("province", "24"), "all", 9_007_199_254_740_993L),
				ddi("province", Map.of("province", "46"), "all", 1_234_567_890_123_456_789L),
				fdi("country", Map.of("country", "KR"), "all", "1250000000"),
				fdi("sector", Map.of("sector", "C"), "all", "1250000000"));
		// and projects in each status, one with its whole life in the history
		List<LicensingEvent> life = ProjectLife.of("BT-LIFE", "31");
		this.fixture.index(project("BT-VALID", ProjectStatus.VALID, 1),
				project("BT-SUSPENDED", ProjectStatus.SUSPENDED, 2), project("BT-LIFE", ProjectStatus.TERMINATED, 3));
		this.fixture.indexApplied(life, "31");

		// When an official opens the console
		openConsole();

		// Then the province table names each province, with its code on hover
		assertNamed(provinceCell("22", "name"), "Quảng Ninh", "22");
		// and money in the officials' units, the exact figure on hover
		assertMoney(provinceCell("22", "fdi.registered"), "1,25 tỷ USD", "1.250.000.000,00 US$");
		assertMoney(provinceCell("33", "fdi.registered"), "350,5 triệu USD", "350.450.000,00 US$");
		assertNamed(provinceCell("33", "name"), "Hưng Yên", "33");
		assertMoney(provinceCell("51", "ddi.registered"), "446.513,2 tỷ đồng", "446.513.236.095.975 ₫");
		assertMoney(provinceCell("24", "ddi.registered"), "9.007.199,3 tỷ đồng", "9.007.199.254.740.993 ₫");
		assertMoney(provinceCell("46", "ddi.registered"), "1.234.567.890,1 tỷ đồng", "1.234.567.890.123.456.789 ₫");
		// a code that named two units: as licensed, all years, the latest name, both on
		// hover
		assertNamed(provinceCell("24", "name"), "Bắc Ninh",
				"24 · Bắc Giang (đến 30/06/2025) · Bắc Ninh (từ 01/07/2025)");
		assertNamed(provinceCell("46", "name"), "Huế", "46 · Thừa Thiên Huế (đến 31/12/2024) · Huế (từ 01/01/2025)");

		// and the charts of all years name countries and sectors
		choose("countriesYear", "all");
		choose("sectorsYear", "all");
		this.wait.until((driver) -> chartLabels("countries").contains("Hàn Quốc"));
		this.wait.until((driver) -> chartLabels("sectors").contains("Công nghiệp chế biến, chế tạo"));

		// and the search shows statuses in Vietnamese, facets by name
		assertThat(status("BT-VALID")).isEqualTo("Còn hiệu lực");
		assertThat(status("BT-SUSPENDED")).isEqualTo("Tạm ngừng hoạt động");
		assertThat(status("BT-LIFE")).isEqualTo("Chấm dứt hoạt động");
		assertThat(facet("status")).contains("Còn hiệu lực: 1", "Tạm ngừng hoạt động: 1", "Chấm dứt hoạt động: 1");
		assertThat(facet("country")).contains("Hàn Quốc: 3");
		assertThat(facet("zone")).contains("Khu kinh tế Đình Vũ – Cát Hải: 3");
		assertThat(facet("province")).contains("Hải Phòng: 3");
		assertThat(facet("sector")).contains("Công nghiệp chế biến, chế tạo: 3");
		// and a project's history its event kinds
		this.browser.findElement(By.xpath("//table[@id='projects']//tr[td[1]='BT-LIFE']")).click();
		this.wait.until((driver) -> texts("#history .kind").size() == 7);
		assertThat(texts("#history .kind")).containsExactly("Cấp mới", "Điều chỉnh vốn", "Góp vốn, mua cổ phần",
				"Giải ngân", "Tạm ngừng hoạt động", "Tiếp tục hoạt động", "Chấm dứt hoạt động");
		assertMoney(By.cssSelector("#history li:nth-child(2) .amount"), "-2,5 triệu USD", "-2.500.000,50 US$");
		screenshot("names-and-units-vi");

		// When they switch to English
		this.browser.findElement(By.id("language")).click();

		// Then the units, statuses, kinds and countries are English, the names the same
		this.wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-text='byProvince']"), "By province"));
		assertMoney(provinceCell("22", "fdi.registered"), "US$1.25 billion", "US$1,250,000,000.00");
		assertMoney(provinceCell("33", "fdi.registered"), "US$350.5 million", "US$350,450,000.00");
		assertMoney(provinceCell("51", "ddi.registered"), "VND 446,513.2 billion", "VND 446,513,236,095,975");
		assertMoney(provinceCell("24", "ddi.registered"), "VND 9,007,199.3 billion", "VND 9,007,199,254,740,993");
		assertNamed(provinceCell("22", "name"), "Quảng Ninh", "22");
		assertNamed(provinceCell("24", "name"), "Bắc Ninh",
				"24 · Bắc Giang (to 30 Jun 2025) · Bắc Ninh (from 1 Jul 2025)");
		this.wait.until((driver) -> chartLabels("countries").contains("South Korea"));
		this.wait.until((driver) -> "Valid".equals(status("BT-VALID")));
		assertThat(status("BT-SUSPENDED")).isEqualTo("Suspended");
		assertThat(facet("country")).contains("South Korea: 3");
		this.wait.until((driver) -> texts("#history .kind").contains("Licensed"));
		assertThat(texts("#history .kind")).containsExactly("Licensed", "Capital adjusted",
				"Capital contribution, share purchase", "Disbursed", "Suspended", "Resumed", "Terminated");
		screenshot("names-and-units-en");
	}

	@Test
	void shouldShowTheYearChosenForEachChartAndReportOnlyClosedMonths() throws IOException {
		// Given FDI in March 2024 and in July 2025, nationally and from two countries
		this.fixture.index(fdi("national", Map.of(), "2024", "12300000"),
				fdi("national", Map.of(), "2024-03", "12300000"), fdi("national", Map.of(), "2025", "1500000000"),
				fdi("national", Map.of(), "2025-07", "1500000000"),
				fdi("country", Map.of("country", "KR"), "2024", "12300000"),
				fdi("country", Map.of("country", "JP"), "2025", "1500000000"));

		// When an official opens the console
		openConsole();

		// Then each chart offers the years with figures, newest first, the newest chosen
		this.wait.until((driver) -> options("monthlyYear").equals(List.of("2025", "2024")));
		assertThat(options("countriesYear")).containsExactly("2025", "2024", "Tất cả các năm");
		this.wait.until(ExpectedConditions.textToBe(By.id("monthlyTotal"), "1,50 tỷ USD"));
		assertThat(this.browser.findElement(By.id("monthlyTotal")).getDomProperty("title"))
			.isEqualTo("1.500.000.000,00 US$");
		this.wait.until((driver) -> monthly().get(6).doubleValue() == 1500.0);
		this.wait.until((driver) -> chartLabels("countries").equals(List.of("Nhật Bản")));
		screenshot("charts-2025");

		// When they choose 2024 for the monthly chart and the partner countries
		choose("monthlyYear", "2024");
		choose("countriesYear", "2024");

		// Then both show 2024's figures
		this.wait.until(ExpectedConditions.textToBe(By.id("monthlyTotal"), "12,3 triệu USD"));
		assertThat(text("#monthlyYearShown")).isEqualTo("2024");
		this.wait.until((driver) -> monthly().get(2).doubleValue() == 12.3 && monthly().get(6).doubleValue() == 0);
		this.wait.until((driver) -> chartLabels("countries").equals(List.of("Hàn Quốc")));
		screenshot("charts-2024");

		// and the report month offers months up to the newest closed one, and starts
		// there
		String newestClosed = ReportCalendar.standard()
			.lastClosedRelease(LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")))
			.toString();
		WebElement reportMonth = this.browser.findElement(By.id("reportMonth"));
		this.wait.until(ExpectedConditions.attributeToBe(reportMonth, "max", newestClosed));
		assertThat(reportMonth.getDomProperty("value")).isEqualTo(newestClosed);
		assertThat(this.browser.findElement(By.id("reportCsv")).getDomAttribute("href"))
			.contains("year=" + newestClosed.substring(0, 4), "month=" + Integer.parseInt(newestClosed.substring(5)));
	}

	@Test
	void shouldOpenTheEventsBehindAFigureAndAProjectsHistoryFromThere() throws IOException {
		// Given two Hồ Chí Minh City projects' lives in the ledger, and the province's
		// figure they make
		List<LicensingEvent> events = new java.util.ArrayList<>(ProjectLife.of("DD-1", "79"));
		events.addAll(ProjectLife.of("DD-2", "79"));
		this.fixture.indexApplied(events, "79");
		this.fixture.index(fdi("province", Map.of("province", "79"), "all", "41000000"));

		// When an official opens the console and clicks the province's FDI
		openConsole();
		By figure = provinceCell("79", "fdi.registered");
		this.wait.until(ExpectedConditions.textToBe(figure, "41,0 triệu USD"));
		this.browser.findElement(figure).click();

		// Then the events behind it are listed: a licence, an adjustment, a share
		// purchase and a disbursement of each project, oldest first
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("drilldown")));
		this.wait.until((driver) -> texts("#drilldownEvents tbody tr").size() == 8);
		assertThat(text("#drilldownFigure")).endsWith(": 8 sự kiện");
		assertThat(texts("#drilldownEvents tbody tr td:nth-child(2)")).containsExactly("Cấp mới", "Cấp mới",
				"Điều chỉnh vốn", "Điều chỉnh vốn", "Góp vốn, mua cổ phần", "Góp vốn, mua cổ phần", "Giải ngân",
				"Giải ngân");
		assertThat(texts("#drilldownEvents tbody tr td:nth-child(1)")).containsExactly("DD-1", "DD-2", "DD-1", "DD-2",
				"DD-1", "DD-2", "DD-1", "DD-2");
		assertMoney(By.cssSelector("#drilldownEvents tbody tr:nth-child(1) td:nth-child(4)"), "20,0 triệu USD",
				"20.000.000,00 US$");
		assertMoney(By.cssSelector("#drilldownEvents tbody tr:nth-child(3) td:nth-child(4)"), "-2,5 triệu USD",
				"-2.500.000,50 US$");
		assertMoney(By.cssSelector("#drilldownEvents tbody tr:nth-child(7) td:nth-child(5)"), "5,0 triệu USD",
				"5.000.000,00 US$");
		assertThat(this.browser.findElement(By.id("drilldownExport")).getDomAttribute("href"))
			.startsWith("/api/search/totals/events/export?")
			.contains("cuboid=province", "province=79", "period=all", "type=FDI");
		screenshot("drill-down");

		// and a project's code opens its history
		this.browser.findElement(By.xpath("//table[@id='drilldownEvents']//a[text()='DD-2']")).click();
		this.wait.until(ExpectedConditions.textToBe(By.cssSelector("#history h3"), "Lịch sử sự kiện của DD-2"));
		this.wait.until((driver) -> texts("#history li").size() == 7);
		screenshot("drill-down-history");
	}

	@Test
	void shouldOpenTheProjectsBehindTheStockOfValidProjects() throws IOException {
		// Given two Đà Nẵng projects licensed, adjusted, bought into and disbursed, one
		// of
		// them then suspended, and the stock they make
		List<LicensingEvent> events = new java.util.ArrayList<>(ProjectLife.of("ST-1", "48").subList(0, 4));
		List<LicensingEvent> second = ProjectLife.of("ST-2", "48").subList(0, 4);
		events.addAll(second);
		LicensingEvent last = second.get(second.size() - 1);
		events.add(new Suspended(SampleEvents.envelope("ST-2", last.envelope().revision() + 1, "48",
				last.envelope().effectiveDate().plusDays(1)), "Tạm dừng", null));
		this.fixture.indexApplied(events, "48");
		List<Stock> stock = this.fixture.indexStockOf(events, "48");
		Stock national = stock.stream()
			.filter((figure) -> figure.cuboid().equals("national") && figure.investmentType() == InvestmentType.FDI)
			.findFirst()
			.orElseThrow();

		// When an official opens the console and clicks the valid FDI projects
		openConsole();
		By valid = By.cssSelector(".card[data-key='national||all|FDI'] .stock");
		this.wait.until(ExpectedConditions.textToBe(valid, Long.toString(national.validProjects())));
		this.browser.findElement(valid).click();

		// Then the projects behind it are listed, the suspended one as such (with the
		// projects the class's other tests index, whose figures this test does not write)
		this.wait.until(
				(driver) -> texts("#drilldownProjects tbody tr td:nth-child(1)").containsAll(List.of("ST-1", "ST-2")));
		assertThat(text("#drilldown h2")).isEqualTo("Các dự án tạo nên số liệu");
		assertThat(text("#drilldownFigure")).startsWith("FDI · Cả nước · Dự án còn hiệu lực: ").endsWith(" dự án");
		assertThat(this.browser.findElement(By.id("drilldownEvents")).isDisplayed()).isFalse();
		// every project the figure line counts is listed once
		List<String> codes = texts("#drilldownProjects tbody tr td:nth-child(1)");
		assertThat(text("#drilldownFigure")).endsWith(": " + codes.size() + " dự án");
		assertThat(codes).doesNotHaveDuplicates();
		assertThat(statusOf("ST-2")).isEqualTo("Tạm ngừng hoạt động");
		assertThat(statusOf("ST-1")).isEqualTo("Còn hiệu lực");
		assertThat(this.browser.findElement(By.id("drilldownExport")).getDomAttribute("href"))
			.startsWith("/api/search/stock/projects/export?")
			.contains("cuboid=national", "type=FDI")
			.doesNotContain("period");
		screenshot("stock-drill-down");

		// and a project's code opens its history
		this.browser.findElement(By.xpath("//table[@id='drilldownProjects']//a[text()='ST-2']")).click();
		this.wait.until(ExpectedConditions.textToBe(By.cssSelector("#history h3"), "Lịch sử sự kiện của ST-2"));
		this.wait.until((driver) -> texts("#history li").size() == second.size() + 1);

		// When the official clicks Đà Nẵng's valid FDI projects in the province table
		Stock daNang = stock.stream()
			.filter((figure) -> figure.cuboid().equals("province") && figure.investmentType() == InvestmentType.FDI)
			.filter((figure) -> "48".equals(figure.dimensions().get("province")))
			.findFirst()
			.orElseThrow();
		By daNangValid = By.cssSelector("#provinces tr[data-province='48'] td.fdi.valid");
		this.wait.until(ExpectedConditions.textToBe(daNangValid, Long.toString(daNang.validProjects())));
		this.browser.findElement(daNangValid).click();

		// Then the projects behind the province's figure are listed
		this.wait.until(ExpectedConditions.textMatches(By.id("drilldownFigure"), java.util.regex.Pattern
			.compile("^FDI · Đà Nẵng · Dự án còn hiệu lực: " + daNang.validProjects() + " dự án$")));
		this.wait.until(
				(driver) -> texts("#drilldownProjects tbody tr td:nth-child(1)").containsAll(List.of("ST-1", "ST-2")));
		assertThat(this.browser.findElement(By.id("drilldownExport")).getDomAttribute("href"))
			.contains("cuboid=province", "province=48", "type=FDI");
	}

	private void openConsole() {
		this.browser.get(this.fixture.url("/"));
		this.wait.until(ExpectedConditions.urlContains("/login"));
		signIn(ConsoleFixture.OFFICIAL, ConsoleFixture.PASSWORD);
		this.wait.until(ExpectedConditions.textToBe(By.id("user"), ConsoleFixture.OFFICIAL + " (OFFICIAL)"));
	}

	private void signIn(String user, String password) {
		this.browser.findElement(By.name("username")).clear();
		this.browser.findElement(By.name("username")).sendKeys(user);
		this.browser.findElement(By.name("password")).sendKeys(password);
		this.browser.findElement(By.cssSelector("button[type='submit']")).click();
	}

	/** Chooses an option once the page offers it. */
	private void choose(String select, String value) {
		this.wait.until((driver) -> {
			new Select(driver.findElement(By.id(select))).selectByValue(value);
			return value.equals(driver.findElement(By.id(select)).getDomProperty("value"));
		});
	}

	private static By provinceCell(String province, String cell) {
		return By.cssSelector("#provinces tr[data-province='" + province + "'] td." + cell);
	}

	/** An amount in the officials' unit, with the exact figure on hover. */
	private void assertMoney(By located, String shown, String exact) {
		assertShown(located, shown, exact);
	}

	/** A name, with its code (and the names it had) on hover. */
	private void assertNamed(By located, String name, String hover) {
		assertShown(located, name, hover);
	}

	/**
	 * Waits until an element shows a text and a title, found anew each time since the
	 * page may draw its table again; if it never does, fails with what it showed last.
	 */
	private void assertShown(By located, String shown, String title) {
		String[] seen = new String[2];
		try {
			this.wait.until((driver) -> {
				WebElement element = driver.findElement(located);
				seen[0] = element.getText();
				seen[1] = element.getDomProperty("title");
				return shown.equals(seen[0]) && title.equals(seen[1]);
			});
		}
		catch (TimeoutException ex) {
			assertThat(seen).as("text and title of " + located).containsExactly(shown, title);
		}
	}

	private String status(String projectCode) {
		By located = By.xpath("//table[@id='projects']//tr[td[1]='" + projectCode + "']/td[contains(@class,'status')]");
		this.wait.until(ExpectedConditions.presenceOfElementLocated(located));
		return this.browser.findElement(located).getText();
	}

	private List<String> facet(String name) {
		return texts("#facets ul[data-facet='" + name + "'] li");
	}

	private List<String> options(String select) {
		return new Select(this.browser.findElement(By.id(select))).getOptions()
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	@SuppressWarnings("unchecked")
	private List<String> chartLabels(String chart) {
		return (List<String>) script("return Chart.getChart('" + chart + "')?.data.labels.slice() ?? []");
	}

	/** The monthly chart's bars, in millions of US dollars. */
	@SuppressWarnings("unchecked")
	private List<Number> monthly() {
		return (List<Number>) script("return Chart.getChart('monthly')?.data.datasets[0].data.slice() ?? []");
	}

	private List<String> texts(String css) {
		return this.browser.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
	}

	private String statusOf(String code) {
		return this.browser
			.findElement(By.xpath("//table[@id='drilldownProjects']//tr[td/a[text()='" + code + "']]/td[4]"))
			.getText();
	}

	private String text(String css) {
		return this.browser.findElement(By.cssSelector(css)).getText();
	}

	private Object script(String script) {
		return ((JavascriptExecutor) this.browser).executeScript(script);
	}

	private void screenshot(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		Files.write(SCREENSHOTS.resolve(name + ".png"),
				((TakesScreenshot) this.browser).getScreenshotAs(OutputType.BYTES));
	}

	private static ProjectState project(String code, ProjectStatus status, int newest) {
		return ConsoleFixture.state(code, 1, "Nhà máy " + code, "HP-DINH-VU-CAT-HAI", "KR", "C", "20000000")
			.toBuilder()
			.status(status)
			.newestEventAt(Instant.parse("2024-03-15T03:00:00Z").plusSeconds(newest))
			.build();
	}

	private static Total fdi(String cuboid, Map<String, String> dimensions, String period, String usd) {
		return new Total(cuboid, dimensions, period, InvestmentType.FDI, Money.usd(usd), 1, Money.usd("0"), 0,
				Money.usd("0"), 0, Money.usd("0"), Instant.now(), null);
	}

	private static Total ddi(String cuboid, Map<String, String> dimensions, String period, long dong) {
		return new Total(cuboid, dimensions, period, InvestmentType.DDI, Money.vnd(dong), 1, Money.vnd(0), 0,
				Money.vnd(0), 0, Money.vnd(0), Instant.now(), null);
	}

}
