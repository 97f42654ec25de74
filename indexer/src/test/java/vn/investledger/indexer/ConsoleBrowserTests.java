package vn.investledger.indexer;

import java.io.File;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.investledger.events.InvestmentType;
import vn.investledger.events.Money;
import vn.investledger.events.Topics;
import vn.investledger.events.Total;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.investledger.indexer.IndexerFixture.params;

/**
 * The officials' console in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}): an official signs in, and a province's figure changes on the
 * page, without a reload, when a new figure is indexed.
 */
@IndexerTest
class ConsoleBrowserTests {

	static final String CHROMIUM = System.getProperty("investledger.chromium", "/usr/bin/chromium");

	static final String CHROMEDRIVER = System.getProperty("investledger.chromedriver", "/usr/bin/chromedriver");

	private static final IndexerFixture fixture = IndexerFixture.withUniquePrefix("console");

	@LocalServerPort
	private int port;

	private WebDriver browser;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		fixture.register(registry);
	}

	@AfterAll
	static void close() {
		fixture.close();
	}

	@BeforeEach
	void openBrowser() {
		assertThat(new File(CHROMIUM).canExecute()).as("Chromium at " + CHROMIUM + " (apt install chromium)").isTrue();
		assertThat(new File(CHROMEDRIVER).canExecute())
			.as("chromedriver at " + CHROMEDRIVER + " (apt install chromium-driver)")
			.isTrue();
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
			.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(service, options);
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void shouldShowAFigureChangeWithoutReloading() {
		fixture.port(this.port);
		publish(province("31", "1000000"));
		publish(national("1000000"));
		// searchable, as the page loads it: by a search, once Elasticsearch has refreshed
		await().atMost(Duration.ofSeconds(60))
			.until(() -> fixture.get("/api/search/totals/list", params("cuboid", "province", "period", "all"))
				.body()
				.contains("\"province\":\"31\""));

		// an official opening the console signs in first
		this.browser.get("http://127.0.0.1:" + this.port + "/");
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(30));
		wait.until(ExpectedConditions.urlContains("/login"));
		this.browser.findElement(By.name("username")).sendKeys(IndexerFixture.OFFICIAL);
		this.browser.findElement(By.name("password")).sendKeys(IndexerFixture.PASSWORD);
		this.browser.findElement(By.cssSelector("button[type='submit']")).click();
		wait.until(ExpectedConditions.textToBe(By.id("user"), IndexerFixture.OFFICIAL + " (OFFICIAL)"));
		By haiPhongFdi = By.cssSelector("td.fdi.registered[data-key='province|province=31|all|FDI']");
		wait.until(ExpectedConditions.textMatches(haiPhongFdi, java.util.regex.Pattern.compile(".*1\\.000\\.000.*")));
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("Sổ cái đầu tư KKT, KCN, CCN");
		Object loadedAt = script("return window.console_loadedAt");
		// the page listens for figures before the change is published
		wait.until((driver) -> script("return document.querySelector('#freshness').textContent.length") != null
				&& ((Number) script("return document.querySelector('#freshness').textContent.length")).intValue() > 0);

		publish(province("31", "2500000.75"));
		publish(national("2500000.75"));

		wait.until(
				ExpectedConditions.textMatches(haiPhongFdi, java.util.regex.Pattern.compile(".*2\\.500\\.000,75.*")));
		wait.until(ExpectedConditions.textMatches(By.cssSelector(".card[data-key='national||all|FDI'] .registered"),
				java.util.regex.Pattern.compile(".*2\\.500\\.000,75.*")));
		assertThat(script("return window.console_loadedAt")).as("no reload").isEqualTo(loadedAt);

		this.browser.findElement(By.id("language")).click();
		wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-text='byProvince']"), "By province"));
		wait.until(ExpectedConditions.textMatches(haiPhongFdi, java.util.regex.Pattern.compile(".*2,500,000\\.75.*")));
	}

	private Object script(String script) {
		return ((JavascriptExecutor) this.browser).executeScript(script);
	}

	private static Total province(String code, String usd) {
		return figure("province", Map.of("province", code), usd);
	}

	private static Total national(String usd) {
		return figure("national", Map.of(), usd);
	}

	private static Total figure(String cuboid, Map<String, String> dimensions, String usd) {
		return new Total(cuboid, dimensions, "all", InvestmentType.FDI, Money.usd(usd), 1, Money.usd("0"), 0,
				Money.usd("0"), 0, Money.usd("0"), java.time.Instant.now(), null);
	}

	private static void publish(Total total) {
		fixture.send(fixture.topics.totals().name(), total.key(),
				Topics.totalSerde().serializer().serialize("", total));
	}

}
