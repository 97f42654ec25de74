package vn.investledger.indexer;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.context.DynamicPropertyRegistry;

import vn.investledger.events.AppliedEntry;
import vn.investledger.events.EventJson;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Money;
import vn.investledger.events.ProjectState;
import vn.investledger.events.ProjectStatus;
import vn.investledger.events.Topics;
import vn.investledger.indexer.access.PasswordHash;
import vn.investledger.testsupport.KafkaServer;
import vn.investledger.testsupport.RealServers;

import static org.awaitility.Awaitility.await;

/**
 * What the indexer's tests share: their own topic and index prefix on the shared real
 * servers, a producer for the topics the indexer reads, and an HTTP client for its API.
 */
final class IndexerFixture implements AutoCloseable {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** An official's account in every indexer under test. */
	static final String OFFICIAL = "cán-bộ";

	/** An admin's account. */
	static final String ADMIN = "quản-trị";

	/** Both accounts' password. */
	static final String PASSWORD = "Mật khẩu thử 1";

	private static final String PASSWORD_HASH = PasswordHash.of(PASSWORD);

	final String prefix;

	final Topics topics;

	private final KafkaProducer<String, byte[]> producer;

	private final HttpClient http = HttpClient.newHttpClient();

	private int port;

	IndexerFixture(String prefix) {
		this.prefix = prefix;
		this.topics = Topics.withPrefix(prefix);
		KafkaServer kafka = RealServers.kafka();
		try (Admin admin = admin()) {
			Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
					TopicConfig.CLEANUP_POLICY_COMPACT);
			List<NewTopic> create = List.of(
					new NewTopic(this.topics.projectState().name(), 3, (short) 1).configs(compacted),
					new NewTopic(this.topics.totals().name(), 3, (short) 1).configs(compacted),
					new NewTopic(this.topics.stock().name(), 3, (short) 1).configs(compacted));
			admin.createTopics(create).all().get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw new IllegalStateException(ex);
			}
		}
		kafka.createEventTopics(this.topics, List.of("31"));
		this.producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all", "linger.ms", 5),
				new StringSerializer(), new ByteArraySerializer());
	}

	static IndexerFixture withUniquePrefix(String name) {
		return new IndexerFixture(name + "-" + UUID.randomUUID().toString().substring(0, 8));
	}

	/**
	 * Points the indexer under test at the shared servers and this fixture's prefixes.
	 * @param registry the registry of a {@code @DynamicPropertySource}
	 */
	void register(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", () -> RealServers.kafka().bootstrapServers());
		registry.add("spring.elasticsearch.uris", () -> RealServers.elasticsearch().url());
		registry.add("investledger.topic-prefix", () -> this.prefix);
		registry.add("investledger.index-prefix", () -> this.prefix);
		registry.add("investledger.access.users[0].name", () -> OFFICIAL);
		registry.add("investledger.access.users[0].password", () -> PASSWORD_HASH);
		registry.add("investledger.access.users[0].roles", () -> "OFFICIAL");
		registry.add("investledger.access.users[1].name", () -> ADMIN);
		registry.add("investledger.access.users[1].password", () -> PASSWORD_HASH);
		registry.add("investledger.access.users[1].roles", () -> "ADMIN");
	}

	void port(int port) {
		this.port = port;
	}

	Admin admin() {
		Properties config = new Properties();
		config.put("bootstrap.servers", RealServers.kafka().bootstrapServers());
		return Admin.create(config);
	}

	void send(String topic, String key, byte[] value) {
		try {
			this.producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	void sendAll(String topic, Map<String, byte[]> records) {
		records.forEach((key, value) -> this.producer.send(new ProducerRecord<>(topic, key, value)));
		this.producer.flush();
	}

	/**
	 * Publishes an event as the ledger applied it, on the applied-events topic.
	 */
	void publishApplied(LicensingEvent event, String unit) {
		var envelope = event.envelope();
		String topic = this.topics.eventTopicName(unit);
		AppliedEntry entry = new AppliedEntry(event.key(), envelope.revision(), envelope.eventId().toString(),
				event.kind().jsonName(), unit, false, topic, 0, envelope.revision(), envelope.emittedAt(),
				new String(EventJson.toBytes(event), StandardCharsets.UTF_8));
		send(this.topics.appliedEvents().name(), event.key(),
				Topics.appliedEntrySerde().serializer().serialize("", entry));
	}

	void publishState(ProjectState state) {
		send(this.topics.projectState().name(), state.projectCode(),
				Topics.projectStateSerde().serializer().serialize("", state));
	}

	/**
	 * Waits until a listener's group has committed every record now in its topics.
	 */
	void awaitConsumed(String group, String topic) {
		await().atMost(Duration.ofSeconds(90)).until(() -> {
			try (Admin admin = admin()) {
				Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
					.partitionsToOffsetAndMetadata()
					.get(10, TimeUnit.SECONDS);
				Map<TopicPartition, OffsetSpec> request = new HashMap<>();
				admin.describeTopics(List.of(topic))
					.allTopicNames()
					.get(10, TimeUnit.SECONDS)
					.get(topic)
					.partitions()
					.forEach((p) -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
				var ends = admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
				return ends.entrySet().stream().allMatch((end) -> {
					OffsetAndMetadata at = committed.get(end.getKey());
					return (end.getValue().offset() == 0) || (at != null && at.offset() >= end.getValue().offset());
				});
			}
		});
	}

	String group(String kind) {
		return this.prefix + "-" + kind + "-indexer";
	}

	/**
	 * A GET as the official.
	 */
	HttpResponse<String> get(String path, Map<String, String> query) {
		return send("GET", OFFICIAL, PASSWORD, path, query);
	}

	/**
	 * A request with HTTP Basic credentials, or none if the user is {@code null}.
	 */
	HttpResponse<String> send(String method, String user, String password, String path, Map<String, String> query) {
		String parameters = query.entrySet()
			.stream()
			.map((e) -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		URI uri = URI.create("http://127.0.0.1:" + this.port + path + (parameters.isEmpty() ? "" : "?" + parameters));
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody());
		if (user != null) {
			request.header("Authorization", basic(user, password));
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An HTTP Basic {@code Authorization} header.
	 */
	static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	JsonNode getJson(String path, Map<String, String> query) {
		HttpResponse<String> response = get(path, query);
		if (response.statusCode() != 200) {
			throw new AssertionError(
					"GET " + path + " " + query + ": " + response.statusCode() + " " + response.body());
		}
		return JSON.readTree(response.body());
	}

	static Map<String, String> params(String... keysAndValues) {
		Map<String, String> params = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			params.put(keysAndValues[i], keysAndValues[i + 1]);
		}
		return params;
	}

	/**
	 * A licensed FDI project's state.
	 */
	static ProjectState state(String code, long revision, String name, String zone, String country, String sector,
			String capitalUsd) {
		return new ProjectState(code, revision, "31", List.of(), InvestmentType.FDI, "31", name,
				List.of("Công ty TNHH " + name), zone, country, sector, null, LocalDate.of(2024, 3, 15),
				LocalDate.of(2024, 3, 15), ProjectStatus.VALID, Money.usd(capitalUsd), null, null,
				Instant.parse("2024-03-15T03:00:00Z").plusSeconds(revision));
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
