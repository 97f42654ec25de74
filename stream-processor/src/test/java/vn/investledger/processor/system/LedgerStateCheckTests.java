package vn.investledger.processor.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.core.KafkaAdmin;

import vn.investledger.events.Topics;
import vn.investledger.testsupport.RealServers;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

/**
 * The processor refuses to go on from state an earlier version built: it read events, yet
 * the ledger's own store was never created. Once it is (a replay), it starts.
 */
@ExtendWith(RealServers.class)
class LedgerStateCheckTests {

	@Test
	void shouldRefuseStateBuiltBeforeTheLedgerUntilItIsReplayed() throws Exception {
		String prefix = "check" + UUID.randomUUID().toString().substring(0, 8);
		Topics topics = Topics.withPrefix(prefix);
		String bootstrap = RealServers.kafka().bootstrapServers();
		String applicationId = prefix + "-stream-processor";
		StreamsBuilderFactoryBean streams = new StreamsBuilderFactoryBean(
				new KafkaStreamsConfiguration(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, applicationId,
						StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap)));
		ProcessorProperties properties = new ProcessorProperties(prefix, 6, (short) 1, Duration.ofMinutes(5), null,
				null);
		LedgerStateCheck check = new LedgerStateCheck(new KafkaAdmin(Map.of("bootstrap.servers", bootstrap)), streams,
				properties,
				new RulesInForce(streams, properties, vn.investledger.events.rulebook.Rules.standard(), null));
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
			admin.createTopics(List.of(new NewTopic(topics.eventTopicName("31"), 6, (short) 1),
					new NewTopic(topics.appliedEvents().name(), 6, (short) 1)))
				.all()
				.get();
			// a fresh application starts
			assertThatNoException().isThrownBy(check::afterSingletonsInstantiated);

			// one that read events, as an earlier version did, and applied none, does not
			admin
				.alterConsumerGroupOffsets(applicationId,
						Map.of(new TopicPartition(topics.eventTopicName("31"), 0), new OffsetAndMetadata(42)))
				.all()
				.get();
			assertThatIllegalStateException().isThrownBy(check::afterSingletonsInstantiated)
				.withMessageContaining("--investledger.replay=true");

			// once the ledger's stores exist (a replay, or every start of this version
			// after its first), it starts, however few events it applied; the broker
			// lists a new topic once its metadata has spread
			admin.createTopics(List.of(new NewTopic(applicationId + "-unit-volumes-changelog", 6, (short) 1)))
				.all()
				.get();
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThatNoException().isThrownBy(check::afterSingletonsInstantiated));
		}
	}

}
