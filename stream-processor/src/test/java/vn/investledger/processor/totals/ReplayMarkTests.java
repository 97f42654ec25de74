package vn.investledger.processor.totals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

import vn.investledger.events.EventJson;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Money;
import vn.investledger.events.Topics;
import vn.investledger.events.rulebook.Rules;
import vn.investledger.processor.system.RulesInForce;
import vn.investledger.processor.system.StreamsFailures;
import vn.investledger.testsupport.KafkaServer;
import vn.investledger.testsupport.RealServers;
import vn.investledger.testsupport.SampleEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * A replay's mark seen by service instances: one that finds the mark of a replay that
 * stopped after its retirement goes on with it and removes the mark once its figures are
 * published; one that finds a new generation of the state, or other tables, recorded
 * while it runs stops itself. No replay runs here, so these run beside the replays.
 */
@ExtendWith(RealServers.class)
class ReplayMarkTests {

	private static final List<String> PROVINCES = List.of("22", "30", "31", "33", "51");

	private String prefix;

	private Topics topics;

	@BeforeEach
	void createTopics(KafkaServer kafka) throws Exception {
		this.prefix = "mark" + UUID.randomUUID().toString().substring(0, 8);
		this.topics = Topics.withPrefix(this.prefix);
		kafka.createEventTopics(this.topics, PROVINCES);
	}

	/**
	 * A replay that stopped before its end leaves its mark; the next service instance
	 * goes on counting from the replay's offsets and removes the mark once it has
	 * committed every offset the mark names, not before. A partition whose records left
	 * are all of an aborted transaction, for which no offset is ever committed, counts as
	 * read once it has stayed behind for a while.
	 */
	@Test
	void shouldGoOnWithAReplayThatStoppedBeforeItsEnd(KafkaServer kafka, @TempDir Path work) throws Exception {
		List<LicensingEvent> licences = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			licences.add(SampleEvents.ddiLicence("UNFINISHED-" + i, "31", Money.vnd(1_000_000_000L * (i + 1))));
		}
		String applicationId = this.prefix + "-stream-processor";
		String eventTopic = this.topics.eventTopicName("31");
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
			publish(kafka, licences);
			Map<org.apache.kafka.common.TopicPartition, Long> ends = new LinkedHashMap<>();
			admin
				.listOffsets(admin.describeTopics(List.of(eventTopic))
					.allTopicNames()
					.get()
					.get(eventTopic)
					.partitions()
					.stream()
					.collect(java.util.stream.Collectors.toMap(
							(p) -> new org.apache.kafka.common.TopicPartition(eventTopic, p.partition()),
							(p) -> org.apache.kafka.clients.admin.OffsetSpec.latest())))
				.all()
				.get()
				.forEach((partition, info) -> {
					if (info.offset() > 0) {
						ends.put(partition, info.offset());
					}
				});
			assertThat(ends).isNotEmpty();
			// and, in a partition without events, a transaction a unit's producer aborted
			int empty = java.util.stream.IntStream.range(0, Topics.EVENT_PARTITIONS)
				.filter((partition) -> !ends
					.containsKey(new org.apache.kafka.common.TopicPartition(eventTopic, partition)))
				.findFirst()
				.orElseThrow();
			try (KafkaProducer<String, String> aborting = new KafkaProducer<>(Map.of("bootstrap.servers",
					kafka.bootstrapServers(), "transactional.id", this.prefix + "-aborting"), new StringSerializer(),
					new StringSerializer())) {
				aborting.initTransactions();
				aborting.beginTransaction();
				aborting.send(new ProducerRecord<>(eventTopic, empty, "ABORTED-1", "{}")).get();
				aborting.abortTransaction();
			}
			org.apache.kafka.common.TopicPartition aborted = new org.apache.kafka.common.TopicPartition(eventTopic,
					empty);
			long abortedEnd = admin.listOffsets(Map.of(aborted, org.apache.kafka.clients.admin.OffsetSpec.latest()))
				.all()
				.get()
				.get(aborted)
				.offset();
			assertThat(abortedEnd).isPositive();
			try (ConfigurableApplicationContext first = start(kafka, work.resolve("a"))) {
				await().atMost(Duration.ofSeconds(60))
					.until(() -> FigureReader.committedEvents(admin, applicationId) == licences.size());
				RulesInForce rules = first.getBean(RulesInForce.class);

				// Given the mark of a replay that had yet to read past what the topic
				// holds
				// (as one stopped half-way names offsets its group has not committed)
				Map<org.apache.kafka.common.TopicPartition, Long> beyond = new LinkedHashMap<>(ends);
				beyond.replaceAll((partition, end) -> end + 1);
				beyond.put(aborted, abortedEnd);
				rules.replayMark(new RulesInForce.ReplayMark(beyond, true));
			}
			// When a service instance starts on it
			try (ConfigurableApplicationContext service = start(kafka, work.resolve("a"))) {
				RulesInForce rules = service.getBean(RulesInForce.class);
				// Then the mark stays while the offsets it names are not committed
				await().during(Duration.ofSeconds(6))
					.atMost(Duration.ofSeconds(10))
					.pollInterval(Duration.ofSeconds(1))
					.until(() -> rules.replayMark() != null);
				// and once a copy of each event (without effect, but read and committed)
				// takes its group to them, it is removed
				publish(kafka, licences);
				await().atMost(Duration.ofSeconds(60)).until(() -> rules.replayMark() == null);
				ends.forEach((partition, end) -> {
					try {
						assertThat(admin.listConsumerGroupOffsets(applicationId)
							.partitionsToOffsetAndMetadata()
							.get()
							.get(partition)
							.offset()).as("%s committed", partition).isGreaterThanOrEqualTo(end + 1);
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
				});
			}
		}
	}

	/**
	 * An instance that was out of its group while a replay or recount began elsewhere
	 * stops counting once it sees the new generation of the state, or other tables, on
	 * the rulebook topic, rather than count into state that no longer exists.
	 */
	@Test
	void shouldStopAnInstanceOnceAReplayElsewhereBeganANewGeneration(KafkaServer kafka, @TempDir Path work)
			throws Exception {
		for (String key : List.of("state-generation", "tables")) {
			// Given a service instance that compares every second
			ConfigurableApplicationContext service = start(kafka, work.resolve(key),
					"--investledger.rulebook-check=1s");
			try {
				await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(service::isActive);

				// When a replay elsewhere records a new generation, or other tables
				try (KafkaProducer<String, String> producer = new KafkaProducer<>(
						Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"), new StringSerializer(),
						new StringSerializer())) {
					if (key.equals("state-generation")) {
						producer.send(new ProducerRecord<>(this.topics.rulebookTopicName(), 0,
								this.prefix + "-stream-processor/state-generation", "2026-12-06T00:00:00Z elsewhere"))
							.get();
					}
					else {
						Map<String, String> other = new LinkedHashMap<>(Rules.standard().fingerprints());
						other.put("calendar", "another calendar");
						producer
							.send(new ProducerRecord<>(this.topics.rulebookTopicName(), 0,
									this.prefix + "-stream-processor", EventJson.mapper().writeValueAsString(other)))
							.get();
					}
				}

				// Then the instance closes itself
				await().atMost(Duration.ofSeconds(30)).until(() -> !service.isActive());
			}
			finally {
				service.close();
			}
			// and with other tables recorded, its next start is refused, naming them
			if (key.equals("tables")) {
				assertThatException().isThrownBy(() -> start(kafka, work.resolve(key)))
					.withStackTraceContaining("The figures were counted under other tables than this instance's");
			}
		}
	}

	/**
	 * The tasks an instance gets anew after other tables were recorded (as when it joins
	 * its group again after a replay or recount began while it was out of it) count
	 * nothing: the comparison runs as each of the ledger's tasks starts, not only every
	 * so often, and the instance stops.
	 */
	@Test
	void shouldCountNothingInTasksThatStartAfterOtherTablesWereRecorded(KafkaServer kafka, @TempDir Path work)
			throws Exception {
		String applicationId = this.prefix + "-stream-processor";
		// Given a service instance whose periodic comparison would not come for an hour
		ConfigurableApplicationContext service = start(kafka, work, "--investledger.rulebook-check=1h");
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
			try {
				StreamsBuilderFactoryBean streams = service.getBean(StreamsBuilderFactoryBean.class);
				await().atMost(Duration.ofSeconds(60))
					.until(() -> streams.getKafkaStreams().state() == KafkaStreams.State.RUNNING);
				// and other tables recorded meanwhile
				record(kafka, applicationId, otherTables("rates", "another rate table"));

				// When its tasks start anew and an event arrives
				streams.stop();
				streams.start();
				publish(kafka, List.of(SampleEvents.ddiLicence("REJOINED-1", "31", Money.vnd(7_000_000_000L))));

				// Then the instance stops
				await().atMost(Duration.ofSeconds(60)).until(() -> !service.isActive());
			}
			finally {
				service.close();
			}
			// having counted nothing: no offset of the event committed
			assertThat(FigureReader.committedEvents(admin, applicationId)).isZero();
			assertThat(StreamsFailures.of(applicationId).last().message()).contains("This instance stops counting")
				.contains("rates");
		}
	}

	/**
	 * A replay's mark the processor did not write (here: a negative partition, which
	 * every partition would pass at once) stops the service's start, naming the key to
	 * remove, rather than let the mark be removed before anything is counted; and a
	 * comparison interval of zero or less is refused at start.
	 */
	@Test
	void shouldRefuseToStartOnAMarkItDidNotWriteOrNoComparisonInterval(KafkaServer kafka, @TempDir Path work)
			throws Exception {
		String applicationId = this.prefix + "-stream-processor";
		start(kafka, work).close();
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"), new StringSerializer(),
				new StringSerializer())) {
			producer
				.send(new ProducerRecord<>(this.topics.rulebookTopicName(), 0, applicationId + "/replay-to",
						"{\"to\":{\"" + this.topics.eventTopicName("31") + ":-1\":5},\"retired\":true}"))
				.get();
		}
		assertThatException().isThrownBy(() -> start(kafka, work))
			.withStackTraceContaining("is not one the processor writes: remove it")
			.withStackTraceContaining("key " + applicationId + "/replay-to");
		// the same for the settings of a duration that a replay or service cannot work
		// with, each refused before anything is reset or counted
		Map<List<String>, String> refused = new LinkedHashMap<>();
		for (String interval : List.of("0s", "-2s")) {
			refused.put(List.of("--investledger.rulebook-check=" + interval),
					"investledger.rulebook-check must be longer than zero");
			refused.put(List.of("--investledger.replay=true", "--investledger.replay.retire-read-limit=" + interval),
					"investledger.replay.retire-read-limit must be longer than zero");
		}
		refused.put(List.of("--investledger.replay=true", "--investledger.replay.mark-notice=-1ms"),
				"investledger.replay.mark-notice must not be negative");
		refused.forEach((settings, reason) -> assertThatException()
			.isThrownBy(() -> start(kafka, work, settings.toArray(String[]::new)))
			.as("%s", settings)
			.withStackTraceContaining(reason));
		// and none of those replays began: the mark is still the one written above
		assertThatException().isThrownBy(() -> start(kafka, work))
			.withStackTraceContaining("is not one the processor writes: remove it");
	}

	/**
	 * Run as a process of its own, as a supervisor runs it, an instance that stops
	 * counting exits with code 1, so that the supervisor (systemd's
	 * {@code Restart=on-failure}, compose's {@code restart: on-failure}) starts it again
	 * into the start's checks; a code 0 would read as a wanted stop.
	 */
	@Test
	void shouldExitWithCodeOneWhenItStopsCountingAsAProcessOfItsOwn(KafkaServer kafka, @TempDir Path work)
			throws Exception {
		String applicationId = this.prefix + "-stream-processor";
		Path log = work.resolve("processor.log");
		// Given the processor started by its main, as a supervisor starts it
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				vn.investledger.processor.StreamProcessorApplication.class.getName(),
				"--server.port=" + vn.investledger.localstack.FreePorts.next(),
				"--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
				"--investledger.topic-prefix=" + this.prefix,
				"--spring.kafka.streams.state-dir=" + work.resolve("state"), "--investledger.rulebook-check=1s")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		// and not left running if this JVM is stopped meanwhile
		Thread orphan = new Thread(process::destroyForcibly);
		Runtime.getRuntime().addShutdownHook(orphan);
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
			await().atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofSeconds(1))
				// (the group is not found until its first member joins)
				.ignoreExceptions()
				.until(() -> !process.isAlive() || admin.describeConsumerGroups(List.of(applicationId))
					.all()
					.get()
					.get(applicationId)
					.groupState() == org.apache.kafka.common.GroupState.STABLE);
			assertThat(process.isAlive()).as("started; its log: %s", log).isTrue();

			// When a replay elsewhere records other tables
			record(kafka, applicationId, otherTables("vsic", "other VSIC tables"));

			// Then the process exits with code 1
			assertThat(process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)).as("exited; its log: %s", log)
				.isTrue();
			assertThat(process.exitValue()).isEqualTo(1);
			assertThat(java.nio.file.Files.readString(log)).contains("This instance stops counting");
		}
		finally {
			process.destroyForcibly().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
			Runtime.getRuntime().removeShutdownHook(orphan);
		}
	}

	/** The shipped tables' record with one table's fingerprint another. */
	private static String otherTables(String table, String fingerprint) {
		Map<String, String> other = new LinkedHashMap<>(Rules.standard().fingerprints());
		other.put(table, fingerprint);
		return EventJson.mapper().writeValueAsString(other);
	}

	/** Records a value on the rulebook topic, as a replay elsewhere would. */
	private void record(KafkaServer kafka, String key, String value) throws Exception {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"), new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>(this.topics.rulebookTopicName(), 0, key, value)).get();
		}
	}

	private ConfigurableApplicationContext start(KafkaServer kafka, Path state, String... more) throws Exception {
		return ProcessorRuns.start(kafka, this.prefix, state, more);
	}

	private void publish(KafkaServer kafka, List<LicensingEvent> deliveries) {
		ProcessorRuns.publish(kafka, this.topics, deliveries);
	}

}
