package vn.investledger.indexer.indexing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import vn.investledger.access.PasswordHash;
import vn.investledger.indexer.IndexerApplication;
import vn.investledger.testsupport.ElasticsearchServer;
import vn.investledger.testsupport.KafkaServer;
import vn.investledger.testsupport.RealServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The indexer's groups commit past the processor's last commit marker on a real broker,
 * even for a partition idle since the indexer started: the applied-events topic written
 * in a transaction as the processor writes it, the history indexer's group left one
 * offset short of its end (after the last record, before the marker: as an indexer that
 * stopped there left it), then the indexer started. Without it the group would stay one
 * offset behind until the next event, and every publication would wait for it in vain. A
 * partition holding only an aborted transaction, of which the group has no offset, gets
 * the offset past it too: the console waits on these offsets after a replay.
 */
@ExtendWith(RealServers.class)
class CommittedPositionsTests {

	@Test
	void shouldCommitPastTheLastCommitMarkerOfAPartitionIdleSinceTheStart(KafkaServer kafka,
			ElasticsearchServer elasticsearch) throws Exception {
		String prefix = "positions" + UUID.randomUUID().toString().substring(0, 8);
		String topic = prefix + ".applied-events";
		String group = prefix + "-history-indexer";
		TopicPartition partition = new TopicPartition(topic, 0);
		TopicPartition aborted = new TopicPartition(topic, 1);
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
			// Given three records written in one transaction, and the group committed
			// after the last of them, before the transaction's commit marker
			admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
			try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
							ProducerConfig.TRANSACTIONAL_ID_CONFIG, prefix + "-processor"),
					new StringSerializer(), new ByteArraySerializer())) {
				producer.initTransactions();
				producer.beginTransaction();
				for (int i = 0; i < 3; i++) {
					producer.send(new ProducerRecord<>(topic, 0, "P" + i, "{}".getBytes(StandardCharsets.UTF_8)));
				}
				producer.commitTransaction();
				// and, on another partition, only a transaction aborted
				producer.beginTransaction();
				producer.send(new ProducerRecord<>(topic, 1, "A", "{}".getBytes(StandardCharsets.UTF_8)));
				producer.flush();
				producer.abortTransaction();
			}
			// the coordinator writes the marker once the commit is acknowledged
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(
						() -> assertThat(end(admin, partition)).as("three records and a commit marker").isEqualTo(4));
			long end = end(admin, partition);
			admin.alterConsumerGroupOffsets(group, Map.of(partition, new OffsetAndMetadata(3)))
				.all()
				.get(30, TimeUnit.SECONDS);

			// When the indexer starts, and finds nothing after the group's offset but the
			// marker
			try (ConfigurableApplicationContext indexer = IndexerApplication.application()
				.run("--server.port=0", "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
						"--spring.elasticsearch.uris=" + elasticsearch.url(), "--investledger.topic-prefix=" + prefix,
						"--investledger.index-prefix=" + prefix,
						"--spring.kafka.listener.idle-partition-event-interval=500ms",
						"--investledger.access.users[0].name=admin",
						"--investledger.access.users[0].password=" + PasswordHash.of("admin-" + prefix),
						"--investledger.access.users[0].roles=ADMIN")) {
				// Then its group commits the topic's end: no lag
				await().atMost(Duration.ofSeconds(60))
					.untilAsserted(() -> assertThat(committed(admin, group, partition)).isEqualTo(end));
				// and past the aborted transaction and its marker, of which it had no
				// offset
				await().atMost(Duration.ofSeconds(60))
					.untilAsserted(() -> assertThat(committed(admin, group, aborted)).isEqualTo(2));
				// while the follower of the rulebook topic, in no group, is not asked to
				// commit (its consumer would fail on every idle poll)
				KafkaListenerEndpointRegistry listeners = indexer.getBean(KafkaListenerEndpointRegistry.class);
				assertThat(listeners.getListenerContainer("decisions-mark").getContainerProperties().isFixTxOffsets())
					.isFalse();
				assertThat(listeners.getListenerContainer("history-indexer").getContainerProperties().isFixTxOffsets())
					.isTrue();
			}
		}
	}

	private static long end(Admin admin, TopicPartition partition) throws Exception {
		return admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
			.partitionResult(partition)
			.get(30, TimeUnit.SECONDS)
			.offset();
	}

	private static long committed(Admin admin, String group, TopicPartition partition) throws Exception {
		OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group)
			.partitionsToOffsetAndMetadata()
			.get(30, TimeUnit.SECONDS)
			.get(partition);
		return (committed != null) ? committed.offset() : -1;
	}

}
