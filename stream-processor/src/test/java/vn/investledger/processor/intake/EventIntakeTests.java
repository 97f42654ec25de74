package vn.investledger.processor.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import vn.investledger.events.Disbursed;
import vn.investledger.events.EventEnvelope;
import vn.investledger.events.EventJson;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Licensed;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Money;
import vn.investledger.events.ProjectState;
import vn.investledger.events.ProjectStatus;
import vn.investledger.events.Topics;
import vn.investledger.processor.system.StreamsConfiguration;
import vn.investledger.testsupport.SampleEvents;

import static org.assertj.core.api.Assertions.assertThat;

class EventIntakeTests {

	private static final Duration GAP_TIMEOUT = Duration.ofMinutes(5);

	private final Topics topics = Topics.withPrefix("intake");

	private TopologyTestDriver driver;

	private TestInputTopic<String, byte[]> haiPhong;

	private TestOutputTopic<String, AppliedEvent> accepted;

	private TestOutputTopic<String, ProjectState> states;

	private TestOutputTopic<byte[], byte[]> deadLetters;

	@BeforeEach
	void buildDriver() {
		StreamsBuilder builder = new StreamsBuilder();
		EventIntake
			.acceptedEvents(builder, this.topics, GAP_TIMEOUT, new BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers())
			.to("accepted", Produced.with(Serdes.String(), EventIntake.appliedEventSerde()));
		Properties config = new Properties();
		config.putAll(StreamsConfiguration.designSettings(this.topics));
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, "intake-test");
		this.driver = new TopologyTestDriver(builder.build(), config);
		this.haiPhong = this.driver.createInputTopic("intake.events.31", new StringSerializer(),
				new ByteArraySerializer());
		this.accepted = this.driver.createOutputTopic("accepted", Serdes.String().deserializer(),
				EventIntake.appliedEventSerde().deserializer());
		this.states = this.driver.createOutputTopic("intake.project-state", Serdes.String().deserializer(),
				Topics.projectStateSerde().deserializer());
		this.deadLetters = this.driver.createOutputTopic("intake.events.dlq", new ByteArrayDeserializer(),
				new ByteArrayDeserializer());
	}

	@AfterEach
	void closeDriver() {
		this.driver.close();
	}

	@Test
	void shouldLetARetriedEventThroughOnce() {
		Licensed licence = SampleEvents.fdiLicence("HP-1", "31", Money.usd("100"));

		send(licence);
		send(licence);
		send(licence);

		assertThat(events()).containsExactly(licence);
		assertThat(this.deadLetters.isEmpty()).isTrue();
	}

	@Test
	void shouldHoldALaterRevisionUntilTheMissingOneArrives() {
		Licensed licence = SampleEvents.fdiLicence("HP-1", "31", Money.usd("100"));
		Disbursed second = disbursement("HP-1", 2);
		Disbursed third = disbursement("HP-1", 3);

		// revision 3 arrives before 2, and both are retried
		send(licence);
		send(third);
		send(third);
		assertThat(events()).containsExactly(licence);
		send(second);
		send(second);

		List<AppliedEvent> applied = this.accepted.readValuesToList();
		assertThat(applied).extracting(AppliedEvent::event).containsExactly(second, third);
		assertThat(applied).extracting(AppliedEvent::afterGap).containsOnly(false);
		assertThat(applied.get(1).state().realisedCapital()).isEqualTo(Money.usd("20"));
		assertThat(applied.get(1).state().revision()).isEqualTo(3);
	}

	@Test
	void shouldApplyHeldRevisionsAfterTheGapTimeoutAndFlagThem() {
		Licensed licence = SampleEvents.fdiLicence("HP-1", "31", Money.usd("100"));
		Disbursed second = disbursement("HP-1", 2);
		Disbursed fourth = disbursement("HP-1", 4);

		send(licence);
		send(fourth);
		this.driver.advanceWallClockTime(GAP_TIMEOUT.minusSeconds(2));
		assertThat(events()).containsExactly(licence);
		this.driver.advanceWallClockTime(Duration.ofSeconds(3));

		// then revision 4 is applied with 2 and 3 missing
		List<AppliedEvent> released = this.accepted.readValuesToList();
		assertThat(released).singleElement().satisfies((applied) -> {
			assertThat(applied.event()).isEqualTo(fourth);
			assertThat(applied.afterGap()).isTrue();
			assertThat(applied.state().missingRevisions()).containsExactly(2L, 3L);
			assertThat(applied.state().revision()).isEqualTo(4);
		});

		// and when revision 2 arrives after all, it is applied, flagged, and no longer
		// missing
		send(second);
		assertThat(this.accepted.readValuesToList()).singleElement().satisfies((applied) -> {
			assertThat(applied.event()).isEqualTo(second);
			assertThat(applied.afterGap()).isTrue();
			assertThat(applied.state().missingRevisions()).containsExactly(3L);
			assertThat(applied.state().revision()).isEqualTo(4);
			assertThat(applied.state().realisedCapital()).isEqualTo(Money.usd("20"));
		});
	}

	@Test
	void shouldPublishEachProjectsStateThroughItsLife() {
		List<LicensingEvent> life = vn.investledger.testsupport.ProjectLife.of("HP-LIFE", "31");
		life.forEach(this::send);

		Map<String, ProjectState> latest = this.states.readKeyValuesToMap();

		assertThat(latest.get("HP-LIFE")).satisfies((state) -> {
			assertThat(state.revision()).isEqualTo(7);
			assertThat(state.status()).isEqualTo(ProjectStatus.TERMINATED);
			assertThat(state.registeredCapital()).isEqualTo(Money.usd("17499999.50"));
			assertThat(state.contributedCapital()).isEqualTo(Money.usd("3000000"));
			assertThat(state.realisedCapital()).isEqualTo(Money.usd("5000000"));
			assertThat(state.zoneCode()).isEqualTo("HP-TRANG-DUE");
			assertThat(state.partnerCountry()).isEqualTo("KR");
			assertThat(state.licensedOn()).isEqualTo(java.time.LocalDate.of(2024, 3, 15));
			assertThat(state.missingRevisions()).isEmpty();
		});
	}

	@Test
	void shouldGiveAnAdjustmentThatArrivedFirstTheLicencesAttributes() {
		Licensed licence = SampleEvents.fdiLicence("HP-1", "31", Money.usd("100"));
		Disbursed second = disbursement("HP-1", 2);

		send(second);
		send(licence);

		assertThat(this.accepted.readValuesToList()).extracting(AppliedEvent::event, (a) -> a.state().zoneCode())
			.containsExactly(org.assertj.core.groups.Tuple.tuple(licence, "HP-TRANG-DUE"),
					org.assertj.core.groups.Tuple.tuple(second, "HP-TRANG-DUE"));
	}

	@Test
	void shouldDeadLetterADifferentEventClaimingAnAppliedRevision() {
		Licensed licence = SampleEvents.fdiLicence("HP-1", "31", Money.usd("100"));
		Licensed impostor = SampleEvents.withEnvelope(licence,
				SampleEvents.envelope("HP-1", 1, "31", licence.envelope().effectiveDate()));

		send(licence);
		send(impostor);

		assertThat(events()).containsExactly(licence);
		List<TestRecord<byte[], byte[]>> dead = this.deadLetters.readRecordsToList();
		assertThat(dead).singleElement().satisfies((record) -> {
			assertThat(record.value()).isEqualTo(EventJson.toBytes(impostor));
			assertThat(header(record, "__streams.errors.message"))
				.contains("Revision 1 of project HP-1 was already applied");
		});
	}

	@Test
	void shouldDeadLetterAnEventWhoseKeyIsNotItsProjectCode() {
		Licensed licence = SampleEvents.fdiLicence("HP-1", "31", Money.usd("100"));

		this.haiPhong.pipeInput("HP-2", EventJson.toBytes(licence));

		assertThat(this.accepted.isEmpty()).isTrue();
		assertThat(this.deadLetters.readRecordsToList()).singleElement()
			.satisfies((record) -> assertThat(header(record, "__streams.errors.message"))
				.isEqualTo("The record key \"HP-2\" is not the event's project code \"HP-1\""));
	}

	private List<LicensingEvent> events() {
		return this.accepted.readValuesToList().stream().map(AppliedEvent::event).toList();
	}

	private void send(LicensingEvent event) {
		this.haiPhong.pipeInput(event.key(), EventJson.toBytes(event));
	}

	private static Disbursed disbursement(String projectCode, long revision) {
		EventEnvelope envelope = new EventEnvelope(1, UUID.randomUUID(), projectCode, revision, "31",
				java.time.LocalDate.of(2024, 5, 1), java.time.Instant.now());
		return new Disbursed(envelope, InvestmentType.FDI, Money.usd("10"));
	}

	private static String header(TestRecord<byte[], byte[]> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

}
