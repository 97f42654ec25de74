package vn.investledger.processor.replay;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.Test;

import vn.investledger.events.Topics;
import vn.investledger.processor.system.ClientSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replay signs in as the processor does: its admin client and the StreamsResetter get
 * the application's SASL settings. What it retires before it counts.
 */
class OffsetResetTests {

	private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required"
			+ " username=\"stream-processor\" password=\"secret\";";

	@Test
	void shouldGiveTheReplaysClientsTheApplicationsSaslSettings() throws Exception {
		// Given the streams configuration of a processor on an authenticated cluster
		Properties streams = new Properties();
		streams.put("bootstrap.servers", List.of("kafka-1:9092", "kafka-2:9092"));
		streams.put("application.id", "ledger-stream-processor");
		streams.put("security.protocol", "SASL_PLAINTEXT");
		streams.put("sasl.mechanism", "SCRAM-SHA-512");
		streams.put("sasl.jaas.config", JAAS);
		streams.put("processing.guarantee", "exactly_once_v2");

		// When the replay builds its clients' settings
		Properties client = ClientSettings.of(streams);
		Path file = OffsetReset.commandConfig(client);
		try {
			// Then the admin client signs in, and nothing of the streams' own settings
			// leaks
			assertThat(client).containsEntry("bootstrap.servers", "kafka-1:9092,kafka-2:9092")
				.containsEntry("security.protocol", "SASL_PLAINTEXT")
				.containsEntry("sasl.mechanism", "SCRAM-SHA-512")
				.containsEntry("sasl.jaas.config", JAAS)
				.doesNotContainKeys("application.id", "processing.guarantee");
			// and so does the StreamsResetter, from a file only this user reads
			Properties command = new Properties();
			try (var in = Files.newBufferedReader(file)) {
				command.load(in);
			}
			assertThat(command).containsEntry("security.protocol", "SASL_PLAINTEXT")
				.containsEntry("sasl.mechanism", "SCRAM-SHA-512")
				.containsEntry("sasl.jaas.config", JAAS);
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	@Test
	void shouldRetireTheProjectStatesInAReplayOnlyAndTheFiguresInBoth() {
		Topics topics = Topics.withPrefix("ledger");
		List<String> figures = List.of("ledger.totals", "ledger.stock");

		// a replay's ledger may decide otherwise: its states are published again
		assertThat(new OffsetReset(null, topics, null, null).retiredTopics()).containsExactlyInAnyOrder("ledger.totals",
				"ledger.stock", "ledger.project-state");
		// a recount keeps the ledger's decisions, and so its states
		assertThat(new OffsetReset(null, topics, null, new OffsetReset.Recount(12, Set.of())).retiredTopics())
			.containsExactlyInAnyOrderElementsOf(figures);
	}

	@Test
	void shouldWaitForTheFiguresToBeReadableTwiceAsLongAsATransactionMayStayOpenAndAtLeast30Seconds() {
		Properties config = new Properties();
		assertThat(OffsetReset.readableWithin(config)).hasSeconds(30);
		config.put("producer.transaction.timeout.ms", "60000");
		assertThat(OffsetReset.readableWithin(config)).hasSeconds(120);
		config.put("producer.transaction.timeout.ms", "5000");
		assertThat(OffsetReset.readableWithin(config)).hasSeconds(30);
	}

}
