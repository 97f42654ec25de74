package vn.investledger.localstack;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import vn.investledger.cluster.ClusterSetup;
import vn.investledger.cluster.Principals;
import vn.investledger.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The local cluster on real processes: three KRaft nodes from the broker template, set up
 * by the cluster-setup command, authorise each principal as the access policy says and
 * nothing more.
 * <p>
 * Tagged {@code cluster}: it runs with the cluster's fault tests,
 * {@code ./mvnw -B verify -Pcluster}.
 */
@Tag("cluster")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class LocalKafkaClusterTests {

	private static final Topics topics = Topics.withPrefix("ledger");

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static LocalKafkaCluster cluster;

	private static ClusterSetup.Report report;

	@BeforeAll
	static void startAndSetUp() {
		cluster = LocalKafkaCluster.start();
		report = cluster.setUp(topics);
	}

	@AfterAll
	static void stop() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void shouldFormAQuorumOfThreeAuthenticatedNodesAndSetUpEveryPrincipal() throws Exception {
		try (Admin admin = Admin.create(cluster.adminSettings())) {
			assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(3);
			assertThat(admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS).voters()).hasSize(3);
		}
		// 34 units, 4 services, admin and controller
		assertThat(report.principals()).hasSize(40)
			.contains("province-31", "stream-processor", "console", "controller");
		assertThat(report.passwordsWritten()).hasSize(38).doesNotContain("admin", "controller");
		// 34 event and 34 rejection topics, the dead letters, the history, three figures
		// topics, the indexer's dead letters and the releases' publications
		assertThat(report.topicsCreated()).isEqualTo(76);
		List<String> passwords = new ArrayList<>();
		for (String principal : report.principals()) {
			var file = cluster.credentials().file(principal);
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
			passwords.add(Files.readString(file));
		}
		assertThat(passwords).doesNotHaveDuplicates();

		// Given an event topic with an earlier version's settings (compressed as its
		// producers send, the broker's bound on a batch)
		ConfigResource older = new ConfigResource(ConfigResource.Type.TOPIC, topics.eventTopicName("22"));
		// and the indexer's dead letters with Kafka's 1 MiB, as an earlier version made
		// them
		ConfigResource olderDeadLetters = new ConfigResource(ConfigResource.Type.TOPIC, "ledger.indexer.dlq");
		try (Admin admin = Admin.create(cluster.adminSettings())) {
			admin.incrementalAlterConfigs(Map.of(older,
					List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.COMPRESSION_TYPE_CONFIG, "producer"),
							AlterConfigOp.OpType.SET),
							new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, ""),
									AlterConfigOp.OpType.DELETE)),
					olderDeadLetters,
					List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, ""),
							AlterConfigOp.OpType.DELETE))))
				.all()
				.get(30, TimeUnit.SECONDS);
			// (once the controller's change has reached the broker that describes it)
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(maxMessageBytes(admin, olderDeadLetters))
					.isNotEqualTo(Integer.toString(4 * 1024 * 1024)));
		}

		// When the command runs again, then it adds and removes nothing
		ClusterSetup.Report again = cluster.setUp(topics);
		assertThat(again.passwordsWritten()).isEmpty();
		assertThat(again.topicsCreated()).isZero();
		assertThat(again.aclsAdded()).isZero();
		assertThat(again.aclsRemoved()).isZero();
		// and gives the event topic today's settings, which the processor may only read
		try (Admin admin = Admin.create(cluster.adminSettings())) {
			var config = admin.describeConfigs(List.of(older)).all().get(30, TimeUnit.SECONDS).get(older);
			Topics.EVENT_TOPIC_CONFIGS
				.forEach((name, value) -> assertThat(config.get(name).value()).as(name).isEqualTo(value));
			// and the indexer's dead letters take a dead letter of the largest size again
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(maxMessageBytes(admin, olderDeadLetters))
					.isEqualTo(Integer.toString(4 * 1024 * 1024)));
		}
	}

	@Test
	void shouldCreateTopicsWithThreeReplicasAndTwoInSync() throws Exception {
		try (Admin admin = Admin.create(cluster.adminSettings())) {
			String topic = topics.eventTopicName("31");
			TopicDescription description = admin.describeTopics(List.of(topic))
				.allTopicNames()
				.get(30, TimeUnit.SECONDS)
				.get(topic);
			assertThat(description.partitions()).hasSize(Topics.EVENT_PARTITIONS)
				.allSatisfy((partition) -> assertThat(partition.replicas()).hasSize(3));
			ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
			var config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
			assertThat(config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value()).isEqualTo("2");
			assertThat(config.get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG).value()).isEqualTo("LogAppendTime");
			assertThat(config.get(TopicConfig.COMPRESSION_TYPE_CONFIG).value()).isEqualTo("uncompressed");

			// and Kafka's own topics, once a group and a transaction have used them
			produceTransactionally("ledger.totals", "warm-up");
			for (String internal : List.of("__consumer_offsets", "__transaction_state")) {
				await().atMost(WAIT)
					.untilAsserted(
							() -> assertThat(admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get())
								.contains(internal));
				ConfigResource internalResource = new ConfigResource(ConfigResource.Type.TOPIC, internal);
				ConfigEntry minIsr = admin.describeConfigs(List.of(internalResource))
					.all()
					.get(30, TimeUnit.SECONDS)
					.get(internalResource)
					.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
				assertThat(minIsr.value()).as(internal).isEqualTo("2");
				assertThat(admin.describeTopics(List.of(internal))
					.allTopicNames()
					.get(30, TimeUnit.SECONDS)
					.get(internal)
					.partitions()).allSatisfy((partition) -> assertThat(partition.replicas()).hasSize(3));
			}
		}
	}

	@Test
	void shouldLetAUnitWriteItsOwnTopicAndNoOther() throws Exception {
		// Given Hải Phòng's principal
		try (KafkaProducer<String, String> producer = producer(Principals.province("31"), Map.of())) {
			// When it writes its own topic, then the record is acknowledged
			producer.send(new ProducerRecord<>(topics.eventTopicName("31"), "31-P1", "{}")).get(30, TimeUnit.SECONDS);
		}
		Map<TopicPartition, Long> before = endOffsets(topics.eventTopicName("22"));

		// When it writes Quảng Ninh's topic, then the broker refuses it
		try (KafkaProducer<String, String> producer = producer(Principals.province("31"), Map.of())) {
			assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topics.eventTopicName("22"), "22-P1", "{}"))
				.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
				.hasCauseInstanceOf(TopicAuthorizationException.class);
		}
		// and nothing was written there
		assertThat(endOffsets(topics.eventTopicName("22"))).isEqualTo(before);
		assertThat(before.values()).allMatch((offset) -> offset == 0L);
	}

	@Test
	void shouldLetAUnitReadItsOwnRejectionsAndNotAnothers() {
		try (KafkaConsumer<String, String> own = consumer(Principals.province("31"), "province-31-rejections")) {
			own.subscribe(List.of(topics.rejectionTopicName("31")));
			// no error: its own (empty) topic is readable in its own group, once every
			// broker has the ACLs the cluster's setup just wrote (each learns them from
			// the metadata log a moment apart, the topic's and the group's alike): a
			// refusal that outlasts the wait fails
			await().atMost(WAIT).ignoreExceptionsInstanceOf(AuthorizationException.class).untilAsserted(() -> {
				own.poll(Duration.ofMillis(200));
				assertThat(own.assignment()).isNotEmpty();
			});
		}
		try (KafkaConsumer<String, String> other = consumer(Principals.province("31"), null)) {
			other.assign(List.of(new TopicPartition(topics.rejectionTopicName("22"), 0)));
			other.seekToBeginning(other.assignment());
			assertThatThrownBy(() -> other.poll(Duration.ofSeconds(10)))
				.isInstanceOf(TopicAuthorizationException.class);
		}
	}

	@Test
	void shouldLetTheIndexerReadTheProcessorsDeadLettersBesideTheRejections() throws Exception {
		// Given a record of no unit, dead-lettered by the processor
		try (KafkaProducer<String, String> processor = producer(Principals.STREAM_PROCESSOR, Map.of())) {
			processor.send(new ProducerRecord<>(topics.deadLetterTopicName(), "no-unit", "{}"))
				.get(30, TimeUnit.SECONDS);
		}
		// When the indexer's rejections listener reads its pattern in its own group
		Map<String, Object> config = new HashMap<>(cluster.clientSettings(Principals.INDEXER));
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "ledger-rejections-indexer");
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000);
		List<String> seen = new ArrayList<>();
		try (KafkaConsumer<String, String> indexer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			indexer.subscribe(Pattern
				.compile(topics.rejectionTopicPattern().pattern() + "|" + Pattern.quote(topics.deadLetterTopicName())));
			// Then it receives the dead letter, without an authorization error
			await().atMost(WAIT).untilAsserted(() -> {
				indexer.poll(Duration.ofMillis(200)).forEach((record) -> seen.add(record.topic() + "/" + record.key()));
				assertThat(seen).contains(topics.deadLetterTopicName() + "/no-unit");
			});
		}
	}

	@Test
	void shouldLetTheConsoleDescribeTheGroupsAndTopicsItWatchesButReadNoRecord() throws Exception {
		// the console's lag figures: the indexer's committed offsets and the topics' ends
		Map<String, Object> console = new HashMap<>(cluster.clientSettings(Principals.CONSOLE));
		try (Admin admin = Admin.create(console)) {
			assertThat(admin.listConsumerGroupOffsets("ledger-totals-indexer")
				.partitionsToOffsetAndMetadata()
				.get(30, TimeUnit.SECONDS)).isEmpty();
			assertThat(admin.listOffsets(Map.of(new TopicPartition(topics.totals().name(), 0), OffsetSpec.latest()))
				.all()
				.get(30, TimeUnit.SECONDS)).hasSize(1);
			// the operations view: each unit's events in (its topic's ends), the dead
			// letters' and the processor's group
			assertThat(admin
				.listOffsets(Map.of(new TopicPartition(topics.eventTopicName("31"), 0), OffsetSpec.latest(),
						new TopicPartition(topics.deadLetterTopicName(), 0), OffsetSpec.latest()))
				.all()
				.get(30, TimeUnit.SECONDS)).hasSize(2);
			assertThat(admin.listConsumerGroupOffsets("ledger-stream-processor")
				.partitionsToOffsetAndMetadata()
				.get(30, TimeUnit.SECONDS)).isNotNull();
			Throwable described = catchThrowable(() -> admin.describeConsumerGroups(List.of("ledger-stream-processor"))
				.all()
				.get(30, TimeUnit.SECONDS));
			if (described != null) {
				// not found while no processor has joined it yet, but never refused
				assertThat(described).hasCauseInstanceOf(GroupIdNotFoundException.class);
			}
			// another group is not the console's business
			assertThatThrownBy(() -> admin.listConsumerGroupOffsets("province-31-reader")
				.partitionsToOffsetAndMetadata()
				.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(GroupAuthorizationException.class);
		}
		for (String topic : List.of(topics.totals().name(), topics.eventTopicName("31"))) {
			try (KafkaConsumer<String, String> reader = consumer(Principals.CONSOLE, null)) {
				reader.assign(List.of(new TopicPartition(topic, 0)));
				reader.seekToBeginning(reader.assignment());
				assertThatThrownBy(() -> reader.poll(Duration.ofSeconds(10))).as(topic)
					.isInstanceOf(TopicAuthorizationException.class);
			}
		}
	}

	@Test
	void shouldLetTheConsoleRecordPublicationsAndReadThemBackButWriteNoEvent() throws Exception {
		// the console's one write: a publication of a release, on its own topic
		String releases = topics.releasesTopicName();
		try (KafkaProducer<String, String> producer = producer(Principals.CONSOLE,
				Map.of(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1))) {
			producer.send(new ProducerRecord<>(releases, "2025-10|FDI", "{\"month\":\"2025-10\"}"))
				.get(30, TimeUnit.SECONDS);
			assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topics.eventTopicName("31"), "31-P1", "{}"))
				.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(TopicAuthorizationException.class);
		}
		// read back from the start, assigned, in no group
		try (KafkaConsumer<String, String> reader = consumer(Principals.CONSOLE, null)) {
			reader.assign(List.of(new TopicPartition(releases, 0)));
			reader.seekToBeginning(reader.assignment());
			List<String> keys = new ArrayList<>();
			await().atMost(WAIT).untilAsserted(() -> {
				reader.poll(Duration.ofMillis(200)).forEach((record) -> keys.add(record.key()));
				assertThat(keys).contains("2025-10|FDI");
			});
		}
	}

	@Test
	void shouldLetTheProcessorReadEveryEventTopicAndWriteItsOutputsInTransactions() throws Exception {
		// Given a record on a unit's topic
		try (KafkaProducer<String, String> producer = producer(Principals.GATEWAY, Map.of())) {
			producer.send(new ProducerRecord<>(topics.eventTopicName("79"), "79-P1", "{\"from\":\"gateway\"}"))
				.get(30, TimeUnit.SECONDS);
		}
		// When the processor's principal reads every event topic by pattern, in its group
		List<ConsumerRecord<String, String>> read = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = consumer(Principals.STREAM_PROCESSOR,
				"ledger-stream-processor")) {
			consumer.subscribe(topics.eventTopicPattern());
			await().atMost(WAIT).untilAsserted(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(read::add);
				assertThat(read).extracting(ConsumerRecord::topic).contains(topics.eventTopicName("79"));
			});
			assertThat(consumer.subscription()).hasSize(34);
		}
		// Then it can write its outputs in a transaction of its own id
		produceTransactionally(topics.totals().name(), "31|2025");
		produceTransactionally(topics.rejectionTopicName("31"), "31-P9");
		// but not a unit's event topic
		try (KafkaProducer<String, String> producer = producer(Principals.STREAM_PROCESSOR, Map.of())) {
			assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topics.eventTopicName("31"), "31-P1", "{}"))
				.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(TopicAuthorizationException.class);
		}
	}

	private static void produceTransactionally(String topic, String key) {
		try (KafkaProducer<String, String> producer = producer(Principals.STREAM_PROCESSOR,
				Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "ledger-stream-processor-" + UUID.randomUUID()))) {
			producer.initTransactions();
			producer.beginTransaction();
			producer.send(new ProducerRecord<>(topic, key, "{}"));
			producer.commitTransaction();
		}
	}

	private static Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
		try (Admin admin = Admin.create(cluster.adminSettings())) {
			Map<TopicPartition, OffsetSpec> request = new HashMap<>();
			for (int partition = 0; partition < Topics.EVENT_PARTITIONS; partition++) {
				request.put(new TopicPartition(topic, partition), OffsetSpec.latest());
			}
			Map<TopicPartition, Long> offsets = new HashMap<>();
			admin.listOffsets(request)
				.all()
				.get(30, TimeUnit.SECONDS)
				.forEach((partition, info) -> offsets.put(partition, info.offset()));
			return offsets;
		}
	}

	private static KafkaProducer<String, String> producer(String principal, Map<String, Object> extra) {
		Map<String, Object> config = new HashMap<>(cluster.clientSettings(principal));
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
		config.putAll(extra);
		return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
	}

	private static KafkaConsumer<String, String> consumer(String principal, String group) {
		Map<String, Object> config = new HashMap<>(cluster.clientSettings(principal));
		if (group != null) {
			config.put(ConsumerConfig.GROUP_ID_CONFIG, group + "-" + UUID.randomUUID());
		}
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000);
		return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
	}

	private static String maxMessageBytes(Admin admin, ConfigResource topic) throws Exception {
		return admin.describeConfigs(List.of(topic))
			.all()
			.get(30, TimeUnit.SECONDS)
			.get(topic)
			.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG)
			.value();
	}

}
