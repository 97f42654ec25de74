package vn.investledger.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;

import vn.investledger.events.Topics;
import vn.investledger.processor.system.StreamsConfiguration;

/**
 * What the streams benchmarks share: the raw consumer rate of the event topics, running a
 * Kafka Streams application over them with the processor's settings, and telling when an
 * application (in this JVM or another) has committed everything, which is when its rate
 * is taken.
 */
final class StreamsRuns {

	/**
	 * A commit after which nothing changed for this long, with every committed partition
	 * at its end, is the last: longer than the processor's flush of pending figures (1 s)
	 * and a commit interval.
	 */
	private static final Duration QUIET = Duration.ofSeconds(3);

	/** No commit for this long before the end is a stalled application. */
	private static final Duration STALLED = Duration.ofMinutes(5);

	private StreamsRuns() {
	}

	/**
	 * What one application measured.
	 *
	 * @param events the source records committed from its first commit to its last
	 * @param seconds the time from its first commit to its last
	 * @param rate events/s from its first commit to its last
	 * @param cpuPerThousand the CPU time its stream threads used, from their start to the
	 * end of the run, in ms per 1,000 source events: the work per event, without the time
	 * the threads waited for the broker or for a core ({@code NaN} when not measured)
	 */
	record Run(long events, double seconds, double rate, double cpuPerThousand) {

		/** A run not made: its figures read as not a number. */
		static final Run NONE = new Run(0, Double.NaN, Double.NaN, Double.NaN);

	}

	/**
	 * When an application committed: the clock of this JVM ({@link System#nanoTime()})
	 * and the wall clock of the same moments.
	 *
	 * @param firstCommitAt when its first commit of source offsets was seen
	 * @param firstCommitted the source offsets it had committed then, in all
	 * @param lastChangeAt when its committed offsets last changed
	 * @param firstCommit {@code firstCommitAt} on the wall clock
	 * @param lastChange {@code lastChangeAt} on the wall clock
	 */
	record Commits(long firstCommitAt, long firstCommitted, long lastChangeAt, Instant firstCommit,
			Instant lastChange) {

		/**
		 * The rate from the first commit to the last.
		 * @param events the source records in all
		 * @return the run
		 */
		Run run(long events) {
			double seconds = (this.lastChangeAt - this.firstCommitAt) / 1e9;
			return new Run(events - this.firstCommitted, seconds, (events - this.firstCommitted) / seconds, Double.NaN);
		}

	}

	/**
	 * Runs a topology with the processor's design settings until its application has
	 * committed every offset of its source and internal topics, and returns its rate and
	 * its stream threads' CPU time. Its application id is {@code <prefix>-<name>}.
	 * @param admin an admin client of the broker
	 * @param bootstrapServers the broker
	 * @param topics the registry whose event topics are the source
	 * @param name the application's name
	 * @param guarantee the processing guarantee
	 * @param threads stream threads
	 * @param stateDir where applications keep their state, each in a directory of its
	 * name
	 * @param events the records on the source topics
	 * @param topology adds the topology to a builder
	 * @return what it measured
	 */
	static Run run(Admin admin, String bootstrapServers, Topics topics, String name, String guarantee, int threads,
			Path stateDir, long events, Consumer<StreamsBuilder> topology) throws Exception {
		String applicationId = topics.prefix() + "-" + name;
		StreamsBuilder builder = new StreamsBuilder();
		topology.accept(builder);
		Properties config = new Properties();
		config.putAll(StreamsConfiguration.designSettings(topics));
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
		config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Integer.getInteger("commitInterval", 100));
		config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
		config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(name).toString());
		config.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
		String inFlight = System.getProperty("inFlight");
		if (inFlight != null) {
			// to measure what the service's one request in flight costs
			config.put(StreamsConfig.producerPrefix("max.in.flight.requests.per.connection"), inFlight);
		}
		// -Dproducer.<setting>=<value>: a producer setting other than the service's
		System.getProperties()
			.stringPropertyNames()
			.stream()
			.filter((property) -> property.startsWith("producer."))
			.forEach((property) -> config.put(StreamsConfig.producerPrefix(property.substring("producer.".length())),
					System.getProperty(property)));
		KafkaStreams streams = new KafkaStreams(builder.build(), config);
		try {
			streams.start();
			Commits commits = awaitCommitted(admin, applicationId, topics.eventTopicPattern(), events, () -> {
				if (streams.state() == KafkaStreams.State.ERROR) {
					throw new IllegalStateException(applicationId + " failed");
				}
			});
			Run run = commits.run(events);
			double cpuPerThousand = streamThreadsCpuNanos(applicationId) / 1e6 / (events / 1000.0);
			System.out.printf(
					"%s: %,d events in %.1f s after the first commit: %,.0f events/s; stream threads' CPU %.0f ms per 1,000 events%n",
					name, run.events(), run.seconds(), run.rate(), cpuPerThousand);
			return new Run(run.events(), run.seconds(), run.rate(), cpuPerThousand);
		}
		finally {
			// it leaves its group at once, rather than at the end of its session: a
			// processor started next on these event topics refuses to run beside another
			// application's members reading them
			streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
		}
	}

	/**
	 * Waits until an application has committed all of its source records and every
	 * committed partition (source and internal topics) is at its end, with no change for
	 * a few seconds.
	 * @param admin an admin client of the broker
	 * @param applicationId the application (its consumer group)
	 * @param sources the source topics
	 * @param events the records on the source topics
	 * @param alive throws if the application has failed
	 * @return when it committed first and last
	 */
	static Commits awaitCommitted(Admin admin, String applicationId, Pattern sources, long events, Runnable alive)
			throws Exception {
		return awaitCommitted(admin, applicationId, sources, 0, events, alive);
	}

	/**
	 * Waits until an application has committed its source topics to the given sum of
	 * offsets, and its internal topics to their ends, with no commit for a while.
	 * @param baseline the sum of offsets set before it starts (by a reset), which its
	 * first commit passes
	 * @param events the sum of offsets to reach
	 */
	static Commits awaitCommitted(Admin admin, String applicationId, Pattern sources, long baseline, long events,
			Runnable alive) throws Exception {
		long firstCommitAt = 0;
		long firstCommitted = 0;
		Instant firstCommit = null;
		long lastChangeAt = System.nanoTime();
		Instant lastChange = Instant.now();
		Map<TopicPartition, OffsetAndMetadata> previous = Map.of();
		while (true) {
			alive.run();
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
				.partitionsToOffsetAndMetadata()
				.get(30, TimeUnit.SECONDS);
			long now = System.nanoTime();
			if (!committed.equals(previous)) {
				lastChangeAt = now;
				lastChange = Instant.now();
				previous = committed;
			}
			long sourceCommitted = committed.entrySet()
				.stream()
				.filter((e) -> sources.matcher(e.getKey().topic()).matches())
				.mapToLong((e) -> e.getValue().offset())
				.sum();
			if (firstCommitAt == 0 && sourceCommitted > baseline) {
				firstCommitAt = now;
				firstCommitted = sourceCommitted;
				firstCommit = lastChange;
			}
			// done: the source read to its end, and the internal topics too (a
			// transaction's marker may follow the last committed offset), with no commit
			// for a while
			if (sourceCommitted >= events && now - lastChangeAt > QUIET.toNanos() && caughtUp(admin, committed)) {
				return new Commits(firstCommitAt, firstCommitted, lastChangeAt, firstCommit, lastChange);
			}
			if (now - lastChangeAt > STALLED.toNanos()) {
				throw new IllegalStateException(applicationId + " committed nothing for " + STALLED.toMinutes()
						+ " minutes, at " + sourceCommitted + " of " + events + " source records");
			}
			Thread.sleep(100);
		}
	}

	/**
	 * The offsets an application has committed on its source topics, in all.
	 * @param admin an admin client of the broker
	 * @param applicationId the application
	 * @param sources the source topics
	 * @return the sum of its committed source offsets
	 */
	static long committedSource(Admin admin, String applicationId, Pattern sources) throws Exception {
		return admin.listConsumerGroupOffsets(applicationId)
			.partitionsToOffsetAndMetadata()
			.get(30, TimeUnit.SECONDS)
			.entrySet()
			.stream()
			.filter((e) -> sources.matcher(e.getKey().topic()).matches())
			.mapToLong((e) -> e.getValue().offset())
			.sum();
	}

	/**
	 * Runs {@code ConsumerPerformance} in its own JVM and returns its records/s.
	 * @param bootstrapServers the broker
	 * @param selection which topics, e.g. {@code --topic t} or {@code --include regex}
	 * @param records the records to read
	 * @return records/s
	 */
	static double consumerPerformance(String bootstrapServers, List<String> selection, long records) throws Exception {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
				"-Xmx1g", "-cp", System.getProperty("java.class.path"), "org.apache.kafka.tools.ConsumerPerformance",
				"--bootstrap-server", bootstrapServers));
		command.addAll(selection);
		command.addAll(List.of("--messages", Long.toString(records), "--group", "bench-raw-consumer"));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		List<String> lines = new ArrayList<>();
		try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
			for (String line = out.readLine(); line != null; line = out.readLine()) {
				lines.add(line);
			}
		}
		process.waitFor();
		// the header names the columns; nMsg.sec is the rate, on the next line with as
		// many columns
		for (int i = 0; i < lines.size(); i++) {
			List<String> header = List.of(lines.get(i).split(",\\s*"));
			int column = header.indexOf("nMsg.sec");
			for (int j = i + 1; column >= 0 && j < lines.size(); j++) {
				String[] values = lines.get(j).split(",\\s*");
				if (values.length == header.size()) {
					System.out.println("ConsumerPerformance: " + lines.get(j));
					return Double.parseDouble(values[column].strip());
				}
			}
		}
		throw new IllegalStateException("ConsumerPerformance printed no rate: " + lines);
	}

	/**
	 * The CPU time of an application's stream threads so far (not their producers' and
	 * consumers' network threads, nor the broker's).
	 */
	private static long streamThreadsCpuNanos(String applicationId) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long nanos = 0;
		for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (thread != null && thread.getThreadName().startsWith(applicationId)
					&& thread.getThreadName().contains("StreamThread-")) {
				nanos += Math.max(0, threads.getThreadCpuTime(thread.getThreadId()));
			}
		}
		return nanos;
	}

	/**
	 * Whether every committed partition (source and repartition topics) is at its end.
	 */
	private static boolean caughtUp(Admin admin, Map<TopicPartition, OffsetAndMetadata> committed) throws Exception {
		Map<TopicPartition, OffsetSpec> request = new HashMap<>();
		committed.keySet().forEach((partition) -> request.put(partition, OffsetSpec.latest()));
		var ends = admin.listOffsets(request).all().get(30, TimeUnit.SECONDS);
		return committed.entrySet()
			.stream()
			.allMatch((e) -> e.getValue().offset() >= ends.get(e.getKey()).offset() - 1);
	}

}
