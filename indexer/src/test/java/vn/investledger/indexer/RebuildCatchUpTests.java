package vn.investledger.indexer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import vn.investledger.events.ProjectState;
import vn.investledger.events.Topics;
import vn.investledger.indexer.rebuild.IndexRebuild;
import vn.investledger.testsupport.RealServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.investledger.indexer.IndexerFixture.state;

/**
 * A rebuild indexes what arrives while it copies the log, also on a partition whose copy
 * ended before the others': the new index holds every record of the log when the alias
 * moves to it.
 */
@IndexerTest
class RebuildCatchUpTests {

	/** Enough for the first copy to run for a while after its first batch. */
	private static final int LONG_PARTITION = 30_000;

	private final IndexerFixture fixture;

	@Autowired
	private IndexRebuild rebuild;

	RebuildCatchUpTests(IndexerFixture fixture) {
		this.fixture = fixture;
	}

	@Test
	void shouldIndexWhatArrivesDuringTheCopyOnAPartitionAlreadyCopied() throws Exception {
		// Given one project state on partition 0 and many on partition 1
		String topic = this.fixture.topics.projectState().name();
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", RealServers.kafka().bootstrapServers(), "acks", "all", "linger.ms", 20),
				new StringSerializer(), new ByteArraySerializer())) {
			send(producer, topic, 0, state("CU-SHORT", 1, "Dự án ngắn", "CATCH-UP-ZONE", "KR", "C", "1"));
			for (int i = 0; i < LONG_PARTITION; i++) {
				send(producer, topic, 1, state("CU-" + i, 1, "Dự án " + i, "CATCH-UP-ZONE", "KR", "C", "1"));
			}
			producer.flush();
			await().atMost(Duration.ofSeconds(120))
				.until(() -> this.fixture.count("projects", "zoneCode", "CATCH-UP-ZONE") == LONG_PARTITION + 1);

			// When a rebuild starts, and a project arrives on partition 0 once it has
			// read some of the log
			CompletableFuture<IndexRebuild.Result> rebuilt = CompletableFuture
				.supplyAsync(() -> this.rebuildProjects());
			await().atMost(Duration.ofSeconds(60)).until(() -> this.rebuild.read() > 0);
			send(producer, topic, 0, state("CU-LATE", 1, "Dự án đến muộn", "CATCH-UP-ZONE", "KR", "C", "1"));
			producer.flush();
			IndexRebuild.Result result = rebuilt.get(5, TimeUnit.MINUTES);

			// Then the new index holds it, as the serving one does
			assertThat(result.current()).isEqualTo(this.fixture.prefix + "-projects-v2");
			await().atMost(Duration.ofSeconds(30))
				.until(() -> this.fixture.count("projects", "zoneCode", "CATCH-UP-ZONE") == LONG_PARTITION + 2);
			assertThat(this.fixture.document("projects", "CU-LATE")).isNotNull();
		}
	}

	private IndexRebuild.Result rebuildProjects() {
		try {
			return this.rebuild.rebuild("projects");
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void send(KafkaProducer<String, byte[]> producer, String topic, int partition, ProjectState state) {
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, partition, state.projectCode(),
				Topics.projectStateSerde().serializer().serialize("", state));
		record.headers().add(ProjectState.VSIC_TABLES_HEADER, IndexerFixture.shippedVsicTables());
		producer.send(record);
	}

}
