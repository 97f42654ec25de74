package vn.investledger.indexer.indexing;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.indices.IndicesBlockOptions;
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
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What {@link BatchIndexer} does when Elasticsearch refuses documents for their index,
 * not for what they are: blocked for writes, closed, missing. On a real Elasticsearch
 * node and a real broker, without the listeners: nothing is dead-lettered, the batch
 * fails (so the container keeps its offsets and retries it), and it is indexed once the
 * index takes writes again.
 */
@ExtendWith(RealServers.class)
class RefusalsOfTheIndexTests {

	private static final String SOURCE_TOPIC = "refusals-source";

	private final String prefix = "refusals-" + UUID.randomUUID().toString().substring(0, 8);

	private final String blocked = this.prefix + "-blocked";

	private final String closed = this.prefix + "-closed";

	private final String open = this.prefix + "-open";

	/** An alias that points at no index until the test creates one behind it. */
	private final String alias = this.prefix + "-alias";

	private RealIndexing indexing;

	private SimpleMeterRegistry meters;

	private ElasticsearchClient client;

	@BeforeEach
	void start() throws Exception {
		this.indexing = new RealIndexing(this.prefix);
		this.meters = this.indexing.meters;
		this.client = this.indexing.client;
	}

	@AfterEach
	void stop() throws Exception {
		this.indexing.close();
	}

	@Test
	void shouldDeadLetterNothingRefusedForItsIndexAndIndexItOnceTheIndexTakesWrites() throws Exception {
		// Given an index blocked for writes (as PUT /<index>/_block/write, or ILM, blocks
		// it), a closed index, an alias behind which there is no index yet, and an index
		// that takes writes, with a strict mapping
		create(this.blocked);
		this.client.indices().addBlock((block) -> block.index(this.blocked).block(IndicesBlockOptions.Write));
		create(this.closed);
		this.client.indices().close((close) -> close.index(this.closed));
		create(this.open);
		List<Indexed> batch = List.of(
				// refused: 403 cluster_block_exception
				document(0, this.blocked, "doc-0"),
				// refused: 400 index_closed_exception
				document(1, this.closed, "doc-1"),
				// refused: 404 index_not_found_exception
				indexed(2, "doc-2", BulkOperation.of((op) -> op.index(
						(write) -> write.index(this.alias).id("doc-2").requireAlias(true).document(Map.of("n", 2))))),
				// indexed
				document(3, this.open, "doc-3"),
				// the document's own fault, a field the strict mapping does not know
				indexed(4, "doc-4", BulkOperation.of((op) -> op
					.index((write) -> write.index(this.open).id("doc-4").document(Map.of("n", 4, "unknown", 4))))));
		BatchIndexer indexer = new BatchIndexer(this.indexing.writer, this.indexing.deadLetters, this.meters);

		// When the batch is indexed, then it fails after the item retries, saying why
		assertThatExceptionOfType(IndexingException.class).isThrownBy(() -> indexer.index(batch, List.of()))
			.withMessageContaining("3 document(s) still refused after " + BatchIndexer.ITEM_ATTEMPTS + " attempts");
		// and nothing is dead-lettered, not even the document's own fault: the batch is
		// not
		// done, and the container retries all of it
		assertThat(this.meters.counter("investledger.indexer.dead.letters").count()).isZero();
		assertThat(Records.drainAvailable(RealServers.kafka(), DeadLetters.deadLetterTopic(this.indexing.properties),
				new StringDeserializer(), new ByteArrayDeserializer()))
			.isEmpty();

		// When the indices take writes again and the container retries the batch
		this.client.indices()
			.putSettings((settings) -> settings.index(this.blocked)
				.settings((index) -> index.blocks((blocks) -> blocks.write(false))));
		this.client.indices().open((open) -> open.index(this.closed));
		this.client.indices()
			.create((create) -> create.index(this.prefix + "-behind-alias").aliases(this.alias, (a) -> a));
		List<Indexed> acknowledged = indexer.index(batch, List.of());

		// Then every document is in Elasticsearch, but the one with an unknown field
		assertThat(acknowledged).extracting((indexed) -> indexed.source().key())
			.containsExactlyInAnyOrder("doc-0", "doc-1", "doc-2", "doc-3");
		assertThat(ids(this.blocked)).containsExactly("doc-0");
		assertThat(ids(this.closed)).containsExactly("doc-1");
		assertThat(ids(this.alias)).containsExactly("doc-2");
		assertThat(ids(this.open)).containsExactly("doc-3");
		// which alone is dead-lettered, with Elasticsearch's reason
		List<ConsumerRecord<String, byte[]>> dead = Records.drain(RealServers.kafka(),
				DeadLetters.deadLetterTopic(this.indexing.properties), 1, new StringDeserializer(),
				new ByteArrayDeserializer());
		assertThat(dead.getFirst().key()).isEqualTo("doc-4");
		assertThat(new String(dead.getFirst().headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8))
			.startsWith("strict_dynamic_mapping_exception");
	}

	@Test
	void shouldStampADocumentSentAgainWithTheTimeOfTheAttemptThatWroteIt() throws Exception {
		// Given an index blocked for writes for a while, and a document stamped with the
		// time its operation is made, as a figure's indexedAt is
		String index = this.prefix + "-stamped";
		this.client.indices().create((create) -> create.index(index));
		this.client.indices().addBlock((block) -> block.index(index).block(IndicesBlockOptions.Write));
		ConsumerRecord<String, byte[]> source = new ConsumerRecord<>(SOURCE_TOPIC, 0, 0, "stamped",
				"{}".getBytes(StandardCharsets.UTF_8));
		Supplier<BulkOperation> stamped = () -> BulkOperation.of((op) -> op
			.index((write) -> write.index(index).id("stamped").document(Map.of("at", Instant.now().toString()))));
		Indexed first = new Indexed(source, stamped.get(), stamped);
		BatchIndexer indexer = new BatchIndexer(this.indexing.writer, this.indexing.deadLetters, this.meters);
		AtomicReference<Instant> lifted = new AtomicReference<>();
		Thread lift = Thread.ofPlatform().start(() -> {
			try {
				Thread.sleep(1500);
				lifted.set(Instant.now());
				this.client.indices()
					.putSettings((settings) -> settings.index(index)
						.settings((s) -> s.blocks((blocks) -> blocks.write(false))));
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});

		// When it is indexed, refused until the block is lifted
		List<Indexed> acknowledged = indexer.index(List.of(first), List.of());
		lift.join();

		// Then the document holds the time of the attempt that wrote it, after the block
		assertThat(acknowledged).hasSize(1);
		this.client.indices().refresh((refresh) -> refresh.index(index));
		Map<?, ?> document = this.client.get((get) -> get.index(index).id("stamped"), Map.class).source();
		// (the block lasts 1.5 s: an attempt stamped a second or more after the first)
		Instant firstStamp = Instant.parse((String) ((Map<?, ?>) first.operation().index().document()).get("at"));
		assertThat(Instant.parse((String) document.get("at"))).isAfter(firstStamp.plusSeconds(1))
			.isBefore(lifted.get().plusSeconds(10));
	}

	private void create(String index) throws Exception {
		this.client.indices()
			.create((create) -> create.index(index)
				.withJson(new StringReader(
						"{\"mappings\":{\"dynamic\":\"strict\",\"properties\":{\"n\":{\"type\":\"long\"}}}}")));
	}

	private static Indexed document(long offset, String index, String id) {
		return indexed(offset, id,
				BulkOperation.of((op) -> op.index((write) -> write.index(index).id(id).document(Map.of("n", offset)))));
	}

	private static Indexed indexed(long offset, String key, BulkOperation operation) {
		byte[] value = ("{\"n\": " + offset + "}").getBytes(StandardCharsets.UTF_8);
		return new Indexed(new ConsumerRecord<>(SOURCE_TOPIC, 0, offset, key, value), operation);
	}

	private List<String> ids(String index) throws Exception {
		this.client.indices().refresh((refresh) -> refresh.index(index));
		return this.client.search((search) -> search.index(index).size(100), Map.class)
			.hits()
			.hits()
			.stream()
			.map(Hit::id)
			.toList();
	}

}
