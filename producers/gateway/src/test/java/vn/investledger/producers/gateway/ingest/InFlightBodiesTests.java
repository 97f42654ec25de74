package vn.investledger.producers.gateway.ingest;

import java.io.ByteArrayInputStream;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.investledger.events.EventJson;
import vn.investledger.events.Licensed;
import vn.investledger.events.Money;
import vn.investledger.producers.gateway.GatewaySettings;
import vn.investledger.producers.gateway.GatewayApplication;
import vn.investledger.testsupport.RealServers;
import vn.investledger.testsupport.SampleEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The request bodies the gateway holds at once are bounded, in all and per unit: past
 * either, a request is answered 503 with Retry-After (before its body is read when its
 * stated length passes the room left), and no unit's requests take the room of the
 * others'. A body holds room as it arrives.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.config.name=gateway")
@ExtendWith(RealServers.class)
class InFlightBodiesTests {

	private static final String PREFIX = "gwb" + UUID.randomUUID().toString().substring(0, 8);

	private static final String HAI_PHONG_KEY = "hai-phong-test-key-" + UUID.randomUUID();

	private static final String HUNG_YEN_KEY = "hung-yen-test-key-" + UUID.randomUUID();

	/** {@code max-bodies-in-flight-per-unit} unless set: 8 MB. */
	private static final long UNIT_ROOM = 8L * 1024 * 1024;

	/** {@code max-requests-in-flight-per-unit} unless set. */
	private static final int REQUESTS_PER_UNIT = 16;

	private static final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	private InFlightBodies bodies;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		GatewaySettings.register(registry, PREFIX, "31", HAI_PHONG_KEY, "33", HUNG_YEN_KEY);
	}

	@Test
	void shouldAnswer503ToAUnitWhoseRequestsHoldAllItsRoomWhileServingTheOthers() throws Exception {
		Licensed haiPhong = SampleEvents.fdiLicence("HP-" + UUID.randomUUID(), "31", Money.usd("5"));
		Licensed hungYen = SampleEvents.fdiLicence("HY-" + UUID.randomUUID(), "33", Money.usd("5"));
		// Given requests of Hải Phòng being handled that hold all of its room
		try (InFlightBodies.Held held = this.bodies.hold("31", UNIT_ROOM)) {
			// When Hải Phòng posts another event, and a batch, and Hưng Yên an event
			HttpResponse<String> single = post("/api/v1/events", HAI_PHONG_KEY, EventJson.toJson(haiPhong));
			HttpResponse<String> batch = post("/api/v1/events/batch", HAI_PHONG_KEY,
					"[" + EventJson.toJson(haiPhong) + "]");
			HttpResponse<String> other = post("/api/v1/events", HUNG_YEN_KEY, EventJson.toJson(hungYen));

			// Then Hải Phòng is told to send them again shortly, and Hưng Yên's is
			// published
			assertBusy(single, "Unit 31's requests being handled hold 8388608 bytes of bodies, and a unit's hold at "
					+ "most 8388608 at once; send this one again after Retry-After");
			assertBusy(batch, "Unit 31's requests being handled hold 8388608 bytes of bodies");
			assertThat(other.statusCode()).as(other.body()).isEqualTo(202);
		}
		// and once they are answered, Hải Phòng's is published
		HttpResponse<String> again = post("/api/v1/events", HAI_PHONG_KEY, EventJson.toJson(haiPhong));
		assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
	}

	@Test
	void shouldAnswer503ToAUnitWhoseStalledUploadsAreAsManyAsItMayHaveWhileServingTheOthers() throws Exception {
		Licensed haiPhong = SampleEvents.fdiLicence("HP-" + UUID.randomUUID(), "31", Money.usd("5"));
		Licensed hungYen = SampleEvents.fdiLicence("HY-" + UUID.randomUUID(), "33", Money.usd("5"));
		// Given Hải Phòng's requests stating a body of 100 bytes and sending none, as
		// many as a unit may have handled at once (each holds a request thread)
		List<Socket> stalled = new ArrayList<>();
		try {
			for (int i = 0; i < REQUESTS_PER_UNIT; i++) {
				Socket socket = new Socket("127.0.0.1", this.port);
				socket.getOutputStream()
					.write(("POST /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + HAI_PHONG_KEY
							+ "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n")
						.getBytes(StandardCharsets.US_ASCII));
				socket.getOutputStream().flush();
				stalled.add(socket);
			}
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.until(() -> this.bodies.requestsOf("31") == REQUESTS_PER_UNIT);

			// When Hải Phòng posts another event, and Hưng Yên one
			HttpResponse<String> single = post("/api/v1/events", HAI_PHONG_KEY, EventJson.toJson(haiPhong));
			HttpResponse<String> other = post("/api/v1/events", HUNG_YEN_KEY, EventJson.toJson(hungYen));

			// Then Hải Phòng is told to send it again shortly, and Hưng Yên's is
			// published
			assertBusy(single, "Unit 31 has " + REQUESTS_PER_UNIT + " requests being handled, as many as a unit's");
			assertThat(other.statusCode()).as(other.body()).isEqualTo(202);
		}
		finally {
			for (Socket socket : stalled) {
				socket.close();
			}
		}
		// and once the stalled uploads end, Hải Phòng's is published
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> this.bodies.requestsOf("31") == 0);
		HttpResponse<String> again = post("/api/v1/events", HAI_PHONG_KEY, EventJson.toJson(haiPhong));
		assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
	}

	@Test
	void shouldAnswer503WhenTheRequestsBeingHandledHoldAllTheGatewaysRoom() throws Exception {
		Licensed hungYen = SampleEvents.fdiLicence("HY-" + UUID.randomUUID(), "33", Money.usd("5"));
		// Given requests of four other units holding all of their room: the gateway's
		// 32 MB
		List<InFlightBodies.Held> held = new ArrayList<>();
		for (String unit : List.of("01", "04", "08", "11")) {
			held.add(this.bodies.hold(unit, UNIT_ROOM));
		}
		try {
			// When Hưng Yên posts a batch, it is told to send it again shortly
			assertBusy(post("/api/v1/events/batch", HUNG_YEN_KEY, "[" + EventJson.toJson(hungYen) + "]"),
					"The requests being handled hold as many bytes of bodies as the gateway holds at once (33554432)");
		}
		finally {
			held.forEach(InFlightBodies.Held::close);
		}
		// and once they are answered, it is published
		HttpResponse<String> again = post("/api/v1/events/batch", HUNG_YEN_KEY, "[" + EventJson.toJson(hungYen) + "]");
		assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
		assertThat(EventJson.mapper().readTree(again.body()).get("accepted").asInt()).isEqualTo(1);
	}

	/**
	 * A body of unknown length (chunked) holds room as it is read, not the most a body
	 * may reach: four slow chunked uploads would otherwise hold the gateway's 32 MB.
	 */
	@Test
	void shouldHoldRoomForAChunkedBodyAsItIsRead() throws Exception {
		// Given a request of Hải Phòng whose body of unknown length has been read 64 KiB
		// of
		try (InFlightBodies.Held chunked = this.bodies.hold("31", 0)) {
			chunked.growTo(64 * 1024);

			// Then Hải Phòng's other requests have the rest of its room
			try (InFlightBodies.Held other = this.bodies.hold("31", UNIT_ROOM - 64 * 1024)) {
				assertThat(other.bytes()).isEqualTo(UNIT_ROOM - 64 * 1024);
			}
			// and the body cannot grow past the room left
			try (InFlightBodies.Held other = this.bodies.hold("31", UNIT_ROOM - 128 * 1024)) {
				assertThatExceptionOfType(GatewayBusyException.class).isThrownBy(() -> chunked.growTo(128 * 1024 + 1));
			}
		}

		// And a chunked batch is read whole and published
		Licensed haiPhong = SampleEvents.fdiLicence("HP-" + UUID.randomUUID(), "31", Money.usd("5"));
		byte[] body = ("[" + EventJson.toJson(haiPhong) + "]").getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> chunkedBatch = http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/events/batch"))
				.header("X-API-Key", HAI_PHONG_KEY)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(chunkedBatch.statusCode()).as(chunkedBatch.body()).isEqualTo(202);
		assertThat(EventJson.mapper().readTree(chunkedBatch.body()).get("accepted").asInt()).isEqualTo(1);
	}

	/**
	 * A body holds room as it arrives, whatever length it states: uploads stating all of
	 * a unit's room and sending a byte a minute would otherwise hold it (and four units'
	 * the gateway's 32 MB), and the unit's other requests would be told to wait.
	 */
	@Test
	void shouldHoldRoomForAStatedLengthBodyAsItArrivesNotAsItIsStated() throws Exception {
		Licensed haiPhong = SampleEvents.fdiLicence("HP-" + UUID.randomUUID(), "31", Money.usd("5"));
		Licensed hungYen = SampleEvents.fdiLicence("HY-" + UUID.randomUUID(), "33", Money.usd("5"));
		// Given four uploads of Hải Phòng stating batches of 2 MB (all of its room
		// together), of which one byte each has arrived
		List<Socket> slow = new ArrayList<>();
		try {
			for (int i = 0; i < 4; i++) {
				Socket socket = new Socket("127.0.0.1", this.port);
				socket.getOutputStream()
					.write(("POST /api/v1/events/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + HAI_PHONG_KEY
							+ "\r\nContent-Type: application/json\r\nContent-Length: " + (UNIT_ROOM / 4) + "\r\n\r\n[")
						.getBytes(StandardCharsets.US_ASCII));
				socket.getOutputStream().flush();
				slow.add(socket);
			}
			Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> this.bodies.requestsOf("31") == 4);

			// When Hải Phòng posts an event, and Hưng Yên a batch
			HttpResponse<String> single = post("/api/v1/events", HAI_PHONG_KEY, EventJson.toJson(haiPhong));
			HttpResponse<String> other = post("/api/v1/events/batch", HUNG_YEN_KEY,
					"[" + EventJson.toJson(hungYen) + "]");

			// Then both are published
			assertThat(single.statusCode()).as(single.body()).isEqualTo(202);
			assertThat(other.statusCode()).as(other.body()).isEqualTo(202);
			assertThat(EventJson.mapper().readTree(other.body()).get("accepted").asInt()).isEqualTo(1);
		}
		finally {
			for (Socket socket : slow) {
				socket.close();
			}
		}
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> this.bodies.requestsOf("31") == 0);
	}

	/**
	 * A request stating more than the room left is still refused before its body is read.
	 */
	@Test
	void shouldRefuseARequestStatingMoreThanTheRoomLeftBeforeReadingIt() throws Exception {
		Licensed haiPhong = SampleEvents.fdiLicence("HP-" + UUID.randomUUID(), "31", Money.usd("5"));
		String batch = "[" + EventJson.toJson(haiPhong) + "]";
		try (InFlightBodies.Held held = this.bodies.hold("31", UNIT_ROOM - batch.length() + 1)) {
			assertBusy(post("/api/v1/events/batch", HAI_PHONG_KEY, batch), "Unit 31's requests being handled hold");
		}
		assertThat(this.bodies.requestsOf("31")).isZero();
	}

	private static void assertBusy(HttpResponse<String> response, String detail) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = EventJson.mapper().readTree(response.body());
		assertThat(problem.get("title").asString()).isEqualTo("Gateway busy");
		assertThat(problem.get("detail").asString()).startsWith(detail);
	}

	private HttpResponse<String> post(String path, String key, String body) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.header("X-API-Key", key)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

}
