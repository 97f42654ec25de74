package vn.investledger.console.release;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
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
import vn.investledger.console.release.GeneratedLedger.Received;
import vn.investledger.events.AppliedEntry;
import vn.investledger.events.EventEnvelope;
import vn.investledger.events.Licensed;
import vn.investledger.events.Money;
import vn.investledger.testsupport.SampleEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The release page in a real headless Chromium: an admin reads the release's text and
 * tables in Vietnamese, publishes it (a POST with the CSRF token, after a confirmation),
 * picks "bản công bố ngày …" in the vintage picker, and after a late event reads the
 * changes since publication, with the event that caused each and the project's history a
 * click away; in English too. Screenshots in {@code target/screenshots/}.
 */
@ConsoleTest
class ReleaseBrowserTests {

	private static final String CHROMIUM = System.getProperty("investledger.chromium", "/usr/bin/chromium");

	private static final String CHROMEDRIVER = System.getProperty("investledger.chromedriver", "/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final YearMonth MONTH = YearMonth.of(2025, 12);

	private final ConsoleFixture fixture;

	private WebDriver browser;

	private WebDriverWait wait;

	ReleaseBrowserTests(ConsoleFixture fixture) {
		this.fixture = fixture;
	}

	@BeforeEach
	void openBrowser() {
		assertThat(new File(CHROMIUM).canExecute()).as("Chromium at " + CHROMIUM).isTrue();
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
	void shouldPublishAReleaseAndShowWhatChangedSinceAndWhy() throws IOException {
		// Given a ledger
		GeneratedLedger generated = GeneratedLedger.generate(new Random(11), MONTH, 40, false);
		List<Received> received = new ArrayList<>(generated.events);
		List<AppliedEntry> known = GeneratedLedger.of(received).applied(this.fixture.topics);
		this.fixture.indexHistory(known);

		// When an admin opens the release page
		this.browser.get(this.fixture.url("/release.html?month=" + MONTH + "&type=FDI"));
		this.wait.until(ExpectedConditions.urlContains("/login"));
		this.browser.findElement(By.name("username")).sendKeys(ConsoleFixture.ADMIN);
		this.browser.findElement(By.name("password")).sendKeys(ConsoleFixture.PASSWORD);
		this.browser.findElement(By.cssSelector("button[type='submit']")).click();
		this.browser.get(this.fixture.url("/release.html?month=" + MONTH + "&type=FDI"));
		// Then the text is the release's, in Vietnamese
		this.wait.until(ExpectedConditions.textMatches(By.cssSelector("#text p[data-key='headline']"),
				java.util.regex.Pattern.compile("^Tổng vốn đầu tư nước ngoài đăng ký tính đến ngày 31/12/2025.*")));
		assertThat(this.browser.findElements(By.cssSelector("#tables table"))).hasSize(6);
		assertThat(this.browser.findElement(By.id("status")).getText()).contains("thông cáo hiện nay");
		screenshot("release-current");

		// When they publish it
		this.browser.findElement(By.id("publish")).click();
		this.wait.until(ExpectedConditions.alertIsPresent()).accept();
		// Then the vintage picker offers it as published, and shows it
		this.wait.until(ExpectedConditions.textMatches(By.cssSelector("#vintage option[value='first']"),
				java.util.regex.Pattern.compile("^Bản công bố ngày .*")));
		this.wait.until(ExpectedConditions.textMatches(By.id("status"),
				java.util.regex.Pattern.compile(".*thông cáo như công bố lần đầu lúc.*")));
		String asPublished = this.browser.findElement(By.id("text")).getText();
		this.wait
			.until(ExpectedConditions.textToBe(By.id("revisionsSummary"), "Không có thay đổi nào từ khi công bố."));
		screenshot("release-published");

		// When a late licence of March 2025 arrives
		Licensed template = SampleEvents.fdiLicence("9000000001", "31", Money.usd("77000000.00"));
		LocalDate march = LocalDate.of(2025, 3, 3);
		Licensed late = SampleEvents.withEnvelope(template, new EventEnvelope(EventEnvelope.CURRENT_SCHEMA_VERSION,
				UUID.randomUUID(), "9000000001", 1L, "31", march, Instant.now()));
		received.add(new Received(late, "31", Instant.now()));
		List<AppliedEntry> all = GeneratedLedger.of(received).applied(this.fixture.topics);
		this.fixture.indexHistory(all.subList(known.size(), all.size()));
		this.browser.navigate().refresh();
		this.wait.until(ExpectedConditions.textMatches(By.id("status"),
				java.util.regex.Pattern.compile(".*thông cáo như công bố lần đầu lúc.*")));
		// Then the release as published reads as before, and the changes name the event
		this.wait.until(ExpectedConditions.textToBe(By.id("text"), asPublished));
		this.wait.until(ExpectedConditions.textMatches(By.id("revisionsSummary"), java.util.regex.Pattern
			.compile("^Các chỉ tiêu đã thay đổi từ khi công bố lúc .*: \\d+ chỉ tiêu · 1 sự kiện đến sau$")));
		WebElement cause = this.browser.findElement(By.cssSelector("#revisions a"));
		assertThat(cause.getText()).isEqualTo("9000000001 #1");
		cause.click();
		this.wait
			.until(ExpectedConditions.textToBe(By.cssSelector("#history h2"), "Lịch sử sự kiện của dự án 9000000001"));
		assertThat(this.browser.findElement(By.cssSelector("#history tr.changed")).getText()).contains("Cấp mới");
		screenshot("release-revisions");

		// and the current release differs
		new Select(this.browser.findElement(By.id("vintage"))).selectByValue("current");
		this.browser.findElement(By.cssSelector("#choice button[type='submit']")).click();
		this.wait.until(ExpectedConditions.textMatches(By.id("status"),
				java.util.regex.Pattern.compile(".*thông cáo hiện nay.*")));
		this.wait.until((driver) -> !driver.findElement(By.id("text")).getText().equals(asPublished));

		// and in English
		this.browser.findElement(By.id("language")).click();
		this.wait
			.until(ExpectedConditions.textToBe(By.cssSelector("#revisionsSection h2"), "Changes since publication"));
		assertThat(this.browser.findElement(By.cssSelector("#text p[data-key='headline']")).getText())
			.startsWith("Total registered foreign investment up to 31 December 2025");
		assertThat(new Select(this.browser.findElement(By.id("vintage"))).getOptions().get(1).getText())
			.startsWith("As published on ");
		screenshot("release-en");
	}

	private void screenshot(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		Files.write(SCREENSHOTS.resolve(name + ".png"),
				((TakesScreenshot) this.browser).getScreenshotAs(OutputType.BYTES));
	}

}
