package vn.investledger.processor.totals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.header.Headers;
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
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import vn.investledger.events.EventEnvelope;
import vn.investledger.events.EventJson;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Licensed;
import vn.investledger.events.Money;
import vn.investledger.events.Rejection;
import vn.investledger.events.RejectionReason;
import vn.investledger.events.Topics;
import vn.investledger.events.Total;
import vn.investledger.events.reference.UsdRates;
import vn.investledger.events.rulebook.ReportCalendar;
import vn.investledger.events.rulebook.Rules;
import vn.investledger.processor.intake.IntakeSettings;
import vn.investledger.processor.system.StreamsConfiguration;
import vn.investledger.testsupport.SampleEvents;

import static org.assertj.core.api.Assertions.assertThat;

class TotalsTopologyTests {

	private final Topics topics = Topics.withPrefix("test");

	private TopologyTestDriver driver;

	private TestInputTopic<String, byte[]> haiPhong;

	private TestInputTopic<String, byte[]> hungYen;

	private TestOutputTopic<String, Total> totals;

	private TestOutputTopic<byte[], byte[]> rejections;

	@BeforeEach
	void buildDriver() {
		StreamsBuilder builder = new StreamsBuilder();
		TotalsTopology.build(builder, IntakeSettings.forTests(this.topics, java.time.Duration.ofMinutes(5)),
				Rules.standard(), new BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers());
		Properties config = new Properties();
		config.putAll(StreamsConfiguration.designSettings(this.topics));
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, "totals-test");
		config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
		this.driver = new TopologyTestDriver(builder.build(), config);
		this.haiPhong = this.driver.createInputTopic("test.events.31", new StringSerializer(),
				new ByteArraySerializer());
		this.hungYen = this.driver.createInputTopic("test.events.33", new StringSerializer(),
				new ByteArraySerializer());
		this.totals = this.driver.createOutputTopic("test.totals", new StringDeserializer(),
				Topics.totalSerde().deserializer());
		this.rejections = this.driver.createOutputTopic("test.rejections.31", new ByteArrayDeserializer(),
				new ByteArrayDeserializer());
	}

	@AfterEach
	void closeDriver() {
		this.driver.close();
	}

	@Test
	void shouldSumFdiCapitalExactlyPerProvince() {
		// 1,000,000,000.50 + 0.25 + 7,000,000.00 USD in Hải Phòng; 3,000,000 USD in Hưng
		// Yên
		publish(this.haiPhong, SampleEvents.fdiLicence("HP-1", "31", Money.usd("1000000000.50")));
		publish(this.haiPhong, SampleEvents.fdiLicence("HP-2", "31", Money.usd("0.25")));
		publish(this.haiPhong, SampleEvents.fdiLicence("HP-3", "31", Money.usd("7000000")));
		publish(this.hungYen, SampleEvents.fdiLicence("HY-1", "33", Money.usd("3000000")));

		Map<String, Total> latest = this.totals.readKeyValuesToMap();

		Total haiPhongFdi = latest.get("province|province=31|all|FDI");
		assertThat(haiPhongFdi.newCapital())
			.isEqualTo(new Money(100_700_000_075L, vn.investledger.events.Currency.USD));
		assertThat(haiPhongFdi.newProjects()).isEqualTo(3);
		assertThat(latest.get("province|province=33|all|FDI").newCapital()).isEqualTo(Money.usd("3000000"));
		assertThat(latest.get("national||all|FDI").newCapital()).isEqualTo(Money.usd("1010000000.75"));
	}

	@Test
	void shouldEmitEveryChangeOfAFigureInOrder() {
		publish(this.haiPhong, SampleEvents.fdiLicence("HP-1", "31", Money.usd("10")));
		publish(this.haiPhong, SampleEvents.fdiLicence("HP-2", "31", Money.usd("20")));

		assertThat(this.totals.readKeyValuesToList()).filteredOn((kv) -> kv.key.equals("province|province=31|all|FDI"))
			.extracting((kv) -> kv.value)
			.extracting(Total::newCapital, Total::newProjects)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(Money.usd("10"), 1L),
					org.assertj.core.groups.Tuple.tuple(Money.usd("30"), 2L));
	}

	@Test
	void shouldKeepDdiInDongApartFromFdi() {
		// 265 tỷ đồng DDI and 5 million USD FDI in the same province make two figures
		publish(this.haiPhong, SampleEvents.ddiLicence("HP-D1", "31", Money.vnd(265_000_000_000L)));
		publish(this.haiPhong, SampleEvents.fdiLicence("HP-F1", "31", Money.usd("5000000")));

		Map<String, Total> latest = this.totals.readKeyValuesToMap();

		assertThat(latest.get("province|province=31|all|DDI").newCapital()).isEqualTo(Money.vnd(265_000_000_000L));
		assertThat(latest.get("province|province=31|all|DDI").investmentType()).isEqualTo(InvestmentType.DDI);
		assertThat(latest.get("province|province=31|all|FDI").newCapital()).isEqualTo(Money.usd("5000000"));
	}

	@Test
	void shouldCountARetriedLicenceOnce() {
		Licensed licence = SampleEvents.fdiLicence("HP-1", "31", Money.usd("1000000"));

		publish(this.haiPhong, licence);
		publish(this.haiPhong, licence);

		Total total = this.totals.readKeyValuesToMap().get("province|province=31|all|FDI");
		assertThat(total.newCapital()).isEqualTo(Money.usd("1000000"));
		assertThat(total.newProjects()).isEqualTo(1);
	}

	@Test
	void shouldStampEachFigureWithItsNewestEvent() {
		Licensed older = SampleEvents.fdiLicence("HP-1", "31", Money.usd("1"));
		Licensed newer = SampleEvents.fdiLicence("HP-2", "31", Money.usd("1"));
		Instant newest = Instant.parse("2024-06-20T10:42:05Z");
		publish(this.haiPhong, withEmittedAt(newer, newest));
		publish(this.haiPhong, withEmittedAt(older, newest.minusSeconds(3600)));

		assertThat(this.totals.readKeyValuesToMap().get("province|province=31|all|FDI").newestEventAt())
			.isEqualTo(newest);
	}

	@Nested
	class FlowFigures {

		@Test
		void shouldCountEveryKindOfAProjectsLife() {
			// licensed 20,000,000; adjusted -2,500,000.50 the same year, which FIA
			// counts in the new capital, not as an adjustment; share purchase
			// 3,000,000; disbursed 5,000,000;
			// then suspended, resumed and terminated, which change no flow
			vn.investledger.testsupport.ProjectLife.of("HP-LIFE", "31").forEach((event) -> publish(haiPhong, event));

			Map<String, Total> figures = totals.readKeyValuesToMap();
			Total all = figures.get("province|province=31|all|FDI");

			assertThat(all.newCapital()).isEqualTo(Money.usd("17499999.50"));
			assertThat(all.newProjects()).isEqualTo(1);
			assertThat(all.adjustedCapital()).isEqualTo(Money.usd("0"));
			assertThat(all.adjustments()).isZero();
			assertThat(all.contributionCapital()).isEqualTo(Money.usd("3000000"));
			assertThat(all.contributions()).isEqualTo(1);
			assertThat(all.realisedCapital()).isEqualTo(Money.usd("5000000"));
			// the headline: new + adjusted + contribution, and the termination took none
			// of it back
			assertThat(all.registeredCapital()).isEqualTo(Money.usd("20499999.50"));
			// the adjustment and the disbursement count in the zone and country figures,
			// from the licence
			assertThat(figures.get("province+zone|province=31,zone=HP-TRANG-DUE|all|FDI").newCapital())
				.isEqualTo(Money.usd("17499999.50"));
			assertThat(figures.get("country|country=KR|all|FDI").realisedCapital()).isEqualTo(Money.usd("5000000"));
		}

		@Test
		void shouldCountByEffectiveDateInMonthQuarterYearAndReportMonth() {
			// 20 March is in report month 3, 21 March already in report month 4 (cut-off
			// day 20)
			publish(haiPhong, onDate(SampleEvents.fdiLicence("HP-1", "31", Money.usd("100")), "2024-03-20"));
			publish(haiPhong, onDate(SampleEvents.fdiLicence("HP-2", "31", Money.usd("200")), "2024-03-21"));
			// December 2024's release ran to the 31st
			publish(haiPhong, onDate(SampleEvents.fdiLicence("HP-3", "31", Money.usd("400")), "2024-12-25"));
			// December 2023's ran to the 20th: the 21st on is in no release
			publish(haiPhong, onDate(SampleEvents.fdiLicence("HP-4", "31", Money.usd("800")), "2023-12-21"));
			// from 2025 releases run to month-end
			publish(haiPhong, onDate(SampleEvents.fdiLicence("HP-5", "31", Money.usd("1600")), "2025-10-25"));

			Map<String, Total> latest = totals.readKeyValuesToMap();

			assertThat(latest.get("province|province=31|2024-03|FDI").newCapital()).isEqualTo(Money.usd("300"));
			assertThat(latest.get("province|province=31|2024-R03|FDI").newCapital()).isEqualTo(Money.usd("100"));
			assertThat(latest.get("province|province=31|2024-R04|FDI").newCapital()).isEqualTo(Money.usd("200"));
			assertThat(latest.get("province|province=31|2024-R12|FDI").newCapital()).isEqualTo(Money.usd("400"));
			assertThat(latest.get("province|province=31|2024-Q1|FDI").newProjects()).isEqualTo(2);
			assertThat(latest.get("province|province=31|2024|FDI").newCapital()).isEqualTo(Money.usd("700"));
			assertThat(latest.get("province|province=31|2023|FDI").newCapital()).isEqualTo(Money.usd("800"));
			assertThat(latest.keySet()).noneMatch((key) -> key.contains("|2023-R") || key.contains("|2024-R01"));
			assertThat(latest.get("province|province=31|2025-R10|FDI").newCapital()).isEqualTo(Money.usd("1600"));
			assertThat(latest).doesNotContainKey("province|province=31|2025-R11|FDI");
		}

		@Test
		void shouldKeepTheProvinceAsLicensedAndRestateItToTodaysUnit() {
			// Hải Dương licensed this in 2024; Hải Phòng absorbed Hải Dương on 1 July
			// 2025
			publish(haiPhong, SampleEvents.fdiLicence("HD-1", "30", Money.usd("680000000")));
			publish(haiPhong, SampleEvents.fdiLicence("HP-1", "31", Money.usd("20000000")));

			Map<String, Total> latest = totals.readKeyValuesToMap();

			assertThat(latest.get("province|province=30|all|FDI").newCapital()).isEqualTo(Money.usd("680000000"));
			assertThat(latest.get("province|province=31|all|FDI").newCapital()).isEqualTo(Money.usd("20000000"));
			assertThat(latest.get("province-restated|province=31|all|FDI").newCapital())
				.isEqualTo(Money.usd("700000000"));
			assertThat(latest).doesNotContainKey("province-restated|province=30|all|FDI");
		}

		@Test
		void shouldBreakALicenceDownByZoneCountryAndSector() {
			publish(haiPhong, SampleEvents.fdiLicence("HP-1", "31", Money.usd("7000000")));

			Map<String, Total> latest = totals.readKeyValuesToMap();

			assertThat(latest).containsKeys("province+zone|province=31,zone=HP-TRANG-DUE|all|FDI",
					"province+country|country=KR,province=31|all|FDI", "country|country=KR|2024-R03|FDI",
					"province+sector|province=31,sector=C|2024|FDI", "sector|sector=C|2024-Q1|FDI",
					"national||2024-03|FDI");
			assertThat(latest.get("country|country=KR|all|FDI").newCapital()).isEqualTo(Money.usd("7000000"));
		}

	}

	@Nested
	class UsdEquivalents {

		private static final String RATE_2023 = "press-implied 2023: 23400 VND/USD from 2023-01-01";

		private static final String RATE_2024 = "press-implied 2024: 24360 VND/USD from 2024-01-01";

		@Test
		void shouldConvertEachDdiEventAtTheRateOfItsEffectiveDateAndNameIt() {
			// 265 tỷ đồng in 2023 and again in 2024: 11,324,786.32 and 10,878,489.33 USD
			// (half-even to the cent)
			publish(haiPhong,
					onDate(SampleEvents.ddiLicence("HP-D1", "31", Money.vnd(265_000_000_000L)), "2023-06-01"));
			publish(haiPhong,
					onDate(SampleEvents.ddiLicence("HP-D2", "31", Money.vnd(265_000_000_000L)), "2024-03-15"));

			Map<String, Total> latest = totals.readKeyValuesToMap();

			Total year2023 = latest.get("province|province=31|2023|DDI");
			assertThat(year2023.newCapital()).isEqualTo(Money.vnd(265_000_000_000L));
			assertThat(year2023.usdEquivalent().newCapital()).isEqualTo(Money.usd("11324786.32"));
			assertThat(year2023.usdEquivalent().rates()).containsExactly(RATE_2023);
			Total year2024 = latest.get("province|province=31|2024|DDI");
			assertThat(year2024.usdEquivalent().newCapital()).isEqualTo(Money.usd("10878489.33"));
			assertThat(year2024.usdEquivalent().rates()).containsExactly(RATE_2024);
			Total all = latest.get("national||all|DDI");
			assertThat(all.newCapital()).isEqualTo(Money.vnd(530_000_000_000L));
			assertThat(all.usdEquivalent().registeredCapital()).isEqualTo(Money.usd("22203275.65"));
			assertThat(all.usdEquivalent().rates()).containsExactly(RATE_2023, RATE_2024);
			assertThat(all.usdEquivalent().unconvertedEvents()).isZero();
		}

		@Test
		void shouldConvertEveryFlowWithItsSign() {
			// a DDI project's life: licensed 500 tỷ in 2024, adjusted −48.72 tỷ and
			// disbursed 121.8 tỷ in 2025
			Licensed licence = onDate(SampleEvents.ddiLicence("HP-D3", "31", Money.vnd(500_000_000_000L)),
					"2024-02-01");
			publish(haiPhong, licence);
			publish(haiPhong, new vn.investledger.events.CapitalAdjusted(
					SampleEvents.envelope("HP-D3", 2, "31", java.time.LocalDate.parse("2025-05-01")),
					InvestmentType.DDI, 1, "7611234567", Money.vnd(-48_720_000_000L), Money.vnd(451_280_000_000L)));
			publish(haiPhong,
					new vn.investledger.events.Disbursed(
							SampleEvents.envelope("HP-D3", 3, "31", java.time.LocalDate.parse("2025-06-01")),
							InvestmentType.DDI, Money.vnd(121_800_000_000L)));

			Total all = totals.readKeyValuesToMap().get("province|province=31|all|DDI");

			assertThat(all.usdEquivalent().newCapital()).isEqualTo(Money.usd("20525451.56"));
			assertThat(all.usdEquivalent().adjustedCapital()).isEqualTo(Money.usd("-2000000"));
			assertThat(all.usdEquivalent().realisedCapital()).isEqualTo(Money.usd("5000000"));
			assertThat(all.usdEquivalent().registeredCapital()).isEqualTo(Money.usd("18525451.56"));
		}

		@Test
		void shouldCountAnEventBeforeTheTableStartsAsUnconverted() {
			publish(haiPhong, onDate(SampleEvents.ddiLicence("HP-D4", "31", Money.vnd(1_000_000_000L)), "2022-12-31"));

			Total all = totals.readKeyValuesToMap().get("province|province=31|all|DDI");

			assertThat(all.newCapital()).isEqualTo(Money.vnd(1_000_000_000L));
			assertThat(all.usdEquivalent().newCapital()).isEqualTo(Money.usd("0"));
			assertThat(all.usdEquivalent().unconvertedEvents()).isEqualTo(1);
			assertThat(all.usdEquivalent().rates()).isEmpty();
		}

		@Test
		void shouldCarryFdiDollarsUnconverted() {
			publish(haiPhong, SampleEvents.fdiLicence("HP-F1", "31", Money.usd("1000000000.50")));

			Total all = totals.readKeyValuesToMap().get("province|province=31|all|FDI");

			assertThat(all.usdEquivalent().newCapital()).isEqualTo(Money.usd("1000000000.50"));
			assertThat(all.usdEquivalent().rates()).isEmpty();
		}

	}

	@Nested
	class BadInput {

		@Test
		void shouldRefuseUnparseableBytesWithTheReasonAndGoOn() {
			byte[] garbage = "{\"kind\":\"licensed\",\"envelope\":".getBytes(StandardCharsets.UTF_8);

			haiPhong.pipeInput("HP-X", garbage);
			publish(haiPhong, SampleEvents.fdiLicence("HP-1", "31", Money.usd("42")));

			Total total = totals.readKeyValuesToMap().get("province|province=31|all|FDI");
			assertThat(total.newCapital()).isEqualTo(Money.usd("42"));
			assertThat(total.newProjects()).isEqualTo(1);
			assertThat(rejections.readRecordsToList()).singleElement().satisfies((record) -> {
				assertThat(record.value()).isEqualTo(garbage);
				assertThat(Rejection.fromHeaders(record.headers()).reason()).isEqualTo(RejectionReason.MALFORMED);
			});
		}

		@Test
		void shouldRefuseAnInvalidEventWithItsReasonsAndGoOn() {
			Licensed valid = SampleEvents.fdiLicence("HP-2", "31", Money.usd("42"));
			EventEnvelope e = valid.envelope();
			Licensed invalid = SampleEvents.withEnvelope(valid, new EventEnvelope(e.schemaVersion(), e.eventId(),
					e.projectCode(), 0L, "31", e.effectiveDate(), e.emittedAt()));
			byte[] original = EventJson.toBytes(invalid);

			haiPhong.pipeInput("HP-2", original);
			publish(haiPhong, valid);

			assertThat(rejections.readRecordsToList()).singleElement().satisfies((record) -> {
				assertThat(record.value()).isEqualTo(original);
				Rejection rejection = Rejection.fromHeaders(record.headers());
				assertThat(rejection.reason()).isEqualTo(RejectionReason.INVALID);
				assertThat(rejection.message()).contains("envelope.revision: must be 1 to 10000, was 0");
			});
			assertThat(totals.readKeyValuesToMap().get("province|province=31|all|FDI").newProjects()).isEqualTo(1);
		}

		@Test
		void shouldLeaveEveryFigureAsItWasWhenAnotherUnitWritesAProject() {
			Licensed licence = SampleEvents.fdiLicence("HP-7", "31", Money.usd("1000"));
			publish(haiPhong, licence);
			assertThat(totals.readKeyValuesToMap().get("province|province=31|all|FDI").newCapital())
				.isEqualTo(Money.usd("1000"));
			TestInputTopic<String, byte[]> quangNinh = driver.createInputTopic("test.events.22", new StringSerializer(),
					new ByteArraySerializer());

			publish(quangNinh,
					new vn.investledger.events.CapitalAdjusted(
							SampleEvents.envelope("HP-7", 2, "22", java.time.LocalDate.of(2024, 6, 1)),
							InvestmentType.FDI, 1, "IRC-HP-7", Money.usd("-1000"), Money.usd("0")));

			// no figure changed: nothing more on the totals topic, and the refusal is
			// Quảng Ninh's to read
			assertThat(totals.readKeyValuesToMap()).isEmpty();
			assertThat(driver
				.createOutputTopic("test.rejections.22", new ByteArrayDeserializer(), new ByteArrayDeserializer())
				.readRecordsToList()).singleElement()
				.satisfies((record) -> assertThat(Rejection.fromHeaders(record.headers()).reason())
					.isEqualTo(RejectionReason.FOREIGN_PROJECT));
		}

		@Test
		void shouldRefuseATombstone() {
			haiPhong.pipeInput("HP-3", (byte[]) null);

			assertThat(rejections.readRecordsToList()).singleElement()
				.satisfies((record) -> assertThat(Rejection.fromHeaders(record.headers()).message())
					.contains("tombstone"));
		}

	}

	/** Publishes an event and lets the pending changes reach the figures. */
	private void publish(TestInputTopic<String, byte[]> topic, vn.investledger.events.LicensingEvent event) {
		topic.pipeInput(event.key(), EventJson.toBytes(event));
		this.driver.advanceWallClockTime(PendingChanges.DEFAULT_FLUSH_INTERVAL);
	}

	private static Licensed onDate(Licensed licence, String date) {
		EventEnvelope e = licence.envelope();
		return SampleEvents.withEnvelope(licence, new EventEnvelope(e.schemaVersion(), e.eventId(), e.projectCode(),
				e.revision(), e.provinceCode(), java.time.LocalDate.parse(date), e.emittedAt()));
	}

	private static Licensed withEmittedAt(Licensed licence, Instant emittedAt) {
		EventEnvelope e = licence.envelope();
		return SampleEvents.withEnvelope(licence, new EventEnvelope(e.schemaVersion(), e.eventId(), e.projectCode(),
				e.revision(), e.provinceCode(), e.effectiveDate(), emittedAt));
	}

	private static String header(Headers headers, String name) {
		return (headers.lastHeader(name) != null) ? new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8)
				: null;
	}

}
