package vn.investledger.processor.totals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import vn.investledger.localstack.FreePorts;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Stock;
import vn.investledger.events.Topics;
import vn.investledger.events.Total;
import vn.investledger.processor.StreamProcessorApplication;
import vn.investledger.testsupport.ChildJvm;
import vn.investledger.testsupport.KafkaServer;
import vn.investledger.testsupport.RealServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The processor is killed with SIGKILL in the middle of a stream of events and started
 * again on the same broker: afterwards every figure it publishes equals the recomputation
 * from the ledger — nothing lost, nothing counted twice.
 */
@ExtendWith(RealServers.class)
class CrashRecoveryTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final List<String> PROVINCES = List.of("22", "30", "31", "33", "51");

	@Test
	void shouldKeepEveryFigureExactWhenTheProcessorIsKilledMidStream(KafkaServer kafka, @TempDir Path work)
			throws Exception {
		String prefix = "crash" + UUID.randomUUID().toString().substring(0, 8);
		Topics topics = Topics.withPrefix(prefix);
		kafka.createEventTopics(topics, PROVINCES);
		long seed = new Random().nextLong();
		Random random = new Random(seed);
		RandomLedger ledger = RandomLedger.generate("C" + Long.toHexString(seed), 300, random);
		List<LicensingEvent> deliveries = ledger.deliveries(random);
		Path state = work.resolve("state");

		ChildJvm first = startProcessor("processor-1", kafka, prefix, state, work);
		ChildJvm second = null;
		try (FigureReader totals = new FigureReader(kafka, topics.totals().name(), Topics.totalSerde().deserializer());
				FigureReader stock = new FigureReader(kafka, topics.stock().name(),
						topics.stock().valueSerde().deserializer());
				Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
			// Given a province system that has published half of a ledger, with retries
			// and out of order
			int half = deliveries.size() / 2;
			ProcessorRuns.publish(kafka, topics, deliveries.subList(0, half));

			// When the processor is killed as soon as it has committed its first events
			String applicationId = prefix + "-stream-processor";
			await().atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> FigureReader.committedEvents(admin, applicationId) > 0);
			first.kill();
			// (mid-stream: it had not yet committed all it was given)
			assertThat(FigureReader.committedEvents(admin, applicationId)).as("events committed at the kill")
				.isPositive()
				.isLessThan(half);
			// and the rest arrives while it is down; then it starts again on the same
			// state directory
			ProcessorRuns.publish(kafka, topics, deliveries.subList(half, deliveries.size()));
			second = startProcessor("processor-2", kafka, prefix, state, work);

			// Then every figure on the totals and stock topics is exact
			Map<String, Total> expected = ledger.expectedTotals();
			Map<String, List<Object>> expectedStock = ledger.expectedStock();
			ChildJvm restarted = second;
			await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
				assertThat(totals.<Total>read()).as("totals, seed %d%s", seed, restarted.logTail()).isEqualTo(expected);
				Map<String, List<Object>> stockFigures = RandomLedger.nonEmptyStock(stock.<Stock>read());
				assertThat(stockFigures).as("stock, seed %d", seed).isEqualTo(expectedStock);
			});
		}
		finally {
			first.close();
			if (second != null) {
				second.close();
			}
		}
	}

	private static ChildJvm startProcessor(String name, KafkaServer kafka, String prefix, Path state, Path work)
			throws Exception {
		int port = FreePorts.next();
		ChildJvm jvm = ChildJvm.start(name, StreamProcessorApplication.class,
				List.of("--server.port=" + port, "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
						"--investledger.topic-prefix=" + prefix, "--spring.kafka.streams.state-dir=" + state,
						// a killed member leaves the group after this long
						"--spring.kafka.streams.properties.session.timeout.ms=10000"),
				work);
		await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> {
			HttpResponse<String> health = http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());
			return health.statusCode() == 200;
		});
		return jvm;
	}

}
