package vn.investledger.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import tools.jackson.databind.JsonNode;

import vn.investledger.events.EventJson;
import vn.investledger.events.Topics;
import vn.investledger.events.Total;
import vn.investledger.index.Indices;
import vn.investledger.index.TotalDocument;
import vn.investledger.indexer.IndexerApplication;
import vn.investledger.localstack.LocalStack;
import vn.investledger.platform.PlatformServices;
import vn.investledger.processor.StreamProcessorApplication;
import vn.investledger.processor.replay.RecountEnd;
import vn.investledger.processor.intake.Intake;

/**
 * How long applying a rule change takes: every figure rebuilt from the ledger, then every
 * index from the processor's topics, on one local broker and one local Elasticsearch
 * node, beside the raw limits on the same topics in the same run:
 * <ol>
 * <li>writes a ledger of simulator events of every province, 2023 to today, through each
 * unit's publisher;</li>
 * <li>runs the stream processor on it as a service, in a JVM of its own, until it has
 * committed everything (the first pass);</li>
 * <li>raw limits: {@code ConsumerPerformance} over every event topic, and an
 * {@code exactly_once_v2} pass-through topology with the processor's settings;</li>
 * <li>the totals' rebuild: the processor started as the README's replay says
 * ({@code --investledger.replay=true}: Kafka's {@code StreamsResetter}, the local state
 * wiped), until it has committed everything again; every figure it publishes must equal
 * the first pass's;</li>
 * <li>the indices' rebuild: the indexer's command ({@code --investledger.rebuild=…}),
 * which reads the processor's topics from the start: by default the figures' indices, all
 * a rule change alters, or every index; those rebuilt must then hold every project,
 * applied event and figure, and the national figures as the processor has them.</li>
 * </ol>
 * Prints Markdown tables for BENCHMARKS.md, with the CPU each process used in each phase;
 * exits 1 if a check failed. Settings (system properties): {@code events} (1000000),
 * {@code threads} (stream threads of the processor and the pass-through, 2),
 * {@code rebuild} (the indices rebuilt: {@code totals,stock}, or {@code all}),
 * {@code jfr} (false; true records the replaying processor and the rebuilding indexer
 * with Java Flight Recorder, into {@code target/}, and prints where their time went).
 */
public final class ReplayBenchmark {

	private static final String PREFIX = "replay";

	private static final long SEED = 2023;

	private static final int CORES = Runtime.getRuntime().availableProcessors();

	private static final double GOAL_SECONDS_PER_MILLION = 60;

	private static final String PASS_THROUGH = PREFIX + ".passthrough";

	private static final Pattern REBUILT = Pattern.compile("Rebuilt (\\S+): (\\d+) records into (\\S+) in ([0-9.]+) s");

	/**
	 * The processor's producers retry a send the broker refuses while their previous
	 * transaction is being completed, with a warning each time: counted, not echoed.
	 */
	private static final Pattern CONCURRENT_TRANSACTIONS = Pattern.compile("Error: CONCURRENT_TRANSACTIONS");

	private static final Pattern NOTHING = Pattern.compile("(?!)");

	private ReplayBenchmark() {
	}

	public static void main(String[] args) {
		int status;
		try {
			status = run();
		}
		catch (Throwable ex) {
			ex.printStackTrace(System.out);
			status = 1;
		}
		System.exit(status);
	}

	/**
	 * The CPU time the servers and this JVM have used so far, in seconds.
	 *
	 * @param broker the Kafka broker's JVM
	 * @param elasticsearch the Elasticsearch node's processes
	 * @param benchmark this JVM
	 */
	private record Cpu(double broker, double elasticsearch, double benchmark) {

		static Cpu now(LocalStack stack) {
			return new Cpu(seconds(ChildJvm.cpuOf(stack.kafka().pid())),
					seconds(ChildJvm.cpuOf(stack.elasticsearch().pid())),
					seconds(ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO)));
		}

		Cpu since(Cpu earlier) {
			return new Cpu(this.broker - earlier.broker, this.elasticsearch - earlier.elasticsearch,
					this.benchmark - earlier.benchmark);
		}

	}

	/**
	 * A phase of the run: how long it took and the CPU each process used meanwhile.
	 *
	 * @param name what was done
	 * @param seconds how long it took
	 * @param service the CPU of the service's JVM, in seconds ({@code NaN} when the phase
	 * ran in this JVM)
	 * @param cpu the CPU of the servers and this JVM
	 */
	private record Phase(String name, double seconds, double service, Cpu cpu) {

		static Phase since(String name, long startedAt, Cpu before, double service, LocalStack stack) {
			return new Phase(name, (System.nanoTime() - startedAt) / 1e9, service, Cpu.now(stack).since(before));
		}

		String row() {
			double all = (Double.isNaN(this.service) ? 0 : this.service) + this.cpu.broker() + this.cpu.elasticsearch()
					+ this.cpu.benchmark();
			return String.format("| %s | %.1f | %s | %.1f | %.1f | %.1f | %.0f %% |", this.name, this.seconds,
					Double.isNaN(this.service) ? "–" : String.format("%.1f", this.service), this.cpu.broker(),
					this.cpu.elasticsearch(), this.cpu.benchmark(), 100 * all / (CORES * this.seconds));
		}

	}

	/**
	 * A run of the processor in its own JVM.
	 *
	 * @param run its rate from its first commit to its last
	 * @param commits when it committed
	 * @param launchedAt when its JVM was launched ({@link System#nanoTime()})
	 * @param cpuSeconds the CPU its JVM had used when it was done, all threads
	 * @param concurrentTransactions the sends its producers retried because their
	 * previous transaction was still being completed
	 */
	private record ProcessorRun(StreamsRuns.Run run, StreamsRuns.Commits commits, long launchedAt, double cpuSeconds,
			long concurrentTransactions) {

		/** From the launch to the last commit. */
		double wallSeconds() {
			return (this.commits.lastChangeAt() - this.launchedAt) / 1e9;
		}

		/** From the launch to the first commit: JVM, Spring, reset, rebalance. */
		double startSeconds() {
			return (this.commits.firstCommitAt() - this.launchedAt) / 1e9;
		}

	}

	/**
	 * One index rebuilt by the indexer's command, as it logged it.
	 *
	 * @param records the records read
	 * @param seconds how long it took
	 */
	private record Rebuilt(long records, double seconds) {

	}

	/**
	 * The indexer's rebuild command, run to its end.
	 *
	 * @param indices each index rebuilt, in order
	 * @param seconds from its launch to its end
	 * @param cpuSeconds the CPU its JVM used
	 * @param firstRebuild when it began to rebuild the first index
	 * @param end when it ended
	 */
	private record RebuildRun(Map<String, Rebuilt> indices, double seconds, double cpuSeconds, Instant firstRebuild,
			Instant end) {

		long records() {
			return this.indices.values().stream().mapToLong(Rebuilt::records).sum();
		}

	}

	private static int run() throws Exception {
		long events = Long.getLong("events", 1_000_000);
		int threads = Integer.getInteger("threads", 2);
		boolean jfr = Boolean.getBoolean("jfr");
		List<String> kinds = rebuildKinds(System.getProperty("rebuild", "totals,stock"));
		System.out.printf("Processor JVM options beyond -Xmx1g: first pass %s, replay %s%s%n", jvmOptions("serviceJvm"),
				jvmOptions("replayJvm"), switch (aot()) {
					case "true" ->
						"; run from its extracted jar, the replay and the recount from the AOT cache a training run wrote";
					case "cold" -> "; run from its extracted jar, with no AOT cache";
					default -> "";
				});
		Topics topics = Topics.withPrefix(PREFIX);
		Path work = Files.createTempDirectory("replay-bench");
		extractedProcessor(work);
		Path recordings = Path.of(System.getProperty("jfrDir", "target")).toAbsolutePath();
		String startLoad = load("start");
		List<Phase> phases = new ArrayList<>();
		try (LocalStack stack = LocalStack.start();
				Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafka().bootstrapServers()))) {
			String kafka = stack.kafka().bootstrapServers();
			String elasticsearch = stack.elasticsearch().url();
			PlatformServices.createEventTopics(kafka, topics, List.copyOf(new TreeSet<>(Intake.units())));
			admin.createTopics(List.of(new NewTopic(PASS_THROUGH, Topics.EVENT_PARTITIONS, (short) 1)))
				.all()
				.get(30, TimeUnit.SECONDS);

			long startedAt = System.nanoTime();
			Cpu before = Cpu.now(stack);
			BenchLedger.Written ledger = BenchLedger.write(kafka, PREFIX, events, SEED);
			phases.add(Phase.since("ledger written (publishers in this JVM)", startedAt, before, Double.NaN, stack));
			long records = ledger.records();
			System.out.printf(
					"Ledger: %,d records (%,d events asked for, then the late deliveries that close every gap), ~%d B each, in %.1f s: %,d applied events of %,d projects, by unit %s%n",
					records, events, ledger.meanBytes(), ledger.seconds(), ledger.appliedEvents(), ledger.projects(),
					new TreeMap<>(ledger.perUnit()));
			load("ledger written");

			startedAt = System.nanoTime();
			before = Cpu.now(stack);
			ProcessorRun first = processor("first-pass", work, kafka, admin, topics, threads, records, false, null);
			phases.add(Phase.since("first pass (processor JVM)", startedAt, before, first.cpuSeconds(), stack));
			aotTraining(work, kafka, threads);
			ProcessorOutputs firstOutputs = ProcessorOutputs.read(kafka, topics, Map.of());
			System.out.printf("First pass: %,d flow and %,d stock figures (%,d national); %,d records refused%n",
					firstOutputs.totals().size(), firstOutputs.stock().size(), firstOutputs.national().size(),
					firstOutputs.refusals().size());
			firstOutputs.refusals().stream().limit(10).forEach((refusal) -> System.out.println("  refused " + refusal));
			load("first pass");

			startedAt = System.nanoTime();
			before = Cpu.now(stack);
			double raw = StreamsRuns.consumerPerformance(kafka,
					List.of("--include", topics.eventTopicPattern().pattern()), records);
			phases.add(Phase.since("raw consumer (its own JVM, not counted)", startedAt, before, Double.NaN, stack));
			startedAt = System.nanoTime();
			before = Cpu.now(stack);
			StreamsRuns.Run passThrough = StreamsRuns.run(admin, kafka, topics, "passthrough-eos",
					StreamsConfig.EXACTLY_ONCE_V2, threads, work.resolve("streams"), records,
					(builder) -> builder
						.stream(topics.eventTopicPattern(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
						.to(PASS_THROUGH, Produced.with(Serdes.ByteArray(), Serdes.ByteArray())));
			phases.add(Phase.since("pass-through (in this JVM)", startedAt, before, Double.NaN, stack));
			load("raw limits");

			// where the replay begins writing the ledger's decisions again: a recount
			// reads
			// from here
			long decisionsFrom = appliedEnd(admin, topics);
			Path replayRecording = jfr ? recordings.resolve("replay-" + System.currentTimeMillis() + ".jfr") : null;
			startedAt = System.nanoTime();
			before = Cpu.now(stack);
			ProcessorRun replay = processor("replay", work, kafka, admin, topics, threads, records, true,
					replayRecording);
			phases.add(Phase.since("totals rebuild (processor JVM)", startedAt, before, replay.cpuSeconds(), stack));
			ProcessorOutputs replayed = ProcessorOutputs.read(kafka, topics, firstOutputs.ends());
			List<String> problems = new ArrayList<>();
			for (String difference : firstOutputs.differences(replayed, 10)) {
				problems.add("the replay's outputs differ from the first pass's: " + difference);
			}
			if (firstOutputs.national().isEmpty()) {
				problems.add("the first pass published no national figure");
			}
			System.out.printf(
					"Replay: %,d flow and %,d stock figures (%,d national) published again; %,d records refused%n",
					replayed.totals().size(), replayed.stock().size(), replayed.national().size(),
					replayed.refusals().size());
			load("totals rebuilt");

			Path rebuildRecording = jfr ? recordings.resolve("rebuild-" + System.currentTimeMillis() + ".jfr") : null;
			startedAt = System.nanoTime();
			before = Cpu.now(stack);
			RebuildRun rebuild = rebuildIndices(work, kafka, elasticsearch, kinds, rebuildRecording);
			phases.add(Phase.since("indices rebuild (indexer JVM)", startedAt, before, rebuild.cpuSeconds(), stack));
			problems.addAll(checkIndices(elasticsearch, ledger, replayed, kinds));
			load("indices rebuilt");

			// the recount: the same figures again, from the ledger's decisions
			long appliedEnd = appliedEnd(admin, topics);
			startedAt = System.nanoTime();
			before = Cpu.now(stack);
			Path recountRecording = jfr ? recordings.resolve("recount-" + System.currentTimeMillis() + ".jfr") : null;
			ProcessorRun recount = processor("recount", work, kafka, admin, threads, Mode.RECOUNT,
					Pattern.compile(Pattern.quote(topics.appliedEvents().name())), decisionsFrom, appliedEnd,
					recountRecording);
			phases.add(Phase.since("recount of the totals (processor JVM)", startedAt, before, recount.cpuSeconds(),
					stack));
			ProcessorOutputs recounted = ProcessorOutputs.read(kafka, topics, replayed.ends());
			for (String difference : firstOutputs.figureDifferences(recounted, 10)) {
				problems.add("the recount's figures differ from the first pass's: " + difference);
			}
			System.out.printf("Recount: %,d flow and %,d stock figures (%,d national) published again%n",
					recounted.totals().size(), recounted.stock().size(), recounted.national().size());
			startedAt = System.nanoTime();
			before = Cpu.now(stack);
			RebuildRun recountRebuild = rebuildIndices(work, kafka, elasticsearch, kinds, null);
			phases.add(Phase.since("indices rebuild after the recount (indexer JVM)", startedAt, before,
					recountRebuild.cpuSeconds(), stack));
			problems.addAll(checkIndices(elasticsearch, ledger,
					new ProcessorOutputs(recounted.totals(), recounted.stock(), replayed.refusals(), recounted.ends()),
					kinds));
			String endLoad = load("recounted");

			double goal = GOAL_SECONDS_PER_MILLION * records / 1_000_000.0;
			double replaySeconds = replay.wallSeconds() + rebuild.seconds();
			System.out.printf(
					"""

							| measure (%,d events on %d units' topics, ~%d B each, %d stream threads) | seconds | events/s | vs pass-through |
							|---|---:|---:|---:|
							| raw consumer (`ConsumerPerformance`, every event topic) | %.1f | %,.0f | – |
							| pass-through topology, exactly_once_v2, from its first commit | %.1f | %,.0f | 1.00 |
							| first pass (the processor as a service), from its first commit | %.1f | %,.0f | %.2f |
							| totals rebuild (`--investledger.replay=true`), from its first commit | %.1f | %,.0f | %.2f |
							| totals rebuild, from its launch (JVM, reset, start-up: %.1f s) | %.1f | %,.0f | – |
							| indices rebuild (`--investledger.rebuild=%s`, %,d records read), from its launch | %.1f | %,.0f | – |
							| replay: totals and indices, from launch to end | %.1f | %,.0f | – |
							""",
					records, ledger.perUnit().size(), ledger.meanBytes(), threads, records / raw, raw,
					passThrough.seconds(), passThrough.rate(), first.run().seconds(), first.run().rate(),
					first.run().rate() / passThrough.rate(), replay.run().seconds(), replay.run().rate(),
					replay.run().rate() / passThrough.rate(), replay.startSeconds(), replay.wallSeconds(),
					records / replay.wallSeconds(), String.join(",", kinds), rebuild.records(), rebuild.seconds(),
					records / rebuild.seconds(), replaySeconds, records / replaySeconds);
			double recountSeconds = recount.wallSeconds() + recountRebuild.seconds();
			System.out.printf(
					"""

							| recount (`--investledger.replay-from=applied-events`: %,d applied-event records, transaction markers included) | seconds | ledger records/s | vs pass-through |
							|---|---:|---:|---:|
							| totals recount, from its first commit | %.1f | %,.0f | %.2f |
							| totals recount, from its launch (JVM, reset, retirement, start-up: %.1f s) | %.1f | %,.0f | – |
							| indices rebuild (`--investledger.rebuild=%s`, %,d records read), from its launch | %.1f | – | – |
							| **recount: totals and indices, from launch to end** | **%.1f** | %,.0f | – |
							""",
					appliedEnd - decisionsFrom, recount.run().seconds(), records / recount.run().seconds(),
					records / recount.run().seconds() / passThrough.rate(), recount.startSeconds(),
					recount.wallSeconds(), records / recount.wallSeconds(), String.join(",", kinds),
					recountRebuild.records(), recountRebuild.seconds(), recountSeconds, records / recountSeconds);
			System.out.printf("""

					| index | records read | seconds | records/s |
					|---|---:|---:|---:|
					""");
			rebuild.indices()
				.forEach((kind, result) -> System.out.printf("| %s | %,d | %.1f | %,.0f |%n", kind, result.records(),
						result.seconds(), result.records() / Math.max(0.001, result.seconds())));
			System.out.printf(
					"""

							| phase | seconds | service JVM CPU s | broker CPU s | Elasticsearch CPU s | benchmark JVM CPU s | of %d cores |
							|---|---:|---:|---:|---:|---:|---:|
							""",
					CORES);
			phases.forEach((phase) -> System.out.println(phase.row()));
			System.out.printf(
					"%nGoal: a replay within %.0f s per 1,000,000 events, %.1f s for these: it took %.1f s, %.2f× the goal (%s).%n",
					GOAL_SECONDS_PER_MILLION, goal, replaySeconds, replaySeconds / goal,
					(replaySeconds <= goal) ? "met" : "not met");
			System.out.printf(
					"Goal, by a recount (for a change of the calendar, the rates or the counting): %.1f s, %.2f× the goal (%s).%n",
					recountSeconds, recountSeconds / goal, (recountSeconds <= goal) ? "met" : "not met");
			System.out.printf(
					"Retried sends (CONCURRENT_TRANSACTIONS, a previous transaction still completing): first pass %,d, replay %,d.%n",
					first.concurrentTransactions(), replay.concurrentTransactions());
			System.out.printf("Load average (1, 5, 15 min) at the start: %s; at the end: %s%n", startLoad, endLoad);
			if (replayRecording != null) {
				System.out.println("\nFlight recording of the replaying processor: " + replayRecording);
				FlightRecordingSummary.print(replayRecording, replay.commits().firstCommit(),
						replay.commits().lastChange(), ReplayBenchmark::isStreamThread, "Stream threads");
				System.out.println("\nFlight recording of the recounting processor: " + recountRecording);
				FlightRecordingSummary.print(recountRecording, recount.commits().firstCommit(),
						recount.commits().lastChange(), ReplayBenchmark::isStreamThread, "Stream threads");
				System.out.println("\nFlight recording of the rebuilding indexer: " + rebuildRecording);
				FlightRecordingSummary.print(rebuildRecording, rebuild.firstRebuild(), rebuild.end(), (name) -> true,
						"All threads");
			}
			if (problems.isEmpty()) {
				System.out.printf(
						"%nChecks passed: every replayed and every recounted figure (%,d flow, %,d stock) equals the first pass's, the %,d national ones included, and the replay refused the same %,d records for the same reasons; every index holds what the ledger and the processor's outputs say, after the replay and after the recount.%n",
						replayed.totals().size(), replayed.stock().size(), replayed.national().size(),
						replayed.refusals().size());
				return 0;
			}
			System.out.println();
			problems.forEach((problem) -> System.out.println("FAILED: " + problem));
			return 1;
		}
	}

	/**
	 * Runs the stream processor in a JVM of its own until it has committed every event
	 * record and every figure derived from them, then stops it as an operator does.
	 * @param replay whether it replays ({@code --investledger.replay=true})
	 * @param recording where Java Flight Recorder writes its recording, or {@code null}
	 * for none
	 */
	private static ProcessorRun processor(String name, Path work, String kafka, Admin admin, Topics topics, int threads,
			long records, boolean replay, Path recording) throws Exception {
		return processor(name, work, kafka, admin, threads, replay ? Mode.REPLAY : Mode.SERVICE,
				topics.eventTopicPattern(), 0, records, recording);
	}

	/** The sum of the applied-events topic's end offsets. */
	private static long appliedEnd(Admin admin, Topics topics) throws Exception {
		String applied = topics.appliedEvents().name();
		Map<TopicPartition, OffsetSpec> request = new HashMap<>();
		admin.describeTopics(List.of(applied))
			.allTopicNames()
			.get(30, TimeUnit.SECONDS)
			.get(applied)
			.partitions()
			.forEach((p) -> request.put(new TopicPartition(applied, p.partition()), OffsetSpec.latest()));
		return admin.listOffsets(request)
			.all()
			.get(30, TimeUnit.SECONDS)
			.values()
			.stream()
			.mapToLong((info) -> info.offset())
			.sum();
	}

	/** How the processor is started. */
	private enum Mode {

		/** as a service */
		SERVICE,

		/** {@code --investledger.replay=true} */
		REPLAY,

		/**
		 * {@code --investledger.replay=true --investledger.replay-from=applied-events}
		 */
		RECOUNT

	}

	/**
	 * Runs the stream processor in a JVM of its own until it has committed its source to
	 * the given offsets and every figure derived from them, then stops it.
	 * @param sources its source topics
	 * @param baseline the sum of the source offsets a reset sets, below its first commit
	 * @param records the sum of the source offsets it must commit
	 */
	private static ProcessorRun processor(String name, Path work, String kafka, Admin admin, int threads, Mode mode,
			Pattern sources, long baseline, long records, Path recording) throws Exception {
		boolean replay = mode != Mode.SERVICE;
		List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
		jvm.addAll(jvmOptions(replay ? "replayJvm" : "serviceJvm"));
		jvm.addAll(flightRecorder(recording));
		List<String> arguments = serviceArguments(work, kafka, threads);
		if (replay) {
			arguments.add("--investledger.replay=true");
		}
		if (mode == Mode.RECOUNT) {
			arguments.add("--investledger.replay-from=applied-events");
		}
		String applicationId = PREFIX + "-stream-processor";
		long launchedAt = System.nanoTime();
		Optional<Path> jar = extractedProcessor(work);
		if (jar.isPresent() && replay && aot().equals("true")) {
			// the cache the training run wrote (aotTraining); with AOTMode=on the JVM
			// stops
			// rather than run without it, so a run reported warm really was
			jvm.add("-XX:AOTCache=" + aotCache(work));
			jvm.add("-XX:AOTMode=on");
		}
		try (ChildJvm processor = jar.isEmpty()
				? ChildJvm.start(name, work, jvm, StreamProcessorApplication.class.getName(), arguments,
						CONCURRENT_TRANSACTIONS)
				: ChildJvm.startJar(name, work, jvm, jar.get(), arguments, CONCURRENT_TRANSACTIONS)) {
			if (replay) {
				// until the replay has reset the offsets the first pass committed
				long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
				while (StreamsRuns.committedSource(admin, applicationId, sources) >= records) {
					processor.requireAlive();
					if (System.nanoTime() > deadline) {
						throw new IllegalStateException("The replay did not reset " + applicationId + " in 5 minutes");
					}
					Thread.sleep(50);
				}
			}
			// a recount's instance stops itself once complete: its CPU is read until then
			Runnable alive = (mode == Mode.RECOUNT) ? () -> {
				processor.cpu();
				processor.requireAliveOrEndedWith(RecountEnd.COMPLETE);
			} : processor::requireAlive;
			StreamsRuns.Commits commits = StreamsRuns.awaitCommitted(admin, applicationId, sources, baseline, records,
					alive);
			if (mode == Mode.RECOUNT) {
				int exit = processor.awaitExit(Duration.ofMinutes(2));
				if (exit != RecountEnd.COMPLETE) {
					throw new IllegalStateException("The recount's instance ended with exit code " + exit);
				}
				System.out.printf("%s: the instance stopped itself (exit code %d) %.1f s after its last commit%n", name,
						exit, (System.nanoTime() - commits.lastChangeAt()) / 1e9);
			}
			StreamsRuns.Run run = commits.run(records);
			ProcessorRun result = new ProcessorRun(run, commits, launchedAt, seconds(processor.cpu()),
					processor.quieted());
			System.out.printf(
					"%s: %,d events in %.1f s after the first commit: %,.0f events/s; %.1f s from the launch (first commit after %.1f s); its JVM's CPU %.1f s%n",
					name, run.events(), run.seconds(), run.rate(), result.wallSeconds(), result.startSeconds(),
					result.cpuSeconds());
			return result;
		}
	}

	private static List<String> serviceArguments(Path work, String kafka, int threads) {
		return new ArrayList<>(List.of("--server.address=127.0.0.1", "--server.port=0",
				"--spring.kafka.bootstrap-servers=" + kafka, "--investledger.topic-prefix=" + PREFIX,
				"--spring.kafka.streams.state-dir=" + work.resolve("processor-state"),
				"--spring.kafka.streams.properties.num.stream.threads=" + threads,
				"--management.health.elasticsearch.enabled=false"));
	}

	private static Path aotCache(Path work) {
		return work.resolve("processor.aot");
	}

	/**
	 * With {@code -Daot=true}, the training run README's "Replay" ("It can start warm")
	 * asks for once per build: the service's context started against the cluster, and the
	 * JVM ended before its streams start ({@code -Dspring.context.exit=onRefresh}),
	 * writing the AOT cache the replay and the recount start from.
	 */
	private static void aotTraining(Path work, String kafka, int threads) throws Exception {
		Optional<Path> jar = extractedProcessor(work);
		if (jar.isEmpty() || !aot().equals("true")) {
			return;
		}
		long launchedAt = System.nanoTime();
		try (ChildJvm training = ChildJvm.startJar("aot-training", work,
				List.of("-Xmx1g", "-XX:AOTCacheOutput=" + aotCache(work), "-Dspring.context.exit=onRefresh"), jar.get(),
				serviceArguments(work, kafka, threads), CONCURRENT_TRANSACTIONS)) {
			int exit = training.awaitExit(Duration.ofMinutes(3));
			if (exit != 0 || !Files.exists(aotCache(work))) {
				throw new IllegalStateException("The training run ended with exit code " + exit + " and "
						+ (Files.exists(aotCache(work)) ? "a cache" : "no cache"));
			}
		}
		double seconds = (System.nanoTime() - launchedAt) / 1e9;
		System.out.printf("AOT training run: %.1f s from launch to the cache written (%,d bytes)%n", seconds,
				Files.size(aotCache(work)));
	}

	/**
	 * With {@code -Daot=true} or {@code cold}, the processor as README's "Replay" ("It
	 * can start warm") runs it: its executable jar ({@code -DprocessorExecJar}) extracted
	 * once into the work directory, and run from there ({@code cold}: with no cache, the
	 * comparison). Without it, none: the processor runs on this program's class path.
	 */
	private static Optional<Path> extractedProcessor(Path work) throws Exception {
		if (aot().equals("false")) {
			return Optional.empty();
		}
		Path executable = Path.of(System.getProperty("processorExecJar", "")).toAbsolutePath();
		Path directory = work.resolve("processor");
		Path extracted = directory.resolve(executable.getFileName());
		if (!Files.exists(extracted)) {
			if (!Files.isRegularFile(executable)) {
				throw new IllegalStateException("-Daot=" + aot() + " needs the processor's executable jar: no "
						+ executable + " (./mvnw -B -DskipTests package -pl stream-processor -am)");
			}
			Process extract = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
					"-Djarmode=tools", "-jar", executable.toString(), "extract", "--destination", directory.toString())
				.inheritIO()
				.start();
			if (extract.waitFor() != 0 || !Files.exists(extracted)) {
				throw new IllegalStateException("Could not extract " + executable + " into " + directory);
			}
		}
		return Optional.of(extracted);
	}

	/** {@code -Daot}: {@code false} (the default), {@code true} or {@code cold}. */
	private static String aot() {
		String aot = System.getProperty("aot", "false");
		if (!List.of("false", "true", "cold").contains(aot)) {
			throw new IllegalArgumentException("-Daot is false, true or cold, not " + aot);
		}
		return aot;
	}

	/**
	 * The processor's JVM options beyond its heap, separated by spaces:
	 * {@code -DserviceJvm} for the first pass (none unless set: the service's defaults)
	 * and {@code -DreplayJvm} for the replay (the Maven profile gives README's
	 * {@code -XX:+UseParallelGC}; empty for the JVM's default collector).
	 */
	private static List<String> jvmOptions(String property) {
		String options = System.getProperty(property, "").trim();
		return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
	}

	/**
	 * Runs the indexer's rebuild command in a JVM of its own, as the README says, and
	 * returns what it logged for each index.
	 */
	private static RebuildRun rebuildIndices(Path work, String kafka, String elasticsearch, List<String> kinds,
			Path recording) throws Exception {
		List<String> arguments = new ArrayList<>(List.of("--investledger.rebuild=" + String.join(",", kinds),
				"--spring.kafka.bootstrap-servers=" + kafka, "--spring.elasticsearch.uris=" + elasticsearch,
				"--investledger.topic-prefix=" + PREFIX, "--investledger.index-prefix=" + PREFIX));
		arguments.addAll(PlatformServices.Account.arguments(PlatformServices.LOCAL_ACCOUNTS));
		List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
		jvm.addAll(flightRecorder(recording));
		long launchedAt = System.nanoTime();
		try (ChildJvm indexer = ChildJvm.start("rebuild", work, jvm, IndexerApplication.class.getName(), arguments,
				NOTHING)) {
			int exit = indexer.awaitExit(Duration.ofHours(3));
			double seconds = (System.nanoTime() - launchedAt) / 1e9;
			Instant end = Instant.now();
			if (exit != 0) {
				throw new IllegalStateException("The rebuild command exited with " + exit);
			}
			Map<String, Rebuilt> rebuilt = new LinkedHashMap<>();
			Instant firstRebuild = end;
			for (ChildJvm.Line line : indexer.lines()) {
				if (line.text().contains("Rebuilding ") && line.at().isBefore(firstRebuild)) {
					firstRebuild = line.at();
				}
				Matcher matcher = REBUILT.matcher(line.text());
				if (matcher.find()) {
					rebuilt.put(matcher.group(1),
							new Rebuilt(Long.parseLong(matcher.group(2)), Double.parseDouble(matcher.group(4))));
				}
			}
			if (!rebuilt.keySet().containsAll(kinds)) {
				throw new IllegalStateException("The rebuild command logged only " + rebuilt.keySet());
			}
			return new RebuildRun(rebuilt, seconds, seconds(indexer.cpu()), firstRebuild, end);
		}
	}

	private static List<String> flightRecorder(Path recording) {
		if (recording == null) {
			return List.of();
		}
		return List.of("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recording,
				"-XX:FlightRecorderOptions=stackdepth=256");
	}

	private static boolean isStreamThread(String thread) {
		// a stream thread's producer's network thread carries the stream thread's name
		return thread.contains("StreamThread-") && !thread.startsWith("kafka-producer-network-thread");
	}

	/**
	 * What the rebuilt indices hold, against what the ledger and the processor's outputs
	 * say they must.
	 * @return the problems found
	 */
	private static List<String> checkIndices(String elasticsearch, BenchLedger.Written ledger, ProcessorOutputs figures,
			List<String> kinds) throws Exception {
		RawBulk client = new RawBulk(elasticsearch);
		Indices indices = new Indices(PREFIX);
		Map<String, Long> expected = new LinkedHashMap<>();
		expected.put(indices.projects(), ledger.projects());
		expected.put(indices.history(), ledger.appliedEvents());
		expected.put(indices.totals(), (long) figures.totals().size());
		expected.put(indices.stock(), (long) figures.stock().size());
		// one document per refused record, which the replay refused again
		expected.put(indices.rejections(), (long) figures.refusals().size());
		// only the indices rebuilt: the others were never filled in this run
		expected.keySet().removeIf((index) -> kinds.stream().noneMatch((kind) -> index.equals(indices.alias(kind))));
		List<String> problems = new ArrayList<>();
		for (Map.Entry<String, Long> index : expected.entrySet()) {
			client.refresh(index.getKey());
			long count = client.count(index.getKey());
			System.out.printf("%s: %,d documents%n", index.getKey(), count);
			if (count != index.getValue()) {
				problems.add(index.getKey() + " holds " + count + " documents, not " + index.getValue());
			}
		}
		Map<String, Total> national = figures.national();
		JsonNode hits = client
			.search(indices.totals(), "{\"query\":{\"term\":{\"cuboid\":\"national\"}},\"size\":10000}")
			.path("hits")
			.path("hits");
		int compared = 0;
		for (JsonNode hit : hits) {
			String key = hit.path("_id").asString();
			TotalDocument indexed = EventJson.mapper().treeToValue(hit.path("_source"), TotalDocument.class);
			Total total = national.get(key);
			if (total == null || !TotalDocument.of(total, null).sameFigure(indexed)) {
				problems.add("indexed national figure " + key + " is " + indexed + ", the processor's "
						+ ((total != null) ? TotalDocument.of(total, null) : "does not exist"));
			}
			compared++;
		}
		if (compared != national.size()) {
			problems.add("the totals index has " + compared + " national figures, the processor " + national.size());
		}
		return problems;
	}

	/**
	 * The indices to rebuild: by default the figures', which are all a rule change (the
	 * report calendar, the rates, the VSIC correspondence) alters; {@code all} for a
	 * restore of every index.
	 */
	private static List<String> rebuildKinds(String setting) {
		List<String> kinds = "all".equals(setting) ? Indices.KINDS : List.of(setting.split(","));
		if (!Indices.KINDS.containsAll(kinds)) {
			throw new IllegalArgumentException("rebuild must be all or some of " + Indices.KINDS + ": " + setting);
		}
		return kinds;
	}

	private static double seconds(Duration duration) {
		return duration.toNanos() / 1e9;
	}

	/**
	 * Prints and returns the machine's load average: other builds share its two cores.
	 */
	private static String load(String when) throws Exception {
		String[] fields = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
		String load = fields[0] + ", " + fields[1] + ", " + fields[2];
		System.out.printf("Load average (1, 5, 15 min) at %s: %s%n", when, load);
		return load;
	}

}
