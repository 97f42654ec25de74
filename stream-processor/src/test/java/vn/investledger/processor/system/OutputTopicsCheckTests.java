package vn.investledger.processor.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.kafka.core.KafkaAdmin;

import vn.investledger.events.Topics;
import vn.investledger.localstack.FreePorts;
import vn.investledger.processor.StreamProcessorApplication;
import vn.investledger.testsupport.RealServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Spring's admin adds partitions to a topic that has fewer than its declaration: on the
 * figures' topic a key's newer records would land on another partition than its older
 * ones, and the indexer, which versions each figure by its record's offset, would keep
 * the older. A processor whose {@code investledger.topic-partitions} differs from its
 * keyed topics refuses to start instead, and the topics stay as they were.
 */
@ExtendWith(RealServers.class)
class OutputTopicsCheckTests {

	@Test
	void shouldRefuseToStartRatherThanAddPartitionsToAKeyedTopic(@TempDir Path state) throws Exception {
		String prefix = "outputs" + UUID.randomUUID().toString().substring(0, 8);
		Topics topics = Topics.withPrefix(prefix);
		String bootstrap = RealServers.kafka().bootstrapServers();
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
			// Given the figures' and the applied events' topics made with 3 partitions
			admin.createTopics(List.of(new NewTopic(topics.totals().name(), 3, (short) 1),
					new NewTopic(topics.appliedEvents().name(), 3, (short) 1)))
				.all()
				.get();
			await().atMost(Duration.ofSeconds(30))
				.ignoreExceptionsInstanceOf(ExecutionException.class)
				.until(() -> admin.describeTopics(List.of(topics.totals().name(), topics.appliedEvents().name()))
					.allTopicNames()
					.get()
					.size() == 2);

			// When the check runs with the default 6, it names both; with 3 it passes
			assertThatIllegalStateException()
				.isThrownBy(() -> new OutputTopicsCheck(new KafkaAdmin(Map.of("bootstrap.servers", bootstrap)),
						properties(prefix, 6)))
				.withMessageContaining(topics.totals().name() + " has 3")
				.withMessageContaining(topics.appliedEvents().name() + " has 3")
				.withMessageContaining("investledger.topic-partitions=6");
			assertThat(
					new OutputTopicsCheck(new KafkaAdmin(Map.of("bootstrap.servers", bootstrap)), properties(prefix, 3))
						.partitions())
				.isEqualTo(3);

			// And a processor started with the default refuses to start, before the
			// admin has added partitions to either
			assertThatException()
				.isThrownBy(() -> StreamProcessorApplication.application()
					.run("--server.port=" + FreePorts.next(), "--spring.kafka.bootstrap-servers=" + bootstrap,
							"--investledger.topic-prefix=" + prefix, "--spring.kafka.streams.state-dir=" + state)
					.close())
				.withStackTraceContaining(topics.totals().name() + " has 3")
				.withStackTraceContaining("Set investledger.topic-partitions");
			assertThat(admin.describeTopics(List.of(topics.totals().name(), topics.appliedEvents().name()))
				.allTopicNames()
				.get()
				.values()).allSatisfy((topic) -> assertThat(topic.partitions()).hasSize(3));
			// (nor made the other keyed topics)
			assertThat(admin.listTopics().names().get()).doesNotContain(topics.stock().name(),
					topics.projectState().name());
		}
	}

	@Test
	void shouldSayWhatToSetOnlyWhereOneSettingFitsEveryKeyedTopic() {
		assertThat(OutputTopicsCheck.refusal(Map.of("l.totals", 6, "l.stock", 6), 6)).isNull();
		assertThat(OutputTopicsCheck.refusal(Map.of(), 6)).isNull();
		// fewer: the admin would add partitions
		assertThat(OutputTopicsCheck.refusal(Map.of("l.totals", 6, "l.stock", 6), 12))
			.contains("l.stock has 6, l.totals has 6")
			.contains("adding partitions")
			.contains("Set investledger.topic-partitions (TOPIC_PARTITIONS) to 6")
			.doesNotContain("recount");
		// more: the topics made from now on would differ; a count other than the
		// ledger's tasks leaves the recount refused
		assertThat(OutputTopicsCheck.refusal(Map.of("l.totals", 12), 6)).contains("l.totals has 12")
			.contains("made from now on")
			.doesNotContain("adding partitions")
			.contains("to 12 (a recount then refuses");
		// topics that differ among themselves: no one setting fits
		assertThat(OutputTopicsCheck.refusal(Map.of("l.totals", 3, "l.applied-events", 6), 6))
			.contains("l.totals has 3")
			.doesNotContain("l.applied-events has")
			.contains("differ among themselves")
			.contains("make the topics whose count differs from the setting anew")
			.doesNotContain("Set investledger.topic-partitions");
	}

	private static ProcessorProperties properties(String prefix, int partitions) {
		return new ProcessorProperties(prefix, partitions, (short) 1, Duration.ofMinutes(5), null, null);
	}

}
