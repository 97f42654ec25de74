package vn.investledger.platform;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import tools.jackson.databind.JsonNode;

import vn.investledger.events.AppliedEntry;
import vn.investledger.events.EventJson;
import vn.investledger.events.Rejection;
import vn.investledger.events.Topics;
import vn.investledger.index.Indices;
import vn.investledger.testsupport.KafkaServer;
import vn.investledger.testsupport.Records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a test of the running platform looks at: the processor's figures and health, what
 * the ledger applied and refused, and whether the processor and the indexers have read
 * everything.
 */
final class PlatformProbe implements AutoCloseable {

	private static final HttpClient http = HttpClient.newHttpClient();

	private final KafkaServer kafka;

	private final PlatformServices services;

	private final String prefix;

	private final Topics topics;

	private final KafkaProducer<byte[], byte[]> producer;

	/** Asks the broker for groups' offsets and topics' ends, at every check of a wait. */
	private final Admin admin;

	PlatformProbe(KafkaServer kafka, PlatformServices services, String prefix) {
		this.kafka = kafka;
		this.services = services;
		this.prefix = prefix;
		this.topics = Topics.withPrefix(prefix);
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
						ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024),
				new ByteArraySerializer(), new ByteArraySerializer());
		this.admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
	}

	Topics topics() {
		return this.topics;
	}

	/**
	 * Writes a record straight to a unit's event topic, as a system that speaks Kafka
	 * does: in the partition Kafka's Java client gives its key, unless one is named.
	 * @param unit the unit whose topic it is
	 * @param partition the partition, or {@code null} for the key's
	 * @param key the key, or {@code null}
	 * @param value the value, or {@code null}
	 */
	void sendRaw(String unit, Integer partition, String key, byte[] value) {
		byte[] keyBytes = (key != null) ? key.getBytes(StandardCharsets.UTF_8) : null;
		try {
			this.producer.send(new ProducerRecord<>(this.topics.eventTopicName(unit), partition, keyBytes, value))
				.get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not write to " + unit + "'s topic", ex);
		}
	}

	/**
	 * The partition Kafka's Java client gives a key among the event topics' partitions.
	 */
	static int partitionOf(String key) {
		return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % Topics.EVENT_PARTITIONS;
	}

	/**
	 * One figure of the processor, or {@code null} if it has none.
	 */
	JsonNode figure(String cuboid, Map<String, String> dimensions, String period, String type) throws Exception {
		StringBuilder url = new StringBuilder(this.services.processorUrl()).append("/api/totals?cuboid=")
			.append(encode(cuboid))
			.append("&period=")
			.append(period)
			.append("&type=")
			.append(type);
		dimensions.forEach((name, value) -> url.append('&').append(name).append('=').append(encode(value)));
		HttpResponse<String> response = get(url.toString());
		if (response.statusCode() == 404) {
			return null;
		}
		assertThat(response.statusCode()).as("%s: %s", url, response.body()).isEqualTo(200);
		return EventJson.mapper().readTree(response.body());
	}

	/**
	 * The state of the processor's Kafka Streams application, from its health.
	 */
	String streamsState() throws Exception {
		JsonNode health = EventJson.mapper().readTree(get(this.services.processorUrl() + "/actuator/health").body());
		return health.path("components").path("kafka").path("details").path("streams").asString();
	}

	/**
	 * What the ledger refused of a unit's records.
	 */
	List<ConsumerRecord<byte[], byte[]>> rejectionRecords(String unit) {
		return Records.drainAvailable(this.kafka, this.topics.rejectionTopicName(unit), new ByteArrayDeserializer(),
				new ByteArrayDeserializer());
	}

	List<Rejection> rejections(String unit) {
		return rejectionRecords(unit).stream().map((record) -> Rejection.fromHeaders(record.headers())).toList();
	}

	/**
	 * Every event the ledger applied, in the order of each project's partition.
	 */
	List<AppliedEntry> applied() {
		return Records
			.drainAvailable(this.kafka, this.topics.appliedEvents().name(), new ByteArrayDeserializer(),
					new ByteArrayDeserializer())
			.stream()
			.map((record) -> Topics.appliedEntrySerde().deserializer().deserialize("", record.value()))
			.toList();
	}

	/**
	 * Waits until the processor has committed every record of the event topics and every
	 * indexer every record of the topics it has committed offsets for. An indexer's topic
	 * partition with no committed offset yet is not seen, nor figures the processor
	 * forwards at its next flush: the first check comes half a second after the call, and
	 * tests that read the index still wait for what they expect there.
	 */
	void awaitSettled() {
		long start = System.nanoTime();
		long[] reported = { start };
		await().atMost(Duration.ofSeconds(180))
			.pollDelay(Duration.ofMillis(500))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> {
				Map<String, Long> lags = new LinkedHashMap<>();
				lags.put("processor", lag(this.prefix + "-stream-processor", this.eventTopics()));
				for (String kind : Indices.KINDS) {
					lags.put(kind, lag(this.prefix + "-" + kind + "-indexer", Set.of()));
				}
				if (System.nanoTime() - reported[0] > 10_000_000_000L) {
					reported[0] = System.nanoTime();
					System.out.printf("Not read yet after %.0f s: %s%n", (reported[0] - start) / 1e9, lags);
				}
				assertThat(lags.values()).as("records not yet read: %s", lags).containsOnly(0L);
			});
	}

	/** The units' event topics, which the processor reads, as they are now. */
	private Set<String> eventTopics() throws Exception {
		Pattern event = this.topics.eventTopicPattern();
		return this.admin.listTopics()
			.names()
			.get(30, TimeUnit.SECONDS)
			.stream()
			.filter((name) -> event.matcher(name).matches())
			.collect(Collectors.toSet());
	}

	/**
	 * The records a consumer group has not committed yet, over the topics it committed
	 * offsets for and the given ones, whose partitions it has committed nothing for count
	 * from their start (a transaction's marker after the last record counts as read).
	 */
	long lag(String group, Set<String> reads) throws Exception {
		Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>(
				this.admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS));
		if (committed.isEmpty()) {
			return Long.MAX_VALUE;
		}
		Set<TopicPartition> partitions = new HashSet<>(committed.keySet());
		if (!reads.isEmpty()) {
			this.admin.describeTopics(reads)
				.allTopicNames()
				.get(30, TimeUnit.SECONDS)
				.forEach((topic, description) -> description.partitions()
					.forEach((info) -> partitions.add(new TopicPartition(topic, info.partition()))));
		}
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
		partitions.forEach((partition) -> {
			latest.put(partition, OffsetSpec.latest());
			earliest.put(partition, OffsetSpec.earliest());
		});
		var ends = this.admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
		var starts = this.admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS);
		long lag = 0;
		for (TopicPartition partition : partitions) {
			long end = ends.get(partition).offset();
			OffsetAndMetadata at = committed.get(partition);
			if (at == null) {
				lag += end - starts.get(partition).offset();
			}
			else {
				lag += Math.max(0, end - at.offset() - (isTransactional(partition) ? 1 : 0));
			}
		}
		return lag;
	}

	/**
	 * The processor writes these topics in transactions, whose last record is a marker.
	 */
	private boolean isTransactional(TopicPartition partition) {
		return !this.topics.eventTopicPattern().matcher(partition.topic()).matches();
	}

	HttpResponse<String> get(String url) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
		if (url.startsWith(this.services.consoleUrl())) {
			request.header("Authorization", PlatformServices.LOCAL_ACCOUNTS.get(0).authorization());
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	JsonNode getJson(String url) throws Exception {
		HttpResponse<String> response = get(url);
		assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
		return EventJson.mapper().readTree(response.body());
	}

	static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}

	@Override
	public void close() {
		this.producer.close();
		this.admin.close();
	}

}
