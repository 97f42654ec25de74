package vn.investledger.console.release;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import vn.investledger.console.ConsoleFixture;
import vn.investledger.console.ConsoleTest;
import vn.investledger.console.system.ConsoleProperties;
import vn.investledger.events.InvestmentType;
import vn.investledger.testsupport.RealServers;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.investledger.console.ConsoleFixture.params;

/**
 * Two admins publish the same release at once, on a real broker's releases topic: both
 * records are written, but only the one that came first is a publication. Its publisher
 * is answered 201, the other 409 naming it (who, when, its SHA-256); every console
 * instance, and one that reads the topic anew, lists the first alone and serves it as
 * first published. A publication made after reading the first is still a publication of
 * its own (published again), and a record that repeats a publication is that one again.
 */
@ConsoleTest
class PublicationRaceTests {

	private static final long SEED = Long.getLong("investledger.seed", System.nanoTime());

	private static final YearMonth MONTH = YearMonth.of(2025, 12);

	private static final String SHA_ONE = "1".repeat(64);

	private static final String SHA_TWO = "2".repeat(64);

	private final ConsoleFixture fixture;

	PublicationRaceTests(ConsoleFixture fixture) {
		this.fixture = fixture;
	}

	@Test
	void shouldRecordOnlyTheFirstOfTwoPublicationsTwoConsoleInstancesMakeAtOnce() throws Exception {
		// Given two console instances on the same releases topic, each having read the
		// DDI release of 2025-11's publications: none
		String key = Publication.key(YearMonth.of(2025, 11), InvestmentType.DDI);
		Publications one = instance();
		Publications two = instance();
		try {
			assertThat(one.of(key)).isEmpty();
			assertThat(two.of(key)).isEmpty();
			Publication fromOne = publication("bà-một", "2026-03-05T02:00:00.001Z", SHA_ONE);
			Publication fromTwo = publication("ông-hai", "2026-03-05T02:00:00.002Z", SHA_TWO);

			// When each records its publication as the release's first, at once
			List<Outcome> outcomes = atOnce(() -> one.record(fromOne, 1), () -> two.record(fromTwo, 1));

			// Then one is recorded and the other refused, naming the one recorded
			assertThat(outcomes).filteredOn(Outcome::recorded).hasSize(1);
			assertThat(outcomes).filteredOn((outcome) -> !outcome.recorded()).hasSize(1);
			Publication winner = outcomes.stream().filter(Outcome::recorded).findFirst().orElseThrow().publication();
			Publications.PublishedMeanwhileException refused = outcomes.stream()
				.filter((outcome) -> !outcome.recorded())
				.findFirst()
				.orElseThrow()
				.refused();
			assertThat(refused.first()).isEqualTo(winner);
			assertThat(refused.meanwhile()).isEqualTo(winner);
			assertThat(refused.getMessage()).contains(winner.publishedBy())
				.contains(winner.publishedAt().toString())
				.contains(winner.sha256())
				.contains("That is its first publication");
			// and the topic holds both records, the winner's first: it stays the
			// release's first publication for both instances and for one reading anew
			List<ConsumerRecord<String, String>> records = records(key);
			assertThat(records).hasSize(2);
			assertThat(records.get(0).value()).contains(winner.sha256());
			assertThat(records.get(1).offset()).isEqualTo(refused.offset());
			Publications anew = instance();
			try {
				for (Publications instance : List.of(one, two, anew)) {
					assertThat(instance.of(key)).containsExactly(winner);
					assertThat(instance.first(key)).hasValue(winner);
				}

				// When the loser, having read the first, publishes again
				Publication again = publication("ông-hai", "2026-03-05T02:05:00Z", SHA_TWO);
				assertThat(two.of(key)).hasSize(1);
				assertThat(two.record(again, 2)).isEqualTo(again);
				// and a write of the first publication is repeated
				assertThat(one.record(winner, 1)).isEqualTo(winner);

				// Then the release has two publications, the first still first, each
				// listed once
				for (Publications instance : List.of(one, two, anew)) {
					assertThat(instance.of(key)).containsExactly(winner, again);
				}
			}
			finally {
				anew.destroy();
			}
		}
		finally {
			one.destroy();
			two.destroy();
		}
	}

	@Test
	void shouldAnswerTheAdminWhosePublicationCameSecond409NamingTheFirst() throws Exception {
		// Given a ledger in the history, and the FDI release of 2025-12 never published
		GeneratedLedger generated = GeneratedLedger.generate(new Random(SEED), MONTH, 20, false);
		this.fixture.indexHistory(GeneratedLedger.of(generated.events).applied(this.fixture.topics));
		String path = "/api/admin/releases/" + MONTH + "/publications";

		// When two admins publish it at once (with other sizes, so that the two are never
		// one publication repeated, even in the same millisecond)
		List<HttpResponse<String>> answers = atOnce(
				() -> this.fixture.send("POST", ConsoleFixture.ADMIN, ConsoleFixture.PASSWORD, path,
						params("type", "FDI")),
				() -> this.fixture.send("POST", ConsoleFixture.ADMIN, ConsoleFixture.PASSWORD, path,
						params("type", "FDI", "countries", "5")))
			.stream()
			.map(Outcome::answer)
			.toList();

		// Then one is published (201), and the other refused (409) naming it
		assertThat(answers).extracting(HttpResponse::statusCode)
			.as(answers.stream().map(HttpResponse::body).toList().toString())
			.containsExactlyInAnyOrder(201, 409);
		HttpResponse<String> published = answers.stream()
			.filter((answer) -> answer.statusCode() == 201)
			.findFirst()
			.orElseThrow();
		HttpResponse<String> refused = answers.stream()
			.filter((answer) -> answer.statusCode() == 409)
			.findFirst()
			.orElseThrow();
		JsonNode publication = ConsoleFixture.JSON.readTree(published.body());
		JsonNode problem = ConsoleFixture.JSON.readTree(refused.body());
		assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
		assertThat(problem.get("title").asString()).isEqualTo("Published meanwhile");
		assertThat(problem.get("detail").asString()).contains("The FDI release of 2025-12 was published by")
			.contains(publication.get("publishedAt").asString())
			.contains(publication.get("sha256").asString());
		assertThat(problem.get("firstPublication")).isEqualTo(publication);
		assertThat(problem.get("refusedRecordOffset").asLong()).isNotNegative();

		// and the release's publications are the first alone, served as first published
		JsonNode publications = this.fixture.getJson("/api/releases/" + MONTH + "/publications", params("type", "FDI"));
		assertThat(publications).containsExactly(publication);
		HttpResponse<String> first = this.fixture.get("/api/releases/" + MONTH,
				params("type", "FDI", "vintage", ReleaseController.FIRST_PUBLISHED));
		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		assertThat(first.headers().firstValue("X-Release-SHA256")).hasValue(publication.get("sha256").asString());
	}

	private Publications instance() {
		KafkaProperties kafka = new KafkaProperties();
		kafka.setBootstrapServers(List.of(RealServers.kafka().bootstrapServers()));
		return new Publications(kafka, new ConsoleProperties(this.fixture.prefix, this.fixture.prefix, null));
	}

	private static Publication publication(String admin, String at, String sha256) {
		return new Publication("2025-11", InvestmentType.DDI, Instant.parse(at), sha256, Release.Sizes.DEFAULT, admin,
				null, null);
	}

	/** Every record of a key on the releases topic, in offset order. */
	private List<ConsumerRecord<String, String>> records(String key) {
		Map<String, Object> settings = new HashMap<>();
		settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.kafka().bootstrapServers());
		TopicPartition partition = new TopicPartition(this.fixture.topics.releasesTopicName(), 0);
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			long end = consumer.endOffsets(List.of(partition)).get(partition);
			while (consumer.position(partition) < end) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					if (key.equals(record.key())) {
						records.add(record);
					}
				}
			}
		}
		return records;
	}

	/** Runs two calls on two threads released together; each call's outcome. */
	@SafeVarargs
	private static <T> List<Outcome> atOnce(Callable<T>... calls) throws Exception {
		CyclicBarrier start = new CyclicBarrier(calls.length);
		ExecutorService threads = Executors.newFixedThreadPool(calls.length);
		try {
			List<Future<T>> running = new ArrayList<>();
			for (Callable<T> call : calls) {
				running.add(threads.submit(() -> {
					start.await();
					return call.call();
				}));
			}
			List<Outcome> outcomes = new ArrayList<>();
			for (Future<T> each : running) {
				try {
					outcomes.add(Outcome.of(each.get(2, TimeUnit.MINUTES)));
				}
				catch (ExecutionException ex) {
					if (!(ex.getCause() instanceof Publications.PublishedMeanwhileException refused)) {
						throw ex;
					}
					outcomes.add(new Outcome(null, refused, null));
				}
			}
			return outcomes;
		}
		finally {
			threads.shutdownNow();
		}
	}

	/**
	 * What a call made: a publication recorded, a refusal, or an HTTP answer.
	 *
	 * @param publication the publication recorded
	 * @param refused the refusal
	 * @param answer the answer
	 */
	private record Outcome(Publication publication, Publications.PublishedMeanwhileException refused,
			HttpResponse<String> answer) {

		@SuppressWarnings("unchecked")
		static Outcome of(Object made) {
			return (made instanceof Publication publication) ? new Outcome(publication, null, null)
					: new Outcome(null, null, (HttpResponse<String>) made);
		}

		boolean recorded() {
			return this.publication != null;
		}

	}

}
