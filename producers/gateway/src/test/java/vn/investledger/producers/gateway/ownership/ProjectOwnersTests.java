package vn.investledger.producers.gateway.ownership;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import vn.investledger.producers.gateway.system.GatewayProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * However many requests ask who owns their projects at once (each on a thread of its
 * own), the processor is asked at most {@link ProjectOwners#MAX_LOOKUPS_IN_FLIGHT}
 * questions at a time; the projects not asked about go unchecked.
 */
class ProjectOwnersTests {

	@Test
	void shouldAskTheProcessorAtMostTheBoundOfQuestionsAtOnceWhateverTheRequests() throws Exception {
		AtomicInteger current = new AtomicInteger();
		AtomicInteger most = new AtomicInteger();
		AtomicInteger asked = new AtomicInteger();
		CountDownLatch answer = new CountDownLatch(1);
		HttpServer processor = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
		processor.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		processor.createContext("/api/projects/owner", (exchange) -> {
			asked.incrementAndGet();
			most.accumulateAndGet(current.incrementAndGet(), Math::max);
			try {
				answer.await(20, TimeUnit.SECONDS);
				byte[] body = "{\"ownerUnit\":\"31\"}".getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				current.decrementAndGet();
				exchange.close();
			}
		});
		processor.start();
		int requests = 6;
		try (ExecutorService gateway = Executors.newVirtualThreadPerTaskExecutor()) {
			ProjectOwners owners = new ProjectOwners(new GatewayProperties("own", 1000, DataSize.ofMegabytes(8),
					List.of(), "http://127.0.0.1:" + processor.getAddress().getPort(), Duration.ofSeconds(5),
					Duration.ofSeconds(10), DataSize.ofMegabytes(32), DataSize.ofMegabytes(8), 16));
			// Given six requests of 16 new projects each, asking at once while the
			// processor holds every answer
			List<CompletableFuture<Map<String, String>>> answers = new ArrayList<>();
			for (int r = 0; r < requests; r++) {
				List<String> codes = new ArrayList<>();
				for (int i = 0; i < 16; i++) {
					codes.add("OWN-" + r + "-" + i + "-" + UUID.randomUUID());
				}
				answers.add(CompletableFuture.supplyAsync(() -> owners.ownersOf(codes), gateway));
			}
			// When the processor has as many questions as it is asked at once
			Awaitility.await()
				.atMost(Duration.ofSeconds(20))
				.until(() -> current.get() == ProjectOwners.MAX_LOOKUPS_IN_FLIGHT);
			answer.countDown();

			// Then it was never asked more at once, each request ends, and exactly the
			// projects asked about have an owner: the others went unchecked
			int known = 0;
			for (CompletableFuture<Map<String, String>> each : answers) {
				Map<String, String> found = each.get(30, TimeUnit.SECONDS);
				// (a request that found every place taken asked about none)
				assertThat(found.values()).allMatch("31"::equals);
				known += found.size();
			}
			assertThat(most.get()).isEqualTo(ProjectOwners.MAX_LOOKUPS_IN_FLIGHT);
			assertThat(asked.get()).isEqualTo(ProjectOwners.MAX_LOOKUPS_IN_FLIGHT);
			assertThat(known).isEqualTo(asked.get()).isLessThan(requests * 16);
		}
		finally {
			processor.stop(0);
		}
	}

}
