package vn.investledger.console.release.zone;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.test.context.TestPropertySource;

import vn.investledger.console.ConsoleFixture;
import vn.investledger.console.ConsoleTest;
import vn.investledger.console.release.GeneratedLedger.Received;
import vn.investledger.events.LicensingEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The zone-board release's page in a real headless Chromium: an official opens it from
 * the console, picks Hải Phòng and October 2025 and reads the release in Vietnamese, its
 * target and occupancy, then in English, then one zone's release; a bad request shows the
 * problem's words. Screenshots in {@code target/screenshots/}.
 */
@ConsoleTest
@TestPropertySource(
		properties = { "investledger.investment-targets=src/test/resources/zone-release/investment-targets.csv",
				"investledger.industrial-land=src/test/resources/zone-release/industrial-land.csv" })
class ZoneReleasePageTests {

	private static final String CHROMIUM = System.getProperty("investledger.chromium", "/usr/bin/chromium");

	private static final String CHROMEDRIVER = System.getProperty("investledger.chromedriver", "/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private final ConsoleFixture fixture;

	private WebDriver browser;

	private WebDriverWait wait;

	ZoneReleasePageTests(ConsoleFixture fixture) {
		this.fixture = fixture;
	}

	@BeforeAll
	static void indexLedger(ConsoleFixture fixture) {
		Map<String, List<LicensingEvent>> byUnit = ZoneReleaseWriterTests.LEDGER.stream()
			.collect(Collectors.groupingBy(Received::unit, Collectors.mapping(Received::event, Collectors.toList())));
		byUnit.forEach((unit, events) -> fixture.indexApplied(events, unit));
	}

	@BeforeEach
	void openBrowser() {
		assertThat(new File(CHROMIUM).canExecute()).as("Chromium at " + CHROMIUM + " (apt install chromium)").isTrue();
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
			.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
					"--window-size=1400,2400");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(service, options);
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
	void shouldShowAProvincesReleaseInVietnameseAndEnglishThenOneZones() throws IOException {
		// Given an official signed in on the console, who follows its link to the
		// releases
		openZoneReleasePage();
		this.wait.until((driver) -> !driver.findElement(By.id("month")).getDomProperty("value").isEmpty());

		// When they ask for Hải Phòng's zones in October 2025
		this.wait.until((driver) -> {
			new Select(driver.findElement(By.id("province"))).selectByValue("31");
			return true;
		});
		month("2025-10");
		this.browser.findElement(By.cssSelector("#choose button[type='submit']")).click();

		// Then the release reads in Vietnamese, with its target and its occupancy
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("heading"), "2025-10"));
		assertThat(text("#heading")).contains("Hải Phòng");
		assertThat(text("#text p[data-key='headline']")).contains("bằng 50,0% kế hoạch năm (2,64 tỷ USD)");
		assertThat(text("#text p[data-key='ddi']")).contains("243,6 tỷ đồng (tương đương 10,0 triệu USD)");
		assertThat(text("#targets tbody")).contains("52,4%");
		assertThat(text("#occupancy tbody")).contains("Khu công nghiệp DEEP C", "54,1%", "chưa có diện tích công bố");
		assertThat(this.browser.findElement(By.id("csv")).getDomAttribute("href"))
			.contains("/api/releases/2025-10/zone-board?province=31", "format=csv");
		screenshot("zone-release-vi");
		// with every amount read from its own digits: beyond 2^53 minor units, which a
		// JavaScript Number cannot hold exactly, the hover keeps the last digit
		assertThat(script(
				"return exact(parseJson(" + "'{\"a\":{\"minorUnits\":9007199254740993,\"currency\":\"VND\"}}').a)"))
			.isEqualTo("9007199254740993 ₫");

		// and in English at the switch
		this.browser.findElement(By.id("language")).click();
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("h1"), "zone management"));
		assertThat(text("#text p[data-key='headline']")).contains("50.0% of the year's target (US$2.64 billion)");
		assertThat(text("#occupancy tbody")).contains("54.1%", "no published area");
		screenshot("zone-release-en");

		// When they ask for one zone, whose release sends them to the province's target
		this.browser.findElement(By.cssSelector("input[name='scope'][value='zone']")).click();
		new Select(this.browser.findElement(By.id("zone"))).selectByValue("HP-DEEP-C");
		this.browser.findElement(By.cssSelector("#choose button[type='submit']")).click();
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("heading"), "DEEP C"));
		assertThat(text("#targetsText")).contains("Targets are set for a province's zones together");

		// and a month whose release is not closed shows the problem's words
		month("2099-01");
		script("document.getElementById('choose').requestSubmit = null;"
				+ "document.getElementById('choose').dispatchEvent(new Event('submit', {cancelable: true}))");
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("problem")));
		assertThat(text("#problem")).contains("has not passed yet");
		assertThat(this.browser.findElement(By.id("release")).isDisplayed()).isFalse();
	}

	@Test
	void shouldAskAsKnownAtTheTimeTypedInVietnamWhateverTheBrowsersZone() {
		// Given an official whose browser keeps New York's time, on the zone-board page
		((ChromeDriver) this.browser).executeCdpCommand("Emulation.setTimezoneOverride",
				Map.of("timezoneId", "America/New_York"));
		openZoneReleasePage();
		assertThat(script("return Intl.DateTimeFormat().resolvedOptions().timeZone")).isEqualTo("America/New_York");

		// When they ask for the release as known at 08:00 on 5 November 2025
		Object asked = script("document.getElementById('asOf').value = '2025-11-05T08:00';"
				+ "document.getElementById('firstPublished').checked = false;"
				+ "return new URLSearchParams(query('csv').split('?')[1]).get('asOf');");

		// Then the time asked is 08:00 in Vietnam, not in New York
		assertThat(asked).isEqualTo("2025-11-05T08:00:00+07:00");
	}

	/** Signs in as an official and follows the console's link to the zone-board page. */
	private void openZoneReleasePage() {
		this.browser.get(this.fixture.url("/"));
		this.wait.until(ExpectedConditions.urlContains("/login"));
		this.browser.findElement(By.name("username")).sendKeys(ConsoleFixture.OFFICIAL);
		this.browser.findElement(By.name("password")).sendKeys(ConsoleFixture.PASSWORD);
		this.browser.findElement(By.cssSelector("button[type='submit']")).click();
		this.wait.until(ExpectedConditions.elementToBeClickable(By.id("zoneRelease"))).click();
		this.wait.until(ExpectedConditions.urlContains("/zone-release.html"));
	}

	private void month(String month) {
		script("document.getElementById('month').removeAttribute('max');" + "document.getElementById('month').value = '"
				+ month + "';");
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

}
