package vn.investledger.processor.system;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.kafka.core.KafkaAdmin;

import vn.investledger.events.Topics;
import vn.investledger.testsupport.RealServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Kafka bounds a batch by its compressed size, and a consumer unpacks each record into
 * one buffer of the size the record declares: a zstd batch of a few kilobytes that
 * unpacks to a gigabyte runs the ledger's consumer out of heap on every try. An event
 * topic is stored uncompressed with a bound on its batches, so the broker unpacks what a
 * province sends and refuses it past the bound before any consumer reads it.
 */
@ExtendWith(RealServers.class)
class EventTopicsCheckTests {

	private static final int MIB = 1024 * 1024;

	@Test
	void shouldStoreEveryEventTopicUncompressedSoThatNoBatchUnpacksPastTheBound() throws Exception {
		String prefix = "compression" + UUID.randomUUID().toString().substring(0, 8);
		Topics topics = Topics.withPrefix(prefix);
		String topic = topics.eventTopicName("31");
		String bootstrap = RealServers.kafka().bootstrapServers();
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
			// Given an event topic made by hand, compressed as its producers send
			admin.createTopics(List.of(new NewTopic(topic, Topics.EVENT_PARTITIONS, (short) 1)
				.configs(Map.of(TopicConfig.COMPRESSION_TYPE_CONFIG, "zstd")))).all().get();

			// (known to the broker the check asks, which learns of it from the
			// controller a moment after its creation)
			ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
			await().atMost(Duration.ofSeconds(30))
				.ignoreExceptionsInstanceOf(ExecutionException.class)
				.until(() -> admin.listTopics().names().get().contains(topic)
						&& admin.describeConfigs(List.of(resource)).all().get().containsKey(resource));

			// When the processor checks the event topics before its streams start
			ProcessorProperties properties = new ProcessorProperties(prefix, 6, (short) 1, Duration.ofMinutes(5), null,
					null);
			new EventTopicsCheck(new KafkaAdmin(Map.of("bootstrap.servers", bootstrap)), properties)
				.afterSingletonsInstantiated();

			// Then it holds the event topics' settings (read until the broker that
			// describes them has learnt of the change from the controller)
			await().atMost(Duration.ofSeconds(30))
				.ignoreExceptionsInstanceOf(ExecutionException.class)
				.untilAsserted(() -> {
					Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
					Topics.EVENT_TOPIC_CONFIGS.forEach((name, value) -> {
						if (!name.equals(TopicConfig.RETENTION_MS_CONFIG)) {
							assertThat(config.get(name).value()).as(name).isEqualTo(value);
						}
					});
				});
		}
		// and a zstd batch that unpacks past 4 MiB is refused by the broker, while one
		// within it is written and read back whole
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", bootstrap, "compression.type", "zstd", "max.request.size", 64 * MIB,
						"buffer.memory", 128L * MIB, "batch.size", 1),
				new ByteArraySerializer(), new ByteArraySerializer())) {
			assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, 0, null, spaces(6 * MIB))).get())
				.isInstanceOf(ExecutionException.class)
				.hasCauseInstanceOf(RecordTooLargeException.class);
			producer.send(new ProducerRecord<>(topic, 0, null, spaces(3 * MIB))).get();
		}
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
				Map.of("bootstrap.servers", bootstrap, "auto.offset.reset", "earliest"), new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			TopicPartition partition = new TopicPartition(topic, 0);
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			List<ConsumerRecord<byte[], byte[]>> read = new java.util.ArrayList<>();
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (read.isEmpty() && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(500)).forEach(read::add);
			}
			assertThat(read).singleElement().satisfies((record) -> {
				assertThat(record.offset()).isZero();
				assertThat(record.value()).hasSize(3 * MIB);
			});
		}
	}

	private static byte[] spaces(int size) {
		byte[] value = new byte[size];
		Arrays.fill(value, (byte) ' ');
		return value;
	}

}
