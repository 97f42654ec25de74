package vn.investledger.localstack;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The local servers are real: a record goes through the broker, a document through
 * Elasticsearch, and neither server outlives its parent, whether the parent closes them
 * or is killed.
 */
@Tag("stack")
class LocalStackTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	@Test
	void shouldRunRealServersAndStopThemOnClose() throws Exception {
		List<ProcessHandle> servers;
		Path kafkaInstance;
		Path esInstance;
		try (LocalStack stack = LocalStack.start()) {
			servers = serverProcesses(stack);
			kafkaInstance = stack.kafka().logFile().getParent();
			esInstance = stack.elasticsearch().logFile().getParent();

			// Given a topic, when a UTF-8 record is produced, then it is consumed back
			// unchanged
			String topic = "local-stack-" + UUID.randomUUID();
			try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafka().bootstrapServers()))) {
				admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
			}
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
							ProducerConfig.ACKS_CONFIG, "all"),
					new StringSerializer(), new StringSerializer())) {
				producer.send(new ProducerRecord<>(topic, "p1", "Hải Phòng")).get(30, TimeUnit.SECONDS);
			}
			try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
					Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
							ConsumerConfig.GROUP_ID_CONFIG, "g-" + UUID.randomUUID(),
							ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
					new StringDeserializer(), new StringDeserializer())) {
				consumer.subscribe(List.of(topic));
				List<String> values = new java.util.ArrayList<>();
				await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
					consumer.poll(Duration.ofMillis(500)).forEach((record) -> values.add(record.value()));
					assertThat(values).containsExactly("Hải Phòng");
				});
			}

			// Given an index, when a document is written, then it is read back
			String url = stack.elasticsearch().url();
			HttpResponse<String> put = send("PUT", url + "/local-stack-test/_doc/1?refresh=true",
					"{\"name\":\"Đình Vũ\"}");
			assertThat(put.statusCode()).isEqualTo(201);
			HttpResponse<String> get = send("GET", url + "/local-stack-test/_doc/1", null);
			assertThat(get.body()).contains("\"name\":\"Đình Vũ\"");
		}

		assertThat(servers).allSatisfy((server) -> assertThat(server.isAlive()).as("pid %d", server.pid()).isFalse());
		assertThat(kafkaInstance).doesNotExist();
		assertThat(esInstance).doesNotExist();
	}

	@Test
	void shouldStopTheServersWhenTheParentIsKilled() throws Exception {
		// Given a separate JVM that runs the stack
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		Process parent = new ProcessBuilder(Jdk.find().java().toString(), "-cp", classpath, LocalStack.class.getName())
			.redirectErrorStream(true)
			.start();
		String kafka = null;
		String elasticsearch = null;
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = out.readLine()) != null && (kafka == null || elasticsearch == null)) {
				if (line.startsWith("Kafka bootstrap servers: ")) {
					kafka = line.substring(line.indexOf(':') + 1).trim();
				}
				if (line.startsWith("Elasticsearch:")) {
					elasticsearch = line.substring(line.indexOf(':') + 1).trim();
				}
			}
			assertThat(kafka).as("the child printed the Kafka address").isNotNull();
			assertThat(elasticsearch).as("the child printed the Elasticsearch address").isNotNull();
			List<ProcessHandle> servers = parent.descendants().toList();
			assertThat(servers).isNotEmpty();
			assertThat(send("GET", elasticsearch + "/_cluster/health", null).statusCode()).isEqualTo(200);

			// When the parent is killed with SIGKILL (no shutdown hook runs)
			parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

			// Then every server process stops by itself
			await().atMost(Duration.ofSeconds(90))
				.pollInterval(Duration.ofSeconds(1))
				.untilAsserted(() -> assertThat(servers).noneMatch(ProcessHandle::isAlive));
		}
		finally {
			parent.descendants().forEach(ProcessHandle::destroyForcibly);
			parent.destroyForcibly();
		}
	}

	private static List<ProcessHandle> serverProcesses(LocalStack stack) {
		return java.util.stream.Stream.of(stack.kafka().pid(), stack.elasticsearch().pid())
			.flatMap((pid) -> ProcessHandle.of(pid).stream())
			.flatMap((guard) -> java.util.stream.Stream.concat(java.util.stream.Stream.of(guard), guard.descendants()))
			.toList();
	}

	private static HttpResponse<String> send(String method, String url, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		request.method(method, (json != null) ? HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)
				: HttpRequest.BodyPublishers.noBody());
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

}
