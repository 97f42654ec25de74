package vn.investledger.processor.totals;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Properties;

import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import vn.investledger.access.KnownParameters;
import vn.investledger.events.EventJson;
import vn.investledger.events.Licensed;
import vn.investledger.events.Money;
import vn.investledger.events.Topics;
import vn.investledger.events.reference.UsdRates;
import vn.investledger.events.rulebook.Rules;
import vn.investledger.processor.intake.IntakeSettings;
import vn.investledger.processor.system.StreamsConfiguration;
import vn.investledger.testsupport.SampleEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The totals API answers a merged unit and the units before 1 July 2025 over HTTP, from
 * the figures the topology keeps: Bắc Ninh (24) took the code of Bắc Giang, which it
 * absorbed with the old Bắc Ninh (27); Thừa Thiên Huế became Huế under its code (46) on 1
 * January 2025; Hải Dương (30) merged into Hải Phòng (31).
 */
class MergedUnitTotalsTests {

	private final Topics topics = Topics.withPrefix("mu");

	private TopologyTestDriver driver;

	private MockMvc http;

	@BeforeEach
	void buildDriver() {
		StreamsBuilder builder = new StreamsBuilder();
		TotalsTopology.build(builder, IntakeSettings.forTests(this.topics, Duration.ofMinutes(5)), Rules.standard(),
				new BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers());
		Properties config = new Properties();
		config.putAll(StreamsConfiguration.designSettings(this.topics));
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, "merged-unit-test");
		config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
		this.driver = new TopologyTestDriver(builder.build(), config);
		// the controller reads the driver's stores, where the service reads its
		// instances'
		FigureLookup stores = new FigureLookup(null) {

			@Override
			<V> V get(String store, String key, Class<V> type) {
				return type.cast(MergedUnitTotalsTests.this.driver.getKeyValueStore(store).get(key));
			}

		};
		// with the check of the query string every service registers
		this.http = MockMvcBuilders.standaloneSetup(new TotalsController(stores, UsdRates.standard()))
			.addInterceptors(KnownParameters.interceptor())
			.build();

		// Given, on today's Bắc Ninh's topic: Bắc Giang's licence of 2024, the old Bắc
		// Ninh's of March 2025, the merged Bắc Ninh's of August 2025
		publish("24", licence("BG-1", "24", "2024-05-10", "1000000"));
		publish("24", licence("BNC-1", "27", "2025-03-10", "2000000.50"));
		publish("24", licence("BN-1", "24", "2025-08-10", "4000000.25"));
		// on Huế's: Thừa Thiên Huế's of December 2024; on Hải Phòng's: Hải Dương's of
		// June 2025
		publish("46", licence("TTH-1", "46", "2024-12-10", "8000000"));
		publish("31", licence("HD-1", "30", "2025-06-10", "16000000"));
	}

	@AfterEach
	void closeDriver() {
		this.driver.close();
	}

	@Test
	void shouldAnswerAMergedUnitAsLicensedAndRestated() throws Exception {
		// as licensed, 24 is Bắc Giang's licence and the merged Bắc Ninh's; 27 the old
		// Bắc Ninh's
		assertFigure(json("/api/totals/provinces/24"), "5000000.25", 2);
		assertFigure(json("/api/totals/provinces/27"), "2000000.50", 1);
		assertFigure(json("/api/totals/year-to-date?year=2024&month=12&cuboid=province&province=24"), "1000000", 1);
		// restated, 24 holds all three; nothing is restated to 27, which no longer exists
		assertFigure(json("/api/totals?cuboid=province-restated&province=24"), "7000000.75", 3);
		assertFigure(json("/api/totals?cuboid=province-restated&province=24&period=2025-R03"), "2000000.50", 1);
		assertFigure(json("/api/totals/year-to-date?year=2025&month=12&cuboid=province-restated&province=24"),
				"6000000.75", 2);
		assertThat(refused("/api/totals?cuboid=province-restated&province=27"))
			.contains("27 (Bắc Ninh) is no unit today: its territory is in 24 (Bắc Ninh)");
		// a unit of today with nothing counted yet is a zero figure
		JsonNode nothing = json("/api/totals?cuboid=province-restated&province=33&period=2024");
		assertFigure(nothing, "0", 0);
		assertThat(nothing.get("newestEventAt").isNull()).isTrue();
		// the stock and the dollar figures of the merged unit
		JsonNode stock = json("/api/totals/stock?cuboid=province-restated&province=24");
		assertThat(stock.get("validProjects").asLong()).isEqualTo(3);
		assertThat(stock.get("registeredCapital").get("minorUnits").asLong()).isEqualTo(700_000_075L);
		assertThat(json("/api/totals/combined?cuboid=province-restated&province=24&period=2025").get("fdi")
			.get("registeredCapital")
			.get("minorUnits")
			.asLong()).isEqualTo(600_000_075L);
	}

	@Test
	void shouldAnswerTheUnitsBeforeTheReorganisationAsLicensedAndRestated() throws Exception {
		// Thừa Thiên Huế, renamed Huế: the same code either way
		assertFigure(json("/api/totals/provinces/46"), "8000000", 1);
		assertFigure(json("/api/totals?cuboid=province-restated&province=46&period=2024"), "8000000", 1);
		assertFigure(json("/api/totals/year-to-date?year=2024&month=12&cuboid=province&province=46"), "8000000", 1);
		// Hải Dương: its own code as licensed, Hải Phòng's restated
		assertFigure(json("/api/totals/provinces/30"), "16000000", 1);
		assertFigure(json("/api/totals?cuboid=province&province=30&period=2025-R06"), "16000000", 1);
		assertFigure(json("/api/totals?cuboid=province-restated&province=31&period=2025"), "16000000", 1);
		assertFigure(json("/api/totals/year-to-date?year=2025&month=6&cuboid=province-restated&province=31"),
				"16000000", 1);
		assertThat(json("/api/totals/stock?cuboid=province&province=30").get("validProjects").asLong()).isEqualTo(1);
	}

	/**
	 * A question no figure can answer is a 400 saying why, never a zero figure that reads
	 * as "no investment"; nor is a parameter given empty answered for its default.
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "/api/totals?cuboid=national&province=31|names no dimension, not province",
			"/api/totals?cuboid=province&period=2024|names province, not none",
			"/api/totals?cuboid=province%2Bzone&zone=HP-TRANG-DUE|names province and zone, not zone",
			"/api/totals?cuboid=country&country=kr|alpha-2 code in capitals",
			"/api/totals?cuboid=country&country=UK|Country UK is no country's",
			"/api/totals?cuboid=province%2Bzone&province=31&zone=HP-NOWHERE|Zone HP-NOWHERE is no zone's code",
			"/api/totals?cuboid=province%2Bzone&province=24&zone=HD-DAI-AN|its events name 30 or 31, never province 24",
			"/api/totals/stock?cuboid=province%2Bzone&province=01&zone=HP-DEEP-C|never province 01",
			"/api/totals?cuboid=sector&sector=c|a capital letter A to V",
			"/api/totals?cuboid=province-restated&province=30|its territory is in 31",
			"/api/totals/provinces/03|No province or city has had the code 03",
			"/api/totals/stock?cuboid=province-restated&province=27|is no unit today",
			"/api/totals/combined?cuboid=country|names country, not none",
			"/api/totals/year-to-date?year=2025&month=6&cuboid=province-restated&province=30|is no unit today",
			"/api/totals/year-to-date?year=2101&month=1|of a year from 1987 to 2100, was 2101-1",
			"/api/totals/year-to-date?year=1986&month=12|of a year from 1987 to 2100",
			"/api/totals/year-to-date?year=2025&month=13|a month 1 to 12",
			// other spellings of 2025 and 6, which Spring's number parsing would take
			"/api/totals/year-to-date?year=%2B2025&month=6|year: 4 digits at most, written 0 to 9",
			"/api/totals/year-to-date?year=0x7E9&month=6|year: 4 digits at most, written 0 to 9",
			"/api/totals/year-to-date?year=%237E9&month=6|year: 4 digits at most, written 0 to 9",
			"/api/totals/year-to-date?year=%D9%A2%D9%A0%D9%A2%D9%A5&month=6|year: 4 digits at most",
			"/api/totals/year-to-date?year=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%95&month=6|year: 4 digits at most",
			"/api/totals/year-to-date?year=20%2025&month=6|year: 4 digits at most",
			"/api/totals/year-to-date?year=2025&month=%2B6|month: 2 digits at most, written 0 to 9",
			"/api/totals/year-to-date?year=2025&month=006|month: 2 digits at most",
			"/api/totals?cuboid=province&province=31&period=&type=|\"period\" is given empty",
			"/api/totals/stock?cuboid=province&province=31&type=|\"type\" is given empty",
			"/api/totals?cuboid=|\"cuboid\" is given empty to GET /api/totals; give it a value, or leave it out for its default (national)",
			"/api/totals/year-to-date?year=2025&month=6&type=%20|\"type\" is given empty" })
	void shouldRefuseAQuestionNoFigureCanAnswerSayingWhy(String path, String reason) throws Exception {
		assertThat(refused(path)).contains(reason);
	}

	private String refused(String path) throws Exception {
		var response = this.http.perform(get(URI.create(path))).andReturn().getResponse();
		assertThat(response.getStatus()).as("GET %s", path).isEqualTo(400);
		// a refusal of the query string itself is a problem document
		return (response.getErrorMessage() != null) ? response.getErrorMessage()
				: EventJson.mapper().readTree(response.getContentAsString()).get("detail").asString();
	}

	private JsonNode json(String path) throws Exception {
		var response = this.http.perform(get(path)).andReturn().getResponse();
		assertThat(response.getStatus()).as("GET %s: %s", path, response.getContentAsString()).isEqualTo(200);
		return EventJson.mapper().readTree(response.getContentAsString());
	}

	private static void assertFigure(JsonNode figure, String newCapitalUsd, long newProjects) {
		assertThat(figure.get("newCapital").get("minorUnits").asLong()).as("%s", figure)
			.isEqualTo(Money.usd(newCapitalUsd).minorUnits());
		assertThat(figure.get("newProjects").asLong()).as("%s", figure).isEqualTo(newProjects);
	}

	private void publish(String unit, Licensed licence) {
		this.driver
			.createInputTopic(this.topics.eventTopicName(unit), new StringSerializer(), new ByteArraySerializer())
			.pipeInput(licence.key(), EventJson.toBytes(licence));
		this.driver.advanceWallClockTime(PendingChanges.DEFAULT_FLUSH_INTERVAL);
	}

	private static Licensed licence(String project, String province, String date, String capitalUsd) {
		Licensed sample = SampleEvents.fdiLicence(project, province, Money.usd(capitalUsd));
		return SampleEvents.withEnvelope(sample, SampleEvents.envelope(project, 1, province, LocalDate.parse(date)));
	}

}
