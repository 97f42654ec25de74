package vn.investledger.processor.totals;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import vn.investledger.events.CapitalAdjusted;
import vn.investledger.events.CapitalContributed;
import vn.investledger.events.Disbursed;
import vn.investledger.events.EventJson;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Licensed;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Money;
import vn.investledger.events.Rejection;
import vn.investledger.events.RejectionReason;
import vn.investledger.events.Resumed;
import vn.investledger.events.Stock;
import vn.investledger.events.Suspended;
import vn.investledger.events.Terminated;
import vn.investledger.events.TerminationReason;
import vn.investledger.events.Topics;
import vn.investledger.events.Total;
import vn.investledger.events.reference.UsdRates;
import vn.investledger.events.rulebook.ReportCalendar;
import vn.investledger.events.rulebook.Rules;
import vn.investledger.processor.intake.IntakeSettings;
import vn.investledger.processor.system.StreamsConfiguration;
import vn.investledger.testsupport.ProjectLife;
import vn.investledger.testsupport.SampleEvents;

import static org.assertj.core.api.Assertions.assertThat;

class StockFiguresTests {

	private final Topics topics = Topics.withPrefix("st");

	private TopologyTestDriver driver;

	private TestInputTopic<String, byte[]> haiPhong;

	private TestOutputTopic<String, Stock> stock;

	private TestOutputTopic<String, Total> totals;

	private TestOutputTopic<byte[], byte[]> rejections;

	@BeforeEach
	void buildDriver() {
		StreamsBuilder builder = new StreamsBuilder();
		TotalsTopology.build(builder, IntakeSettings.forTests(this.topics, Duration.ofMinutes(5)), Rules.standard(),
				new BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers());
		Properties config = new Properties();
		config.putAll(StreamsConfiguration.designSettings(this.topics));
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, "stock-test");
		config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
		this.driver = new TopologyTestDriver(builder.build(), config);
		this.haiPhong = this.driver.createInputTopic("st.events.31", new StringSerializer(), new ByteArraySerializer());
		this.stock = this.driver.createOutputTopic("st.stock", new StringDeserializer(),
				Topics.stockSerde().deserializer());
		this.totals = this.driver.createOutputTopic("st.totals", new StringDeserializer(),
				Topics.totalSerde().deserializer());
		this.rejections = this.driver.createOutputTopic(this.topics.rejectionTopicName("31"),
				new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

	@AfterEach
	void closeDriver() {
		this.driver.close();
	}

	@Test
	void shouldFollowAProjectThroughTheStockUntilItIsTerminated() {
		List<LicensingEvent> life = ProjectLife.of("HP-LIFE", "31");
		String national = "national||stock|FDI";

		// licensed US$20,000,000: in the stock
		send(life.get(0));
		assertThat(latest(national)).satisfies((s) -> {
			assertThat(s.validProjects()).isEqualTo(1);
			assertThat(s.registeredCapital()).isEqualTo(Money.usd("20000000"));
		});
		// adjusted to US$17,499,999.50, then a share purchase and US$5,000,000 disbursed
		send(life.get(1));
		send(life.get(2));
		send(life.get(3));
		assertThat(latest(national)).satisfies((s) -> {
			assertThat(s.validProjects()).isEqualTo(1);
			assertThat(s.registeredCapital()).isEqualTo(Money.usd("17499999.50"));
			assertThat(s.realisedCapital()).isEqualTo(Money.usd("5000000"));
		});
		// suspended: still in the stock, counted apart; resumed
		send(life.get(4));
		assertThat(latest(national).suspendedProjects()).isEqualTo(1);
		send(life.get(5));
		assertThat(latest(national).suspendedProjects()).isZero();
		// terminated: out of the stock
		send(life.get(6));
		assertThat(latest(national)).satisfies((s) -> {
			assertThat(s.validProjects()).isZero();
			assertThat(s.registeredCapital()).isEqualTo(Money.usd("0"));
			assertThat(s.realisedCapital()).isEqualTo(Money.usd("0"));
		});
		// and the flows it counted stay (the same-year adjustment in the new capital)
		assertThat(this.totals.readKeyValuesToMap().get("national||all|FDI").newCapital())
			.isEqualTo(Money.usd("17499999.50"));
	}

	@Test
	void shouldCountNoFlowOfATerminatedProjectAfterItsEndAndThoseOfBeforeRecordedLate() {
		// Given a project's whole life, to its termination (revision 7, 15 March 2025)
		List<LicensingEvent> life = ProjectLife.of("HP-END", "31");
		life.forEach(this::send);
		LocalDate ended = life.get(6).envelope().effectiveDate();
		assertThat(this.totals.readKeyValuesToMap().get("national||all|FDI").realisedCapital())
			.isEqualTo(Money.usd("5000000"));
		assertThat(latest("national||stock|FDI").validProjects()).isZero();
		Licensed licence = (Licensed) life.get(0);

		// When its unit sends revision 8, a disbursement, an adjustment and a share
		// purchase dated after the end, then one disbursement dated before it, recorded
		// late
		LocalDate after = ended.plusMonths(1);
		List<LicensingEvent> late = List.of(
				new Disbursed(SampleEvents.envelope("HP-END", 8, "31", after), InvestmentType.FDI, Money.usd("100")),
				new CapitalAdjusted(SampleEvents.envelope("HP-END", 8, "31", after), InvestmentType.FDI, 2,
						licence.ircNumber(), Money.usd("100"), Money.usd("17500099.50")),
				withEnvelope((CapitalContributed) life.get(2), SampleEvents.envelope("HP-END", 8, "31", after)),
				new Suspended(SampleEvents.envelope("HP-END", 8, "31", after), "Tạm ngừng", after.plusMonths(1)),
				new Terminated(SampleEvents.envelope("HP-END", 8, "31", after), TerminationReason.IRC_REVOKED,
						"46/QĐ-BQL"));
		late.forEach(this::send);
		send(new Disbursed(SampleEvents.envelope("HP-END", 8, "31", ended.minusDays(10)), InvestmentType.FDI,
				Money.usd("250")));
		// and a resumption dated before the end, recorded late: it happened before, and
		// the project stays ended
		send(new Resumed(SampleEvents.envelope("HP-END", 9, "31", ended.minusDays(5)), null));

		// Then those after the end are refused, naming it; the one before counts in
		// its month's flows, and the project stays out of the stock
		List<Rejection> refused = this.rejections.readRecordsToList()
			.stream()
			.map((record) -> Rejection.fromHeaders(record.headers()))
			.toList();
		assertThat(refused).hasSize(late.size()).allSatisfy((rejection) -> {
			assertThat(rejection.reason()).isEqualTo(RejectionReason.INVALID);
			assertThat(rejection.message()).contains("was terminated on " + ended + " (revision 7)");
			assertThat(rejection.message()).containsAnyOf("would add to the flows",
					"cannot change a project that has ended");
		});
		Map<String, Total> flows = this.totals.readKeyValuesToMap();
		assertThat(flows.get("national||all|FDI").realisedCapital()).isEqualTo(Money.usd("5000250"));
		assertThat(flows.get("national||2025-03|FDI").realisedCapital()).isEqualTo(Money.usd("250"));
		assertThat(flows).doesNotContainKey("national||2025-04|FDI");
		assertThat(this.stock.readKeyValuesToMap()).as("stock figures changed").isEmpty();
	}

	@Test
	void shouldReinstateATerminatedProjectThatIsResumedAsTheCorrectionOfAMistakenTermination() {
		// Given a project terminated by mistake
		List<LicensingEvent> life = ProjectLife.of("HP-BACK", "31");
		life.forEach(this::send);
		assertThat(latest("national||stock|FDI").validProjects()).isZero();

		// When its unit resumes it, after the end
		send(new Resumed(SampleEvents.envelope("HP-BACK", 8, "31", life.get(6).envelope().effectiveDate().plusDays(3)),
				null));

		// Then it is in the stock again, with its registered capital
		assertThat(latest("national||stock|FDI")).satisfies((s) -> {
			assertThat(s.validProjects()).isEqualTo(1);
			assertThat(s.registeredCapital()).isEqualTo(Money.usd("17499999.50"));
		});
	}

	@Test
	void shouldKeepTheStockByZoneCountryAndRestatedProvince() {
		send(SampleEvents.fdiLicence("HD-1", "30", Money.usd("680000000")));
		send(SampleEvents.fdiLicence("HP-1", "31", Money.usd("20000000")));

		Map<String, Stock> latest = this.stock.readKeyValuesToMap();

		assertThat(latest.get("province|province=30|stock|FDI").registeredCapital()).isEqualTo(Money.usd("680000000"));
		assertThat(latest.get("province-restated|province=31|stock|FDI")).satisfies((s) -> {
			assertThat(s.validProjects()).isEqualTo(2);
			assertThat(s.registeredCapital()).isEqualTo(Money.usd("700000000"));
		});
		assertThat(latest.get("province+zone|province=31,zone=HP-TRANG-DUE|stock|FDI").validProjects()).isEqualTo(1);
		assertThat(latest.get("country|country=KR|stock|FDI").validProjects()).isEqualTo(2);
	}

	@Test
	void shouldLeaveAContributionOnlyRegistrationOutOfTheStock() {
		// a share purchase registered on its own, with no licence
		send(withRevisionOne((vn.investledger.events.CapitalContributed) ProjectLife.of("GV-1", "31").get(2)));

		assertThat(this.stock.readKeyValuesToMap()).isEmpty();
		assertThat(this.totals.readKeyValuesToMap().get("national||all|FDI").contributions()).isEqualTo(1);
	}

	private Stock latest(String key) {
		return this.stock.readKeyValuesToMap().get(key);
	}

	private void send(LicensingEvent event) {
		this.haiPhong.pipeInput(event.key(), EventJson.toBytes(event));
		this.driver.advanceWallClockTime(PendingChanges.DEFAULT_FLUSH_INTERVAL);
	}

	private static CapitalContributed withEnvelope(CapitalContributed c,
			vn.investledger.events.EventEnvelope envelope) {
		return new CapitalContributed(envelope, c.investmentType(), c.form(), c.raisesCharterCapital(),
				c.enterpriseCode(), c.enterpriseName(), c.ircNumber(), c.investors(), c.zoneCode(), c.sector(),
				c.amount());
	}

	private static LicensingEvent withRevisionOne(vn.investledger.events.CapitalContributed c) {
		return new vn.investledger.events.CapitalContributed(
				SampleEvents.envelope(c.envelope().projectCode(), 1, "31", c.envelope().effectiveDate()),
				c.investmentType(), c.form(), c.raisesCharterCapital(), c.enterpriseCode(), c.enterpriseName(),
				c.ircNumber(), c.investors(), c.zoneCode(), c.sector(), c.amount());
	}

}
