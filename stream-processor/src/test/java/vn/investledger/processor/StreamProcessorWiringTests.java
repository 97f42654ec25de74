package vn.investledger.processor;

import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
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
import vn.investledger.events.Rejection;
import vn.investledger.events.RejectionReason;
import vn.investledger.events.Money;
import vn.investledger.events.Topics;
import vn.investledger.events.Total;
import vn.investledger.processor.system.StreamsFailures;
import vn.investledger.testsupport.RealServers;
import vn.investledger.testsupport.SampleEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topology and settings that Spring assembles (prefix, exactly once, failure
 * handlers, partitions of the event topics) are the ones the topology tests exercise.
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
	void shouldWireExactlyOnceAndHandlersThatNeverSkipARecord() {
		Properties config = this.streams.getStreamsConfiguration();

		assertThat(config).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
			.containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "wiring-stream-processor")
			.containsEntry(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, StreamsFailures.Processing.class)
			.containsEntry(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, StreamsFailures.Production.class)
			.containsEntry(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
					StreamsFailures.Deserialization.class)
			.doesNotContainKey(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
	}

	@Test
	void shouldBuildTheTotalsTopologyOverTheConfiguredTopics() throws Exception {
		Properties config = this.streams.getStreamsConfiguration();
		config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
		try (TopologyTestDriver driver = new TopologyTestDriver(this.streams.getObject().build(), config)) {
			TestInputTopic<String, byte[]> events = driver.createInputTopic("wiring.events.31", new StringSerializer(),
					new ByteArraySerializer());
			// the driver reads every record from partition 0, where murmur2 puts this key
			// among 6 partitions
			String home = codeInPartition(0);
			Licensed licence = SampleEvents.fdiLicence(home, "31", Money.usd("12.34"));
			events.pipeInput(licence.key(), EventJson.toBytes(licence));
			// parseable, but revision 0 breaks the contract
			byte[] invalid = EventJson.toBytes(SampleEvents.withEnvelope(licence,
					SampleEvents.envelope(home + "-0", 0, "31", licence.envelope().effectiveDate())));
			events.pipeInput(home + "-0", invalid);
			// valid, but another partition's key
			Licensed elsewhere = SampleEvents.fdiLicence(codeInPartition(1), "31", Money.usd("1"));
			events.pipeInput(elsewhere.key(), EventJson.toBytes(elsewhere));
			// the figures are forwarded once per commit interval
			driver.advanceWallClockTime(java.time.Duration.ofSeconds(1));

			Map<String, Total> totals = driver
				.createOutputTopic("wiring.totals", new StringDeserializer(), Topics.totalSerde().deserializer())
				.readKeyValuesToMap();
			assertThat(totals.get("province|province=31|all|FDI").newCapital()).isEqualTo(Money.usd("12.34"));
			assertThat(totals.get("national||all|FDI").newProjects()).isEqualTo(1);
			assertThat(driver
				.createOutputTopic("wiring.rejections.31", new ByteArrayDeserializer(), new ByteArrayDeserializer())
				.readRecordsToList()).extracting((record) -> Rejection.fromHeaders(record.headers()).reason())
				.containsExactly(RejectionReason.INVALID, RejectionReason.MISPLACED);
		}
	}

	private static String codeInPartition(int partition) {
		for (int i = 0;; i++) {
			String code = "21045678" + i;
			if (Utils.toPositive(Utils.murmur2(code.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
					% Topics.EVENT_PARTITIONS == partition) {
				return code;
			}
		}
	}

}
