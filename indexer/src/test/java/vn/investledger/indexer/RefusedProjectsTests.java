package vn.investledger.indexer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import vn.investledger.events.ProjectState;
import vn.investledger.indexer.indexing.DeadLetters;
import vn.investledger.testsupport.RealServers;
import vn.investledger.testsupport.Records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.investledger.indexer.IndexerFixture.state;

/**
 * Project states Elasticsearch cannot take among valid ones, end to end: the bad ones go
 * to the dead-letter topic, the rest is indexed, the projects listener commits past them
 * and their partitions go on being indexed.
 */
@IndexerTest
class RefusedProjectsTests {

	private final IndexerFixture fixture;

	@Autowired
	private MeterRegistry meters;

	RefusedProjectsTests(IndexerFixture fixture) {
		this.fixture = fixture;
	}

	@Test
	void shouldDeadLetterProjectsElasticsearchCannotTakeAndKeepIndexingTheirPartitions() throws Exception {
		String projectState = this.fixture.topics.projectState().name();
		// an id Elasticsearch refuses the whole request for
		ProjectState huge = state("H".repeat(20_000), 1, "Mã dài", "HP-DEEP-C", "KR", "C", "100");
		// 300 characters, 600 bytes of UTF-8
		ProjectState wide = state("Ư".repeat(300), 1, "Mã có dấu", "HP-DEEP-C", "KR", "C", "100");
		List<ProjectState> valid = IntStream.rangeClosed(1, 6)
			.mapToObj((i) -> state("VALID-" + i, 1, "Dự án " + i, "HP-DEEP-C", "KR", "C", i + "00"))
			.toList();

		// When they arrive among six valid ones
		this.fixture.publishState(valid.get(0));
		this.fixture.publishState(huge);
		this.fixture.publishState(valid.get(1));
		this.fixture.publishState(valid.get(2));
		this.fixture.publishState(wide);
		this.fixture.publishState(valid.get(3));
		this.fixture.publishState(valid.get(4));
		this.fixture.publishState(valid.get(5));

		// Then the two are on the dead-letter topic with the reason (an item refused
		// alone, such as a bad version, is BulkSplittingTests')
		List<ConsumerRecord<String, byte[]>> dead = Records.drain(RealServers.kafka(),
				this.fixture.prefix + ".indexer.dlq", 2, new StringDeserializer(), new ByteArrayDeserializer());
		assertThat(dead).satisfiesExactlyInAnyOrder((record) -> {
			assertThat(record.key()).isEqualTo(huge.projectCode());
			assertThat(header(record, DeadLetters.REASON))
				.isEqualTo("id too long: 20000 bytes in UTF-8, Elasticsearch takes at most 512");
		}, (record) -> {
			assertThat(record.key()).isEqualTo(wide.projectCode());
			assertThat(header(record, DeadLetters.REASON))
				.isEqualTo("id too long: 600 bytes in UTF-8, Elasticsearch takes at most 512");
		});
		assertThat(dead)
			.allSatisfy((record) -> assertThat(header(record, DeadLetters.SOURCE_TOPIC)).isEqualTo(projectState));
		// the six valid ones are indexed
		awaitIndexed(valid);
		// the listener committed every record: the lag is back to 0
		this.fixture.awaitConsumed(this.fixture.group("projects"), projectState);
		assertThat(this.meters.counter("investledger.indexer.dead.letters").count()).isEqualTo(2);

		// When valid projects arrive on the partitions of the refused ones
		int partitions = partitions(projectState);
		List<ProjectState> after = new ArrayList<>();
		for (ProjectState refused : List.of(huge, wide)) {
			int partition = partitionOf(refused.projectCode(), partitions);
			String code = IntStream.iterate(1, (i) -> i + 1)
				.mapToObj((i) -> "AFTER-" + partition + "-" + i)
				.filter((candidate) -> partitionOf(candidate, partitions) == partition)
				.findFirst()
				.orElseThrow();
			after.add(state(code, 1, "Dự án sau", "HP-DEEP-C", "KR", "C", "100"));
		}
		after.forEach(this.fixture::publishState);

		// Then they are indexed too
		awaitIndexed(after);
		this.fixture.awaitConsumed(this.fixture.group("projects"), projectState);
	}

	private void awaitIndexed(List<ProjectState> states) {
		for (ProjectState state : states) {
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(this.fixture.document("projects", state.projectCode())).isNotNull());
		}
	}

	private int partitions(String topic) throws Exception {
		try (Admin admin = this.fixture.admin()) {
			return admin.describeTopics(List.of(topic))
				.allTopicNames()
				.get(10, TimeUnit.SECONDS)
				.get(topic)
				.partitions()
				.size();
		}
	}

	/**
	 * The partition the producer's default partitioner gives a key.
	 */
	private static int partitionOf(String key, int partitions) {
		return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		var header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
