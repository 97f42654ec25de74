package vn.investledger.benchmarks;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import vn.investledger.events.InvestmentType;
import vn.investledger.events.Topics;
import vn.investledger.events.rulebook.ReportCalendar;
import vn.investledger.index.Indices;
import vn.investledger.localstack.LocalStack;
import vn.investledger.platform.PlatformServices;
import vn.investledger.processor.intake.Intake;

/**
 * What a national release and its vintages cost over a large ledger, beside reading the
 * same figures straight from the processor, on one local broker and one local
 * Elasticsearch node:
 * <ol>
 * <li>writes a ledger of simulator events of every province, 2023 to today (as the replay
 * benchmark does), then starts the platform's services in this JVM and waits until the
 * processor has committed every event and the history indexer every applied one;</li>
 * <li>for FDI and DDI, the newest closed month's release with every ranked line named
 * (sizes 60): once, then {@code repeats} times again (the console keeps a pass's figures
 * while the entries are the same: the first request of a month is a pass, the others are
 * not); beside it, the same figures read from the processor's API one by one (the year to
 * date and a year earlier, each ranked line's), and a bare scan of the history entries
 * the release reads, straight from Elasticsearch (the raw limit of a one-pass
 * release);</li>
 * <li>the vintages: the release as known at an instant late in the ledger's writing
 * ({@code asOf}), the revisions between that instant and now, a publication, and the
 * release as first published;</li>
 * <li>checks: every year-on-year figure and every ranked line of the release equals the
 * processor's figure.</li>
 * </ol>
 * Prints Markdown tables for BENCHMARKS.md; exits 1 if a check failed. Settings (system
 * properties): {@code events} (1000000), {@code repeats} (3).
 */
public final class ReleaseBenchmark {

	private static final String PREFIX = "release";

	private static final long SEED = 2025;

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private static final String OFFICIAL = PlatformServices.LOCAL_ACCOUNTS.get(0).authorization();

	private static final String ADMIN = PlatformServices.LOCAL_ACCOUNTS.get(1).authorization();

	/**
	 * Every ranked line named: more than the units, sections and partners with new
	 * projects.
	 */
	private static final String ALL_LINES = "countries=60&provinces=60&sectors=60";

	/** The year-on-year figures of a release, by the processor's names for them. */
	private static final Map<String, String> FIGURES = Map.of("new.projects", "newProjects", "new.capital",
			"newCapital", "adjustments", "adjustments", "adjusted.capital", "adjustedCapital", "contributions",
			"contributions", "contribution.capital", "contributionCapital", "realised.capital", "realisedCapital");

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private ReleaseBenchmark() {
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
	 * Timings of one measure, in milliseconds.
	 *
	 * @param first the first
	 * @param again the repeats, in order
	 */
	private record Timings(double first, List<Double> again) {

		double median() {
			List<Double> sorted = this.again.stream().sorted().toList();
			return sorted.isEmpty() ? this.first : sorted.get(sorted.size() / 2);
		}

		String row(String measure, String size) {
			return String.format("| %s | %s | %,.0f | %,.0f |", measure, size, this.first, median());
		}

	}

	private static int run() throws Exception {
		long events = Long.getLong("events", 1_000_000);
		int repeats = Integer.getInteger("repeats", 3);
		Topics topics = Topics.withPrefix(PREFIX);
		Path state = Files.createTempDirectory("release-bench");
		List<String> problems = new ArrayList<>();
		List<String> rows = new ArrayList<>();
		try (LocalStack stack = LocalStack.start();
				Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafka().bootstrapServers()))) {
			String kafka = stack.kafka().bootstrapServers();
			String elasticsearch = stack.elasticsearch().url();
			List<String> units = List.copyOf(new TreeSet<>(Intake.units()));
			PlatformServices.createEventTopics(kafka, topics, units);
			Instant writing = Instant.now();
			BenchLedger.Written ledger = BenchLedger.write(kafka, PREFIX, events, SEED);
			Instant written = Instant.now();
			System.out.printf("Ledger: %,d records, %,d applied events of %,d projects, written in %.1f s%n",
					ledger.records(), ledger.appliedEvents(), ledger.projects(), ledger.seconds());
			long started = System.nanoTime();
			try (PlatformServices services = PlatformServices.start(
					new PlatformServices.Settings(kafka, elasticsearch, PREFIX, PREFIX, 0, 0, 0, 0, state, Map.of()),
					units)) {
				StreamsRuns.awaitCommitted(admin, PREFIX + "-stream-processor", topics.eventTopicPattern(),
						ledger.records(), () -> {
						});
				double processed = (System.nanoTime() - started) / 1e9;
				long applied = awaitGroup(admin, PREFIX + "-history-indexer", topics.appliedEvents().name());
				double indexed = (System.nanoTime() - started) / 1e9;
				String history = new Indices(PREFIX).history();
				post(elasticsearch + "/" + history + "/_refresh", null);
				long entries = JSON.readTree(get(elasticsearch + "/" + history + "/_count", null))
					.path("count")
					.asLong();
				System.out.printf(
						"The processor committed every record %.1f s after the services' start, the history indexer %,d applied-events records after %.1f s: %,d history entries%n",
						processed, applied, indexed, entries);

				String console = services.consoleUrl();
				String processor = services.processorUrl();
				YearMonth month = lastClosedMonth(console);
				ReportCalendar calendar = ReportCalendar.standard();
				String cutOff = calendar.cutOff(month).toString();
				Instant lateInLedger = writing.plus(Duration.between(writing, written).multipliedBy(97).dividedBy(100));
				String asOf = URLEncoder.encode(lateInLedger.toString(), StandardCharsets.UTF_8);
				System.out.printf("Release month %s (cut-off %s); a vintage as known at %s%n", month, cutOff,
						lateInLedger);
				for (InvestmentType type : InvestmentType.values()) {
					String release = console + "/api/releases/" + month + "?type=" + type + "&" + ALL_LINES;
					JsonNode[] current = new JsonNode[1];
					Timings releases = time(repeats, () -> current[0] = JSON.readTree(get(release, OFFICIAL)));
					List<String> figures = processorFigures(processor, month, type, current[0]);
					long[] compared = new long[1];
					Timings direct = time(repeats, () -> {
						compared[0] = compare(type, figures, current[0], problems);
						return null;
					});
					Timings scan = time(repeats, () -> scan(elasticsearch, history, cutOff));
					Timings vintage = time(repeats, () -> get(release + "&asOf=" + asOf, OFFICIAL));
					JsonNode[] revised = new JsonNode[1];
					Timings revisions = time(repeats,
							() -> revised[0] = JSON.readTree(get(
									console + "/api/releases/" + month + "/revisions?type=" + type + "&from=" + asOf,
									OFFICIAL)));
					long start = System.nanoTime();
					post(console + "/api/admin/releases/" + month + "/publications?type=" + type, ADMIN);
					double publish = (System.nanoTime() - start) / 1e6;
					Timings firstPublished = time(repeats,
							() -> get(console + "/api/releases/" + month + "?type=" + type + "&vintage=first-published",
									OFFICIAL));
					rows.add(String.format("| **%s** | | | |", type));
					rows.add(releases.row(
							"release, current, every line ranked (first: a pass, unless the other type's made it)",
							String.format("%,d entries", entries)));
					rows.add(direct.row("the same flow figures and the stock from the processor's API, one by one",
							String.format("%,d figures", figures.size())));
					rows.add(scan.row("raw: the entries to the cut-off scanned from Elasticsearch, nothing added",
							String.format("%,d entries", entries)));
					rows.add(vintage.row("release as known at " + lateInLedger, ""));
					rows.add(revisions.row("revisions since then", String.format("%,d figures, %,d events",
							revised[0].path("figures").size(), revised[0].path("events").size())));
					rows.add(String.format(
							"| publication (catch-up wait, settle 2 s, a pass, record on the topic) | | %,.0f | – |",
							publish));
					rows.add(firstPublished.row("release as first published (hash checked)", ""));
					System.out.printf("%s: %,d figures compared with the processor's%n", type, compared[0]);
				}
			}
		}
		System.out.printf("""

				| measure | size | first ms | again ms (median of %d) |
				|---|---|---:|---:|
				""", repeats);
		rows.forEach(System.out::println);
		if (problems.isEmpty()) {
			System.out.println(
					"\nChecks passed: every year-on-year figure and every ranked line of both releases equals the processor's.");
			return 0;
		}
		problems.stream().limit(20).forEach((problem) -> System.out.println("FAILED: " + problem));
		return 1;
	}

	/**
	 * The processor's URLs of every flow figure a release states: the year to date and a
	 * year earlier, and each ranked line's year to date.
	 */
	private static List<String> processorFigures(String processor, YearMonth month, InvestmentType type,
			JsonNode release) {
		String base = processor + "/api/totals/year-to-date?month=" + month.getMonthValue() + "&type=" + type;
		List<String> urls = new ArrayList<>();
		urls.add(base + "&year=" + month.getYear());
		urls.add(base + "&year=" + (month.getYear() - 1));
		String year = base + "&year=" + month.getYear();
		release.path("tables")
			.path("countries")
			.path("rows")
			.forEach((row) -> urls.add(year + "&cuboid=country&country=" + row.path("code").asString()));
		release.path("tables")
			.path("provinces")
			.path("rows")
			.forEach((row) -> urls.add(year + "&cuboid=province-restated&province=" + row.path("code").asString()));
		release.path("tables")
			.path("sectors")
			.path("rows")
			.forEach((row) -> urls.add(year + "&cuboid=sector&sector=" + row.path("code").asString()));
		urls.add(processor + "/api/totals/stock?type=" + type);
		return urls;
	}

	/**
	 * Reads every figure from the processor and compares it with the release's; returns
	 * how many numbers were compared.
	 */
	private static long compare(InvestmentType type, List<String> urls, JsonNode release, List<String> problems)
			throws Exception {
		long compared = 0;
		JsonNode thisYear = JSON.readTree(get(urls.get(0), null));
		JsonNode lastYear = JSON.readTree(get(urls.get(1), null));
		for (JsonNode row : release.path("tables").path("yearOnYear")) {
			String name = FIGURES.get(row.path("figure").asString());
			if (name == null) {
				continue;
			}
			compared += same(type + " " + row.path("figure").asString(), row.path("current"), thisYear.path(name),
					problems);
			compared += same(type + " previous " + row.path("figure").asString(), row.path("previous"),
					lastYear.path(name), problems);
		}
		int at = 2;
		for (String table : List.of("countries", "provinces", "sectors")) {
			for (JsonNode row : release.path("tables").path(table).path("rows")) {
				JsonNode figure = JSON.readTree(get(urls.get(at++), null));
				String line = type + " " + table + " " + row.path("code").asString();
				compared += same(line + " newProjects", row.path("newProjects"), figure.path("newProjects"), problems);
				compared += same(line + " newCapital", row.path("newCapital"), figure.path("newCapital"), problems);
			}
		}
		get(urls.get(at), null);
		return compared;
	}

	/**
	 * A release's count or amount against a processor's count or money; 1 if compared.
	 */
	private static int same(String what, JsonNode shown, JsonNode figure, List<String> problems) {
		long expected = figure.isNumber() ? figure.asLong() : figure.path("minorUnits").asLong();
		long actual = shown.has("minorUnits") ? shown.path("minorUnits").asLong() : shown.path("value").asLong();
		if (expected != actual) {
			problems.add(what + ": the release says " + actual + ", the processor " + expected);
		}
		return 1;
	}

	/**
	 * The history entries dated to the cut-off, every one, in project and revision order,
	 * through a point in time, 1,000 at a time, as a release reads them; returns how
	 * many.
	 */
	private static long scan(String elasticsearch, String index, String cutOff) throws Exception {
		String pit = JSON.readTree(post(elasticsearch + "/" + index + "/_pit?keep_alive=2m", null))
			.path("id")
			.asString();
		long entries = 0;
		String after = "";
		while (true) {
			String body = """
					{"size":1000,"track_total_hits":false,"pit":{"id":"%s","keep_alive":"2m"},
					 "query":{"bool":{"filter":[{"range":{"effectiveDate":{"lte":"%s"}}}]}},
					 "sort":[{"projectCode":"asc"},{"revision":"asc"}]%s}""".formatted(pit, cutOff, after);
			JsonNode response = JSON.readTree(send(HttpRequest.newBuilder(URI.create(elasticsearch + "/_search"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body)), null));
			pit = response.path("pit_id").asString(pit);
			JsonNode hits = response.path("hits").path("hits");
			entries += hits.size();
			if (hits.size() < 1000) {
				send(HttpRequest.newBuilder(URI.create(elasticsearch + "/_pit"))
					.header("Content-Type", "application/json")
					.method("DELETE", HttpRequest.BodyPublishers.ofString("{\"id\":\"" + pit + "\"}")), null);
				return entries;
			}
			after = ",\"search_after\":" + hits.get(hits.size() - 1).path("sort");
		}
	}

	/**
	 * The newest month whose release the console serves: the one before this, or earlier.
	 */
	private static YearMonth lastClosedMonth(String console) throws Exception {
		YearMonth month = YearMonth.now(vn.investledger.events.Limits.VIETNAM).minusMonths(1);
		HttpResponse<String> answer = HTTP
			.send(HttpRequest.newBuilder(URI.create(console + "/api/releases/" + month + "/publications"))
				.header("Authorization", OFFICIAL)
				.build(), HttpResponse.BodyHandlers.ofString());
		if (answer.statusCode() == 400) {
			return YearMonth.parse(JSON.readTree(answer.body()).path("lastClosedMonth").asString());
		}
		return month;
	}

	/**
	 * Waits until a group has committed a topic's end; returns the records it committed.
	 */
	private static long awaitGroup(Admin admin, String group, String topic) throws Exception {
		var partitions = admin.describeTopics(List.of(topic))
			.allTopicNames()
			.get(30, TimeUnit.SECONDS)
			.get(topic)
			.partitions()
			.stream()
			.map((p) -> new TopicPartition(topic, p.partition()))
			.toList();
		Map<TopicPartition, Long> ends = new java.util.HashMap<>();
		admin
			.listOffsets(partitions.stream()
				.collect(java.util.stream.Collectors.toMap((p) -> p, (p) -> OffsetSpec.latest())))
			.all()
			.get(30, TimeUnit.SECONDS)
			.forEach((partition, end) -> ends.put(partition, end.offset()));
		long deadline = System.nanoTime() + Duration.ofMinutes(60).toNanos();
		while (true) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get(30, TimeUnit.SECONDS);
			long behind = 0;
			long done = 0;
			for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
				OffsetAndMetadata at = committed.get(end.getKey());
				long offset = (at != null) ? at.offset() : 0;
				behind += Math.max(0, end.getValue() - offset);
				done += offset;
			}
			if (behind == 0) {
				return done;
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(group + " is still " + behind + " records behind on " + topic);
			}
			Thread.sleep(500);
		}
	}

	private static Timings time(int repeats, Callable measure) throws Exception {
		double cold = once(measure);
		List<Double> warm = new ArrayList<>();
		for (int i = 0; i < repeats; i++) {
			warm.add(once(measure));
		}
		return new Timings(cold, warm);
	}

	private static double once(Callable measure) throws Exception {
		long start = System.nanoTime();
		measure.call();
		return (System.nanoTime() - start) / 1e6;
	}

	/** A measured step. */
	@FunctionalInterface
	private interface Callable {

		Object call() throws Exception;

	}

	private static String get(String url, String authorization) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(url)).GET(), authorization);
	}

	private static String post(String url, String authorization) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()), authorization);
	}

	private static String send(HttpRequest.Builder request, String authorization) throws Exception {
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		HttpResponse<String> answer = HTTP.send(request.timeout(Duration.ofMinutes(10)).build(),
				HttpResponse.BodyHandlers.ofString());
		if (answer.statusCode() / 100 != 2) {
			throw new IllegalStateException(answer.request().method() + " " + answer.uri() + " answered "
					+ answer.statusCode() + ": " + answer.body());
		}
		return answer.body();
	}

}
