package vn.investledger.producers.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.investledger.events.EventJson;
import vn.investledger.events.Money;
import vn.investledger.testsupport.Records;
import vn.investledger.testsupport.RealServers;
import vn.investledger.testsupport.SampleEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A processor that answers each question about a project's owner just within the lookup
 * timeout, "not known yet": a batch of new projects is not held past its time to be sent
 * by asking about each, one group after another.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=gateway", "investledger.owner-lookup-timeout=300ms" })
@ExtendWith(RealServers.class)
class SlowProcessorTests {

	private static final String PREFIX = "gwl" + UUID.randomUUID().toString().substring(0, 8);

	private static final String HAI_PHONG_KEY = "hai-phong-test-key-" + UUID.randomUUID();

	/** Each answer's delay: under the 300 ms timeout, so no back-off starts. */
	private static final long ANSWER_MS = 200;

	/** Licences published before the batch, enough to reach every partition. */
	private static final int WARM_UP = 60;

	private static final AtomicInteger asked = new AtomicInteger();

	private static final HttpServer processor = slowProcessor();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		GatewaySettings.register(registry, PREFIX, "31", HAI_PHONG_KEY);
		registry.add("investledger.processor-url", () -> "http://127.0.0.1:" + processor.getAddress().getPort());
	}

	@AfterAll
	static void stopProcessor() {
		processor.stop(0);
	}

	@Test
	void shouldSendABatchOfNewProjectsWhateverTheirLookupsTake() throws Exception {
		// Given a batch of 1,000 licences of projects the ledger does not know yet
		List<String> codes = new ArrayList<>();
		StringBuilder batch = new StringBuilder("[");
		for (int i = 0; i < 1000; i++) {
			String code = "SLOW-" + i + "-" + UUID.randomUUID();
			codes.add(code);
			batch.append((i > 0) ? "," : "")
				.append(EventJson.toJson(SampleEvents.fdiLicence(code, "31", Money.usd("5"))));
		}

		// (every partition of the unit's topic written once before, so that Kafka's first
		// sends to a new partition do not delay the batch: KAFKA-15591)
		warmUp();
		// (a warm-up lookup that took longer than the timeout on a busy machine stops the
		// lookups for their back-off, 5 s: the batch is posted after it)
		Thread.sleep(6_000);
		asked.set(0);

		// When it is posted, while each lookup takes 200 ms (16 at a time: 12.5 s for
		// all of them, past the batch's 10 s to be sent)
		var response = new GatewayHttp(this.port).post("/api/v1/events/batch", HAI_PHONG_KEY,
				batch.append(']').toString());

		// Then every event is published: the lookups are cut short and the rest go
		// unchecked, none held back for the batch's time to be sent
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		JsonNode result = EventJson.mapper().readTree(response.body());
		assertThat(result.get("accepted").asInt()).as(response.body()).isEqualTo(1000);
		assertThat(asked.get()).isLessThan(1000);
		assertThat(Records.drain(RealServers.kafka(), PREFIX + ".events.31", 1000 + WARM_UP, new StringDeserializer(),
				new ByteArrayDeserializer()))
			.extracting(ConsumerRecord::key)
			.containsAll(codes);
	}

	/** Publishes licences until each partition of the unit's topic has taken one. */
	private void warmUp() throws Exception {
		List<String> pending = new ArrayList<>();
		for (int i = 0; i < WARM_UP; i++) {
			pending.add(EventJson
				.toJson(SampleEvents.fdiLicence("WARM-" + i + "-" + UUID.randomUUID(), "31", Money.usd("5"))));
		}
		GatewayHttp gateway = new GatewayHttp(this.port);
		for (int round = 0; round < 10 && !pending.isEmpty(); round++) {
			JsonNode result = EventJson.mapper()
				.readTree(gateway.post("/api/v1/events/batch", HAI_PHONG_KEY, "[" + String.join(",", pending) + "]")
					.body());
			List<String> again = new ArrayList<>();
			for (JsonNode item : result.get("results")) {
				if (!"ACCEPTED".equals(item.get("status").asString())) {
					again.add(pending.get(item.get("index").asInt()));
				}
			}
			pending = again;
		}
		assertThat(pending).as("licences the warm-up could not publish").isEmpty();
	}

	private static HttpServer slowProcessor() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
			server.createContext("/api/projects/owner", (exchange) -> {
				asked.incrementAndGet();
				try {
					Thread.sleep(ANSWER_MS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				exchange.sendResponseHeaders(404, -1);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
