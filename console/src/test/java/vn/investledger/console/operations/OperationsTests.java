package vn.investledger.console.operations;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import vn.investledger.console.ConsoleFixture;
import vn.investledger.console.ConsoleTest;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Rejection;
import vn.investledger.events.RejectionReason;
import vn.investledger.events.Total;
import vn.investledger.testsupport.RealServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operations view on the real Kafka broker and Elasticsearch node: each alarm raised
 * by what it watches for, as the page reads it ({@code /api/console/operations}) and as
 * Prometheus scrapes it ({@code /actuator/prometheus}). The console samples every 200 ms
 * over a 10 s window; the refusals threshold is 5 and events may wait 2 s for a figure.
 */
@ConsoleTest
@TestPropertySource(
		properties = { "investledger.operations.sample-interval=200ms", "investledger.operations.window=10s",
				"investledger.operations.alarms.refusals=5", "investledger.operations.alarms.figure-age=2s" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final String CHROMIUM = System.getProperty("investledger.chromium", "/usr/bin/chromium");

	private static final String CHROMEDRIVER = System.getProperty("investledger.chromedriver", "/usr/bin/chromedriver");

	private final ConsoleFixture fixture;

	private final String processorGroup;

	OperationsTests(ConsoleFixture fixture) {
		this.fixture = fixture;
		this.processorGroup = fixture.prefix + "-stream-processor";
	}

	/**
	 * The event topics of four units, and the totals and stock topics two indexer groups
	 * read.
	 */
	@BeforeAll
	void createTopics() throws Exception {
		RealServers.kafka().createEventTopics(this.fixture.topics, List.of("01", "22", "31", "79"));
		try (Admin admin = admin()) {
			admin
				.createTopics(List.of(new NewTopic(this.fixture.topics.totals().name(), 1, (short) 1),
						new NewTopic(this.fixture.topics.stock().name(), 2, (short) 1)))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
	}

	@Test
	void shouldRaiseTheProcessorAlarmWhileItsGroupHasNoMember() {
		// Given no instance of the processor has joined its group
		await().atMost(WAIT).untilAsserted(() -> {
			JsonNode alarm = alarm("processor");
			assertThat(alarm.get("state").asString()).isEqualTo("ALARM");
			assertThat(alarm.get("subjects").get(0).asString()).isEqualTo(this.processorGroup);
			assertThat(alarm.get("reason").get("en").asString()).isEqualTo(
					"The stream processor is not running: group " + this.processorGroup + " has no member (DEAD)");
			assertThat(alarm.get("reason").get("vi").asString()).startsWith("Bộ xử lý luồng không chạy");
			assertThat(scrape()).containsEntry("investledger_operations_alarm{check=\"processor\"}", 1.0)
				.containsEntry("investledger_operations_processor_members", 0.0);
		});

		// When an instance joins it
		try (KafkaConsumer<String, String> instance = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.kafka().bootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, this.processorGroup, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
						false),
				new StringDeserializer(), new StringDeserializer())) {
			instance.subscribe(List.of(this.fixture.topics.eventTopicName("01")));
			// Then the check is OK while it polls
			await().atMost(WAIT).pollInSameThread().untilAsserted(() -> {
				instance.poll(Duration.ofMillis(100));
				JsonNode view = operations();
				assertThat(view.get("alarms").get("processor").get("state").asString()).isEqualTo("OK");
				assertThat(view.get("panels").get("processor").get("members").asInt()).isEqualTo(1);
				assertThat(view.get("panels").get("processor").get("state").asString()).isEqualTo("STABLE");
				assertThat(scrape()).containsEntry("investledger_operations_alarm{check=\"processor\"}", 0.0)
					.containsEntry("investledger_operations_processor_members", 1.0);
			});
		}

		// When it stops, then the alarm is raised again
		await().atMost(WAIT).untilAsserted(() -> {
			JsonNode alarm = alarm("processor");
			assertThat(alarm.get("state").asString()).isEqualTo("ALARM");
			assertThat(alarm.get("reason").get("en").asString()).endsWith("has no member (EMPTY)");
		});
	}

	@Test
	void shouldRaiseTheLagAlarmWhenAGroupFallsFurtherBehind() throws Exception {
		// Given the totals indexer's group has committed the start of the totals topic
		String group = this.fixture.prefix + "-totals-indexer";
		TopicPartition totals = new TopicPartition(this.fixture.topics.totals().name(), 0);
		try (Admin admin = admin()) {
			admin.alterConsumerGroupOffsets(group, Map.of(totals, new OffsetAndMetadata(0)))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
		try (KafkaProducer<String, String> producer = producer()) {
			// When records keep arriving beyond it, a few a second, for the whole window
			await().atMost(WAIT).pollInSameThread().pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
				producer.send(new ProducerRecord<>(totals.topic(), 0, "national||all|FDI", "{}")).get();
				// Then the lag check names the group, on the page and in the scrape
				JsonNode view = operations();
				JsonNode alarm = view.get("alarms").get("lag");
				assertThat(alarm.get("state").asString()).isEqualTo("ALARM");
				assertThat(alarm.get("subjects").get(0).asString()).isEqualTo(group);
				assertThat(alarm.get("reason").get("en").asString())
					.contains(group + "'s lag rose throughout the last 10 s");
				long lag = view.get("panels").get("lag").get(group).asLong();
				assertThat(lag).isPositive();
				Map<String, Double> scraped = scrape();
				assertThat(scraped).containsEntry("investledger_operations_alarm{check=\"lag\"}", 1.0);
				assertThat(scraped.get("investledger_operations_consumer_lag{group=\"" + group + "\"}"))
					.isGreaterThanOrEqualTo(lag);
			});
		}
		// a group whose topic does not exist yet has nothing to read
		assertThat(operations().get("panels").get("lag").get(this.fixture.prefix + "-projects-indexer").asLong())
			.isZero();
		// and a group that never committed on its topic (an indexer never started) is
		// behind by all the topic holds, on every partition
		try (KafkaProducer<String, String> producer = producer()) {
			for (int i = 0; i < 3; i++) {
				producer.send(new ProducerRecord<>(this.fixture.topics.stock().name(), i % 2, "k" + i, "{}")).get();
			}
		}
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(
					operations().get("panels").get("lag").get(this.fixture.prefix + "-stock-indexer").asLong())
				.isEqualTo(3));
	}

	@Test
	void shouldRaiseTheLagAlarmWhenAGroupStaysOnRecordsItDoesNotProcess() throws Exception {
		// Given the history indexer's group stopped at offset 2 of 5 on its topic: a lag
		// of 3, neither rising nor past the threshold
		String group = this.fixture.prefix + "-history-indexer";
		TopicPartition applied = new TopicPartition(this.fixture.topics.appliedEvents().name(), 0);
		try (Admin admin = admin()) {
			admin.createTopics(List.of(new NewTopic(applied.topic(), 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
		try (KafkaProducer<String, String> producer = producer()) {
			for (int i = 0; i < 5; i++) {
				producer.send(new ProducerRecord<>(applied.topic(), 0, "HP-" + i, "{}")).get();
			}
		}
		commit(group, applied, 2);

		// Then, once it has stayed there for the window, the lag check names it
		await().atMost(WAIT).untilAsserted(() -> {
			JsonNode alarm = alarm("lag");
			assertThat(alarm.get("state").asString()).isEqualTo("ALARM");
			assertThat(alarm.get("subjects").valueStream().map(JsonNode::asString)).contains(group);
			assertThat(alarm.get("reason").get("en").asString())
				.contains(group + " has not moved for 10 s on " + applied + " (3), where records wait");
			assertThat(operations().get("panels").get("lag").get(group).asLong()).isEqualTo(3);
		});

		// When it moves on to the end, then it is no longer named
		commit(group, applied, 5);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(alarm("lag").get("subjects").valueStream().map(JsonNode::asString))
				.doesNotContain(group));
	}

	private static void commit(String group, TopicPartition partition, long offset) throws Exception {
		try (Admin admin = admin()) {
			admin.alterConsumerGroupOffsets(group, Map.of(partition, new OffsetAndMetadata(offset)))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
	}

	@Test
	void shouldNameTheUnitWhoseRefusalsPassTheThreshold() {
		// Given a burst of six refused records of Quảng Ninh's, past the threshold of
		// five,
		// and two of Hải Phòng's, within it
		for (long offset = 1; offset <= 6; offset++) {
			refuse("22", RejectionReason.INVALID, offset);
		}
		refuse("31", RejectionReason.MISPLACED, 1);
		refuse("31", RejectionReason.KEY_MISMATCH, 2);

		// Then the refusals check names Quảng Ninh only
		await().atMost(WAIT).untilAsserted(() -> {
			JsonNode view = operations();
			JsonNode alarm = view.get("alarms").get("refusals");
			assertThat(alarm.get("state").asString()).isEqualTo("ALARM");
			assertThat(alarm.get("subjects")).hasSize(1);
			assertThat(alarm.get("subjects").get(0).asString()).isEqualTo("22");
			assertThat(alarm.get("value").asDouble()).isEqualTo(6);
			assertThat(alarm.get("threshold").asDouble()).isEqualTo(5);
			assertThat(alarm.get("reason").get("vi").asString())
				.isEqualTo("Sổ cái từ chối quá 5 bản ghi của Quảng Ninh (22) trong 10 giây (nhiều nhất 6)");
			assertThat(alarm.get("reason").get("en").asString())
				.isEqualTo("The ledger refused more than 5 records of Quảng Ninh (22) in the last 10 s (6 at most)");
			JsonNode units = view.get("panels").get("refusals").get("units");
			assertThat(units.get(0).get("unit").asString()).isEqualTo("22");
			assertThat(units.get(0).get("reasons").get("INVALID").asLong()).isEqualTo(6);
			assertThat(units.get(1).get("name").asString()).isEqualTo("Hải Phòng");
			assertThat(units.get(1).get("total").asLong()).isEqualTo(2);
			assertThat(scrape()).containsEntry("investledger_operations_refusals{reason=\"INVALID\",unit=\"22\"}", 6.0)
				.containsEntry("investledger_operations_refusals{reason=\"MISPLACED\",unit=\"31\"}", 1.0)
				.containsEntry("investledger_operations_alarm{check=\"refusals\"}", 1.0)
				.containsEntry("investledger_operations_alarm_threshold{check=\"refusals\"}", 5.0);
		});
	}

	@Test
	void shouldCountTheEventsEachUnitAppendedInTheLastMinute() throws Exception {
		// Given the console has read the event topics once
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(operations().get("panels").get("events").get("perMinute").isObject()).isTrue());

		// When Hải Phòng's topic takes seven records and Hà Nội's three
		try (KafkaProducer<String, String> producer = producer()) {
			for (int i = 0; i < 7; i++) {
				producer.send(new ProducerRecord<>(this.fixture.topics.eventTopicName("31"), "31-P" + i, "{}")).get();
			}
			for (int i = 0; i < 3; i++) {
				producer.send(new ProducerRecord<>(this.fixture.topics.eventTopicName("01"), "01-P" + i, "{}")).get();
			}
		}

		// Then those are the events per minute of each, on the page and in the scrape
		await().atMost(WAIT).untilAsserted(() -> {
			JsonNode events = operations().get("panels").get("events");
			assertThat(events.get("perMinute").get("31").asLong()).isEqualTo(7);
			assertThat(events.get("perMinute").get("01").asLong()).isEqualTo(3);
			assertThat(events.get("perMinute").get("22").asLong()).isZero();
			assertThat(events.get("perMinute")).hasSize(34);
			assertThat(events.get("units").get("31").asString()).isEqualTo("Hải Phòng");
			JsonNode series = events.get("series");
			assertThat(series.get(series.size() - 1).get("perMinute").get("31").asLong()).isEqualTo(7);
			assertThat(scrape()).containsEntry("investledger_operations_events_per_minute{unit=\"31\"}", 7.0)
				.containsEntry("investledger_operations_events_per_minute{unit=\"01\"}", 3.0)
				.containsEntry("investledger_operations_events_per_minute{unit=\"22\"}", 0.0);
		});
		assertThat(alarm("events").get("state").asString()).isEqualTo("OK");
	}

	@Test
	void shouldRaiseTheFiguresAlarmWhenEventsWaitLongerThanTheThresholdForANewerFigure() throws Exception {
		// Given a figure written now
		this.fixture.index(figure());
		try (KafkaProducer<String, String> producer = producer()) {
			// When events keep arriving and no newer figure is written for more than 2 s
			await().atMost(WAIT).pollInSameThread().pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
				producer.send(new ProducerRecord<>(this.fixture.topics.eventTopicName("79"), "79-P1", "{}")).get();
				// Then the figures check is in alarm
				JsonNode alarm = alarm("figures");
				assertThat(alarm.get("state").asString()).isEqualTo("ALARM");
				assertThat(alarm.get("value").asDouble()).isGreaterThan(2);
				assertThat(alarm.get("reason").get("en").asString()).startsWith("Events have waited");
				assertThat(scrape()).containsEntry("investledger_operations_alarm{check=\"figures\"}", 1.0);
			});
		}

		// When a newer figure is written, then nothing waits any more
		this.fixture.index(figure());
		await().atMost(WAIT).untilAsserted(() -> {
			JsonNode view = operations();
			assertThat(view.get("alarms").get("figures").get("state").asString()).isEqualTo("OK");
			assertThat(view.get("panels").get("figures").get("ageSeconds").asDouble()).isLessThan(60);
			assertThat(scrape()).containsEntry("investledger_operations_alarm{check=\"figures\"}", 0.0)
				.containsKey("investledger_operations_newest_figure_age_seconds");
		});
	}

	@Test
	void shouldServeTheViewToSignedInUsersOnly() {
		assertThat(this.fixture.send("GET", null, null, "/api/console/operations", Map.of()).statusCode())
			.isEqualTo(401);
		assertThat(this.fixture.send("GET", null, null, "/operations.html", Map.of()).statusCode()).isEqualTo(302);
		var page = this.fixture.get("/operations.html", Map.of());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("operations.js");
	}

	@Test
	void shouldShowEveryCheckOnThePageWithTheStoppedProcessorInAlarm() {
		// Given no processor instance, in a real headless Chromium (as
		// ConsoleBrowserTests)
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
			.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
					"--window-size=1400,1800");
		WebDriver browser = new ChromeDriver(
				new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
					.usingAnyFreePort()
					.build(),
				options);
		try {
			// When an official opens the operations page, signing in first
			browser.get(this.fixture.url("/operations.html"));
			WebDriverWait wait = new WebDriverWait(browser, WAIT);
			wait.until(ExpectedConditions.urlContains("/login"));
			browser.findElement(By.name("username")).sendKeys(ConsoleFixture.OFFICIAL);
			browser.findElement(By.name("password")).sendKeys(ConsoleFixture.PASSWORD);
			browser.findElement(By.cssSelector("button[type='submit']")).click();

			// Then the banner, the table and the processor's panel say it is in alarm
			wait.until(ExpectedConditions.attributeToBe(By.id("banner"), "class", "banner alarm"));
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("banner"), "Bộ xử lý luồng"));
			assertThat(browser.findElement(By.id("banner")).getText()).startsWith("CẢNH BÁO");
			assertThat(browser.findElements(By.cssSelector("#alarms tbody tr"))).hasSize(5);
			assertThat(browser.findElement(By.cssSelector(".panel[data-check='processor']")).getAttribute("class"))
				.isEqualTo("panel alarm");
			assertThat(browser.findElement(By.cssSelector(".panel[data-check='processor'] .reason")).getText())
				.startsWith("Bộ xử lý luồng không chạy");
			assertThat(browser.findElement(By.id("processorMembers")).getText()).isEqualTo("0");

			// and in English at the switch
			browser.findElement(By.id("language")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("banner"), "ALARM: "));
			wait.until(ExpectedConditions.textToBePresentInElementLocated(
					By.cssSelector(".panel[data-check='processor'] .reason"), "The stream processor is not running"));
			assertThat(browser.findElement(By.id("banner")).getText()).contains("Stream processor");

			// and the official signs out from it
			browser.findElement(By.id("logout")).click();
			wait.until(ExpectedConditions.urlContains("/login?logout"));
		}
		finally {
			browser.quit();
		}
	}

	private JsonNode operations() {
		return this.fixture.getJson("/api/console/operations", Map.of());
	}

	private JsonNode alarm(String check) {
		return operations().get("alarms").get(check);
	}

	/**
	 * The console's Prometheus scrape, as the metrics scraper: each series' value by its
	 * name and labels.
	 */
	private Map<String, Double> scrape() {
		var response = this.fixture.send("GET", ConsoleFixture.SCRAPER, ConsoleFixture.SCRAPER_PASSWORD,
				"/actuator/prometheus", Map.of());
		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, Double> series = new HashMap<>();
		for (String line : response.body().split("\n")) {
			if (!line.isBlank() && !line.startsWith("#")) {
				int space = line.lastIndexOf(' ');
				series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
			}
		}
		return series;
	}

	/** A refused record of a unit's topic, received now, indexed as the indexer does. */
	private void refuse(String unit, RejectionReason reason, long offset) {
		Rejection rejection = new Rejection(reason, "because " + reason, null, unit + "-P" + offset, unit,
				this.fixture.topics.eventTopicName(unit), 0, offset, Instant.now(), false);
		this.fixture.indexRefused(rejection, "{}".getBytes(StandardCharsets.UTF_8));
	}

	private static Total figure() {
		return Total.zero("national", Map.of(), "all", InvestmentType.FDI);
	}

	private static Admin admin() {
		return Admin.create(Map.of("bootstrap.servers", RealServers.kafka().bootstrapServers()));
	}

	private static KafkaProducer<String, String> producer() {
		return new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.kafka().bootstrapServers()),
				new StringSerializer(), new StringSerializer());
	}

}
