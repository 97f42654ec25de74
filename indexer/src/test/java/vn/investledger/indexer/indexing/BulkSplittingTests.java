package vn.investledger.indexer.indexing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import vn.investledger.testsupport.RealServers;
import vn.investledger.testsupport.Records;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link BatchIndexer} finds the documents for which Elasticsearch refuses a whole
 * bulk request, on a real Elasticsearch node and a real broker, without the listeners:
 * each test writes its own index and its own dead-letter topic. The ingester never
 * flushes by itself here, so a test decides what goes into one request.
 */
@ExtendWith(RealServers.class)
class BulkSplittingTests {

	private static final String SOURCE_TOPIC = "split-source";

	private final String prefix = "split-" + UUID.randomUUID().toString().substring(0, 8);

	private final String index = this.prefix + "-docs";

	private RealIndexing indexing;

	private SimpleMeterRegistry meters;

	private ElasticsearchClient client;

	private BulkWriter writer;

	private DeadLetters deadLetters;

	@BeforeEach
	void start() throws Exception {
		this.indexing = new RealIndexing(this.prefix);
		this.meters = this.indexing.meters;
		this.client = this.indexing.client;
		this.writer = this.indexing.writer;
		this.deadLetters = this.indexing.deadLetters;
	}

	@AfterEach
	void stop() throws Exception {
		this.indexing.close();
	}

	@Test
	void shouldFindAndDeadLetterTheOneDocumentForWhichElasticsearchRefusesTheWholeRequest() throws Exception {
		// Given ten documents, the sixth with an id Elasticsearch refuses at request
		// level,
		// and the indexer's own id check off so that the request reaches Elasticsearch
		String tooLong = "P".repeat(20_000);
		List<Indexed> batch = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			batch.add(document(i, (i == 5) ? tooLong : "doc-" + i));
		}

		// When
		new BatchIndexer(this.writer, this.deadLetters, this.meters, false).index(batch, List.of());

		// Then only the sixth is on the dead-letter topic, with Elasticsearch's reason
		List<ConsumerRecord<String, byte[]>> dead = deadLetters(1);
		assertThat(dead.getFirst().key()).isEqualTo(tooLong);
		assertThat(header(dead.getFirst(), DeadLetters.SOURCE_OFFSET)).isEqualTo("5");
		assertThat(header(dead.getFirst(), DeadLetters.STATUS)).isEqualTo("400");
		// with the middle of the quoted id left out
		assertThat(header(dead.getFirst(), DeadLetters.REASON))
			.startsWith("action_request_validation_exception: Validation Failed: 1: id [PPP")
			.contains("PPP…(19726 characters)…PPP")
			.endsWith("PPP] is too long, must be no longer than 512 bytes but was: 20000;");
		// and every other one is in Elasticsearch
		assertThat(indexedIds()).containsExactlyInAnyOrder("doc-0", "doc-1", "doc-2", "doc-3", "doc-4", "doc-6",
				"doc-7", "doc-8", "doc-9");
		// 10 → 5 + 5, the refused 5 → 2 + 3, the refused 2 → 1 + 1
		assertThat(this.meters.counter("investledger.indexer.bulk.splits").count()).isEqualTo(3);
		assertThat(this.meters.counter("investledger.indexer.dead.letters").count()).isEqualTo(1);
	}

	@Test
	void shouldDeadLetterEveryKindOfDocumentForWhichElasticsearchRefusesTheWholeRequest() throws Exception {
		// Given ten operations, with the id check on: the second with an external version
		// Elasticsearch does not take, the seventh a delete without an id
		List<Indexed> batch = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			batch.add(document(i, "doc-" + i));
		}
		batch.set(1,
				indexed(1, "doc-1",
						BulkOperation.of((op) -> op.index((write) -> write.index(this.index)
							.id("doc-1")
							.version(-1L)
							.versionType(VersionType.ExternalGte)
							.document(Map.of("n", 1))))));
		batch.set(6, indexed(6, "", BulkOperation.of((op) -> op.delete((delete) -> delete.index(this.index).id("")))));

		// When
		new BatchIndexer(this.writer, this.deadLetters, this.meters).index(batch, List.of());

		// Then both are on the dead-letter topic with Elasticsearch's reason
		List<ConsumerRecord<String, byte[]>> dead = deadLetters(2);
		assertThat(dead).satisfiesExactlyInAnyOrder((record) -> {
			assertThat(header(record, DeadLetters.SOURCE_OFFSET)).isEqualTo("1");
			assertThat(header(record, DeadLetters.STATUS)).isEqualTo("400");
			assertThat(header(record, DeadLetters.REASON)).isEqualTo(
					"action_request_validation_exception: Validation Failed: 1: illegal version value [-1] for version type [EXTERNAL_GTE];");
		}, (record) -> {
			assertThat(header(record, DeadLetters.SOURCE_OFFSET)).isEqualTo("6");
			assertThat(header(record, DeadLetters.STATUS)).isEqualTo("400");
			assertThat(header(record, DeadLetters.REASON))
				.isEqualTo("action_request_validation_exception: Validation Failed: 1: id is missing;");
		});
		// and the other eight are in Elasticsearch
		assertThat(indexedIds()).containsExactlyInAnyOrder("doc-0", "doc-2", "doc-3", "doc-4", "doc-5", "doc-7",
				"doc-8", "doc-9");
		// 10 → 5 + 5, each refused 5 → 2 + 3, each refused 2 → 1 + 1
		assertThat(this.meters.counter("investledger.indexer.bulk.splits").count()).isEqualTo(5);
	}

	@Test
	void shouldDeadLetterAnIdLongerThan512BytesOfUtf8WithoutSendingIt() throws Exception {
		// Given a 300-character id of 600 bytes, and the longest id Elasticsearch takes
		String tooLong = "Ư".repeat(300);
		String longest = "Ư".repeat(256);
		List<Indexed> batch = List.of(document(0, "doc-0"), document(1, tooLong), document(2, longest));

		// When
		new BatchIndexer(this.writer, this.deadLetters, this.meters).index(batch, List.of());

		// Then the 600-byte id is dead-lettered with the indexer's own reason and no
		// status
		List<ConsumerRecord<String, byte[]>> dead = deadLetters(1);
		assertThat(dead.getFirst().key()).isEqualTo(tooLong);
		assertThat(header(dead.getFirst(), DeadLetters.REASON))
			.isEqualTo("id too long: 600 bytes in UTF-8, Elasticsearch takes at most 512");
		assertThat(header(dead.getFirst(), DeadLetters.STATUS)).isNull();
		// and no request was refused
		assertThat(indexedIds()).containsExactlyInAnyOrder("doc-0", longest);
		assertThat(this.meters.counter("investledger.indexer.bulk.splits").count()).isZero();
	}

	@Test
	void shouldSendItsOwnDocumentAgainAloneWhenAnotherListenersDocumentGotTheirRequestRefused() throws Exception {
		// Given another listener's operation that Elasticsearch refuses, queued and not
		// sent yet
		CompletableFuture<BulkResponseItem> other = this.writer.write(BulkOperation
			.of((op) -> op.index((write) -> write.index(this.index).id("P".repeat(600)).document(Map.of("n", 0)))));

		// When this batch's flush sends both in one request
		new BatchIndexer(this.writer, this.deadLetters, this.meters).index(List.of(document(1, "doc-1")), List.of());

		// Then the client failed that request as a whole with Elasticsearch's 400
		assertThat(other).failsWithin(Duration.ofSeconds(10))
			.withThrowableOfType(ExecutionException.class)
			.havingCause()
			.isInstanceOfSatisfying(ElasticsearchException.class, (ex) -> {
				assertThat(ex.status()).isEqualTo(400);
				assertThat(ex.error().type()).isEqualTo("action_request_validation_exception");
			});
		// and this batch's document, sent again alone, is in Elasticsearch, not
		// dead-lettered
		assertThat(indexedIds()).containsExactly("doc-1");
		assertThat(this.meters.counter("investledger.indexer.dead.letters").count()).isZero();
		assertThat(this.meters.counter("investledger.indexer.bulk.splits").count()).isZero();
	}

	private Indexed document(long offset, String id) {
		return indexed(offset, id, BulkOperation
			.of((op) -> op.index((write) -> write.index(this.index).id(id).document(Map.of("n", offset)))));
	}

	private static Indexed indexed(long offset, String key, BulkOperation operation) {
		byte[] value = ("{\"n\": " + offset + "}").getBytes(StandardCharsets.UTF_8);
		return new Indexed(new ConsumerRecord<>(SOURCE_TOPIC, 0, offset, key, value), operation);
	}

	private List<ConsumerRecord<String, byte[]>> deadLetters(int expected) {
		return Records.drain(RealServers.kafka(), this.prefix + ".indexer.dlq", expected, new StringDeserializer(),
				new ByteArrayDeserializer());
	}

	private List<String> indexedIds() throws Exception {
		this.client.indices().refresh((refresh) -> refresh.index(this.index));
		return this.client.search((search) -> search.index(this.index).size(100), Map.class)
			.hits()
			.hits()
			.stream()
			.map(Hit::id)
			.toList();
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		var header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
