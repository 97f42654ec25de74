package vn.investledger.console.release;

import java.net.http.HttpResponse;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import vn.investledger.console.ConsoleFixture;
import vn.investledger.console.ConsoleTest;
import vn.investledger.testsupport.RealServers;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.investledger.console.ConsoleFixture.params;

/**
 * The releases topic on a real broker, as an operator or a faulty tool could leave it: a
 * record that is not a publication (not JSON, a field missing, a key that is not its
 * release's, no key) makes only the release it may belong to unanswerable, with a 500
 * naming the record's offset, never another publication as its first; every other release
 * is still published, listed and served as first published. Publications recorded after a
 * read are seen by the next one.
 */
@ConsoleTest
class PublicationRecordsTests {

	private static final long SEED = Long.getLong("investledger.seed", System.nanoTime());

	private static final YearMonth MONTH = YearMonth.of(2025, 12);

	private final ConsoleFixture fixture;

	PublicationRecordsTests(ConsoleFixture fixture) {
		this.fixture = fixture;
	}

	@Test
	void shouldConfineAnUnreadablePublicationRecordToTheReleaseItMayBelongTo() throws Exception {
		// Given a ledger, and a publication of the FDI release of 2025-12
		GeneratedLedger generated = GeneratedLedger.generate(new Random(SEED), MONTH, 20, false);
		this.fixture.indexHistory(GeneratedLedger.of(generated.events).applied(this.fixture.topics));
		assertThat(publish(MONTH, "FDI").statusCode()).isEqualTo(201);
		assertThat(publications(MONTH, "FDI")).hasSize(1);

		// When records that are not publications are written: not JSON under another
		// release's key, a field missing under a third's, a publication under the key
		// of a fourth that is not its own
		JsonNode published = publications(MONTH, "FDI").get(0);
		String other = published.toString().replace("\"2025-12\"", "\"2025-10\"");
		write("2025-11|FDI", "{not json");
		write("2025-12|DDI", published.toString().replace("\"sha256\"", "\"checksum\"").replace("FDI", "DDI"));
		write("2025-09|FDI", other);

		// Then each of those releases answers 500 naming the record, and does not take a
		// later publication for its first
		assertUnreadable(YearMonth.of(2025, 11), "FDI", "not a publication's JSON");
		assertUnreadable(MONTH, "DDI", "a field is missing");
		assertUnreadable(YearMonth.of(2025, 9), "FDI", "its key is not 2025-10|FDI");
		assertThat(publish(YearMonth.of(2025, 11), "FDI").statusCode()).isEqualTo(500);
		// and the other releases are served: listed, published, first published
		assertThat(publications(MONTH, "FDI")).hasSize(1);
		assertThat(this.fixture
			.get("/api/releases/" + MONTH, params("type", "FDI", "vintage", ReleaseController.FIRST_PUBLISHED))
			.statusCode()).isEqualTo(200);
		assertThat(publish(MONTH, "FDI").statusCode()).isEqualTo(201);
		assertThat(publications(MONTH, "FDI")).hasSize(2);
		assertThat(publications(YearMonth.of(2025, 10), "FDI")).isEmpty();

		// When a record has no key at all
		write(null, "[]");
		// Then no release can be told: it may be any release's
		assertUnreadable(MONTH, "FDI", "(key none)");
	}

	private void assertUnreadable(YearMonth month, String type, String problem) {
		HttpResponse<String> answer = this.fixture.get("/api/releases/" + month + "/publications",
				params("type", type));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(500);
		assertThat(answer.body()).contains("Publication record unreadable")
			.contains("at offset")
			.contains(problem)
			.contains("other releases are not affected");
		HttpResponse<String> vintage = this.fixture.get("/api/releases/" + month,
				params("type", type, "vintage", ReleaseController.FIRST_PUBLISHED));
		assertThat(vintage.statusCode()).as(vintage.body()).isEqualTo(500);
	}

	private HttpResponse<String> publish(YearMonth month, String type) {
		return this.fixture.send("POST", ConsoleFixture.ADMIN, ConsoleFixture.PASSWORD,
				"/api/admin/releases/" + month + "/publications", params("type", type));
	}

	private List<JsonNode> publications(YearMonth month, String type) {
		List<JsonNode> list = new java.util.ArrayList<>();
		this.fixture.getJson("/api/releases/" + month + "/publications", params("type", type)).forEach(list::add);
		return list;
	}

	private void write(String key, String value) throws Exception {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.kafka().bootstrapServers()),
				new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>(this.fixture.topics.releasesTopicName(), key, value)).get();
		}
	}

}
