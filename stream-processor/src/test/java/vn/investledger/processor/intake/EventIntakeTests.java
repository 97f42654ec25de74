package vn.investledger.processor.intake;

import java.nio.charset.StandardCharsets;
import java.util.List;
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
import vn.investledger.events.Topics;
import vn.investledger.processor.system.StreamsConfiguration;
import vn.investledger.testsupport.SampleEvents;

import static org.assertj.core.api.Assertions.assertThat;

class EventIntakeTests {

	private final Topics topics = Topics.withPrefix("intake");

	private TopologyTestDriver driver;

	private TestInputTopic<String, byte[]> haiPhong;

	private TestOutputTopic<String, LicensingEvent> accepted;

	private TestOutputTopic<byte[], byte[]> deadLetters;

	@BeforeEach
	void buildDriver() {
		StreamsBuilder builder = new StreamsBuilder();
		EventIntake.acceptedEvents(builder, this.topics)
			.to("accepted", Produced.with(Serdes.String(), Topics.eventSerde()));
		Properties config = new Properties();
		config.putAll(StreamsConfiguration.designSettings(this.topics));
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, "intake-test");
		this.driver = new TopologyTestDriver(builder.build(), config);
		this.haiPhong = this.driver.createInputTopic("intake.events.31", new StringSerializer(),
				new ByteArraySerializer());
		this.accepted = this.driver.createOutputTopic("accepted", Serdes.String().deserializer(),
				Topics.eventSerde().deserializer());
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

		assertThat(this.accepted.readValuesToList()).containsExactly(licence);
		assertThat(this.deadLetters.isEmpty()).isTrue();
	}

	@Test
	void shouldApplyEveryRevisionOnceWhateverTheOrder() {
		Licensed licence = SampleEvents.fdiLicence("HP-1", "31", Money.usd("100"));
		Disbursed second = disbursement("HP-1", 2);
		Disbursed third = disbursement("HP-1", 3);

		// revision 3 arrives before 2, and 2 is retried
		send(licence);
		send(third);
		send(second);
		send(second);

		assertThat(this.accepted.readValuesToList()).containsExactly(licence, third, second);
	}

	@Test
	void shouldDeadLetterADifferentEventClaimingAnAppliedRevision() {
		Licensed licence = SampleEvents.fdiLicence("HP-1", "31", Money.usd("100"));
		Licensed impostor = SampleEvents.withEnvelope(licence,
				SampleEvents.envelope("HP-1", 1, "31", licence.envelope().effectiveDate()));

		send(licence);
		send(impostor);

		assertThat(this.accepted.readValuesToList()).containsExactly(licence);
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
