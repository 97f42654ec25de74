package vn.investledger.processor.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.tools.StreamsResetter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

import vn.investledger.events.Topics;
import vn.investledger.processor.system.ClientSettings;
import vn.investledger.processor.system.OtherLedgers;
import vn.investledger.processor.system.ReplayFrom;
import vn.investledger.processor.system.RulesInForce;

/**
 * Resets the application before the streams start. For a replay from the event topics,
 * with Kafka's own {@link StreamsResetter}: input offsets to the earliest of every event
 * topic, internal topics (changelogs, repartition topics) deleted. For a recount from the
 * applied events: the offsets on the applied-events topic to where the ledger's decisions
 * begin, only the figures' internal topics deleted. Either way the figures counted before
 * are retired ({@link FigureRetirement}), and by a replay the project states too, and
 * then the tables of this instance become those the figures are counted under. It refuses
 * while another instance of the application is running. It also records where its input
 * ends, which is where the replay is done.
 */
class OffsetReset implements SmartLifecycle, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(OffsetReset.class);

	private final StreamsBuilderFactoryBean factory;

	private final Topics topics;

	private final Recount recount;

	private volatile Map<TopicPartition, Long> start = Map.of();

	private volatile Map<TopicPartition, Long> end = Map.of();

	private volatile boolean running;

	private final RulesInForce rules;

	private final Duration retireReadLimit;

	private final Duration markNotice;

	/** When the mark that refuses the figures was recorded ({@link System#nanoTime}). */
	private long marked;

	/**
	 * Where the ledger's decisions begin on the applied-events topic, for a replay from
	 * the event topics: where it ended before the replay.
	 */
	private Map<Integer, Long> decisionsFrom = Map.of();

	/** The lock this replay holds until its stream threads have joined. */
	private volatile ReplayLock lock;

	/** Where a replay from the event topics must get to, once reset. */
	private volatile Map<TopicPartition, Long> replayTo = Map.of();

	/**
	 * What a recount ({@code --investledger.replay-from=applied-events}) needs to know.
	 *
	 * @param partitions the partitions of the ledger's tasks, which the applied-events
	 * topic must have
	 * @param figureTopics the internal topics of the figures (changelogs and repartition
	 * topics, without the application id's prefix), which it deletes
	 */
	record Recount(int partitions, Set<String> figureTopics) {
	}

	/**
	 * A reset for a replay from the event topics ({@code recount} {@code null}) or for a
	 * recount from the applied events.
	 * @param factory the streams
	 * @param topics the topics
	 * @param rules where the tables and the replay's marks are recorded
	 * @param recount what a recount needs, {@code null} for a replay from the event
	 * topics
	 */
	OffsetReset(StreamsBuilderFactoryBean factory, Topics topics, RulesInForce rules, Recount recount) {
		this(factory, topics, rules, recount, FigureRetirement.READ_LIMIT, MARK_NOTICE);
	}

	/** How long a mark that refuses the figures is left for the consoles to read. */
	static final Duration MARK_NOTICE = Duration.ofSeconds(5);

	/**
	 * A reset whose reading of the keys to retire is bounded.
	 * @param factory the streams
	 * @param topics the topics
	 * @param rules where the tables and the replay's marks are recorded
	 * @param recount what a recount needs, {@code null} for a replay from the event
	 * topics
	 * @param retireReadLimit how long reading the keys to retire may take
	 * @param markNotice how long a mark that refuses the figures is left for the consoles
	 * to read before anything is retired
	 */
	OffsetReset(StreamsBuilderFactoryBean factory, Topics topics, RulesInForce rules, Recount recount,
			Duration retireReadLimit, Duration markNotice) {
		this.factory = factory;
		this.topics = topics;
		this.recount = recount;
		this.rules = rules;
		this.retireReadLimit = retireReadLimit;
		this.markNotice = markNotice;
	}

	/**
	 * What this reset reads.
	 * @return a name for the log
	 */
	String records() {
		return (this.recount != null) ? "applied-event records" : "event records";
	}

	/**
	 * Where a replay from the event topics must get to: the end of each partition with
	 * records to read when it began.
	 * @return the offsets, none for a recount
	 */
	Map<TopicPartition, Long> replayTo() {
		return this.replayTo;
	}

	/**
	 * Whether this is a recount from the applied events.
	 * @return true for a recount
	 */
	boolean isRecount() {
		return this.recount != null;
	}

	/**
	 * The internal topics a recount counts again, without the application id's prefix.
	 * @return the topics, none for a replay from the event topics
	 */
	Set<String> recountTopics() {
		return (this.recount != null) ? this.recount.figureTopics() : Set.of();
	}

	/**
	 * The topics the figures are published to.
	 * @return the totals topic, then the stock topic
	 */
	List<String> figureTopics() {
		return List.of(this.topics.totals().name(), this.topics.stock().name());
	}

	/**
	 * The topics whose every key is retired before the counting begins: the figures, and
	 * for a replay from the event topics the project states too, since its ledger may
	 * decide otherwise (a project it refuses whole publishes no state, and one whose
	 * later event it refuses publishes a lower revision). A recount keeps the ledger's
	 * decisions, and so the states.
	 * @return the topics
	 */
	List<String> retiredTopics() {
		List<String> retired = new ArrayList<>(figureTopics());
		if (this.recount == null) {
			retired.add(this.topics.projectState().name());
		}
		return retired;
	}

	/**
	 * Once the application has committed every offset its input held when it began, and
	 * the figures counted from it are published: where the topics it wrote anew end is
	 * recorded, then a recount's mark is removed, so that the processor may start as
	 * usual, and a replay's, so that the console answers the figures again once the
	 * indexers have read to those ends.
	 * @param admin an admin client
	 */
	void complete(Admin admin) {
		List<String> published = new ArrayList<>(figureTopics());
		if (this.recount == null) {
			published.add(this.topics.appliedEvents().name());
		}
		publish(admin, this.rules, published, readableWithin(this.factory.getStreamsConfiguration()));
		if (this.recount != null) {
			this.rules.mark(RulesInForce.RECOUNT_TO, null);
		}
		else {
			this.rules.replayMark(null);
		}
	}

	/**
	 * Records where the topics written anew end ({@link RulesInForce#PUBLISHED_TO}),
	 * before the mark is removed: the consoles then wait for the indexers to have read
	 * that far. The ends recorded are those a consumer of committed records reads to,
	 * once they have reached where the topics' logs ended first ({@link #readableEnds}).
	 * @param admin an admin client
	 * @param rules the rulebook
	 * @param topics the topics written anew whose indices the console reads: the
	 * figures', and after a replay from the event topics the applied events' (the
	 * history's)
	 * @param within how long the records written by then may take to become readable
	 * ({@link #readableWithin})
	 */
	static void publish(Admin admin, RulesInForce rules, List<String> topics, Duration within) {
		// a passing failure of the broker is tried again before the counting is given up
		for (int attempt = 1;; attempt++) {
			try {
				rules.publishedTo(readableEnds(admin, topics, within));
				return;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while reading the ends of " + topics, ex);
			}
			catch (Exception ex) {
				if (attempt == PUBLISH_ATTEMPTS) {
					throw new IllegalStateException("Could not record where " + topics + " end: " + ex.getMessage(),
							ex);
				}
				logger.warn("Could not record where {} end, tried again in 2 s: {}", topics, ex.getMessage());
				try {
					Thread.sleep(2_000);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while recording where " + topics + " end",
							interrupted);
				}
			}
		}
	}

	/**
	 * How long the records written to the topics by the time their ends are asked may
	 * take to become readable: twice as long as a transaction may stay open (the streams'
	 * transaction timeout, 10 s unless set; past it its coordinator aborts it), and at
	 * least 30 s.
	 * @param config the streams' settings
	 * @return the wait
	 */
	static Duration readableWithin(Properties config) {
		Duration twice = ReplayConfiguration.transactionTimeout(config).multipliedBy(2);
		return (twice.compareTo(MIN_READABLE_WITHIN) > 0) ? twice : MIN_READABLE_WITHIN;
	}

	private static final Duration MIN_READABLE_WITHIN = Duration.ofSeconds(30);

	/**
	 * Where some topics end for a consumer of committed records (their last stable
	 * offsets), once every record their logs held when asked first is readable or
	 * aborted. The application's offsets on the repartition topics show the transaction
	 * that published the last figures committed ({@link FiguresSettled}) as soon as its
	 * marker is on the consumer offsets' partition; its markers on the figures'
	 * partitions are written apart from that one, and may follow it (on another broker in
	 * a cluster, or a busy one): their last stable offsets read at once could lie before
	 * the last figures, and the consoles would answer the figures once the indexers had
	 * read to there, without those.
	 * @param admin an admin client
	 * @param topics the topics
	 * @param within how long to wait
	 * @return the ends, each at or past the log's end when first asked
	 * @throws Exception if Kafka cannot be asked, or the records are not readable in time
	 */
	static Map<TopicPartition, Long> readableEnds(Admin admin, List<String> topics, Duration within) throws Exception {
		Map<TopicPartition, Long> written = PendingCells.logEnds(admin, topics);
		long deadline = System.nanoTime() + within.toNanos();
		while (true) {
			Map<TopicPartition, Long> readable = PendingCells.committedEnds(admin, topics);
			if (written.entrySet()
				.stream()
				.allMatch((end) -> readable.getOrDefault(end.getKey(), 0L) >= end.getValue())) {
				return readable;
			}
			if (System.nanoTime() - deadline >= 0) {
				throw new TimeoutException("the records written to " + topics + " were not all readable within "
						+ within + " (log ends " + written + ", readable to " + readable + ")");
			}
			Thread.sleep(100);
		}
	}

	/** How often recording where the topics end is tried before the counting gives up. */
	static final int PUBLISH_ATTEMPTS = 3;

	/**
	 * Waits until the notice has passed since the mark that refuses the figures was
	 * recorded, for the consoles to read it (they read the rulebook topic every 2 s)
	 * before any figure is retired or the history's mark moves. The reset and the reading
	 * of the keys to retire take their time meanwhile.
	 */
	private void awaitNotice() throws InterruptedException {
		long left = this.markNotice.toNanos() - (System.nanoTime() - this.marked);
		if (left > 0) {
			TimeUnit.NANOSECONDS.sleep(left);
		}
		logger.info("Replay: the notice of {} ms for the consoles passed, of which {} ms waited",
				this.markNotice.toMillis(), TimeUnit.NANOSECONDS.toMillis(Math.max(left, 0)));
	}

	@Override
	public void start() {
		Properties config = this.factory.getStreamsConfiguration();
		String applicationId = config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
		String bootstrap = ClientSettings.bootstrapServers(config);
		Properties clients = ClientSettings.of(config);
		try (Admin admin = Admin.create(clients)) {
			// one replay or recount at a time, until its stream threads have joined
			this.lock = ReplayLock.take(admin, clients, applicationId);
			try {
				reset(admin, applicationId, bootstrap, clients);
			}
			catch (Throwable ex) {
				this.lock.release();
				throw ex;
			}
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
		this.lock.releaseOnceJoined(this::ownConsumers);
	}

	private void reset(Admin admin, String applicationId, String bootstrap, Properties clients)
			throws InterruptedException, ExecutionException, TimeoutException, IOException {
		refuseWhileRunning(admin, applicationId, this.topics);
		if (this.recount != null) {
			resetForRecount(admin, applicationId);
		}
		else {
			resetForReplay(admin, applicationId, bootstrap, clients);
		}
		FigureRetirement.Keys retired = FigureRetirement.read(admin, clients, retiredTopics(), this.retireReadLimit);
		// the reset and the reading above change no figure, state or history the
		// consoles read (the reset's offsets only show the processor behind a little
		// sooner, where the consoles refuse anyway): they ran while the consoles
		// took notice of the mark, which the history's mark and the tombstones wait
		// for
		awaitNotice();
		if (this.recount == null) {
			// the reset is done (the streams start after it): the decisions begin
			// where the topic ended, and a recount stopped before its end is
			// superseded
			this.rules.mark(RulesInForce.DECISIONS_FROM, this.decisionsFrom);
			this.rules.mark(RulesInForce.RECOUNT_TO, null);
		}
		retired.retire(clients);
		// an instance started meanwhile would count under the tables recorded before,
		// and its figures could follow the tombstones
		refuseWhileRunning(admin, applicationId, this.topics);
		// the figures are counted under this instance's tables from now on: a replay
		// from the event topics writes the history under them too, while after a
		// recount the history holds entries under the tables before and after it
		// (recorded first, so that the console never takes them for the figures')
		Map<String, String> countedBefore = this.rules.counted();
		if (this.recount == null) {
			this.rules.recordHistory();
		}
		else {
			this.rules.recordRecountedHistory(countedBefore);
		}
		this.rules.record();
		if (this.recount == null) {
			// what was counted before is gone and the tables are recorded: a service
			// instance may go on from here
			this.rules.replayMark(new RulesInForce.ReplayMark(this.replayTo, true));
		}
	}

	private void resetForReplay(Admin admin, String applicationId, String bootstrap, Properties clients)
			throws InterruptedException, ExecutionException, TimeoutException, IOException {
		// the ledger's decisions are written again from here on: a later recount reads
		// these, not the earlier ones
		String applied = this.topics.appliedEvents().name();
		Map<Integer, Long> from = new TreeMap<>();
		if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(applied)) {
			offsets(admin, partitionsOf(admin, List.of(applied)), OffsetSpec.latest())
				.forEach((partition, offset) -> from.put(partition.partition(), offset));
		}
		List<String> eventTopics = admin.listTopics()
			.names()
			.get(30, TimeUnit.SECONDS)
			.stream()
			.filter((name) -> this.topics.eventTopicPattern().matcher(name).matches())
			.sorted()
			.toList();
		// before anything is reset: the figures are refused until the replay gets to
		// where
		// the event topics end now (a replay stopped from here on, before it has retired
		// what was counted before, refuses the service's start)
		if (!eventTopics.isEmpty()) {
			var partitions = partitionsOf(admin, eventTopics);
			this.start = offsets(admin, partitions, OffsetSpec.earliest());
			this.end = offsets(admin, partitions, OffsetSpec.latest());
		}
		Map<TopicPartition, Long> toRead = new HashMap<>(this.end);
		// a partition without records to read gets no offset committed
		toRead.entrySet().removeIf((end) -> end.getValue() <= this.start.getOrDefault(end.getKey(), 0L));
		this.replayTo = toRead;
		this.rules.replayMark(new RulesInForce.ReplayMark(toRead, false));
		this.marked = System.nanoTime();
		logger.info("Replay of {}: resetting to the start of {}", applicationId, eventTopics);
		beginGeneration(applicationId);
		if (!eventTopics.isEmpty()) {
			int exit;
			Path commandConfig = commandConfig(clients);
			try {
				exit = new StreamsResetter().execute(new String[] { "--bootstrap-server", bootstrap, "--command-config",
						commandConfig.toString(), "--application-id", applicationId, "--input-topics",
						String.join(",", eventTopics), "--to-earliest" });
			}
			finally {
				Files.deleteIfExists(commandConfig);
			}
			if (exit != 0) {
				throw new IllegalStateException("Replay failed: Kafka's StreamsResetter could not reset "
						+ applicationId + " (its reason is printed above)");
			}
		}
		this.decisionsFrom = from;
	}

	/**
	 * A recount: the application's offsets on the applied-events topic to where the
	 * ledger's decisions begin, the figures' internal topics deleted, and where it must
	 * get to recorded. The ledger's own state and offsets are left as they are.
	 */
	private void resetForRecount(Admin admin, String applicationId)
			throws InterruptedException, ExecutionException, TimeoutException {
		if (this.rules.counted() == null) {
			throw new IllegalStateException("Recount refused: no record names the tables the figures were counted"
					+ " under (none were counted yet, or the record was removed or its topic lost). Start the"
					+ " processor if it never counted; else replay from the event topics once"
					+ " (--investledger.replay=true), which records them");
		}
		Map<String, String> judgingTables = Map.of("vsic", "the VSIC tables", "provinces", "the provincial units");
		List<String> judging = this.rules.changed()
			.stream()
			.filter(judgingTables::containsKey)
			.map(judgingTables::get)
			.toList();
		if (!judging.isEmpty()) {
			throw new IllegalStateException("Recount refused: " + String.join(" and ", judging)
					+ " differ from those the figures were counted under, and they judge which events the ledger"
					+ " accepts. Replay from the event topics (--investledger.replay=true without "
					+ ReplayFrom.PROPERTY + ")");
		}
		Map<Integer, Long> decisions = this.rules.mark(RulesInForce.DECISIONS_FROM);
		if (decisions == null) {
			throw new IllegalStateException("Recount refused: nothing marks where the ledger's decisions begin on "
					+ this.topics.appliedEvents().name() + " (the figures were counted by a version that did not"
					+ " mark it). Replay from the event topics once (--investledger.replay=true)");
		}
		String applied = this.topics.appliedEvents().name();
		if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(applied)) {
			throw new IllegalStateException("Recount refused: there is no " + applied
					+ " topic to count from; start the processor, or replay from the event topics");
		}
		List<TopicPartition> partitions = partitionsOf(admin, List.of(applied));
		if (partitions.size() != this.recount.partitions()) {
			throw new IllegalStateException("Recount refused: " + applied + " has " + partitions.size()
					+ " partitions, the ledger's tasks " + this.recount.partitions()
					+ ": its projects' decisions would not be read in the order they were made, nor the figures'"
					+ " state laid out as the processor restores it. Replay from the event topics");
		}
		Map<TopicPartition, Long> earliest = offsets(admin, partitions, OffsetSpec.earliest());
		Map<TopicPartition, Long> to = offsets(admin, partitions, OffsetSpec.latest());
		Map<TopicPartition, Long> from = new TreeMap<>(
				Comparator.comparing(TopicPartition::topic).thenComparing(TopicPartition::partition));
		for (TopicPartition partition : partitions) {
			long mark = decisions.getOrDefault(partition.partition(), 0L);
			if (mark < earliest.get(partition) || mark > to.get(partition)) {
				throw new IllegalStateException("Recount refused: the ledger's decisions begin at offset " + mark
						+ " of " + partition + ", which holds " + earliest.get(partition) + " to " + to.get(partition)
						+ " (records deleted, or the topic created anew since). Replay from the event topics");
			}
			from.put(partition, mark);
		}
		logger.info("Recount of {}: from the applied events at {}, to {}", applicationId, from, to);
		beginGeneration(applicationId);
		// first the mark that keeps the processor from starting until the recount is
		// complete, then what it changes
		Map<Integer, Long> target = new TreeMap<>();
		to.forEach((partition, offset) -> target.put(partition.partition(), offset));
		this.rules.mark(RulesInForce.RECOUNT_TO, target);
		this.marked = System.nanoTime();
		// the applied events from where the decisions begin; the ledger's offsets
		// committed again as they are, so that none expires while the recount, whose
		// topology does not read them, holds the group
		Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(admin.listConsumerGroupOffsets(applicationId)
			.partitionsToOffsetAndMetadata()
			.get(30, TimeUnit.SECONDS));
		offsets.values().removeIf(java.util.Objects::isNull);
		from.forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset)));
		admin.alterConsumerGroupOffsets(applicationId, offsets).all().get(30, TimeUnit.SECONDS);
		// the figures' state is counted again; the ledger's is kept
		Set<String> figures = new TreeSet<>();
		this.recount.figureTopics().forEach((topic) -> figures.add(applicationId + "-" + topic));
		figures.retainAll(admin.listTopics().names().get(30, TimeUnit.SECONDS));
		logger.info("Recount of {}: deleting {}", applicationId, figures);
		if (!figures.isEmpty()) {
			admin.deleteTopics(figures).all().get(60, TimeUnit.SECONDS);
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().anyMatch(figures::contains)) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Recount failed: Kafka has not deleted " + figures + " in 60 s");
				}
				Thread.sleep(200);
			}
		}
		this.start = from;
		this.end = to;
	}

	/**
	 * Begins a new generation of the state, once the reset is checked and before it
	 * deletes or moves anything: every host's copy of the stores is now of an earlier
	 * generation, and is emptied as that host starts. A refused reset leaves the
	 * generation as it was.
	 */
	private void beginGeneration(String applicationId) {
		String generation = this.rules.newStateGeneration();
		logger.info("{}: the state's generation is now {}", applicationId, generation);
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

	private static void refuseWhileRunning(Admin admin, String applicationId, Topics topics)
			throws InterruptedException, ExecutionException, TimeoutException {
		Collection<MemberDescription> members;
		try {
			members = admin.describeConsumerGroups(List.of(applicationId))
				.describedGroups()
				.get(applicationId)
				.get(30, TimeUnit.SECONDS)
				.members();
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof GroupIdNotFoundException)) {
				throw ex;
			}
			// no group: no instance runs (the group of instances all stopped longer than
			// the broker keeps an empty group's offsets is gone too)
			members = List.of();
		}
		if (!members.isEmpty()) {
			throw new IllegalStateException("Replay refused: " + members.size() + " instance(s) of " + applicationId
					+ " are running, on " + members.stream().map((m) -> m.host()).distinct().sorted().toList()
					+ ". Stop every instance of the processor, then run the replay again.");
		}
		OtherLedgers.refuseBeside(admin, applicationId, topics, "Replay refused");
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
		if (this.lock != null) {
			this.lock.release();
		}
	}

	/**
	 * The client ids of this instance's stream threads' consumers, once its streams
	 * exist.
	 */
	private Set<String> ownConsumers() {
		KafkaStreams streams = this.factory.getKafkaStreams();
		if (streams == null) {
			return Set.of();
		}
		Set<String> consumers = new TreeSet<>();
		streams.metadataForLocalThreads().forEach((thread) -> consumers.add(thread.consumerClientId()));
		return consumers;
	}

	/**
	 * Gives the lock back if the context is closed without being stopped (a later bean
	 * failed to start): otherwise the next replay would wait for this one's threads.
	 */
	@Override
	public void destroy() {
		if (this.lock != null) {
			this.lock.release();
		}
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
