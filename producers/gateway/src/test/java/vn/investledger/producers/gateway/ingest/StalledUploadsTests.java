package vn.investledger.producers.gateway.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.investledger.events.EventJson;
import vn.investledger.events.Licensed;
import vn.investledger.events.Money;
import vn.investledger.producers.gateway.GatewayApplication;
import vn.investledger.producers.gateway.GatewaySettings;
import vn.investledger.producers.gateway.system.RequestThreads;
import vn.investledger.testsupport.RealServers;
import vn.investledger.testsupport.SampleEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads that stall hold no thread another unit's request needs: each request runs on a
 * virtual thread of its own ({@link RequestThreads}). Here Tomcat's pool would have four
 * threads, and more stalled uploads than that, of two units and of a client without a
 * key, are open while a third unit posts an event.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=gateway", "server.tomcat.threads.max=4", "server.tomcat.threads.min-spare=1",
				// a stalled body is not given up on while the test runs
				"server.tomcat.connection-timeout=10m" })
@ExtendWith(RealServers.class)
class StalledUploadsTests {

	private static final String PREFIX = "gws" + UUID.randomUUID().toString().substring(0, 8);

	private static final String HAI_PHONG_KEY = "hai-phong-test-key-" + UUID.randomUUID();

	private static final String HUNG_YEN_KEY = "hung-yen-test-key-" + UUID.randomUUID();

	private static final String QUANG_NINH_KEY = "quang-ninh-test-key-" + UUID.randomUUID();

	/**
	 * Each unit's stalled uploads: fewer than its 16, more than the pool's 4 together.
	 */
	private static final int STALLED_PER_UNIT = 3;

	/** A client without a key, whose body Tomcat reads to answer 401. */
	private static final int STALLED_WITHOUT_KEY = 6;

	@Autowired
	private InFlightBodies bodies;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		GatewaySettings.register(registry, PREFIX, "31", HAI_PHONG_KEY, "33", HUNG_YEN_KEY, "22", QUANG_NINH_KEY);
	}

	@Test
	void shouldServeAUnitWhileOtherUploadsStallBeyondTheThreadPool() throws Exception {
		Assumptions.assumeTrue(RequestThreads.available(), "virtual request threads need Java 24 or newer");
		Licensed quangNinh = SampleEvents.fdiLicence("QN-" + UUID.randomUUID(), "22", Money.usd("5"));
		List<Socket> stalled = new ArrayList<>();
		try {
			// Given uploads that state a body of 100 bytes and send none: Hải Phòng's and
			// Hưng Yên's, and a client's without a key, answered 401 and its body read
			// by Tomcat
			for (int i = 0; i < STALLED_WITHOUT_KEY; i++) {
				stalled.add(stall(null));
			}
			for (int i = 0; i < STALLED_PER_UNIT; i++) {
				stalled.add(stall(HAI_PHONG_KEY));
				stalled.add(stall(HUNG_YEN_KEY));
			}
			for (Socket withoutKey : stalled.subList(0, STALLED_WITHOUT_KEY)) {
				assertThat(statusLine(withoutKey.getInputStream())).startsWith("HTTP/1.1 401");
			}
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.until(() -> this.bodies.requestsOf("31") == STALLED_PER_UNIT
						&& this.bodies.requestsOf("33") == STALLED_PER_UNIT);

			// When Quảng Ninh posts an event
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/events"))
					.timeout(Duration.ofSeconds(60))
					.header("Content-Type", "application/json")
					.header("X-API-Key", QUANG_NINH_KEY)
					.POST(HttpRequest.BodyPublishers.ofString(EventJson.toJson(quangNinh)))
					.build(), HttpResponse.BodyHandlers.ofString());

			// Then it is published while every stalled upload is still being read
			assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
			assertThat(this.bodies.requestsOf("31")).isEqualTo(STALLED_PER_UNIT);
			assertThat(this.bodies.requestsOf("33")).isEqualTo(STALLED_PER_UNIT);
		}
		finally {
			for (Socket socket : stalled) {
				socket.close();
			}
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> this.bodies.requestsOf("31") == 0 && this.bodies.requestsOf("33") == 0);
	}

	private Socket stall(String key) throws IOException {
		Socket socket = new Socket("127.0.0.1", this.port);
		socket.setSoTimeout(30_000);
		socket.getOutputStream()
			.write(("POST /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
					+ ((key != null) ? "X-API-Key: " + key + "\r\n" : "")
					+ "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
		socket.getOutputStream().flush();
		return socket;
	}

	private static String statusLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
			line.append((char) b);
		}
		return line.toString().strip();
	}

}
