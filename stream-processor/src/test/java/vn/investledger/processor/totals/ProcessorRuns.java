package vn.investledger.processor.totals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.context.ConfigurableApplicationContext;

import vn.investledger.localstack.FreePorts;
import vn.investledger.events.EventJson;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Topics;
import vn.investledger.events.reference.VsicEditions;
import vn.investledger.processor.StreamProcessorApplication;
import vn.investledger.testsupport.KafkaServer;

/**
 * Processors run in the test's JVM on the shared broker, and the events they count.
 */
final class ProcessorRuns {

	/**
	 * The lock of the classes that replay or recount ({@code @ResourceLock}): they run
	 * beside other classes, but not beside each other. In one of six runs of this module
	 * with two classes at a time and no lock, a replay made no progress for over a minute
	 * while another class's replay ran, and nothing it logged at WARN said why. They are
	 * also ordered first ({@code @Order}), longest first, so that they run one after the
	 * other beside the rest rather than alone once the rest is done.
	 */
	static final String REPLAYS = "replays on the shared broker";

	private ProcessorRuns() {
	}

	/**
	 * Starts a processor, as a host with its own state directory would.
	 * @param kafka the broker
	 * @param prefix the test's topic prefix
	 * @param state the host's state directory
	 * @param more further arguments
	 * @return the running processor
	 */
	static ConfigurableApplicationContext start(KafkaServer kafka, String prefix, Path state, String... more)
			throws Exception {
		int port = FreePorts.next();
		List<String> arguments = new ArrayList<>(
				List.of("--server.port=" + port, "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
						"--investledger.topic-prefix=" + prefix, "--spring.kafka.streams.state-dir=" + state));
		// no console to wait for, and a partition that stays behind is read soon, unless
		// the test says otherwise
		for (String setting : List.of("--investledger.replay.mark-notice=0s", "--investledger.replay.stuck-after=3s")) {
			String name = setting.substring(0, setting.indexOf('=') + 1);
			if (java.util.Arrays.stream(more).noneMatch((given) -> given.startsWith(name))) {
				arguments.add(setting);
			}
		}
		arguments.addAll(List.of(more));
		return StreamProcessorApplication.application().run(arguments.toArray(String[]::new));
	}

	/**
	 * Publishes events as their units do, each to its province's topic, idempotently.
	 * @param kafka the broker
	 * @param topics the topics
	 * @param deliveries the events, in order
	 */
	static void publish(KafkaServer kafka, Topics topics, List<LicensingEvent> deliveries) {
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG,
						"all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
				new StringSerializer(), new ByteArraySerializer())) {
			for (LicensingEvent event : deliveries) {
				producer.send(new ProducerRecord<>(topics.eventTopicName(event.envelope().provinceCode()), event.key(),
						EventJson.toBytes(event)));
			}
		}
	}

	/**
	 * The shipped VSIC sections with VSIC 2025 in force a fortnight later: tables other
	 * than those the figures were counted under, which only a replay applies.
	 * @param work where to write them
	 * @return the file
	 */
	static Path laterVsic2025(Path work) throws Exception {
		Path sections = work.resolve("vsic-sections.csv");
		try (var in = VsicEditions.class.getResourceAsStream("/reference/vsic-sections.csv")) {
			Files.writeString(sections,
					new String(in.readAllBytes(), StandardCharsets.UTF_8).replace(",2025-11-14,", ",2025-11-30,")
						.replace("VSIC 2025,2025-11-15,", "VSIC 2025,2025-12-01,"),
					StandardCharsets.UTF_8);
		}
		return sections;
	}

}
