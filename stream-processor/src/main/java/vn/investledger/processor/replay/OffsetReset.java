package vn.investledger.processor.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.tools.StreamsResetter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

import vn.investledger.events.Topics;
import vn.investledger.processor.system.ClientSettings;

/**
 * Resets the application with Kafka's own {@link StreamsResetter} before the streams
 * start: input offsets to the earliest of every event topic, internal topics (changelogs,
 * repartition topics) deleted, and the figures counted before retired
 * ({@link FigureRetirement}); then the tables of this instance become those the figures
 * are counted under. It refuses while another instance of the application is running. It
 * also records where the event log ends, which is where the replay is done.
 */
class OffsetReset implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(OffsetReset.class);

	private final StreamsBuilderFactoryBean factory;

	private final Topics topics;

	private volatile Map<TopicPartition, Long> start = Map.of();

	private volatile Map<TopicPartition, Long> end = Map.of();

	private volatile boolean running;

	private final Runnable afterReset;

	OffsetReset(StreamsBuilderFactoryBean factory, Topics topics, Runnable afterReset) {
		this.factory = factory;
		this.topics = topics;
		this.afterReset = afterReset;
	}

	@Override
	public void start() {
		Properties config = this.factory.getStreamsConfiguration();
		String applicationId = config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
		String bootstrap = ClientSettings.bootstrapServers(config);
		Properties clients = ClientSettings.of(config);
		try (Admin admin = Admin.create(clients)) {
			refuseWhileRunning(admin, applicationId);
			List<String> eventTopics = admin.listTopics()
				.names()
				.get(30, TimeUnit.SECONDS)
				.stream()
				.filter((name) -> this.topics.eventTopicPattern().matcher(name).matches())
				.sorted()
				.toList();
			logger.info("Replay of {}: resetting to the start of {}", applicationId, eventTopics);
			if (!eventTopics.isEmpty()) {
				int exit;
				Path commandConfig = commandConfig(clients);
				try {
					exit = new StreamsResetter().execute(new String[] { "--bootstrap-server", bootstrap,
							"--command-config", commandConfig.toString(), "--application-id", applicationId,
							"--input-topics", String.join(",", eventTopics), "--to-earliest" });
				}
				finally {
					Files.deleteIfExists(commandConfig);
				}
				if (exit != 0) {
					throw new IllegalStateException("Replay failed: Kafka's StreamsResetter could not reset "
							+ applicationId + " (its reason is printed above)");
				}
				var partitions = partitionsOf(admin, eventTopics);
				this.start = offsets(admin, partitions, OffsetSpec.earliest());
				this.end = offsets(admin, partitions, OffsetSpec.latest());
			}
			FigureRetirement.retire(admin, clients, List.of(this.topics.totals().name(), this.topics.stock().name()));
			// an instance started meanwhile would count under the tables recorded before,
			// and its figures could follow the tombstones
			refuseWhileRunning(admin, applicationId);
			// the figures are counted under this instance's tables from now on
			this.afterReset.run();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while resetting for the replay", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Cannot reach Kafka to reset for the replay: " + ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not hand the client settings to the StreamsResetter", ex);
		}
		this.running = true;
	}

	/**
	 * Every partition of some topics.
	 * @param admin an admin client
	 * @param topics the topics
	 * @return their partitions
	 */
	static List<TopicPartition> partitionsOf(Admin admin, List<String> topics)
			throws InterruptedException, ExecutionException, TimeoutException {
		return admin.describeTopics(topics)
			.allTopicNames()
			.get(30, TimeUnit.SECONDS)
			.values()
			.stream()
			.flatMap((topic) -> topic.partitions()
				.stream()
				.map((partition) -> new TopicPartition(topic.name(), partition.partition())))
			.toList();
	}

	private static void refuseWhileRunning(Admin admin, String applicationId)
			throws InterruptedException, ExecutionException, TimeoutException {
		var members = admin.describeConsumerGroups(List.of(applicationId))
			.describedGroups()
			.get(applicationId)
			.get(30, TimeUnit.SECONDS)
			.members();
		if (!members.isEmpty()) {
			throw new IllegalStateException("Replay refused: " + members.size() + " instance(s) of " + applicationId
					+ " are running, on " + members.stream().map((m) -> m.host()).distinct().sorted().toList()
					+ ". Stop every instance of the processor, then run the replay again.");
		}
	}

	/**
	 * The client settings as a properties file only this user may read (it may hold a
	 * password), for the StreamsResetter's {@code --command-config}: on an authenticated
	 * cluster it signs in as the processor's principal too.
	 * @param clients the client settings ({@link ClientSettings#of})
	 * @return the file; the caller deletes it
	 */
	static Path commandConfig(Properties clients) throws IOException {
		Path file = Files.createTempFile("replay-client", ".properties",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		Properties properties = new Properties();
		clients.forEach((name, value) -> {
			if (!CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG.equals(name)) {
				properties.setProperty(String.valueOf(name),
						(value instanceof org.apache.kafka.common.config.types.Password password) ? password.value()
								: String.valueOf(value));
			}
		});
		try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			properties.store(out, "Client settings of the replay");
		}
		return file;
	}

	private static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
			throws InterruptedException, ExecutionException, TimeoutException {
		Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
		partitions.forEach((partition) -> request.put(partition, spec));
		Map<TopicPartition, Long> offsets = new java.util.TreeMap<>(
				java.util.Comparator.comparing(TopicPartition::topic).thenComparing(TopicPartition::partition));
		admin.listOffsets(request)
			.all()
			.get(30, TimeUnit.SECONDS)
			.forEach((partition, info) -> offsets.put(partition, info.offset()));
		return offsets;
	}

	/**
	 * Where each event partition started when the replay began.
	 * @return the earliest offsets
	 */
	Map<TopicPartition, Long> startOffsets() {
		return this.start;
	}

	/**
	 * Where each event partition ended when the replay began: the replay is done when the
	 * application has committed these offsets.
	 * @return the end offsets
	 */
	Map<TopicPartition, Long> endOffsets() {
		return this.end;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Just before the streams start.
	 */
	@Override
	public int getPhase() {
		return this.factory.getPhase() - 1;
	}

}
