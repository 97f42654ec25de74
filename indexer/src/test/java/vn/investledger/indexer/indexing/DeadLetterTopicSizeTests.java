package vn.investledger.indexer.indexing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import vn.investledger.testsupport.KafkaServer;
import vn.investledger.testsupport.RealServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A dead-letter topic made by an earlier version, with Kafka's 1 MiB, is raised to the
 * dead letters' size as the indexer starts, on the real broker; a larger one and a
 * missing one are left alone.
 */
@ExtendWith(RealServers.class)
class DeadLetterTopicSizeTests {

	@Test
	void shouldRaiseADeadLetterTopicThatTakesLessThanADeadLetter(KafkaServer kafka) throws Exception {
		String prefix = "dlqsize" + UUID.randomUUID().toString().substring(0, 8);
		String older = prefix + ".indexer.dlq";
		String larger = prefix + ".larger.dlq";
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
			// Given a dead-letter topic as an earlier version made it, and one an
			// operator
			// made larger
			admin
				.createTopics(List.of(new NewTopic(older, 1, (short) 1),
						new NewTopic(larger, 1, (short) 1)
							.configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(8 * 1024 * 1024)))))
				.all()
				.get();
			// (once the broker describes them)
			await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
				assertThat(maxMessageBytes(admin, older)).isLessThan(DeadLetters.MAX_RECORD_BYTES);
				assertThat(maxMessageBytes(admin, larger)).isEqualTo(8 * 1024 * 1024);
			});

			// When the indexer starts, then the older one takes a dead letter of the
			// largest size, once
			assertThat(DeadLetterTopicSize.raise(admin, older)).isTrue();
			// (once the broker that describes it has applied the controller's change)
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(maxMessageBytes(admin, older)).isEqualTo(DeadLetters.MAX_RECORD_BYTES));
			assertThat(DeadLetterTopicSize.raise(admin, older)).isFalse();
			// and the larger one is not made smaller, nor a missing one made
			assertThat(DeadLetterTopicSize.raise(admin, larger)).isFalse();
			assertThat(maxMessageBytes(admin, larger)).isEqualTo(8 * 1024 * 1024);
			assertThat(DeadLetterTopicSize.raise(admin, prefix + ".missing")).isFalse();
			assertThat(admin.listTopics().names().get()).doesNotContain(prefix + ".missing");
		}
	}

	private static long maxMessageBytes(Admin admin, String topic) throws Exception {
		ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
		return Long.parseLong(admin.describeConfigs(List.of(resource))
			.all()
			.get()
			.get(resource)
			.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG)
			.value());
	}

}
