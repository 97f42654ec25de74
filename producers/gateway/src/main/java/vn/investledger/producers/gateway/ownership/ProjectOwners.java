package vn.investledger.producers.gateway.ownership;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import vn.investledger.events.EventJson;
import vn.investledger.producers.gateway.system.GatewayProperties;

/**
 * Which unit owns each project, as the stream processor's ledger says
 * ({@code GET /api/projects/owner?code=}), so that the gateway can refuse another unit's
 * event with a reason at once, instead of the province finding it later in its rejections
 * topic. Early feedback only: when no processor address is configured, or the processor
 * does not answer within {@code owner-lookup-timeout}, events go through unchecked and
 * the ledger decides, as it does for every event anyway.
 * <p>
 * Known owners are remembered for a while (a project's owner is the unit that licensed
 * it, and stays so); a project the ledger does not know yet is asked about each time,
 * since its licence may be applied any moment.
 */
@Component
public class ProjectOwners {

	private static final Logger logger = LoggerFactory.getLogger(ProjectOwners.class);

	/** The most owners remembered: the projects a busy day touches, a few MB at most. */
	private static final int CACHE_SIZE = 10_000;

	/**
	 * How long an owner is remembered: not forever, since a replay of the ledger under
	 * other rules may decide another first event, and with it another owner.
	 */
	private static final Duration CACHE_TTL = Duration.ofMinutes(10);

	/**
	 * After the processor failed to answer, how long events go unchecked before it is
	 * asked again, so that a processor that is down or unreachable delays events by one
	 * timeout in this span, not each of them.
	 */
	private static final Duration BACK_OFF = Duration.ofSeconds(5);

	/** How many lookups of one batch are in flight at once. */
	private static final int PARALLEL_LOOKUPS = 16;

	/**
	 * How many lookups of all requests are in flight at once: past it, a request's
	 * projects go unchecked (the ledger decides), so that however many requests wait at
	 * once (each on a thread of its own) the processor is asked at most this much.
	 */
	static final int MAX_LOOKUPS_IN_FLIGHT = 64;

	private static final Pattern UNIT = Pattern.compile("\\d{2}");

	private record Known(String owner, long until) {
	}

	private final String base;

	private final Duration timeout;

	private final HttpClient http;

	private final Map<String, Known> known = new LinkedHashMap<>(256, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
			return size() > CACHE_SIZE;
		}

	};

	private volatile long askAgainAt = System.nanoTime();

	private final Semaphore lookupsInFlight = new Semaphore(MAX_LOOKUPS_IN_FLIGHT);

	public ProjectOwners(GatewayProperties properties) {
		String url = properties.processorUrl();
		this.base = url.isEmpty() ? null : url.replaceAll("/+$", "");
		this.timeout = properties.ownerLookupTimeout();
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(this.timeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/**
	 * The owners of some projects, as far as the processor knows them now: asked 16 at a
	 * time, each within twice the lookup timeout, none started later than one timeout
	 * after the first, so that the whole wait is at most three timeouts however many
	 * projects a batch names; none while {@link #MAX_LOOKUPS_IN_FLIGHT} of all requests'
	 * are in flight.
	 * @param projectCodes project codes
	 * @return the owning unit of each project whose owner is known; a project the ledger
	 * does not know, or that could not be asked about in time, is absent
	 */
	public Map<String, String> ownersOf(Collection<String> projectCodes) {
		Map<String, String> owners = new HashMap<>();
		if (this.base == null || projectCodes.isEmpty()) {
			return owners;
		}
		List<String> ask = new ArrayList<>();
		for (String code : new LinkedHashSet<>(projectCodes)) {
			String owner = remembered(code);
			if (owner != null) {
				owners.put(code, owner);
			}
			else {
				ask.add(code);
			}
		}
		Map<String, String> answers = new ConcurrentHashMap<>();
		Semaphore inFlight = new Semaphore(PARALLEL_LOOKUPS);
		List<CompletableFuture<Void>> lookups = new ArrayList<>();
		// no lookup starts later than one timeout after the first: a batch of new
		// projects, each answered just within the timeout, would otherwise wait for
		// lookups a thousand in a row and pass its time to be sent
		long lastStart = System.nanoTime() + this.timeout.toNanos();
		for (String code : ask) {
			if (System.nanoTime() - this.askAgainAt < 0 || System.nanoTime() - lastStart >= 0) {
				// the processor just failed to answer, or the batch's time to ask is
				// over: the rest go unchecked, and the ledger decides
				break;
			}
			// a place among the lookups in flight, within the time left to start one, and
			// one among every request's at once, now
			if (!place(inFlight, lastStart)) {
				break;
			}
			if (!this.lookupsInFlight.tryAcquire()) {
				inFlight.release();
				break;
			}
			CompletableFuture<HttpResponse<String>> sent;
			try {
				sent = this.http.sendAsync(request(code), HttpResponse.BodyHandlers.ofString());
			}
			catch (RuntimeException ex) {
				this.lookupsInFlight.release();
				inFlight.release();
				throw ex;
			}
			lookups
				.add(sent.orTimeout(2 * this.timeout.toMillis(), TimeUnit.MILLISECONDS).handle((response, failure) -> {
					try {
						answered(code, response, failure, answers);
					}
					finally {
						this.lookupsInFlight.release();
						inFlight.release();
					}
					return null;
				}));
		}
		CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new)).join();
		owners.putAll(answers);
		return owners;
	}

	private static boolean place(Semaphore inFlight, long lastStart) {
		try {
			return inFlight.tryAcquire(Math.max(0, lastStart - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private HttpRequest request(String code) {
		// the query form: legacy project codes contain "/", which a path segment cannot
		// carry
		return HttpRequest
			.newBuilder(URI
				.create(this.base + "/api/projects/owner?code=" + URLEncoder.encode(code, StandardCharsets.UTF_8)))
			.timeout(this.timeout)
			.header("Accept", "application/json")
			.GET()
			.build();
	}

	private void answered(String code, HttpResponse<String> response, Throwable failure, Map<String, String> answers) {
		if (failure != null) {
			boolean first = System.nanoTime() - this.askAgainAt >= 0;
			this.askAgainAt = System.nanoTime() + BACK_OFF.toNanos();
			if (first) {
				logger.warn(
						"The processor at {} did not say who owns project {} within {} ms ({}); events go "
								+ "unchecked for {} s, and the ledger decides",
						this.base, code, this.timeout.toMillis(), failure.toString(), BACK_OFF.toSeconds());
			}
			return;
		}
		if (response.statusCode() != 200) {
			// 404: the ledger has no event of it yet; 503: the processor is restoring
			logger.debug("Owner of {}: the processor answered {}", code, response.statusCode());
			return;
		}
		try {
			JsonNode owner = EventJson.mapper().readTree(response.body()).path("ownerUnit");
			if (owner.isString() && UNIT.matcher(owner.asString()).matches()) {
				remember(code, owner.asString());
				answers.put(code, owner.asString());
			}
		}
		catch (JacksonException ex) {
			logger.warn("The processor's answer for project {} is not JSON: {}", code, ex.getOriginalMessage());
		}
	}

	private String remembered(String code) {
		synchronized (this.known) {
			Known entry = this.known.get(code);
			if (entry == null) {
				return null;
			}
			if (System.nanoTime() - entry.until() >= 0) {
				this.known.remove(code);
				return null;
			}
			return entry.owner();
		}
	}

	private void remember(String code, String owner) {
		synchronized (this.known) {
			this.known.put(code, new Known(owner, System.nanoTime() + CACHE_TTL.toNanos()));
		}
	}

}
