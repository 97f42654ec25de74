package vn.investledger.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

import org.springframework.context.ConfigurableApplicationContext;

import vn.investledger.console.ConsoleApplication;
import vn.investledger.events.ProjectState;
import vn.investledger.index.ProjectDocument;
import vn.investledger.indexer.IndexerApplication;
import vn.investledger.localstack.LocalStack;
import vn.investledger.platform.PlatformServices;

/**
 * The search API over a projects index of a million documents under an open-loop load:
 * requests arrive at a fixed rate, as officials' searches do, whether or not the earlier
 * ones have been answered, and each latency runs from the instant the request was due, so
 * a stall is not hidden by requests that were never sent. The same filtered query with
 * all its facets goes two ways in the same run, straight to Elasticsearch (the raw limit)
 * and through the search API:
 * <ol>
 * <li>a warm-up on each way, not measured, long enough for both servers' JIT compilers to
 * have compiled what every request runs (a per-request method is compiled fully after
 * some 5,000 calls): {@code warmUp} seconds at {@code warmUpRate};</li>
 * <li>the measured rate (50/s) for {@code seconds} on each way, Elasticsearch first;</li>
 * <li>a ladder of rising rates on each way, {@code step} seconds each, until a rate is
 * not sustained: the highest sustained rate of each way, and their ratio.</li>
 * </ol>
 * A rate is sustained when every request of the step was answered 200, none was still
 * open {@value #GRACE_SECONDS} s after the step, and the p99 stayed within {@code slo}
 * ms. Settings (system properties): {@code projects} (1000000), {@code rate} (50),
 * {@code seconds} (60), {@code warmUp} (90), {@code warmUpRate} (100), {@code step} (20),
 * {@code slo} (250), {@code ladder} (comma-separated rates), {@code variant} (index
 * changes to try, comma separated: {@code shards2}, {@code eagerOrdinals},
 * {@code sorted}), {@code cores} ({@code shared}, or {@code split}: Elasticsearch pinned
 * to the first core and this JVM, the API and the load, to the second, for both ways, as
 * when the API is deployed on machines of its own; Linux's {@code taskset}).
 */
public final class SearchLoadBenchmark {

	private static final int GRACE_SECONDS = 10;

	/** The facet fields the API asks for (terms aggregations). */
	private static final List<String> FACETS = List.of("provinceCode", "restatedProvinceCode", "zoneCode", "zoneType",
			"partnerCountry", "sectorSection", "investmentType", "status");

	/** An official's credentials, as an API client sends them with each request. */
	private static final String BASIC = PlatformServices.LOCAL_ACCOUNTS.get(0).authorization();

	private SearchLoadBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int projects = Integer.getInteger("projects", 1_000_000);
		int rate = Integer.getInteger("rate", 50);
		int seconds = Integer.getInteger("seconds", 60);
		int warmUp = Integer.getInteger("warmUp", 90);
		int warmUpRate = Integer.getInteger("warmUpRate", 100);
		boolean split = "split".equals(System.getProperty("cores", "shared"));
		int step = Integer.getInteger("step", 20);
		double slo = Integer.getInteger("slo", 250);
		List<Integer> ladder = Arrays.stream(System.getProperty("ladder", "50,100,150,200,250,300,400,500").split(","))
			.map(String::trim)
			.map(Integer::valueOf)
			.toList();
		Set<String> variant = Set.of(System.getProperty("variant", "").split(","));
		String prefix = "benchsearch";
		try (LocalStack stack = LocalStack.start();
				ConfigurableApplicationContext indexer = IndexerApplication.application().run(arguments(stack, prefix));
				ConfigurableApplicationContext console = ConsoleApplication.application()
					.run(arguments(stack, prefix))) {
			String api = "http://127.0.0.1:" + console.getEnvironment().getProperty("local.server.port");
			if (split) {
				splitCores();
			}
			String alias = prefix + "-projects";
			RawBulk bulk = new RawBulk(stack.elasticsearch().url());
			String index = variantIndex(bulk, alias, variant);
			BenchProjects generator = new BenchProjects(2024);
			long loadStarted = System.nanoTime();
			load(bulk, alias, generator, projects);
			System.out.printf("loaded %,d projects into %s (%s) in %.0f s%n", bulk.count(alias), index,
					variant.stream().filter((v) -> !v.isEmpty()).sorted().toList(),
					(System.nanoTime() - loadStarted) / 1e9);

			List<String> provinces = generator.provinces();
			List<String> countries = generator.countries();
			HttpClient http = HttpClient.newBuilder()
				.executor(Executors.newVirtualThreadPerTaskExecutor())
				.connectTimeout(Duration.ofSeconds(10))
				.build();
			IntFunction<HttpRequest> viaApi = (n) -> {
				Random random = new Random(n);
				String query = "province=" + provinces.get(random.nextInt(provinces.size())) + "&type=FDI&status=valid"
						+ ((random.nextBoolean()) ? "&country=" + countries.get(random.nextInt(countries.size())) : "")
						+ ((random.nextBoolean()) ? "&q=" + URLEncoder.encode("nha may", StandardCharsets.UTF_8) : "");
				return HttpRequest.newBuilder(URI.create(api + "/api/search/projects?" + query))
					.header("Authorization", BASIC)
					.timeout(Duration.ofSeconds(30))
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
					.timeout(Duration.ofSeconds(30))
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build();
			};
			// both ways warm up before either is measured: a way measured first on a cold
			// node pays for both
			openLoop(warmUpRate, warmUp, direct, http);
			openLoop(warmUpRate, warmUp, viaApi, http);
			CpuSnapshot before = CpuSnapshot.take(bulk);
			Result raw = openLoop(rate, seconds, direct, http);
			CpuShares rawCpu = CpuSnapshot.take(bulk).since(before, raw.offered());
			before = CpuSnapshot.take(bulk);
			Result viaTheApi = openLoop(rate, seconds, viaApi, http);
			CpuShares apiCpu = CpuSnapshot.take(bulk).since(before, viaTheApi.offered());
			StringBuilder out = new StringBuilder();
			out.append(
					String.format("%n%,d projects, index %s, variant %s, cores %s, warm-up %d s at %d/s each way%n%n",
							projects, index, variant.stream().filter((v) -> !v.isEmpty()).sorted().toList(),
							split ? "split (Elasticsearch on the first, the API and the load on the second)" : "shared",
							warmUp, warmUpRate));
			out.append(String.format("| at %d searches/s for %d s | answered | p50 ms | p99 ms | max ms | failed |%n",
					rate, seconds));
			out.append("|---|---:|---:|---:|---:|---:|\n");
			out.append(raw.row("Elasticsearch alone")).append(viaTheApi.row("search API"));
			out.append(String
				.format("%n| CPU per search at %d/s, ms | Elasticsearch | the API's threads (Tomcat, its client) "
						+ "| the rest of this JVM (the load, GC, JIT) |%n|---|---:|---:|---:|%n", rate));
			out.append(rawCpu.row("Elasticsearch alone")).append(apiCpu.row("search API"));
			if (split) {
				out.append(String.format(
						"%nWhere the CPU is the limit, Elasticsearch's core allows the API at most %.2f× Elasticsearch's "
								+ "own rate (Elasticsearch's CPU per search alone / through the API), and the second "
								+ "core, the API's and the load's, %.0f searches/s (1 s / the API's threads' and the "
								+ "rest of this JVM's CPU per search)%n",
						rawCpu.elasticsearch() / apiCpu.elasticsearch(), 1000 / (apiCpu.api() + apiCpu.rest())));
			}
			else {
				out.append(String.format(
						"%nWhere the CPU is the limit, the API can sustain at most %.2f× Elasticsearch's own rate "
								+ "(Elasticsearch's CPU per search alone / its CPU and the API's threads' per search "
								+ "through the API; an upper bound, the API's share of GC and JIT being left out)%n",
						rawCpu.elasticsearch() / (apiCpu.elasticsearch() + apiCpu.api())));
			}
			out.append(String.format(
					"%n| rate (searches/s, %d s each; sustained: all 200, p99 ≤ %.0f ms) "
							+ "| Elasticsearch alone: p50, p99 ms, failed | search API: p50, p99 ms, failed |%n",
					step, slo));
			out.append("|---:|---|---|\n");
			int rawBest = 0;
			int apiBest = 0;
			boolean rawGoing = true;
			boolean apiGoing = true;
			for (int offered : ladder) {
				if (!rawGoing && !apiGoing) {
					break;
				}
				Result rawStep = rawGoing ? openLoop(offered, step, direct, http) : null;
				Result apiStep = apiGoing ? openLoop(offered, step, viaApi, http) : null;
				if (rawStep != null && rawStep.sustained(slo)) {
					rawBest = offered;
				}
				else {
					rawGoing = false;
				}
				if (apiStep != null && apiStep.sustained(slo)) {
					apiBest = offered;
				}
				else {
					apiGoing = false;
				}
				out.append(String.format("| %d | %s | %s |%n", offered, (rawStep != null) ? rawStep.brief(slo) : "—",
						(apiStep != null) ? apiStep.brief(slo) : "—"));
			}
			out.append(String.format(
					"%nhighest sustained rate: Elasticsearch alone %d/s, search API %d/s, API / raw %.2f%s%n", rawBest,
					apiBest, (rawBest > 0) ? apiBest / (double) rawBest : Double.NaN,
					(rawGoing || apiGoing) ? " (the ladder ended before a way failed: raise -Dladder)" : ""));
			System.out.println(out);
		}
		System.exit(0);
	}

	/**
	 * Pins Elasticsearch (its processes, every thread) to the first core and this JVM to
	 * the second, so that the API's CPU does not come out of Elasticsearch's.
	 */
	private static void splitCores() throws Exception {
		List<ProcessHandle> elasticsearch = ProcessHandle.current()
			.descendants()
			.filter((process) -> process.info().commandLine().orElse("").contains("org.elasticsearch"))
			.toList();
		if (elasticsearch.isEmpty()) {
			throw new IllegalStateException("No Elasticsearch process among this JVM's children to pin");
		}
		for (ProcessHandle process : elasticsearch) {
			pin(process.pid(), 0);
		}
		pin(ProcessHandle.current().pid(), 1);
	}

	private static void pin(long pid, int core) throws Exception {
		Process taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", Integer.toString(core), Long.toString(pid))
			.redirectErrorStream(true)
			.start();
		String output = new String(taskset.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (taskset.waitFor() != 0) {
			throw new IllegalStateException("taskset could not pin " + pid + " to core " + core + ": " + output);
		}
	}

	/**
	 * Moves the alias to a new index with the variant's settings, beside the template's
	 * mappings: the index created by the indexer is deleted.
	 */
	private static String variantIndex(RawBulk bulk, String alias, Set<String> variant) throws Exception {
		String index = alias + "-v2";
		StringBuilder settings = new StringBuilder("\"number_of_replicas\":0");
		settings.append(",\"number_of_shards\":").append(variant.contains("shards2") ? 2 : 1);
		if (variant.contains("sorted")) {
			// the API's order without words: newest first, the project code breaking ties
			settings.append(",\"sort.field\":[\"newestEventAt\",\"projectCode\"],\"sort.order\":[\"desc\",\"desc\"]");
		}
		bulk.put("/" + index, "{\"settings\":{\"index\":{" + settings + "}}}");
		if (variant.contains("eagerOrdinals")) {
			StringBuilder fields = new StringBuilder();
			for (String field : FACETS) {
				fields.append(fields.isEmpty() ? "" : ",")
					.append('"')
					.append(field)
					.append("\":{\"type\":\"keyword\",\"eager_global_ordinals\":true}");
			}
			bulk.put("/" + index + "/_mapping", "{\"properties\":{" + fields + "}}");
		}
		bulk.post("/_aliases", "{\"actions\":[{\"remove_index\":{\"index\":\"" + alias + "-v1\"}},"
				+ "{\"add\":{\"index\":\"" + index + "\",\"alias\":\"" + alias + "\",\"is_write_index\":true}}]}");
		return index;
	}

	private static void load(RawBulk bulk, String alias, BenchProjects generator, int projects) throws Exception {
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
	}

	private static String[] arguments(LocalStack stack, String prefix) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0",
				"--spring.kafka.bootstrap-servers=" + stack.kafka().bootstrapServers(),
				"--spring.elasticsearch.uris=" + stack.elasticsearch().url(), "--investledger.topic-prefix=" + prefix,
				"--investledger.index-prefix=" + prefix, "--logging.level.root=warn"));
		arguments.addAll(PlatformServices.Account.arguments(PlatformServices.LOCAL_ACCOUNTS));
		return arguments.toArray(String[]::new);
	}

	/**
	 * CPU per search over a phase: Elasticsearch's process (from its node stats, which it
	 * refreshes about once a second: about ±0.2 ms a search over a phase of 2,000), and
	 * in this JVM the API's threads (Tomcat's and the Elasticsearch client's; the idle
	 * indexer's Tomcat threads are counted with them, at a few µs a search) apart from
	 * the rest of the JVM (the load's HTTP client and, with no thread of their own to
	 * show, the garbage collector and the JIT compilers, whoever made them work). So the
	 * API's share is a lower bound and the ratio the CPU allows an upper bound.
	 *
	 * @param elasticsearch Elasticsearch's ms per search
	 * @param api the API's threads' ms per search
	 * @param rest the rest of this JVM's ms per search
	 */
	private record CpuShares(double elasticsearch, double api, double rest) {

		String row(String way) {
			return String.format("| %s | %.2f | %.2f | %.2f |%n", way, this.elasticsearch, this.api, this.rest);
		}

	}

	/**
	 * The CPU used so far: Elasticsearch's, this JVM's, and each live thread's of the
	 * API's. A thread's share over a phase is its CPU at the end less its CPU at the
	 * start (none for a thread started since); a thread that ended within the phase is
	 * left to the rest.
	 */
	private record CpuSnapshot(long elasticsearchMillis, long processNanos, Map<Long, Long> apiThreadNanos) {

		static CpuSnapshot take(RawBulk bulk) throws Exception {
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			Map<Long, Long> api = new HashMap<>();
			for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
				if (thread == null) {
					continue;
				}
				String name = thread.getThreadName();
				long nanos = threads.getThreadCpuTime(thread.getThreadId());
				if (nanos >= 0 && (name.startsWith("http-nio") || name.startsWith("elasticsearch-rest-client"))) {
					api.put(thread.getThreadId(), nanos);
				}
			}
			long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
				.getProcessCpuTime();
			return new CpuSnapshot(bulk.processCpuMillis(), process, api);
		}

		CpuShares since(CpuSnapshot start, int searches) {
			long api = 0;
			for (Map.Entry<Long, Long> thread : this.apiThreadNanos.entrySet()) {
				api += thread.getValue() - start.apiThreadNanos.getOrDefault(thread.getKey(), 0L);
			}
			long process = this.processNanos - start.processNanos;
			return new CpuShares((this.elasticsearchMillis - start.elasticsearchMillis) / (double) searches,
					api / 1e6 / searches, (process - api) / 1e6 / searches);
		}

	}

	/** The seeds of the requests' filters: every request of a run draws its own. */
	private static final AtomicLong SEEDS = new AtomicLong();

	/**
	 * What one rate did.
	 *
	 * @param offered the requests due
	 * @param latencies the answered requests' latencies from when each was due, ns
	 * @param failed requests answered other than 200, failed, or still open after the
	 * grace period
	 */
	private record Result(int offered, List<Long> latencies, long failed) {

		double p(double p) {
			return this.latencies.isEmpty() ? Double.NaN
					: this.latencies.get(Math.max(0, (int) Math.ceil(p * this.latencies.size()) - 1)) / 1e6;
		}

		boolean sustained(double slo) {
			return this.failed == 0 && this.latencies.size() == this.offered && p(0.99) <= slo;
		}

		String row(String way) {
			return String.format("| %s | %,d of %,d | %.1f | %.1f | %.1f | %d |%n", way, this.latencies.size(),
					this.offered, p(0.50), p(0.99), p(1.0), this.failed);
		}

		String brief(double slo) {
			return String.format("%.1f, %.1f, %d%s", p(0.50), p(0.99), this.failed, sustained(slo) ? "" : " **not**");
		}

	}

	/**
	 * Sends requests at a fixed rate for a number of seconds without waiting for answers,
	 * then waits up to {@value #GRACE_SECONDS} s for the open ones.
	 */
	private static Result openLoop(int rate, int seconds, IntFunction<HttpRequest> requests, HttpClient http)
			throws InterruptedException {
		int total = rate * seconds;
		long interval = TimeUnit.SECONDS.toNanos(1) / rate;
		List<Long> latencies = Collections.synchronizedList(new ArrayList<>(total));
		AtomicLong failed = new AtomicLong();
		AtomicInteger open = new AtomicInteger();
		long start = System.nanoTime();
		for (int i = 0; i < total; i++) {
			long due = start + i * interval;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			open.incrementAndGet();
			http.sendAsync(requests.apply((int) SEEDS.incrementAndGet()), HttpResponse.BodyHandlers.ofString())
				.whenComplete((response, failure) -> {
					long took = System.nanoTime() - due;
					if (failure != null || response.statusCode() != 200) {
						if (failed.incrementAndGet() == 1) {
							System.out.println("First failure: "
									+ ((failure != null) ? failure : response.statusCode() + " " + response.body()));
						}
					}
					else {
						latencies.add(took);
					}
					open.decrementAndGet();
				});
		}
		long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS);
		while (open.get() > 0 && System.nanoTime() < giveUp) {
			Thread.sleep(10);
		}
		List<Long> sorted;
		synchronized (latencies) {
			sorted = new ArrayList<>(latencies);
		}
		Collections.sort(sorted);
		return new Result(total, sorted, failed.get() + open.get());
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
		for (String field : FACETS) {
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
