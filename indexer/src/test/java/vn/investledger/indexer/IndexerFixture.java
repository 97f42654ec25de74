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
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import vn.investledger.access.MetricsScraper;
import vn.investledger.access.PasswordHash;
import vn.investledger.events.AppliedEntry;
import vn.investledger.events.EventJson;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Money;
import vn.investledger.events.ProjectState;
import vn.investledger.events.ProjectStatus;
import vn.investledger.events.Topics;
import vn.investledger.events.reference.VsicEditions;
import vn.investledger.index.Indices;
import vn.investledger.testsupport.ElasticsearchBehindAGate;
import vn.investledger.testsupport.KafkaServer;
import vn.investledger.testsupport.Outage;
import vn.investledger.testsupport.RealServers;
import vn.investledger.testsupport.TcpGate;

import static org.awaitility.Awaitility.await;

/**
 * What an indexer test works with: the topics and indices of its own prefix on the shared
 * real servers, a producer for the topics the indexer reads, Elasticsearch as the indexer
 * left it, and an HTTP client for the indexer's admin API. One per test class, made by
 * {@link Extension} for {@link IndexerTest}.
 */
final class IndexerFixture {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** An official's account, which the indexer knows but lets call nothing. */
	static final String OFFICIAL = "cán-bộ";

	/** An admin's account. */
	static final String ADMIN = "quản-trị";

	/** Both accounts' password. */
	static final String PASSWORD = "Mật khẩu thử 1";

	private static final String PASSWORD_HASH = PasswordHash.of(PASSWORD);

	/** The metrics scraper's account, which alone reads {@code /actuator/prometheus}. */
	static final String SCRAPER = MetricsScraper.DEFAULT_NAME;

	/** The metrics scraper's password. */
	static final String SCRAPER_PASSWORD = "scraper-" + UUID.randomUUID();

	/** The fixture of each test class running or to run. */
	private static final Map<Class<?>, IndexerFixture> fixtures = new ConcurrentHashMap<>();

	final String prefix;

	final Topics topics;

	final Indices indices;

	private final KafkaProducer<String, byte[]> producer;

	private final HttpClient http = HttpClient.newHttpClient();

	private volatile int port;

	private IndexerFixture(String prefix) {
		this.prefix = prefix;
		this.topics = Topics.withPrefix(prefix);
		this.indices = new Indices(prefix);
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

	/**
	 * The fixture of a test class, made on first use with a prefix of its own.
	 */
	private static IndexerFixture of(Class<?> testClass) {
		Class<?> outermost = testClass;
		while (outermost.getEnclosingClass() != null) {
			outermost = outermost.getEnclosingClass();
		}
		return fixtures.computeIfAbsent(outermost, (test) -> new IndexerFixture(
				test.getSimpleName().toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 8)));
	}

	private void close() {
		this.producer.close();
	}

	Admin admin() {
		Properties config = new Properties();
		config.put("bootstrap.servers", RealServers.kafka().bootstrapServers());
		return Admin.create(config);
	}

	void send(String topic, String key, byte[] value) {
		try {
			this.producer.send(record(topic, key, value)).get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	void sendAll(String topic, Map<String, byte[]> records) {
		records.forEach((key, value) -> this.producer.send(record(topic, key, value)));
		this.producer.flush();
	}

	/**
	 * A record as its writer writes it: a project state stamped, as the processor stamps
	 * it, with the VSIC tables it was judged by (the shipped ones, the indexer's here).
	 */
	private ProducerRecord<String, byte[]> record(String topic, String key, byte[] value) {
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
		if (topic.equals(this.topics.projectState().name())) {
			record.headers().add(ProjectState.VSIC_TABLES_HEADER, shippedVsicTables());
		}
		return record;
	}

	static byte[] shippedVsicTables() {
		return VsicEditions.standard().fingerprint().getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * Publishes an event as the ledger applied it, on the applied-events topic.
	 */
	void publishApplied(LicensingEvent event, String unit) {
		var envelope = event.envelope();
		String topic = this.topics.eventTopicName(unit);
		AppliedEntry entry = new AppliedEntry(event.key(), envelope.revision(), envelope.eventId().toString(),
				event.kind().jsonName(), unit, false, topic, 0, envelope.revision(), envelope.emittedAt(),
				new String(EventJson.toBytes(event), StandardCharsets.UTF_8), null);
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
				return endOffsets(topic).entrySet().stream().allMatch((end) -> {
					OffsetAndMetadata at = committed.get(end.getKey());
					return (end.getValue() == 0) || (at != null && at.offset() >= end.getValue());
				});
			}
		});
	}

	/**
	 * The end offset of each partition of a topic, now.
	 */
	Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
		try (Admin admin = admin()) {
			Map<TopicPartition, OffsetSpec> request = new HashMap<>();
			admin.describeTopics(List.of(topic))
				.allTopicNames()
				.get(10, TimeUnit.SECONDS)
				.get(topic)
				.partitions()
				.forEach((p) -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
			Map<TopicPartition, Long> ends = new HashMap<>();
			admin.listOffsets(request)
				.all()
				.get(10, TimeUnit.SECONDS)
				.forEach((partition, info) -> ends.put(partition, info.offset()));
			return ends;
		}
	}

	String group(String kind) {
		return this.prefix + "-" + kind + "-indexer";
	}

	/**
	 * A document as the indexer wrote it, read by its id through the alias of its kind.
	 * @return its source, or {@code null} if there is none
	 */
	JsonNode document(String kind, String id) {
		HttpResponse<String> response = elasticsearch("GET",
				"/" + this.indices.alias(kind) + "/_doc/" + URLEncoder.encode(id, StandardCharsets.UTF_8), null);
		if (response.statusCode() == 404) {
			return null;
		}
		return check(response).get("_source");
	}

	/**
	 * How many documents a search through the alias of their kind finds with a field's
	 * value: what is searchable, as of the last refresh.
	 */
	long count(String kind, String field, String value) {
		String query = JSON.createObjectNode()
			.set("query", JSON.createObjectNode().set("term", JSON.createObjectNode().put(field, value)))
			.toString();
		return check(elasticsearch("POST", "/" + this.indices.alias(kind) + "/_count", query)).get("count").asLong();
	}

	private static JsonNode check(HttpResponse<String> response) {
		if (response.statusCode() != 200) {
			throw new AssertionError("Elasticsearch answered " + response.statusCode() + ": " + response.body());
		}
		return JSON.readTree(response.body());
	}

	private HttpResponse<String> elasticsearch(String method, String path, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(RealServers.elasticsearch().url() + path))
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		return exchange(request);
	}

	/**
	 * A request to the indexer with HTTP Basic credentials, or none if the user is
	 * {@code null}.
	 */
	HttpResponse<String> send(String method, String user, String password, String path, Map<String, String> query) {
		String parameters = query.entrySet()
			.stream()
			.map((e) -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(url(path + (parameters.isEmpty() ? "" : "?" + parameters))))
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (user != null) {
			request.header("Authorization", basic(user, password));
		}
		return exchange(request);
	}

	/**
	 * The indexer's address of a path.
	 */
	String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	private HttpResponse<String> exchange(HttpRequest.Builder request) {
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

	/**
	 * Shuts the gate between this class's application and Elasticsearch (the class is
	 * {@link ElasticsearchBehindAGate}) until the returned outage is closed: to the
	 * application, Elasticsearch stopped; the fixture's own client still reaches it.
	 * @return the outage
	 */
	public Outage shutElasticsearch() {
		return TcpGate.to(this.prefix, RealServers.elasticsearch().url()).shut();
	}

	private static String elasticsearchUrl(String prefix, boolean gated) {
		String url = RealServers.elasticsearch().url();
		return gated ? TcpGate.to(prefix, url).url(url) : url;
	}

	/**
	 * Gives each {@link IndexerTest} class its fixture: points the indexer under test at
	 * the shared servers, the fixture's prefix and its accounts before the context
	 * starts, resolves {@link IndexerFixture} parameters, and closes the fixture after
	 * the class.
	 */
	static final class Extension implements ParameterResolver, AfterAllCallback, ContextCustomizerFactory {

		@Override
		public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
			return parameter.getParameter().getType() == IndexerFixture.class;
		}

		@Override
		public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
			IndexerFixture fixture = of(context.getRequiredTestClass());
			fixture.port = SpringExtension.getApplicationContext(context)
				.getEnvironment()
				.getRequiredProperty("local.server.port", Integer.class);
			return fixture;
		}

		@Override
		public void afterAll(ExtensionContext context) {
			if (context.getRequiredTestClass().getEnclosingClass() == null) {
				IndexerFixture fixture = fixtures.remove(context.getRequiredTestClass());
				if (fixture != null) {
					fixture.close();
				}
			}
		}

		@Override
		public ContextCustomizer createContextCustomizer(Class<?> testClass,
				List<ContextConfigurationAttributes> configurations) {
			return new Servers(of(testClass).prefix, testClass.isAnnotationPresent(ElasticsearchBehindAGate.class));
		}

	}

	/**
	 * The settings that point the indexer under test at the shared servers, a prefix and
	 * the test accounts, the metrics scraper's among them; one context per prefix.
	 *
	 * @param prefix the topic and index prefix
	 */
	private record Servers(String prefix, boolean gated) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration merged) {
			TestPropertyValues
				.of("spring.kafka.bootstrap-servers=" + RealServers.kafka().bootstrapServers(),
						"spring.elasticsearch.uris=" + elasticsearchUrl(this.prefix, this.gated),
						"investledger.topic-prefix=" + this.prefix, "investledger.index-prefix=" + this.prefix,
						"investledger.access.users[0].name=" + OFFICIAL,
						"investledger.access.users[0].password=" + PASSWORD_HASH,
						"investledger.access.users[0].roles=OFFICIAL", "investledger.access.users[1].name=" + ADMIN,
						"investledger.access.users[1].password=" + PASSWORD_HASH,
						"investledger.access.users[1].roles=ADMIN",
						"investledger.metrics-scraper.sha256=" + MetricsScraper.sha256Hex(SCRAPER_PASSWORD))
				.applyTo(context);
		}

	}

}
