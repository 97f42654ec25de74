package vn.investledger.console.operations;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import vn.investledger.console.operations.Sample.IndexReading;
import vn.investledger.console.operations.Sample.KafkaReading;
import vn.investledger.console.operations.Sample.Position;
import vn.investledger.console.operations.Sample.ProcessorGroup;
import vn.investledger.console.system.ConsoleProperties;
import vn.investledger.events.Topics;
import vn.investledger.events.reference.Provinces;
import vn.investledger.index.Indices;

/**
 * Looks at the pipeline once: from Kafka (describe only: the console reads no record) the
 * end offsets of every current unit's event topic, each group's committed offsets and the
 * processor's group; from Elasticsearch the refusals of the window and the newest
 * figure's stamp. A part that cannot be read is said so in its reading, never guessed.
 */
@Component
class PipelineSampler {

	private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(5);

	/** A stream thread's consumer's client id, and the process's part of it. */
	private static final Pattern STREAM_THREAD = Pattern.compile("(.+)-StreamThread-\\d+-consumer");

	private static final Logger logger = LoggerFactory.getLogger(PipelineSampler.class);

	/** The most units a count lists: every current unit, with room for {@code none}. */
	private static final int UNITS = 100;

	/** The most reasons per unit (there are fewer codes). */
	private static final int REASONS = 20;

	private final Admin admin;

	private final ElasticsearchClient client;

	private final Topics topics;

	private final Indices indices;

	private final String processorGroup;

	private final List<String> groups;

	/** The indexer's group of each kind of index. */
	private final Map<String, String> groupOfKind = new LinkedHashMap<>();

	private final Duration window;

	private final Set<String> units = Provinces.standard().currentCodes();

	PipelineSampler(Admin admin, ElasticsearchClient client, ConsoleProperties console, OperationsProperties settings) {
		this.admin = admin;
		this.client = client;
		this.topics = console.topics();
		this.indices = console.indices();
		this.processorGroup = console.processorGroup();
		this.groups = groups(console);
		Indices.KINDS.forEach((kind) -> this.groupOfKind.put(kind, console.indexerGroup(kind)));
		this.window = settings.window();
	}

	/**
	 * The consumer groups whose lag the view shows: the indexer's listeners', then the
	 * processor's.
	 * @param console the console's settings
	 * @return the group ids
	 */
	static List<String> groups(ConsoleProperties console) {
		List<String> groups = new ArrayList<>();
		Indices.KINDS.forEach((kind) -> groups.add(console.indexerGroup(kind)));
		groups.add(console.processorGroup());
		return List.copyOf(groups);
	}

	/**
	 * Looks now.
	 * @param now the time of the sample
	 * @return what Kafka and Elasticsearch said
	 */
	Sample sample(Instant now) {
		return new Sample(now, kafka(), index(now));
	}

	private KafkaReading kafka() {
		try {
			Map<String, List<TopicPartition>> eventPartitions = eventPartitions();
			Map<String, List<TopicPartition>> inputs = inputPartitions(eventPartitions);
			Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = committed();
			Set<TopicPartition> partitions = new HashSet<>();
			eventPartitions.values().forEach(partitions::addAll);
			inputs.values().forEach(partitions::addAll);
			committed.values().forEach((offsets) -> partitions.addAll(offsets.keySet()));
			Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
			// a partition a group reads and has never committed on (an indexer never
			// started, a unit's topic created while the group was down, offsets expired
			// after a week empty) is behind by all it holds
			Set<TopicPartition> uncommitted = new HashSet<>();
			inputs.forEach((group, ofGroup) -> ofGroup.stream()
				.filter((partition) -> committed.get(group).get(partition) == null)
				.forEach(uncommitted::add));
			Map<TopicPartition, Long> starts = offsets(uncommitted, OffsetSpec.earliest());

			Map<String, Long> appended = new TreeMap<>();
			eventPartitions.forEach((unit, ofUnit) -> appended.put(unit,
					ofUnit.stream().mapToLong((partition) -> required(ends, partition)).sum()));
			Map<String, Long> lag = new LinkedHashMap<>();
			Map<String, Map<String, Position>> behind = new LinkedHashMap<>();
			committed.forEach((group, offsets) -> {
				Map<String, Position> waiting = new TreeMap<>();
				offsets.forEach((partition, offset) -> {
					if (offset != null && ends.get(partition) != null && ends.get(partition) > offset.offset()) {
						waiting.put(partition.toString(), new Position(offset.offset(), ends.get(partition)));
					}
				});
				for (TopicPartition partition : inputs.getOrDefault(group, List.of())) {
					Long start = starts.get(partition);
					Long end = ends.get(partition);
					if (offsets.get(partition) == null && start != null && end != null && end > start) {
						waiting.put(partition.toString(), new Position(start, end));
					}
				}
				lag.put(group, waiting.values().stream().mapToLong((p) -> p.end() - p.at()).sum());
				behind.put(group, waiting);
			});
			return new KafkaReading(appended, lag, processor(), behind, null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return KafkaReading.failed("interrupted");
		}
		catch (ExecutionException ex) {
			return KafkaReading.failed(describe(ex));
		}
		catch (TimeoutException | KafkaException ex) {
			return KafkaReading.failed(describe(ex));
		}
	}

	/** The partitions of each current unit's event topic that exists. */
	private Map<String, List<TopicPartition>> eventPartitions()
			throws InterruptedException, ExecutionException, TimeoutException {
		Map<String, String> unitOfTopic = new LinkedHashMap<>();
		this.units.forEach((unit) -> unitOfTopic.put(this.topics.eventTopicName(unit), unit));
		Map<String, List<TopicPartition>> partitions = new TreeMap<>();
		partitionsOf(unitOfTopic.keySet()).forEach((topic, ofTopic) -> partitions.put(unitOfTopic.get(topic), ofTopic));
		return partitions;
	}

	/**
	 * The partitions each group reads, of the topics that exist: the processor the units'
	 * event topics, each of the indexer's listeners its own topics.
	 */
	private Map<String, List<TopicPartition>> inputPartitions(Map<String, List<TopicPartition>> eventPartitions)
			throws InterruptedException, ExecutionException, TimeoutException {
		Map<String, List<String>> topicsOfGroup = new LinkedHashMap<>();
		for (String kind : Indices.KINDS) {
			topicsOfGroup.put(this.groupOfKind.get(kind), inputTopics(kind));
		}
		Set<String> all = new HashSet<>();
		topicsOfGroup.values().forEach(all::addAll);
		Map<String, List<TopicPartition>> byTopic = partitionsOf(all);
		Map<String, List<TopicPartition>> inputs = new LinkedHashMap<>();
		topicsOfGroup.forEach((group, ofGroup) -> inputs.put(group,
				ofGroup.stream().flatMap((topic) -> byTopic.getOrDefault(topic, List.of()).stream()).toList()));
		inputs.put(this.processorGroup, eventPartitions.values().stream().flatMap(List::stream).toList());
		return inputs;
	}

	/** The topics the indexer's listener of a kind of index reads. */
	private List<String> inputTopics(String kind) {
		return switch (kind) {
			case "projects" -> List.of(this.topics.projectState().name());
			case "history" -> List.of(this.topics.appliedEvents().name());
			case "totals" -> List.of(this.topics.totals().name());
			case "stock" -> List.of(this.topics.stock().name());
			case "rejections" -> {
				List<String> rejections = new ArrayList<>();
				this.units.forEach((unit) -> rejections.add(this.topics.rejectionTopicName(unit)));
				rejections.add(this.topics.deadLetterTopicName());
				yield rejections;
			}
			default -> throw new IllegalArgumentException("No index " + kind);
		};
	}

	/** The partitions of each of these topics that exists. */
	private Map<String, List<TopicPartition>> partitionsOf(Set<String> topicNames)
			throws InterruptedException, ExecutionException, TimeoutException {
		Map<String, KafkaFuture<TopicDescription>> described = this.admin
			.describeTopics(topicNames, new DescribeTopicsOptions().timeoutMs(timeoutMs()))
			.topicNameValues();
		Map<String, List<TopicPartition>> partitions = new TreeMap<>();
		for (Map.Entry<String, KafkaFuture<TopicDescription>> topic : described.entrySet()) {
			try {
				TopicDescription description = topic.getValue().get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
				partitions.put(topic.getKey(),
						description.partitions()
							.stream()
							.map((partition) -> new TopicPartition(topic.getKey(), partition.partition()))
							.toList());
			}
			catch (ExecutionException ex) {
				// a topic not created yet holds nothing
				if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
					throw ex;
				}
			}
		}
		return partitions;
	}

	/** Each group's committed offsets; the processor's on the event topics only. */
	private Map<String, Map<TopicPartition, OffsetAndMetadata>> committed()
			throws InterruptedException, ExecutionException, TimeoutException {
		Map<String, ListConsumerGroupOffsetsSpec> request = new LinkedHashMap<>();
		this.groups.forEach((group) -> request.put(group, new ListConsumerGroupOffsetsSpec()));
		ListConsumerGroupOffsetsResult result = this.admin.listConsumerGroupOffsets(request,
				new ListConsumerGroupOffsetsOptions().timeoutMs(timeoutMs()));
		Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new LinkedHashMap<>();
		for (String group : this.groups) {
			Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(
					result.partitionsToOffsetAndMetadata(group).get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
			if (group.equals(this.processorGroup)) {
				// its changelog and repartition topics are its own business
				offsets.keySet().removeIf((partition) -> this.topics.codeOfEventTopic(partition.topic()) == null);
			}
			committed.put(group, offsets);
		}
		return committed;
	}

	/**
	 * The end (or start) offset of each partition; none for a partition whose topic was
	 * deleted since a group committed on it.
	 */
	private Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec)
			throws InterruptedException, ExecutionException, TimeoutException {
		if (partitions.isEmpty()) {
			return Map.of();
		}
		Map<TopicPartition, OffsetSpec> request = new HashMap<>();
		partitions.forEach((partition) -> request.put(partition, spec));
		// the last stable offset: records of a writer's transaction still open are not
		// anyone's to read yet
		ListOffsetsResult result = this.admin.listOffsets(request,
				new ListOffsetsOptions(IsolationLevel.READ_COMMITTED).timeoutMs(timeoutMs()));
		Map<TopicPartition, Long> offsets = new HashMap<>();
		for (TopicPartition partition : partitions) {
			try {
				offsets.put(partition,
						result.partitionResult(partition)
							.get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
							.offset());
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
					throw ex;
				}
			}
		}
		return offsets;
	}

	private static long required(Map<TopicPartition, Long> ends, TopicPartition partition) {
		Long end = ends.get(partition);
		if (end == null) {
			throw new KafkaException("No end offset for " + partition);
		}
		return end;
	}

	private ProcessorGroup processor() throws InterruptedException, ExecutionException, TimeoutException {
		try {
			ConsumerGroupDescription group = this.admin
				.describeConsumerGroups(List.of(this.processorGroup),
						new DescribeConsumerGroupsOptions().timeoutMs(timeoutMs()))
				.describedGroups()
				.get(this.processorGroup)
				.get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			return new ProcessorGroup(this.processorGroup, group.groupState().name(), instances(group.members()));
		}
		catch (ExecutionException ex) {
			// a processor that never ran, or whose group expired, has none
			if (ex.getCause() instanceof GroupIdNotFoundException) {
				return new ProcessorGroup(this.processorGroup, GroupState.DEAD.name(), 0);
			}
			throw ex;
		}
	}

	/**
	 * The processes among a Kafka Streams application's members: each stream thread's
	 * consumer is a member, its client id
	 * {@code <application id>-<process id>-StreamThread-<n>-consumer}, so an instance
	 * with two threads is two members.
	 */
	static int instances(Collection<MemberDescription> members) {
		Set<String> processes = new HashSet<>();
		for (MemberDescription member : members) {
			Matcher thread = STREAM_THREAD.matcher(member.clientId());
			processes.add(thread.matches() ? thread.group(1) : member.consumerId());
		}
		return processes.size();
	}

	private IndexReading index(Instant now) {
		try {
			return new IndexReading(refusals(now.minus(this.window)), newestFigure(), null);
		}
		catch (IOException | RuntimeException ex) {
			return IndexReading.failed(describe(ex));
		}
	}

	private Map<String, Map<String, Long>> refusals(Instant since) throws IOException {
		SearchResponse<Void> response = this.client.search(
				(search) -> search.index(this.indices.rejections())
					.size(0)
					.query((query) -> query
						.range((range) -> range.date((date) -> date.field("receivedAt").gte(since.toString()))))
					.aggregations("units",
							(units) -> units.terms((terms) -> terms.field("unit").size(UNITS).missing("none"))
								.aggregations("reasons",
										(reasons) -> reasons.terms((terms) -> terms.field("reason").size(REASONS)))),
				Void.class);
		Map<String, Map<String, Long>> refusals = new TreeMap<>();
		for (StringTermsBucket unit : response.aggregations().get("units").sterms().buckets().array()) {
			Map<String, Long> reasons = new TreeMap<>();
			unit.aggregations()
				.get("reasons")
				.sterms()
				.buckets()
				.array()
				.forEach((reason) -> reasons.put(reason.key().stringValue(), reason.docCount()));
			refusals.put(unit.key().stringValue(), reasons);
		}
		return refusals;
	}

	private Instant newestFigure() throws IOException {
		SearchResponse<Void> response = this.client.search((search) -> search.index(this.indices.totals())
			.size(0)
			.aggregations("newest", (newest) -> newest.max((max) -> max.field("indexedAt"))), Void.class);
		Double value = response.aggregations().get("newest").max().value();
		return (value != null && !value.isInfinite() && !value.isNaN()) ? Instant.ofEpochMilli(value.longValue())
				: null;
	}

	private static int timeoutMs() {
		return (int) KAFKA_TIMEOUT.toMillis();
	}

	/**
	 * What the view shows of a failure: what failed, in words an operator acts on,
	 * without the client's own message (which names hosts, indices and accounts); that
	 * goes to the console's log.
	 */
	static String describe(Throwable ex) {
		logger.warn("Operations sample failed", ex);
		Throwable cause = (ex instanceof ExecutionException && ex.getCause() != null) ? ex.getCause() : ex;
		if (cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
			return "Kafka did not answer within " + KAFKA_TIMEOUT.toSeconds() + " s";
		}
		if (cause instanceof org.apache.kafka.common.errors.AuthorizationException
				|| cause instanceof org.apache.kafka.common.errors.AuthenticationException) {
			return "Kafka refused the console's account (see README, the console's grants)";
		}
		if (cause instanceof KafkaException) {
			return "Kafka failed (" + cause.getClass().getSimpleName() + "); details in the console's log";
		}
		if (cause instanceof co.elastic.clients.elasticsearch._types.ElasticsearchException elasticsearch) {
			return "Elasticsearch refused the query (status " + elasticsearch.status()
					+ "); details in the console's log";
		}
		if (cause instanceof IOException) {
			return "Elasticsearch could not be reached; details in the console's log";
		}
		return "The sample failed (" + cause.getClass().getSimpleName() + "); details in the console's log";
	}

}
