package vn.investledger.console.dashboard;

import java.io.File;
import java.time.Duration;
import java.util.Map;

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

import vn.investledger.console.ConsoleFixture;
import vn.investledger.console.ConsoleTest;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Money;
import vn.investledger.events.Total;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The officials' console in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}): an official signs in, and a province's figure changes on the
 * page, without a reload, when the indexer writes a new figure.
 */
@ConsoleTest
class ConsoleBrowserTests {

	static final String CHROMIUM = System.getProperty("investledger.chromium", "/usr/bin/chromium");

	static final String CHROMEDRIVER = System.getProperty("investledger.chromedriver", "/usr/bin/chromedriver");

	private final ConsoleFixture fixture;

	private WebDriver browser;

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
		this.fixture.index(province("31", "1000000"), national("1000000"));

		// an official opening the console signs in first
		this.browser.get(this.fixture.url("/"));
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(30));
		wait.until(ExpectedConditions.urlContains("/login"));
		this.browser.findElement(By.name("username")).sendKeys(ConsoleFixture.OFFICIAL);
		this.browser.findElement(By.name("password")).sendKeys(ConsoleFixture.PASSWORD);
		this.browser.findElement(By.cssSelector("button[type='submit']")).click();
		wait.until(ExpectedConditions.textToBe(By.id("user"), ConsoleFixture.OFFICIAL + " (OFFICIAL)"));
		By haiPhongFdi = By.cssSelector("td.fdi.registered[data-key='province|province=31|all|FDI']");
		wait.until(ExpectedConditions.textMatches(haiPhongFdi, java.util.regex.Pattern.compile(".*1\\.000\\.000.*")));
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("Sổ cái đầu tư KKT, KCN, CCN");
		Object loadedAt = script("return window.console_loadedAt");
		// the page listens for figures before the change is published
		wait.until((driver) -> script("return document.querySelector('#freshness').textContent.length") != null
				&& ((Number) script("return document.querySelector('#freshness').textContent.length")).intValue() > 0);

		this.fixture.index(province("31", "2500000.75"), national("2500000.75"));

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

}
