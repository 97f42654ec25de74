package vn.investledger.processor.system;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

import vn.investledger.events.EventJson;
import vn.investledger.events.rulebook.Rules;

/**
 * Which tables the figures were counted under, so that a changed table is never mixed
 * into figures counted under the old one. The fingerprints of the report calendar, the
 * rates and the VSIC tables ({@link Rules#fingerprints()}) are kept on the compacted
 * {@code <prefix>.rulebook} topic, keyed by the application. A start with other tables
 * than those is refused, naming the tables that changed: a replay applies them
 * ({@code --investledger.replay=true}), and records the new fingerprints once its reset
 * is done. The first start records the tables it counts under.
 */
@Component
public class RulesInForce implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(RulesInForce.class);

	private static final Duration POLL = Duration.ofMillis(200);

	private final StreamsBuilderFactoryBean streams;

	private final ProcessorProperties properties;

	private final Rules rules;

	private final boolean replay;

	/** Whether the topic was found or created (it is never deleted by the processor). */
	private volatile boolean topicExists;

	RulesInForce(StreamsBuilderFactoryBean streams, ProcessorProperties properties, Rules rules,
			@Value("${" + ReplaySwitch.PROPERTY + ":#{null}}") String replay) {
		this.streams = streams;
		this.properties = properties;
		this.rules = rules;
		this.replay = ReplaySwitch.replaying(replay);
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.replay) {
			// recorded by the replay once its reset is done (record())
			return;
		}
		// before this instance records anything under its application id
		refuseBesideAnotherLedger();
		Map<String, String> now = this.rules.fingerprints();
		Map<String, String> counted = counted();
		if (counted == null) {
			// (another instance's first start may have recorded its tables and decided
			// since this one read none: read them again before refusing)
			if (!nothingDecided() && counted() == null) {
				// the record removed by hand, or the topic lost: the figures were counted
				// under tables no record names, which this instance's would be taken for
				throw new IllegalStateException("The ledger has decided events (on "
						+ this.properties.topics().appliedEvents().name()
						+ "), but no record names the tables its figures were counted under (" + topic() + ", key "
						+ applicationId() + ": removed, or the topic lost). Figures counted under unknown tables"
						+ " would be taken for this instance's: replay from the event topics (every instance"
						+ " stopped, one started with --investledger.replay=true), which counts them under this"
						+ " instance's tables and records them.");
			}
			write(now);
			// a ledger that has decided nothing yet decides from the topic's first
			// records
			if (mark(DECISIONS_FROM) == null) {
				mark(DECISIONS_FROM, Map.of());
			}
			// Two first starts may record at once: the first record after the last
			// removal wins, and an instance with other tables puts it back and stops.
			Recorded winner = firstRecorded(records(applicationId()));
			Map<String, String> first = (winner != null) ? parse(applicationId(), winner) : null;
			if (first != null && !first.equals(now)) {
				write(first);
				writeHistory(first);
				throw new IllegalStateException("Another instance recorded other tables first: "
						+ String.join(", ", changed(first, now)) + " differ (" + describe(changed(first, now))
						+ "). Start every instance with the same tables, or apply a change by a replay.");
			}
			writeHistory(now);
			logger.info("Rulebook: the figures are counted under the tables {}", now);
			return;
		}
		if (history() == null) {
			writeHistory(recountedSinceReplay() ? unknownHistory(counted) : counted);
		}
		List<String> changed = changed(counted, now);
		if (!changed.isEmpty()) {
			throw new IllegalStateException("The figures were counted under other tables than this instance's: "
					+ String.join(", ", changed) + " changed (" + describe(changed)
					+ "). Apply the change by a replay (stop every instance, then start one with"
					+ " --investledger.replay=true"
					+ ((changed.contains("vsic") || changed.contains("provinces")) ? ""
							: "; with --" + ReplayFrom.PROPERTY
									+ "=applied-events too, it only counts the figures again")
					+ "), or start with the tables the figures were counted under.");
		}
	}

	/**
	 * Records the tables of this instance as those the figures are counted under: by a
	 * replay, after its reset.
	 */
	public void record() {
		Map<String, String> now = this.rules.fingerprints();
		write(now);
		logger.info("Rulebook: the replay counts the figures under the tables {}", now);
	}

	/**
	 * Records the tables of this instance as those the ledger's history is recorded
	 * under: by a replay from the event topics, which writes every decision and its flow
	 * anew, after its reset. A recount counts the figures again from the decisions as
	 * they are, and leaves this record as it was.
	 */
	public void recordHistory() {
		writeHistory(this.rules.fingerprints());
	}

	/**
	 * The fingerprints the ledger's history was recorded under: the tables each applied
	 * entry's flow (its periods, its USD equivalents) was worked out with, which the
	 * console compares with those the figures were counted under ({@link #counted()})
	 * before it lists the events behind a figure or folds a release from them.
	 * @return them, or {@code null} if none were recorded
	 */
	public Map<String, String> history() {
		List<Recorded> records = records(applicationId() + "/" + HISTORY);
		return records.isEmpty() ? null : parse(applicationId() + "/" + HISTORY, records.get(records.size() - 1));
	}

	/**
	 * Records that the figures are counted again under this instance's tables, by a
	 * recount: the history's entries keep the flows they were applied with, and those the
	 * ledger applies from now on get the new tables' flows, so for each table the recount
	 * changes, the history holds entries of both until a replay from the event topics
	 * writes it anew. Such a table's fingerprint is recorded as {@value #MIXED} and the
	 * time, which matches no table: the console refuses what sums the history to a figure
	 * until then. A recount under the same tables changes nothing.
	 * @param countedBefore the tables the figures were counted under before the recount
	 */
	public void recordRecountedHistory(Map<String, String> countedBefore) {
		Map<String, String> history = history();
		Map<String, String> next = new LinkedHashMap<>((history != null) ? history : countedBefore);
		Map<String, String> now = this.rules.fingerprints();
		String mixed = MIXED + " since " + Instant.now();
		for (String table : now.keySet()) {
			if (!Objects.equals(now.get(table), countedBefore.get(table))) {
				next.put(table, mixed);
			}
		}
		if (history == null || !next.equals(history)) {
			writeHistory(next);
		}
	}

	/**
	 * Whether the latest reset of the processor's state was a recount's (its generation
	 * begun after the latest replay marked where the decisions begin): the tables the
	 * history was recorded under are then unknown to a version that did not record them.
	 */
	private boolean recountedSinceReplay() {
		List<Recorded> generations = records(applicationId() + "/" + STATE_GENERATION);
		if (generations.isEmpty()) {
			return false;
		}
		List<Recorded> marks = records(applicationId() + "/" + DECISIONS_FROM);
		return marks.isEmpty()
				|| generations.get(generations.size() - 1).offset() > marks.get(marks.size() - 1).offset();
	}

	private static Map<String, String> unknownHistory(Map<String, String> counted) {
		Map<String, String> unknown = new LinkedHashMap<>();
		String value = MIXED + ": counted again before the history's tables were recorded";
		counted.keySet().forEach((table) -> unknown.put(table, value));
		return unknown;
	}

	private void writeHistory(Map<String, String> fingerprints) {
		Map<String, String> value = new LinkedHashMap<>(fingerprints);
		value.put("recordedAt", Instant.now().toString());
		send(applicationId() + "/" + HISTORY, EventJson.mapper().writeValueAsString(value));
	}

	/**
	 * The tables of this instance that differ from those the figures were counted under.
	 * @return their names ({@code calendar}, {@code rates}, {@code vsic}), none if no
	 * tables were recorded yet
	 */
	public List<String> changed() {
		Map<String, String> counted = counted();
		return (counted != null) ? changed(counted, this.rules.fingerprints()) : List.of();
	}

	/**
	 * The fingerprints the figures were counted under.
	 * @return them, or {@code null} if none were recorded
	 */
	public Map<String, String> counted() {
		List<Recorded> records = records(applicationId());
		return records.isEmpty() ? null : parse(applicationId(), records.get(records.size() - 1));
	}

	private static List<String> changed(Map<String, String> counted, Map<String, String> now) {
		return now.keySet().stream().filter((table) -> !Objects.equals(now.get(table), counted.get(table))).toList();
	}

	/**
	 * The tables that won a race of first starts: the first record after the last
	 * removal.
	 * @param records this application's records, oldest first
	 * @return the record, or {@code null} if there is none
	 */
	static Recorded firstRecorded(List<Recorded> records) {
		Recorded first = null;
		for (Recorded record : records) {
			if (record.value() == null) {
				first = null;
			}
			else if (first == null) {
				first = record;
			}
		}
		return first;
	}

	/**
	 * One record of this application's tables.
	 *
	 * @param offset its offset
	 * @param value the tables' fingerprints as JSON, {@code null} for a removal
	 */
	record Recorded(long offset, String value) {

	}

	/**
	 * A replay's mark of offsets on the applied-events topic: where the ledger's
	 * decisions begin ({@link #DECISIONS_FROM}), or where a recount must get to
	 * ({@link #RECOUNT_TO}). Kept on the same compacted topic as the tables, under the
	 * key {@code <application id>/<mark>}, for as long as the figures they tell about.
	 * @param mark the mark's name
	 * @return the offset of each partition (none: from the start), or {@code null} if the
	 * mark is unset
	 */
	public Map<Integer, Long> mark(String mark) {
		List<Recorded> records = records(applicationId() + "/" + mark);
		String value = records.isEmpty() ? null : records.get(records.size() - 1).value();
		if (value == null) {
			return null;
		}
		try {
			return EventJson.mapper().readValue(value, new TypeReference<java.util.TreeMap<Integer, Long>>() {
			});
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("The replay's mark " + mark + " on " + topic() + " (key " + applicationId()
					+ "/" + mark + ") is not one the processor writes: remove it (a record with that key and no"
					+ " value), then replay from the event topics", ex);
		}
	}

	/**
	 * Sets or removes a replay's mark (see {@link #mark(String)}).
	 * @param mark the mark's name
	 * @param offsets the offset of each partition, {@code null} to remove it
	 */
	public void mark(String mark, Map<Integer, Long> offsets) {
		send(applicationId() + "/" + mark, (offsets != null) ? EventJson.mapper().writeValueAsString(offsets) : null);
	}

	/**
	 * A replay's mark ({@link #REPLAY_TO}): where on the event topics it must get to, and
	 * whether it has retired what was counted before. Set before it retires anything, set
	 * again once it has, removed once its figures are counted; the console refuses the
	 * figures while it is set.
	 *
	 * @param to the end offset of each event topic's partition with records to read when
	 * it began
	 * @param retired whether every figure and project state counted before is retired
	 */
	public record ReplayMark(Map<TopicPartition, Long> to, boolean retired) {

		public ReplayMark {
			to = Map.copyOf(to);
			to.forEach((partition, offset) -> {
				if (partition.topic().isEmpty() || partition.partition() < 0 || offset < 0) {
					throw new IllegalArgumentException("Not a place on an event topic: " + partition + " at " + offset);
				}
			});
		}

		/**
		 * The mark as recorded:
		 * {@code {"to":{"<topic>:<partition>":<offset>,…},"retired":…}}.
		 * @return its JSON
		 */
		public String json() {
			Map<String, Long> places = new java.util.TreeMap<>();
			this.to.forEach((partition, offset) -> places.put(partition.topic() + ":" + partition.partition(), offset));
			Map<String, Object> written = new LinkedHashMap<>();
			written.put("to", places);
			written.put("retired", this.retired);
			return EventJson.mapper().writeValueAsString(written);
		}

		/**
		 * A mark as recorded ({@link #json()}).
		 * @param json the record's value
		 * @return the mark, or {@code null} if the value is not one: not a JSON object of
		 * exactly {@code to} (an object of places, each a topic, a colon and a partition,
		 * to an offset, none negative, no partition named twice) and {@code retired} (a
		 * boolean)
		 */
		public static ReplayMark parse(String json) {
			try {
				tools.jackson.databind.JsonNode node = EventJson.mapper().readTree(json);
				tools.jackson.databind.JsonNode to = (node != null) ? node.get("to") : null;
				tools.jackson.databind.JsonNode retired = (node != null) ? node.get("retired") : null;
				if (to == null || !to.isObject() || retired == null || !retired.isBoolean() || node.size() != 2) {
					return null;
				}
				Map<TopicPartition, Long> target = places(to);
				if (target == null) {
					return null;
				}
				return new ReplayMark(target, retired.booleanValue());
			}
			catch (JacksonException ex) {
				return null;
			}
		}

	}

	/**
	 * The mark of a replay from the event topics under way (see {@link ReplayMark}).
	 * @return the mark, or {@code null} if no replay is under way
	 */
	public ReplayMark replayMark() {
		List<Recorded> records = records(applicationId() + "/" + REPLAY_TO);
		String value = records.isEmpty() ? null : records.get(records.size() - 1).value();
		if (value == null) {
			return null;
		}
		ReplayMark mark = ReplayMark.parse(value);
		if (mark == null) {
			throw new IllegalStateException("The replay's mark " + REPLAY_TO + " on " + topic() + " (key "
					+ applicationId() + "/" + REPLAY_TO + ") is not one the processor writes: remove it (a record with"
					+ " that key and no value), then replay from the event topics");
		}
		return mark;
	}

	/**
	 * Sets or removes a replay's mark (see {@link ReplayMark}).
	 * @param mark the mark, {@code null} to remove it
	 */
	public void replayMark(ReplayMark mark) {
		send(applicationId() + "/" + REPLAY_TO, (mark != null) ? mark.json() : null);
	}

	/**
	 * The generation of the processor's state: which replay or recount its changelogs
	 * were last written anew by. A host's local copy of the stores made in another
	 * generation copies changelogs that no longer exist ({@link LocalStores}).
	 * @return the generation, {@value #FIRST_GENERATION} if no replay or recount ever
	 * began
	 */
	public String stateGeneration() {
		List<Recorded> records = records(applicationId() + "/" + STATE_GENERATION);
		String value = records.isEmpty() ? null : records.get(records.size() - 1).value();
		return (value != null) ? value : FIRST_GENERATION;
	}

	/**
	 * Begins a new generation of the processor's state: by a replay or a recount, before
	 * it deletes any changelog.
	 * @return the new generation
	 */
	public String newStateGeneration() {
		String generation = Instant.now() + " " + UUID.randomUUID();
		send(applicationId() + "/" + STATE_GENERATION, generation);
		return generation;
	}

	private void refuseBesideAnotherLedger() {
		try (Admin admin = Admin.create(ClientSettings.of(this.streams.getStreamsConfiguration()))) {
			OtherLedgers.refuseBeside(admin, applicationId(), this.properties.topics(), "Start refused");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while looking for another application's ledger", ex);
		}
		catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
			throw new IllegalStateException("Could not look for another application's ledger: " + ex.getMessage(), ex);
		}
	}

	/** Whether the applied-events topic holds no record, or does not exist yet. */
	private boolean nothingDecided() {
		String applied = this.properties.topics().appliedEvents().name();
		try (Admin admin = Admin.create(ClientSettings.of(this.streams.getStreamsConfiguration()))) {
			if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(applied)) {
				return true;
			}
			Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
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
				.allMatch((info) -> info.offset() == 0);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while reading " + applied, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not read " + applied + ": " + ex.getMessage(), ex);
		}
	}

	/** The mark of where the ledger's decisions begin on the applied-events topic. */
	public static final String DECISIONS_FROM = "applied-from";

	/** The mark of where a recount must get to on the applied-events topic. */
	public static final String RECOUNT_TO = "recount-to";

	/**
	 * The mark of where a replay from the event topics must get to on them: the console
	 * refuses the figures while it is set.
	 */
	public static final String REPLAY_TO = "replay-to";

	/**
	 * The key of the tables the ledger's history was recorded under, under the
	 * application id: {@code <application id>/history}, the console reads it.
	 */
	public static final String HISTORY = "history";

	/**
	 * Where the topics a replay or recount wrote anew ended once everything it counted
	 * was published ({@code {"<topic>:<partition>":<offset>,…}}), recorded just before
	 * its mark is removed: the console refuses the figures (and after a replay what sums
	 * the history) until the indexers have committed those offsets, so that no page
	 * answers from indices still short of what was counted.
	 */
	public static final String PUBLISHED_TO = "published-to";

	/**
	 * Where the topics the last replay or recount wrote anew ended once it had published
	 * everything it counted ({@link #PUBLISHED_TO}).
	 * @return the end of each partition, or {@code null} if none is recorded
	 * @throws IllegalStateException if the record is not one the processor writes
	 */
	public Map<TopicPartition, Long> publishedTo() {
		String value = publishedToValue();
		if (value == null) {
			return null;
		}
		Map<TopicPartition, Long> ends = parsePlaces(value);
		if (ends == null) {
			throw new IllegalStateException("The record of key " + applicationId() + "/" + PUBLISHED_TO + " on "
					+ topic() + " is not one the processor writes");
		}
		return ends;
	}

	/** The last value recorded under {@link #PUBLISHED_TO}; a read that fails throws. */
	private String publishedToValue() {
		List<Recorded> records = records(applicationId() + "/" + PUBLISHED_TO);
		return records.isEmpty() ? null : records.get(records.size() - 1).value();
	}

	/** Places as recorded, or {@code null} if the text is not an object of places. */
	private static Map<TopicPartition, Long> parsePlaces(String value) {
		try {
			return places(EventJson.mapper().readTree(value));
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * Places on topics as recorded: an object of {@code "<topic>:<partition>"} to an
	 * offset, none negative, each partition written as a number without leading zeros and
	 * named once.
	 * @param places the object
	 * @return the places, or {@code null} if that is not what it is
	 */
	static Map<TopicPartition, Long> places(tools.jackson.databind.JsonNode places) {
		if (places == null || !places.isObject()) {
			return null;
		}
		Map<TopicPartition, Long> read = new LinkedHashMap<>();
		for (Map.Entry<String, tools.jackson.databind.JsonNode> place : places.properties()) {
			int at = place.getKey().lastIndexOf(':');
			String partition = (at > 0) ? place.getKey().substring(at + 1) : "";
			tools.jackson.databind.JsonNode offset = place.getValue();
			if (!partition.matches("0|[1-9][0-9]{0,9}") || Long.parseLong(partition) > Integer.MAX_VALUE
					|| !offset.isIntegralNumber() || !offset.canConvertToLong() || offset.longValue() < 0) {
				return null;
			}
			// each partition is written one way, and the topic's JSON keys are unique
			// (EventJson refuses a key twice)
			read.put(new TopicPartition(place.getKey().substring(0, at), Integer.parseInt(partition)),
					offset.longValue());
		}
		return read;
	}

	/**
	 * Records where the topics a replay or recount wrote anew end, now that everything it
	 * counted is published ({@link #PUBLISHED_TO}).
	 * @param ends the committed end of each of their partitions
	 */
	public void publishedTo(Map<TopicPartition, Long> ends) {
		Map<String, Long> places = new java.util.TreeMap<>();
		// the ends of a topic not written anew this time stand (a recount right after a
		// replay leaves the history's for the consoles to wait on)
		// a read that fails is the caller's to try again; a record the processor does
		// not write is replaced
		String last = publishedToValue();
		Map<TopicPartition, Long> before = (last != null) ? parsePlaces(last) : null;
		if (before != null) {
			java.util.Set<String> written = new java.util.HashSet<>();
			ends.keySet().forEach((partition) -> written.add(partition.topic()));
			before.forEach((partition, end) -> {
				if (!written.contains(partition.topic())) {
					places.put(partition.topic() + ":" + partition.partition(), end);
				}
			});
		}
		ends.forEach((partition, end) -> places.put(partition.topic() + ":" + partition.partition(), end));
		send(applicationId() + "/" + PUBLISHED_TO, EventJson.mapper().writeValueAsString(places));
	}

	/**
	 * The fingerprint recorded for a table the history holds entries of under two
	 * versions of: it matches no table's.
	 */
	public static final String MIXED = "mixed";

	/** The key of the state's generation, under the application id. */
	static final String STATE_GENERATION = "state-generation";

	/** The generation of state that no replay or recount has written anew. */
	public static final String FIRST_GENERATION = "first";

	/** The records under a key, oldest first. */
	private List<Recorded> records(String key) {
		return records(java.util.Set.of(key)).get(key);
	}

	/**
	 * What a running instance compares with its own, read in one pass of the topic.
	 *
	 * @param changed the tables of this instance that differ from those the figures were
	 * counted under (none if none were recorded)
	 * @param generation the generation of the state
	 */
	public record Counting(List<String> changed, String generation) {

	}

	/**
	 * The tables and the generation of the state as last recorded (see {@link #changed()}
	 * and {@link #stateGeneration()}).
	 * @return them
	 */
	public Counting counting() {
		String generationKey = applicationId() + "/" + STATE_GENERATION;
		Map<String, List<Recorded>> read = records(java.util.Set.of(applicationId(), generationKey));
		List<Recorded> tables = read.get(applicationId());
		Map<String, String> counted = tables.isEmpty() ? null : parse(applicationId(), tables.get(tables.size() - 1));
		List<Recorded> generations = read.get(generationKey);
		String generation = generations.isEmpty() ? null : generations.get(generations.size() - 1).value();
		return new Counting((counted != null) ? changed(counted, this.rules.fingerprints()) : List.of(),
				(generation != null) ? generation : FIRST_GENERATION);
	}

	/** The records under each of some keys, oldest first. */
	private Map<String, List<Recorded>> records(java.util.Set<String> keys) {
		String topic = topic();
		Map<String, List<Recorded>> records = new java.util.HashMap<>();
		keys.forEach((key) -> records.put(key, new java.util.ArrayList<>()));
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerSettings(), new StringDeserializer(),
				new StringDeserializer())) {
			TopicPartition partition = new TopicPartition(topic, 0);
			List<TopicPartition> partitions = List.of(partition);
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			long end = consumer.endOffsets(partitions).get(partition);
			long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
			while (consumer.position(partition) < end) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Could not read " + topic + " to its end within a minute");
				}
				for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
					List<Recorded> under = (record.key() != null) ? records.get(record.key()) : null;
					if (under != null) {
						under.add(new Recorded(record.offset(), record.value()));
					}
				}
			}
		}
		return records;
	}

	/** A record's fingerprints, {@code null} for a removal. */
	private Map<String, String> parse(String key, Recorded record) {
		if (record.value() == null) {
			return null;
		}
		Map<String, String> recorded;
		try {
			recorded = EventJson.mapper().readValue(record.value(), new TypeReference<>() {
			});
		}
		catch (JacksonException ex) {
			recorded = null;
		}
		// a record of an earlier version, without a table of today's, is read: that
		// table counts as changed, to be applied by a replay
		if (recorded == null || recorded.keySet().stream().noneMatch(this.rules.fingerprints().keySet()::contains)) {
			throw new IllegalStateException("The record of the tables the figures were counted under (" + topic()
					+ ", offset " + record.offset() + ", key " + key
					+ ") is not one the processor writes: a JSON object of the tables' fingerprints "
					+ this.rules.fingerprints().keySet() + ". Nothing was counted; remove it (a record with that"
					+ " key and no value) and start again, or apply the tables by a replay.");
		}
		recorded.remove("recordedAt");
		return Rules.namingCounting(recorded);
	}

	private void write(Map<String, String> fingerprints) {
		Map<String, String> value = new LinkedHashMap<>(fingerprints);
		value.put("recordedAt", Instant.now().toString());
		send(applicationId(), EventJson.mapper().writeValueAsString(value));
	}

	private void send(String key, String value) {
		Properties settings = ClientSettings.of(this.streams.getStreamsConfiguration());
		settings.put(ProducerConfig.ACKS_CONFIG, "all");
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings, new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>(topic(), 0, key, value)).get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while recording the tables of the figures", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not record the tables of the figures: " + ex.getMessage(), ex);
		}
	}

	private Properties consumerSettings() {
		createTopic();
		Properties settings = ClientSettings.of(this.streams.getStreamsConfiguration());
		settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		return settings;
	}

	/**
	 * The topic, created if missing: one partition, compacted, kept. Asked once per
	 * instance: the comparisons of a running instance read it every 2 s and as each task
	 * starts, and would otherwise open an admin client for each.
	 */
	private void createTopic() {
		if (this.topicExists) {
			return;
		}
		try (Admin admin = Admin.create(ClientSettings.of(this.streams.getStreamsConfiguration()))) {
			if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic())) {
				// on a cluster, its setup created it, and the processor may not create
				this.topicExists = true;
				return;
			}
			NewTopic topic = new NewTopic(topic(), 1, this.properties.topicReplicas())
				.configs(Map.of("cleanup.policy", "compact"));
			admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
			this.topicExists = true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating " + topic(), ex);
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw new IllegalStateException("Could not create " + topic() + ": " + ex.getMessage(), ex);
			}
			this.topicExists = true;
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Could not create " + topic() + ": " + ex.getMessage(), ex);
		}
	}

	private String describe(List<String> changed) {
		return String.join("; ", changed.stream().map((table) -> switch (table) {
			case "calendar" -> "the report calendar, investledger.report-calendar";
			case "rates" -> "the USD rates, investledger.usd-rates";
			case "provinces" -> "the provincial units, shipped in this version's reference/provinces.csv";
			case "counting" -> "the counting rules of this version (" + Rules.COUNTING_VERSION
					+ "), which make other figures of the same events than those of the version that counted them";
			default -> "the VSIC tables, investledger.vsic-sections and investledger.vsic-correspondence";
		}).toList());
	}

	private String topic() {
		return this.properties.topics().rulebookTopicName();
	}

	private String applicationId() {
		return this.streams.getStreamsConfiguration().getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
	}

}
