package vn.investledger.processor.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import vn.investledger.processor.totals.TotalsTopology;
import vn.investledger.testsupport.KafkaServer;
import vn.investledger.testsupport.RealServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * When a replay's figures are published ({@link FiguresSettled}), on a real broker: the
 * application's offsets set by hand as its streams would commit them, its streams
 * running.
 */
@ExtendWith(RealServers.class)
class FiguresSettledTests {

	@Test
	void shouldWaitForARepartitionTransactionStillOpenWhenTheLastCellsAreSpread(KafkaServer kafka) throws Exception {
		String applicationId = "settled" + UUID.randomUUID().toString().substring(0, 8);
		TopicPartition input = new TopicPartition(applicationId + ".events.31", 0);
		TopicPartition repartition = new TopicPartition(applicationId + "-by-figure-repartition", 0);
		List<NewTopic> topics = new ArrayList<>(
				List.of(new NewTopic(input.topic(), 1, (short) 1), new NewTopic(repartition.topic(), 1, (short) 1)));
		TotalsTopology.PENDING_STORES
			.forEach((store) -> topics.add(new NewTopic(applicationId + "-" + store + "-changelog", 1, (short) 1)));
		Properties clients = new Properties();
		clients.put("bootstrap.servers", kafka.bootstrapServers());
		KafkaStreams streams = mock(KafkaStreams.class);
		given(streams.state()).willReturn(KafkaStreams.State.RUNNING);
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
				KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
						kafka.bootstrapServers(), "transactional.id", applicationId + "-task"), new StringSerializer(),
						new StringSerializer())) {
			admin.createTopics(topics).all().get();
			// Given the mark's input committed (offset 1), no cell pending, and on the
			// figures' repartition topic a transaction's cells, committed and summed
			// (offsets 0 and its marker 1), then the cells of the last spreading in a
			// transaction not yet committed there (offset 2)
			FiguresSettled settled = new FiguresSettled(admin, clients, applicationId, Map.of(input, 1L),
					List.of("by-figure-repartition"), Duration.ZERO, Duration.ofSeconds(30), () -> streams);
			producer.initTransactions();
			producer.beginTransaction();
			producer.send(new ProducerRecord<>(repartition.topic(), 0, "cell", "summed")).get();
			producer.commitTransaction();
			producer.beginTransaction();
			producer.send(new ProducerRecord<>(repartition.topic(), 0, "cell", "spread last")).get();
			commit(admin, applicationId, Map.of(input, 1L, repartition, 2L));

			// When asked: the mark is reached, then every condition holds but the last
			assertThat(settled.settled()).as("the mark just reached").isFalse();
			// Then the figures are not published while the cells spread last are in a
			// transaction still open on the repartition topic (its last stable offset, 2,
			// is committed; its log end, 3, is not)
			assertThat(settled.settled()).as("a transaction still open on the repartition topic").isFalse();

			// nor once it is committed, until the application has read and summed them
			producer.commitTransaction();
			assertThat(settled.settled()).as("the last cells not yet summed").isFalse();
			commit(admin, applicationId, Map.of(input, 1L, repartition, 3L));
			assertThat(settled.settled()).as("the last cells summed").isTrue();
		}
	}

	private static void commit(Admin admin, String group, Map<TopicPartition, Long> offsets) throws Exception {
		Map<TopicPartition, OffsetAndMetadata> committed = new java.util.HashMap<>();
		offsets.forEach((partition, offset) -> committed.put(partition, new OffsetAndMetadata(offset)));
		admin.alterConsumerGroupOffsets(group, committed).all().get();
	}

}
