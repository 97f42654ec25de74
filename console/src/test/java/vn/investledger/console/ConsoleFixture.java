package vn.investledger.console;

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
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

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
import vn.investledger.events.Rejection;
import vn.investledger.events.Stock;
import vn.investledger.events.Topics;
import vn.investledger.events.Total;
import vn.investledger.events.rulebook.Flows;
import vn.investledger.events.rulebook.ProjectLife;
import vn.investledger.events.rulebook.Rules;
import vn.investledger.events.rulebook.StockParts;
import vn.investledger.index.HistoryDocument;
import vn.investledger.index.Indices;
import vn.investledger.index.ProjectDocument;
import vn.investledger.index.RejectionDocument;
import vn.investledger.index.StockDocument;
import vn.investledger.index.TotalDocument;
import vn.investledger.testsupport.ElasticsearchBehindAGate;
import vn.investledger.testsupport.Outage;
import vn.investledger.testsupport.RealServers;
import vn.investledger.testsupport.TcpGate;

/**
 * What a console test works with: indices of its own prefix on the shared real
 * Elasticsearch node, made from the index contract's templates and filled with documents
 * as the indexer writes them (the same ids, versions and fields), and an HTTP client for
 * the console's API signed in as a test account. One per test class, made by
 * {@link Extension} for {@link ConsoleTest}.
 */
public final class ConsoleFixture {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	/** An official's account. */
	public static final String OFFICIAL = "cán-bộ";

	/** An admin's account. */
	public static final String ADMIN = "quản-trị";

	/** Both accounts' password. */
	public static final String PASSWORD = "Mật khẩu thử 1";

	private static final String PASSWORD_HASH = PasswordHash.of(PASSWORD);

	/** The metrics scraper's account, which alone reads {@code /actuator/prometheus}. */
	public static final String SCRAPER = MetricsScraper.DEFAULT_NAME;

	/** The metrics scraper's password. */
	public static final String SCRAPER_PASSWORD = "scraper-" + UUID.randomUUID();

	/** Documents per bulk request. */
	private static final int BULK = 2000;

	/** The fixture of each test class running or to run. */
	private static final Map<Class<?>, ConsoleFixture> fixtures = new ConcurrentHashMap<>();

	public final String prefix;

	public final Topics topics;

	public final Indices indices;

	private final HttpClient http = HttpClient.newHttpClient();

	/**
	 * The documents' external versions, in the order written, as the indexer's offsets.
	 */
	private final AtomicLong offsets = new AtomicLong();

	private volatile int port;

	private ConsoleFixture(String prefix) {
		this.prefix = prefix;
		this.topics = Topics.withPrefix(prefix);
		this.indices = new Indices(prefix);
		for (String kind : Indices.KINDS) {
			createIndex(kind);
		}
	}

	private static ConsoleFixture of(Class<?> testClass) {
		Class<?> outermost = testClass;
		while (outermost.getEnclosingClass() != null) {
			outermost = outermost.getEnclosingClass();
		}
		return fixtures.computeIfAbsent(outermost, (test) -> new ConsoleFixture(
				test.getSimpleName().toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 8)));
	}

	/**
	 * Commits an offset for the indexer group of an index kind ({@code totals},
	 * {@code stock}, {@code history}), as its indexer would.
	 * @param admin an admin client of the shared broker
	 * @param kind the index kind
	 * @param partition the partition of the topic it reads
	 * @param offset the offset committed
	 * @throws Exception if the broker refuses or does not answer
	 */
	public void commitIndexer(org.apache.kafka.clients.admin.Admin admin, String kind,
			org.apache.kafka.common.TopicPartition partition, long offset) throws Exception {
		admin
			.alterConsumerGroupOffsets(this.prefix + "-" + kind + "-indexer",
					Map.of(partition, new org.apache.kafka.clients.consumer.OffsetAndMetadata(offset)))
			.all()
			.get();
	}

	/**
	 * The index of a kind behind its alias, as the indexer creates it: from its template,
	 * without replicas on the single test node.
	 */
	private void createIndex(String kind) {
		String alias = this.indices.alias(kind);
		JsonNode definition = JSON.readTree(Indices.definition(kind));
		ObjectNode settings = (ObjectNode) definition.get("settings").deepCopy();
		settings.put("number_of_replicas", 0);
		ObjectNode index = JSON.createObjectNode();
		index.set("settings", settings);
		index.set("mappings", definition.get("mappings"));
		index.putObject("aliases").putObject(alias).put("is_write_index", true);
		check(elasticsearch("PUT", "/" + this.indices.versioned(alias, 1), index.toString()));
	}

	/**
	 * Indexes project states as the indexer does: id the project code, external version
	 * newer than any before (the indexer's offsets); searchable on return.
	 */
	public void index(ProjectState... states) {
		indexProjects(List.of(states));
	}

	public void indexProjects(Collection<ProjectState> states) {
		bulk(states.stream()
			.map(ProjectDocument::of)
			.map((project) -> new Write(this.indices.projects(), project.projectCode(), this.offsets.incrementAndGet(),
					"external", project))
			.toList());
	}

	/**
	 * Indexes project states as an indexer did before project documents carried their
	 * stock cell; searchable on return.
	 */
	public void indexProjectsWithoutStockCell(Collection<ProjectState> states) {
		bulk(states.stream().map(ProjectDocument::of).map((project) -> {
			ObjectNode document = (ObjectNode) JSON.readTree(EventJson.toJson(project));
			document.remove("stock");
			return new Write(this.indices.projects(), project.projectCode(), this.offsets.incrementAndGet(), "external",
					JSON.convertValue(document, Map.class));
		}).toList());
	}

	/**
	 * Indexes flow figures as the indexer does, each stamped now and in a newer version
	 * than any before; searchable on return.
	 */
	public void index(Total... figures) {
		indexTotals(List.of(figures));
	}

	public void indexTotals(Collection<Total> figures) {
		bulk(figures.stream()
			.map((figure) -> new Write(this.indices.totals(), figure.key(), this.offsets.incrementAndGet(), "external",
					TotalDocument.of(figure, Instant.now())))
			.toList());
	}

	/**
	 * Indexes figures as an indexer stamps them, the first at a given time and each next
	 * one a given time later.
	 * @param figures the figures
	 * @param first when the first is written
	 * @param apart the time between two
	 */
	public void indexTotals(List<Total> figures, Instant first, Duration apart) {
		bulk(IntStream.range(0, figures.size())
			.mapToObj((i) -> new Write(this.indices.totals(), figures.get(i).key(), this.offsets.incrementAndGet(),
					"external", TotalDocument.of(figures.get(i), first.plus(apart.multipliedBy(i)))))
			.toList());
	}

	public void indexStock(Collection<Stock> figures) {
		bulk(figures.stream()
			.map((figure) -> new Write(this.indices.stock(), figure.key(), this.offsets.incrementAndGet(), "external",
					StockDocument.of(figure)))
			.toList());
	}

	/**
	 * Indexes events as the ledger applied them, from a unit's topic, into the history,
	 * each with the flow the rulebook gives it; searchable on return. Events of one
	 * project in revision order.
	 */
	public void indexApplied(List<LicensingEvent> events, String unit) {
		indexLedger(events, unit, false, true);
	}

	/**
	 * Indexes events as a ledger applied them before its entries carried their flow: in
	 * the history, without a flow; searchable on return.
	 */
	public void indexAppliedWithoutFlows(List<LicensingEvent> events, String unit) {
		indexLedger(events, unit, false, false);
	}

	/**
	 * Indexes events as the ledger applied them, as {@link #indexApplied}, and the flow
	 * figures they sum to by the rulebook, as the processor and the indexer would;
	 * searchable on return.
	 * @return the figures indexed
	 */
	public List<Total> indexLedger(List<LicensingEvent> events, String unit) {
		return indexLedger(events, unit, true, true);
	}

	private List<Total> indexLedger(List<LicensingEvent> events, String unit, boolean figures, boolean flows) {
		Rules rules = Rules.standard();
		Map<String, ProjectLife.Fold> states = new HashMap<>();
		Map<String, Total> sums = new LinkedHashMap<>();
		List<Write> writes = new ArrayList<>();
		for (LicensingEvent event : events) {
			var envelope = event.envelope();
			ProjectState after = states.computeIfAbsent(event.key(), ProjectLife.Fold::new).apply(event, unit);
			AppliedEntry.Flow flow = (!flows) ? null
					: Flows.cellOf(event, after, rules)
						.map((cell) -> new AppliedEntry.Flow(cell, Flows.periodsOf(cell, rules.calendar())))
						.orElse(null);
			if (flow != null) {
				for (Total figure : Flows.figuresOf(flow.cell(), rules.calendar())) {
					sums.merge(figure.key(), figure, Total::plus);
				}
			}
			AppliedEntry entry = new AppliedEntry(event.key(), envelope.revision(), envelope.eventId().toString(),
					event.kind().jsonName(), unit, false, this.topics.eventTopicName(unit), 0, envelope.revision(),
					envelope.emittedAt(), new String(EventJson.toBytes(event), StandardCharsets.UTF_8), flow);
			HistoryDocument document = HistoryDocument.of(entry);
			writes.add(new Write(this.indices.history(), document.id(), 0, null, document));
		}
		bulk(writes);
		if (!figures) {
			return List.of();
		}
		indexTotals(sums.values());
		return List.copyOf(sums.values());
	}

	/**
	 * Indexes the projects events make and the stock of valid projects, as the indexer
	 * writes the processor's project states and stock figures: each project at its last
	 * state, each stock figure the sum of every change of a project's part, by the
	 * rulebook ({@link StockParts}); searchable on return. Events of one project in
	 * revision order.
	 * @param events the events
	 * @param unit the unit whose topic published them
	 * @return the stock figures
	 */
	public List<Stock> indexStockOf(List<LicensingEvent> events, String unit) {
		Rules rules = Rules.standard();
		Map<String, ProjectLife.Fold> states = new LinkedHashMap<>();
		Map<String, Stock> sums = new LinkedHashMap<>();
		for (LicensingEvent event : events) {
			ProjectLife.Fold fold = states.get(event.key());
			ProjectState before = (fold != null) ? fold.state() : null;
			ProjectState after = states.computeIfAbsent(event.key(), ProjectLife.Fold::new).apply(event, unit);
			for (Stock cell : StockParts.cellsOf(before, after, rules)) {
				for (Stock figure : StockParts.figuresOf(cell)) {
					sums.merge(figure.key(), figure, Stock::plus);
				}
			}
		}
		indexProjects(states.values().stream().map(ProjectLife.Fold::state).toList());
		indexStock(sums.values());
		return List.copyOf(sums.values());
	}

	/**
	 * Indexes applied entries into the history as the indexer does (id the project code
	 * and revision); searchable on return.
	 */
	public void indexHistory(Collection<AppliedEntry> entries) {
		bulk(entries.stream()
			.map(HistoryDocument::of)
			.map((document) -> new Write(this.indices.history(), document.id(), 0, null, document))
			.toList());
	}

	/**
	 * Rebuilds the history as the indexer's rebuild does: a new version of the index from
	 * its template, filled with the entries in the order given (the log's), then the
	 * alias moved to it in one request; searchable on return.
	 * @param entries the entries, as read from the applied-events topic
	 * @param version the new version, above every earlier one
	 */
	public void rebuildHistory(Collection<AppliedEntry> entries, int version) {
		String alias = this.indices.history();
		String previous = this.indices.versioned(alias, version - 1);
		String next = this.indices.versioned(alias, version);
		JsonNode definition = JSON.readTree(Indices.definition("history"));
		ObjectNode settings = (ObjectNode) definition.get("settings").deepCopy();
		settings.put("number_of_replicas", 0);
		ObjectNode index = JSON.createObjectNode();
		index.set("settings", settings);
		index.set("mappings", definition.get("mappings"));
		check(elasticsearch("PUT", "/" + next, index.toString()));
		bulk(entries.stream()
			.map(HistoryDocument::of)
			.map((document) -> new Write(next, document.id(), 0, null, document))
			.toList());
		ObjectNode swap = JSON.createObjectNode();
		var actions = swap.putArray("actions");
		actions.addObject().putObject("remove").put("index", previous).put("alias", alias);
		actions.addObject().putObject("add").put("index", next).put("alias", alias).put("is_write_index", true);
		check(elasticsearch("POST", "/_aliases", swap.toString()));
	}

	/**
	 * Indexes refused records as the indexer does; searchable on return.
	 */
	public void indexRefused(Rejection rejection, byte[] value) {
		RejectionDocument document = RejectionDocument.of(rejection, value);
		bulk(List.of(new Write(this.indices.rejections(), document.id(), 0, null, document)));
	}

	private void bulk(List<Write> writes) {
		for (int from = 0; from < writes.size(); from += BULK) {
			StringBuilder body = new StringBuilder();
			for (Write write : writes.subList(from, Math.min(from + BULK, writes.size()))) {
				var action = JSON.createObjectNode();
				var index = action.putObject("index").put("_index", write.index()).put("_id", write.id());
				if (write.versionType() != null) {
					index.put("version", write.version()).put("version_type", write.versionType());
				}
				body.append(action).append('\n').append(EventJson.toJson(write.document())).append('\n');
			}
			JsonNode answer = check(
					elasticsearch("POST", "/_bulk?refresh=wait_for", body.toString(), "application/x-ndjson"));
			if (answer.get("errors").asBoolean()) {
				throw new IllegalStateException("Elasticsearch refused a document: " + answer);
			}
		}
	}

	/**
	 * One document to write.
	 */
	private record Write(String index, String id, long version, String versionType, Object document) {

	}

	private JsonNode check(HttpResponse<String> response) {
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException("Elasticsearch answered " + response.statusCode() + ": " + response.body());
		}
		return JSON.readTree(response.body());
	}

	private HttpResponse<String> elasticsearch(String method, String path, String body) {
		return elasticsearch(method, path, body, "application/json");
	}

	private HttpResponse<String> elasticsearch(String method, String path, String body, String type) {
		return exchange(HttpRequest.newBuilder(URI.create(RealServers.elasticsearch().url() + path))
			.header("Content-Type", type)
			.method(method, HttpRequest.BodyPublishers.ofString(body)));
	}

	/**
	 * A GET as the official.
	 */
	public HttpResponse<String> get(String path, Map<String, String> query) {
		return send("GET", OFFICIAL, PASSWORD, path, query);
	}

	/**
	 * A GET as the official, which must answer 200 with JSON.
	 */
	public JsonNode getJson(String path, Map<String, String> query) {
		HttpResponse<String> response = get(path, query);
		if (response.statusCode() != 200) {
			throw new AssertionError(
					"GET " + path + " " + query + ": " + response.statusCode() + " " + response.body());
		}
		return JSON.readTree(response.body());
	}

	/**
	 * A GET as the official, its answer's bytes as they are (a workbook).
	 */
	public HttpResponse<byte[]> getBytes(String path, Map<String, String> query) {
		return exchange(request("GET", OFFICIAL, PASSWORD, path, query), HttpResponse.BodyHandlers.ofByteArray());
	}

	/**
	 * A request with HTTP Basic credentials, or none if the user is {@code null}.
	 */
	public HttpResponse<String> send(String method, String user, String password, String path,
			Map<String, String> query) {
		return exchange(request(method, user, password, path, query));
	}

	private HttpRequest.Builder request(String method, String user, String password, String path,
			Map<String, String> query) {
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
		return request;
	}

	/**
	 * A form post with HTTP Basic credentials, its fields in the body as a browser sends
	 * them.
	 */
	public HttpResponse<String> postForm(String user, String password, String path, Map<String, String> fields) {
		String body = fields.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return exchange(HttpRequest.newBuilder(URI.create(url(path)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Authorization", basic(user, password))
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/**
	 * The console's address of a path.
	 */
	public String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	private HttpResponse<String> exchange(HttpRequest.Builder request) {
		return exchange(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
		try {
			return this.http.send(request.build(), body);
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
	public static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A CSV export's text after the byte order mark it must start with (for
	 * spreadsheets).
	 */
	public static String withoutByteOrderMark(String csv) {
		if (!csv.startsWith("\uFEFF")) {
			throw new AssertionError(
					"A CSV without a byte order mark: " + csv.substring(0, Math.min(80, csv.length())));
		}
		return csv.substring(1);
	}

	public static Map<String, String> params(String... keysAndValues) {
		Map<String, String> params = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			params.put(keysAndValues[i], keysAndValues[i + 1]);
		}
		return params;
	}

	/**
	 * A licensed FDI project's state.
	 */
	public static ProjectState state(String code, long revision, String name, String zone, String country,
			String sector, String capitalUsd) {
		return new ProjectState(code, revision, "31", List.of(), InvestmentType.FDI, "31", name,
				List.of("Công ty TNHH " + name), zone, country, sector, null, LocalDate.of(2024, 3, 15),
				LocalDate.of(2024, 3, 15), ProjectStatus.VALID, Money.usd(capitalUsd), null, null,
				Instant.parse("2024-03-15T03:00:00Z").plusSeconds(revision));
	}

	/**
	 * Shuts the gate between this class's console and Elasticsearch (the class is
	 * {@link ElasticsearchBehindAGate}) until the returned outage is closed: to the
	 * console, Elasticsearch stopped; the fixture's own client still reaches it.
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
	 * Gives each {@link ConsoleTest} class its fixture: points the console under test at
	 * the shared servers, the fixture's prefix and its accounts before the context
	 * starts, and resolves {@link ConsoleFixture} parameters.
	 */
	public static final class Extension implements ParameterResolver, AfterAllCallback, ContextCustomizerFactory {

		@Override
		public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
			return parameter.getParameter().getType() == ConsoleFixture.class;
		}

		@Override
		public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
			ConsoleFixture fixture = of(context.getRequiredTestClass());
			fixture.port = SpringExtension.getApplicationContext(context)
				.getEnvironment()
				.getRequiredProperty("local.server.port", Integer.class);
			return fixture;
		}

		@Override
		public void afterAll(ExtensionContext context) {
			if (context.getRequiredTestClass().getEnclosingClass() == null) {
				fixtures.remove(context.getRequiredTestClass());
			}
		}

		@Override
		public ContextCustomizer createContextCustomizer(Class<?> testClass,
				List<ContextConfigurationAttributes> configurations) {
			return new Servers(of(testClass).prefix, testClass.isAnnotationPresent(ElasticsearchBehindAGate.class));
		}

	}

	/**
	 * The settings that point the console under test at the shared servers, a prefix and
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
