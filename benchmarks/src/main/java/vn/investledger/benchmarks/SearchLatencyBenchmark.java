package vn.investledger.benchmarks;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import org.springframework.context.ConfigurableApplicationContext;

import vn.investledger.console.ConsoleApplication;
import vn.investledger.events.ProjectState;
import vn.investledger.index.ProjectDocument;
import vn.investledger.indexer.IndexerApplication;
import vn.investledger.localstack.LocalStack;
import vn.investledger.platform.PlatformServices;

/**
 * The console's search API over a projects index of a million documents (which the
 * indexer, running beside it, sets up): a filtered query with all its facets, from
 * concurrent clients, beside the same query sent straight to Elasticsearch by as many
 * clients in the same run, in alternating rounds. Settings (system properties):
 * {@code projects} (1000000), {@code clients} (16), {@code seconds} (60 per measure),
 * {@code warmUp} (30 s on each path, before any measure), {@code rounds} (2: each
 * measures Elasticsearch alone, then the API).
 */
public final class SearchLatencyBenchmark {

	private SearchLatencyBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int projects = Integer.getInteger("projects", 1_000_000);
		int clients = Integer.getInteger("clients", 16);
		int seconds = Integer.getInteger("seconds", 60);
		int warmUp = Integer.getInteger("warmUp", 30);
		int rounds = Integer.getInteger("rounds", 2);
		String prefix = "benchsearch";
		try (LocalStack stack = LocalStack.start();
				ConfigurableApplicationContext indexer = IndexerApplication.application().run(arguments(stack, prefix));
				ConfigurableApplicationContext console = ConsoleApplication.application()
					.run(arguments(stack, prefix))) {
			String api = "http://127.0.0.1:" + console.getEnvironment().getProperty("local.server.port");
			String alias = prefix + "-projects";
			RawBulk bulk = new RawBulk(stack.elasticsearch().url());
			BenchProjects generator = new BenchProjects(2024);
			long loadStarted = System.nanoTime();
			try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
				List<Future<?>> sent = new ArrayList<>();
				for (int from = 0; from < projects; from += 2000) {
					List<ProjectDocument> documents = new ArrayList<>();
					for (int i = from; i < Math.min(projects, from + 2000); i++) {
						ProjectState state = generator.next(i);
						documents.add(ProjectDocument.of(state));
					}
					sent.add(pool.submit(() -> {
						bulk.index(alias, documents);
						return null;
					}));
					if (sent.size() > 8) {
						sent.remove(0).get();
					}
				}
				for (Future<?> future : sent) {
					future.get();
				}
			}
			bulk.refresh(alias);
			System.out.printf("loaded %,d projects in %.0f s (%,d in the index)%n", bulk.count(alias),
					(System.nanoTime() - loadStarted) / 1e9, bulk.count(alias));

			List<String> provinces = generator.provinces();
			List<String> countries = generator.countries();
			HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(clients)).build();
			IntFunction<HttpRequest> viaApi = (n) -> {
				Random random = new Random(n);
				String query = "province=" + provinces.get(random.nextInt(provinces.size())) + "&type=FDI&status=valid"
						+ ((random.nextBoolean()) ? "&country=" + countries.get(random.nextInt(countries.size())) : "")
						+ ((random.nextBoolean()) ? "&q=" + URLEncoder.encode("nha may", StandardCharsets.UTF_8) : "");
				return HttpRequest.newBuilder(URI.create(api + "/api/search/projects?" + query))
					.header("Authorization", BASIC)
					.GET()
					.build();
			};
			IntFunction<HttpRequest> direct = (n) -> {
				Random random = new Random(n);
				String body = rawQuery(provinces.get(random.nextInt(provinces.size())),
						random.nextBoolean() ? countries.get(random.nextInt(countries.size())) : null,
						random.nextBoolean());
				return HttpRequest.newBuilder(URI.create(stack.elasticsearch().url() + "/" + alias + "/_search"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build();
			};
			// both ways warm up (Elasticsearch's JIT and caches, the API's JIT) before
			// either is measured: a way measured first on a cold node pays for both
			load(clients, warmUp, direct, http);
			load(clients, warmUp, viaApi, http);
			StringBuilder table = new StringBuilder();
			table.append(String.format(
					"| round (%,d projects, %d clients, %d s each) | Elasticsearch alone: req/s, p50, p99 ms, errors"
							+ " | search API: req/s, p50, p99 ms, errors | API / raw rate |%n|---|---|---|---:|%n",
					projects, clients, seconds));
			for (int round = 1; round <= rounds; round++) {
				Result raw = load(clients, seconds, direct, http);
				Result apiResult = load(clients, seconds, viaApi, http);
				table.append(String.format("| %d | %,.0f, %.1f, %.1f, %d | %,.0f, %.1f, %.1f, %d | %.2f |%n", round,
						raw.rate, raw.p50, raw.p99, raw.errors, apiResult.rate, apiResult.p50, apiResult.p99,
						apiResult.errors, apiResult.rate / raw.rate));
			}
			System.out.println();
			System.out.println(table);
		}
		System.exit(0);
	}

	/** An official's credentials, as an API client sends them with each request. */
	private static final String BASIC = PlatformServices.LOCAL_ACCOUNTS.get(0).authorization();

	private static String[] arguments(LocalStack stack, String prefix) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0",
				"--spring.kafka.bootstrap-servers=" + stack.kafka().bootstrapServers(),
				"--spring.elasticsearch.uris=" + stack.elasticsearch().url(), "--investledger.topic-prefix=" + prefix,
				"--investledger.index-prefix=" + prefix, "--logging.level.root=warn"));
		arguments.addAll(PlatformServices.Account.arguments(PlatformServices.LOCAL_ACCOUNTS));
		return arguments.toArray(String[]::new);
	}

	/** The seeds of the requests' filters: every request of a run draws its own. */
	private static final AtomicLong SEEDS = new AtomicLong();

	private record Result(double rate, double p50, double p99, long errors) {

	}

	private static Result load(int clients, int seconds, IntFunction<HttpRequest> requests, HttpClient http)
			throws Exception {
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
		AtomicLong errors = new AtomicLong();
		try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
			for (int c = 0; c < clients; c++) {
				pool.submit(() -> {
					while (System.nanoTime() < end) {
						HttpRequest request = requests.apply((int) SEEDS.incrementAndGet());
						long sent = System.nanoTime();
						try {
							HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
							long took = System.nanoTime() - sent;
							if (response.statusCode() != 200 && errors.incrementAndGet() == 1) {
								System.out.println("First error: " + response.statusCode() + " " + response.body());
							}
							latencies.add(took);
						}
						catch (Exception ex) {
							errors.incrementAndGet();
						}
					}
					return null;
				});
			}
		}
		List<Long> sorted = new ArrayList<>(latencies);
		Collections.sort(sorted);
		return new Result(sorted.size() / (double) seconds, at(sorted, 0.50), at(sorted, 0.99), errors.get());
	}

	private static double at(List<Long> sorted, double p) {
		return sorted.isEmpty() ? Double.NaN : sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
	}

	private static String rawQuery(String province, String country, boolean words) {
		StringBuilder filters = new StringBuilder();
		filters.append("{\"term\":{\"provinceCode\":\"").append(province).append("\"}},");
		filters.append("{\"term\":{\"investmentType\":\"FDI\"}},{\"term\":{\"status\":\"valid\"}}");
		if (country != null) {
			filters.append(",{\"term\":{\"partnerCountry\":\"").append(country).append("\"}}");
		}
		String must = words ? "\"must\":[{\"match\":{\"searchText\":{\"query\":\"nha may\",\"operator\":\"and\"}}}],"
				: "";
		StringBuilder aggs = new StringBuilder("\"asOf\":{\"max\":{\"field\":\"newestEventAt\"}}");
		for (String field : List.of("provinceCode", "restatedProvinceCode", "zoneCode", "zoneType", "partnerCountry",
				"sectorSection", "investmentType", "status")) {
			aggs.append(",\"")
				.append(field)
				.append("\":{\"terms\":{\"field\":\"")
				.append(field)
				.append("\",\"size\":10},\"aggs\":{\"capital\":{\"terms\":{\"field\":\"registeredCapital.currency\","
						+ "\"size\":2},\"aggs\":{\"sum\":{\"sum\":{\"field\":\"registeredCapital.minorUnits\"}}}}}}");
		}
		// the API's order: by relevance with words, else newest first; the project code
		// breaks ties
		String sort = words ? "{\"_score\":{\"order\":\"desc\"}}"
				: "{\"newestEventAt\":{\"order\":\"desc\",\"missing\":\"_first\"}}";
		return "{\"size\":20,\"track_total_hits\":true,\"sort\":[" + sort + ",{\"projectCode\":{\"order\":\"desc\"}}],"
				+ "\"query\":{\"bool\":{" + must + "\"filter\":[" + filters + "]}},\"aggs\":{" + aggs + "}}";
	}

}
