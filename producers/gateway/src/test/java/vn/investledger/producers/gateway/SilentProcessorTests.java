package vn.investledger.producers.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.investledger.events.EventJson;
import vn.investledger.events.Licensed;
import vn.investledger.events.Money;
import vn.investledger.testsupport.RealServers;
import vn.investledger.testsupport.Records;
import vn.investledger.testsupport.SampleEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.investledger.producers.gateway.GatewayHttp.ok;

/**
 * A processor that takes the gateway's question about a project's owner and never
 * answers: the event goes through unchecked, and the ledger decides.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.config.name=gateway")
@ExtendWith(RealServers.class)
class SilentProcessorTests {

	private static final String PREFIX = "gws" + UUID.randomUUID().toString().substring(0, 8);

	private static final String HAI_PHONG_KEY = "hai-phong-test-key-" + UUID.randomUUID();

	private static final SilentServer processor = new SilentServer();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		GatewaySettings.register(registry, PREFIX, "31", HAI_PHONG_KEY);
		registry.add("investledger.processor-url", () -> "http://127.0.0.1:" + processor.port());
	}

	@AfterAll
	static void stopProcessor() throws IOException {
		processor.close();
	}

	@Test
	void shouldPublishUncheckedWhenTheProcessorDoesNotAnswer() throws Exception {
		// a legacy licence number, asked about in the query string, encoded
		Licensed licence = SampleEvents.fdiLicence("07/GP-KCN+" + UUID.randomUUID(), "31", Money.usd("5"));
		Licensed next = SampleEvents.fdiLicence("NEXT-" + UUID.randomUUID(), "31", Money.usd("5"));
		GatewayHttp gateway = new GatewayHttp(this.port);

		ok(gateway.post("/api/v1/events", HAI_PHONG_KEY, EventJson.toJson(licence)), 202);
		ok(gateway.post("/api/v1/events/batch", HAI_PHONG_KEY, "[" + EventJson.toJson(next) + "]"), 202);

		assertThat(processor.requests()).first()
			.isEqualTo("GET /api/projects/owner?code=" + URLEncoder.encode(licence.key(), StandardCharsets.UTF_8)
					+ " HTTP/1.1");
		assertThat(Records.drainAvailable(RealServers.kafka(), PREFIX + ".events.31", new StringDeserializer(),
				new ByteArrayDeserializer()))
			.extracting(ConsumerRecord::key)
			.contains(licence.key(), next.key());
	}

	/**
	 * Takes connections and reads each request's first line, and never answers.
	 */
	private static final class SilentServer implements AutoCloseable {

		private final ServerSocket socket;

		private final List<String> requests = new CopyOnWriteArrayList<>();

		private final List<Socket> held = new CopyOnWriteArrayList<>();

		SilentServer() {
			try {
				this.socket = new ServerSocket(0);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			Thread.ofVirtual().start(this::accept);
		}

		private void accept() {
			while (!this.socket.isClosed()) {
				try {
					Socket connection = this.socket.accept();
					this.held.add(connection);
					InputStream in = connection.getInputStream();
					StringBuilder line = new StringBuilder();
					for (int c = in.read(); c >= 0 && c != '\r' && c != '\n'; c = in.read()) {
						line.append((char) c);
					}
					this.requests.add(line.toString());
				}
				catch (IOException ex) {
					// closed at the end of the tests
				}
			}
		}

		int port() {
			return this.socket.getLocalPort();
		}

		List<String> requests() {
			await().until(() -> !this.requests.isEmpty());
			return this.requests;
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
			for (Socket connection : this.held) {
				connection.close();
			}
		}

	}

}
