package vn.investledger.processor;

import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.investledger.events.EventJson;
import vn.investledger.events.Licensed;
import vn.investledger.events.Money;
import vn.investledger.events.Topics;
import vn.investledger.events.Total;
import vn.investledger.testsupport.RealServers;
import vn.investledger.testsupport.SampleEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topology and settings that Spring assembles (prefix, exactly once, dead-letter
 * topic) are the ones the topology tests exercise.
 */
@SpringBootTest(classes = StreamProcessorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.config.name=stream-processor", "spring.kafka.streams.auto-startup=false",
				"investledger.topic-prefix=wiring" })
@ExtendWith(RealServers.class)
class StreamProcessorWiringTests {

	@Autowired
	private StreamsBuilderFactoryBean streams;

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", () -> RealServers.kafka().bootstrapServers());
	}

	@Test
	void shouldWireExactlyOnceAndTheDeadLetterTopicOfTheConfiguredPrefix() {
		Properties config = this.streams.getStreamsConfiguration();

		assertThat(config).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
			.containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "wiring.events.dlq")
			.containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "wiring-stream-processor");
	}

	@Test
	void shouldBuildTheTotalsTopologyOverTheConfiguredTopics() throws Exception {
		Properties config = this.streams.getStreamsConfiguration();
		config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
		try (TopologyTestDriver driver = new TopologyTestDriver(this.streams.getObject().build(), config)) {
			TestInputTopic<String, byte[]> events = driver.createInputTopic("wiring.events.31", new StringSerializer(),
					new ByteArraySerializer());
			Licensed licence = SampleEvents.fdiLicence("2104567890", "31", Money.usd("12.34"));
			events.pipeInput(licence.key(), EventJson.toBytes(licence));
			// parseable, but revision 0 breaks the contract
			byte[] invalid = EventJson.toBytes(SampleEvents.withEnvelope(licence,
					SampleEvents.envelope("2104567899", 0, "31", licence.envelope().effectiveDate())));
			events.pipeInput("2104567899", invalid);
			// the figures are forwarded once per commit interval
			driver.advanceWallClockTime(java.time.Duration.ofSeconds(1));

			Map<String, Total> totals = driver
				.createOutputTopic("wiring.totals", new StringDeserializer(), Topics.totalSerde().deserializer())
				.readKeyValuesToMap();
			assertThat(totals.get("province|province=31|all|FDI").newCapital()).isEqualTo(Money.usd("12.34"));
			assertThat(driver
				.createOutputTopic("wiring.events.dlq", new ByteArrayDeserializer(), new ByteArrayDeserializer())
				.readValuesToList()).containsExactly(invalid);
		}
	}

}
