package vn.investledger.producers.gateway.rejections;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.investledger.events.EventJson;
import vn.investledger.events.Limits;
import vn.investledger.events.Rejection;
import vn.investledger.events.RejectionReason;
import vn.investledger.producers.gateway.GatewaySettings;
import vn.investledger.producers.gateway.GatewayApplication;
import vn.investledger.testsupport.RealServers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one unit's listings cost the gateway, whatever its rejections topic holds: a few
 * MiB a listing, and a few listings at once.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.config.name=gateway")
@ExtendWith(RealServers.class)
class RejectionLogTests {

	private static final String PREFIX = "gwr" + UUID.randomUUID().toString().substring(0, 8);

	private static final String HAI_PHONG_KEY = "hai-phong-test-key-" + UUID.randomUUID();

	private static final String HUNG_YEN_KEY = "hung-yen-test-key-" + UUID.randomUUID();

	/**
	 * The heap of the JVM that lists: a sixth of the gateway's 384 MB on the local
	 * platform, and far less than the records of one page's window.
	 */
	private static final String SMALL_HEAP = "64m";

	private static final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	private RejectionLog log;

	@Autowired
	private PagesBeingSent pages;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		GatewaySettings.register(registry, PREFIX, "31", HAI_PHONG_KEY, "33", HUNG_YEN_KEY);
	}

	@Test
	void shouldListRecordsOfAMebibytePageByPageAtTheByteCapWithinASmallHeap() throws Exception {
		// Given 160 records Hải Phòng wrote to its event topic, each of over 1 MiB, which
		// the ledger refused as too large, keeping 1 MiB of each
		writeLargeRejections("31", 160);

		// When they are listed a thousand a page at most, in a JVM of a 64 MB heap (the
		// 160 MiB of their values is more than twice that)
		List<String> pages = listInSmallHeap("31", RejectionLog.MAX_LIMIT);

		// Then each page ends at 4 MiB of events shown: 128 records of 32 KiB, cut from
		// their 1 MiB
		assertThat(pages).containsExactly("page 128 128 4194304 older-32", "page 32 32 1048576 null");
		// and the gateway answers the same first page
		JsonNode first = ok(get("/api/v1/rejections?limit=1000", HAI_PHONG_KEY), 200);
		assertThat(first.get("rejections")).hasSize(128);
		assertThat(first.get("rejections").get(0).get("offset").asLong()).isEqualTo(159);
		assertThat(first.get("rejections").get(0).get("event").asString()).hasSize(Limits.MAX_EVENT_BYTES);
		assertThat(first.get("next").asString()).isEqualTo("older-32");
	}

	@Test
	void shouldAnswer503WithRetryAfterWhileAsManyListingsRunAsMay() throws Exception {
		// Given a listing of Hải Phòng's running
		try (ListingSlots.Slot running = this.log.slots().take("31")) {
			// When Hải Phòng asks for another, and Hưng Yên for its own
			HttpResponse<String> haiPhong = get("/api/v1/rejections", HAI_PHONG_KEY);
			HttpResponse<String> hungYen = get("/api/v1/rejections", HUNG_YEN_KEY);

			// Then Hải Phòng is told to ask again shortly, and Hưng Yên is answered
			assertBusy(haiPhong, "Listings of unit 31's rejections are running, and a unit runs at most 1 at once");
			ok(hungYen, 200);
		}
		// Given as many listings running as the gateway runs, each of another unit
		List<ListingSlots.Slot> running = new ArrayList<>();
		for (String unit : List.of("01", "04", "08", "11")) {
			running.add(this.log.slots().take(unit));
		}
		// When Hưng Yên asks, it is told to ask again shortly
		try {
			assertBusy(get("/api/v1/rejections", HUNG_YEN_KEY),
					"As many listings of rejections run as the gateway runs at once");
		}
		finally {
			running.forEach(ListingSlots.Slot::close);
		}
		// and once they end, both are answered again
		ok(get("/api/v1/rejections", HUNG_YEN_KEY), 200);
		ok(get("/api/v1/rejections", HAI_PHONG_KEY), 200);
	}

	@Test
	void shouldAnswer503WithRetryAfterWhileAsManyPagesAreBeingSentAsMay() throws Exception {
		// Given as many pages of Hải Phòng's being sent, unread, as a unit may have
		List<ListingSlots.Slot> sending = new ArrayList<>();
		for (int i = 0; i < PagesBeingSent.MAX_UNIT_PAGES; i++) {
			sending.add(this.pages.slots().take("31"));
		}
		try {
			// When Hải Phòng asks for another, and Hưng Yên for its own
			HttpResponse<String> haiPhong = get("/api/v1/rejections", HAI_PHONG_KEY);
			HttpResponse<String> hungYen = get("/api/v1/rejections", HUNG_YEN_KEY);

			// Then Hải Phòng is told to read them and ask again shortly, and Hưng Yên is
			// answered
			assertBusy(haiPhong, "Unit 31's pages of rejections are being sent, and a unit's are sent at most "
					+ PagesBeingSent.MAX_UNIT_PAGES + " at once: read them");
			ok(hungYen, 200);
		}
		finally {
			sending.forEach(ListingSlots.Slot::close);
		}
		// and a page sent gives its place back: more pages than the bound, one after
		// another, are answered
		for (int i = 0; i <= PagesBeingSent.MAX_PAGES; i++) {
			ok(get("/api/v1/rejections", HAI_PHONG_KEY), 200);
		}
	}

	/**
	 * Writes refusals as the ledger writes those of records over the contract's size: 1
	 * MiB of each value kept, {@code truncated}. The values are text that compresses
	 * well, sent compressed, so that the broker stores little; the listing unpacks each
	 * to its full MiB.
	 */
	private static void writeLargeRejections(String unit, int count) throws Exception {
		String topic = PREFIX + ".rejections." + unit;
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", RealServers.kafka().bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
		byte[] value = ("{\"kind\":\"licensed\",\"projectName\":\"" + "Dinh Vu - Cat Hai Economic Zone ".repeat(40_000))
			.substring(0, Rejection.MAX_VALUE_BYTES)
			.getBytes(StandardCharsets.US_ASCII);
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", RealServers.kafka().bootstrapServers(), "acks", "all", "compression.type",
						"lz4", "max.request.size", 4 * 1024 * 1024),
				new ByteArraySerializer(), new ByteArraySerializer())) {
			for (int i = 0; i < count; i++) {
				Instant received = Instant.parse("2026-11-02T01:00:00Z").plusSeconds(i);
				Rejection rejection = new Rejection(RejectionReason.TOO_LARGE,
						"An event is at most " + Limits.MAX_EVENT_BYTES + " bytes of UTF-8 JSON", null, "BIG-" + i,
						unit, PREFIX + ".events." + unit, 0, i, received, true);
				producer.send(new ProducerRecord<>(topic, null, received.toEpochMilli(),
						rejection.projectCode().getBytes(StandardCharsets.UTF_8), value, rejection.toHeaders()));
			}
			producer.flush();
		}
	}

	/**
	 * Each page's line, as {@link SmallHeapListing} lists them in a JVM of
	 * {@link #SMALL_HEAP}, which must end well. What is tested is the heap: a listing
	 * Kafka did not feed within the gateway's 5 s (its answer to a unit is then 503, to
	 * ask again), as on a machine busy with other test JVMs, is run again, up to three
	 * times; running out of memory ends it at once.
	 */
	private static List<String> listInSmallHeap(String unit, int limit) throws Exception {
		String output = "";
		for (int attempt = 1; attempt <= 3; attempt++) {
			Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-Xmx" + SMALL_HEAP, "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-cp",
					System.getProperty("java.class.path"), SmallHeapListing.class.getName(),
					RealServers.kafka().bootstrapServers(), PREFIX, unit, Integer.toString(limit))
				.redirectErrorStream(true)
				.start();
			output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			int exit = jvm.waitFor();
			if (exit == 0) {
				return output.lines().filter((line) -> line.startsWith("page ")).toList();
			}
			if (!output.contains(RejectionsUnavailableException.class.getName())) {
				break;
			}
		}
		throw new AssertionError("The listing in a heap of " + SMALL_HEAP + " did not end well:\n" + output);
	}

	private static void assertBusy(HttpResponse<String> response, String detail) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = EventJson.mapper().readTree(response.body());
		assertThat(problem.get("title").asString()).isEqualTo("Listings busy");
		assertThat(problem.get("detail").asString()).startsWith(detail);
	}

	private static JsonNode ok(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		return EventJson.mapper().readTree(response.body());
	}

	private HttpResponse<String> get(String path, String key) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(60))
			.header("X-API-Key", key)
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

}
