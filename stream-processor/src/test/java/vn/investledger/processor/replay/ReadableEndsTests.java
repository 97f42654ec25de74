package vn.investledger.processor.replay;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import vn.investledger.testsupport.KafkaServer;
import vn.investledger.testsupport.RealServers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ends a replay records before its mark goes lie past every record its figures'
 * topics held when asked, also those of a transaction whose marker is not yet written
 * there (its offsets may already show committed).
 */
@ExtendWith(RealServers.class)
class ReadableEndsTests {

	@Test
	void shouldWaitForTheRecordsWrittenWhenAskedToBeReadable(KafkaServer kafka) throws Exception {
		String topic = "readable" + UUID.randomUUID().toString().substring(0, 8) + ".totals";
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
				KafkaProducer<String, String> producer = new KafkaProducer<>(
						Map.of("bootstrap.servers", kafka.bootstrapServers(), "transactional.id", topic),
						new StringSerializer(), new StringSerializer())) {
			admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
			producer.initTransactions();
			producer.beginTransaction();
			for (int i = 0; i < 10; i++) {
				producer.send(new ProducerRecord<>(topic, i % 2, "figure-" + i, "sum"));
			}
			producer.flush();
			// Given figures written in a transaction whose marker is not yet there
			CompletableFuture<Map<TopicPartition, Long>> ends = CompletableFuture.supplyAsync(() -> {
				try {
					return OffsetReset.readableEnds(admin, List.of(topic), Duration.ofSeconds(30));
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			Thread.sleep(1_000);
			assertThat(ends).as("the ends, while the transaction is open").isNotDone();

			// When it commits
			producer.commitTransaction();

			// Then the ends recorded lie past its every figure and its marker
			assertThat(ends.get(30, TimeUnit.SECONDS)).containsOnly(Map.entry(new TopicPartition(topic, 0), 6L),
					Map.entry(new TopicPartition(topic, 1), 6L));
		}
	}

}
