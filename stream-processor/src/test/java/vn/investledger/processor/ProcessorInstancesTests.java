package vn.investledger.processor;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;

import vn.investledger.localstack.FreePorts;
import vn.investledger.access.MetricsScraper;
import vn.investledger.events.EventJson;
import vn.investledger.events.Licensed;
import vn.investledger.events.Money;
import vn.investledger.events.Topics;
import vn.investledger.testsupport.KafkaServer;
import vn.investledger.testsupport.RealServers;
import vn.investledger.testsupport.SampleEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the processor share the work on a real broker; either one answers
 * every figure, exactly, by asking the instance that owns it.
 */
@ExtendWith(RealServers.class)
class ProcessorInstancesTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final List<String> PROVINCES = List.of("22", "31", "33", "51");

	/** Prometheus's password: the processor holds only its SHA-256. */
	private static final String SCRAPER_PASSWORD = "scraper-" + UUID.randomUUID();

	@Test
	void shouldAnswerEveryFigureFromEitherInstance(KafkaServer kafka, @TempDir Path state) throws Exception {
		String prefix = "iq" + UUID.randomUUID().toString().substring(0, 8);
		Topics topics = Topics.withPrefix(prefix);
		kafka.createEventTopics(topics, PROVINCES);
		List<ConfigurableApplicationContext> instances = new ArrayList<>();
		try {
			List<String> urls = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				int port = FreePorts.next();
				instances.add(StreamProcessorApplication.application()
					.run("--server.port=" + port, "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
							"--investledger.topic-prefix=" + prefix,
							"--spring.kafka.streams.state-dir=" + state.resolve("instance-" + i),
							"--investledger.metrics-scraper.sha256=" + MetricsScraper.sha256Hex(SCRAPER_PASSWORD)));
				urls.add("http://127.0.0.1:" + port);
			}

			// Given 40 licences across four provinces, US$(n + 1).01 each
			Map<String, Long> expected = new TreeMap<>();
			try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
					Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"), new StringSerializer(),
					new ByteArraySerializer())) {
				for (int n = 0; n < 40; n++) {
					String province = PROVINCES.get(n % PROVINCES.size());
					Licensed licence = SampleEvents.fdiLicence("IQ-" + n, province, Money.usd((n + 1) + ".01"));
					producer.send(new ProducerRecord<>(topics.eventTopicName(province), licence.key(),
							EventJson.toBytes(licence)));
					expected.merge(province, licence.registeredCapital().minorUnits(), Long::sum);
				}
			}

			// Then each instance answers each province's figure exactly
			await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
				for (String url : urls) {
					for (String province : PROVINCES) {
						JsonNode total = getJson(url + "/api/totals/provinces/" + province + "?type=FDI");
						assertThat(total.get("newCapital").get("minorUnits").asLong()).as("%s from %s", province, url)
							.isEqualTo(expected.get(province));
						assertThat(total.get("newProjects").asLong()).isEqualTo(10);
					}
				}
			});

			// And each figure lives in exactly one instance, both instances holding some:
			// the answers were routed. (Awaited: while the group rebalances, a task's
			// store is briefly held by neither.)
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				List<Integer> owners = new ArrayList<>();
				for (String province : PROVINCES) {
					for (String period : List.of("all", "2024", "2024-Q1", "2024-03", "2024-R03")) {
						String key = "province|province=" + province + "|" + period + "|FDI";
						List<Integer> holders = new ArrayList<>();
						for (int i = 0; i < urls.size(); i++) {
							if (get(urls.get(i) + "/internal/figures/totals?key="
									+ URLEncoder.encode(key, StandardCharsets.UTF_8))
								.statusCode() == 200) {
								holders.add(i);
							}
						}
						assertThat(holders).as("instances holding %s", key).hasSize(1);
						owners.add(holders.get(0));
					}
				}
				assertThat(owners).contains(0, 1);
			});

			// When a third instance joins, and the group moves tasks to it
			int port = FreePorts.next();
			instances.add(StreamProcessorApplication.application()
				.run("--server.port=" + port, "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
						"--investledger.topic-prefix=" + prefix,
						"--spring.kafka.streams.state-dir=" + state.resolve("instance-2"),
						"--investledger.metrics-scraper.sha256=" + MetricsScraper.sha256Hex(SCRAPER_PASSWORD)));
			String third = "http://127.0.0.1:" + port;
			// Then while it moves, every answer of the first two is the exact figure or
			// "not ready", never another figure (a partition named for an instance that
			// does not hold it yet read as zero)
			List<String> wrong = new ArrayList<>();
			Map<Integer, Integer> statuses = new TreeMap<>();
			long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
			boolean moved = false;
			while (!moved && System.nanoTime() < until) {
				for (String url : urls) {
					for (String province : PROVINCES) {
						HttpResponse<String> answer = get(url + "/api/totals/provinces/" + province + "?type=FDI");
						statuses.merge(answer.statusCode(), 1, Integer::sum);
						if (answer.statusCode() == 200) {
							long capital = EventJson.mapper()
								.readTree(answer.body())
								.get("newCapital")
								.get("minorUnits")
								.asLong();
							if (capital != expected.get(province)) {
								wrong.add(province + " from " + url + ": " + capital);
							}
						}
						else if (answer.statusCode() != 503) {
							wrong.add(province + " from " + url + ": " + answer.statusCode() + " " + answer.body());
						}
					}
				}
				moved = holdsAny(third);
			}
			assertThat(moved).as("the third instance holds figures").isTrue();
			assertThat(wrong).as("answers while tasks moved (statuses %s)", statuses).isEmpty();

			// And each instance's health reports Kafka and its running streams
			for (String url : urls) {
				JsonNode kafkaHealth = getJson(url + "/actuator/health").get("components").get("kafka");
				assertThat(kafkaHealth.get("status").asString()).isEqualTo("UP");
				assertThat(kafkaHealth.get("details").get("streams").asString()).isIn("RUNNING", "REBALANCING");
				assertThat(kafkaHealth.get("details").get("brokers").asInt()).isEqualTo(1);
				// and its metrics are there for Prometheus, and for nobody else: events
				// in
				// and out, processing and commit latency
				assertThat(get(url + "/actuator/prometheus").statusCode()).isEqualTo(401);
				HttpResponse<String> scraped = http
					.send(HttpRequest.newBuilder(URI.create(url + "/actuator/prometheus"))
						.header("Authorization",
								"Basic " + Base64.getEncoder()
									.encodeToString((MetricsScraper.DEFAULT_NAME + ":" + SCRAPER_PASSWORD)
										.getBytes(StandardCharsets.UTF_8)))
						.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(scraped.statusCode()).isEqualTo(200);
				String metrics = scraped.body();
				assertThat(metrics).contains("kafka_stream_thread_process_latency_avg",
						"kafka_stream_thread_commit_latency_avg", "kafka_stream_thread_process_total",
						"kafka_producer_record_send_total", "investledger_ledger_records_total");
			}
		}
		finally {
			instances.forEach(ConfigurableApplicationContext::close);
		}
	}

	/**
	 * Whether an instance holds the figure of one of the provinces, for any period.
	 */
	private static boolean holdsAny(String url) throws Exception {
		for (String province : PROVINCES) {
			for (String period : List.of("all", "2024", "2024-Q1", "2024-03", "2024-R03")) {
				String key = "province|province=" + province + "|" + period + "|FDI";
				if (get(url + "/internal/figures/totals?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8))
					.statusCode() == 200) {
					return true;
				}
			}
		}
		return false;
	}

	private static HttpResponse<String> get(String url) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode getJson(String url) throws Exception {
		HttpResponse<String> response = get(url);
		assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
		return EventJson.mapper().readTree(response.body());
	}

}
