package vn.investledger.indexer.indexing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import vn.investledger.events.InvestmentType;
import vn.investledger.events.Topics;
import vn.investledger.events.Total;
import vn.investledger.testsupport.RealServers;
import vn.investledger.testsupport.Records;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The freshness gauge {@code investledger.indexer.newest.event.age} follows the figures
 * Elasticsearch acknowledged, never those dead-lettered: a figure refused is not in the
 * index, and its events are not reflected there. On a real Elasticsearch node with the
 * indexer's own indices and a real broker, without the listeners.
 */
@ExtendWith(RealServers.class)
class NewestIndexedEventTests {

	private static final String GAUGE = "investledger.indexer.newest.event.age";

	private final String prefix = "newest-" + UUID.randomUUID().toString().substring(0, 8);

	private RealIndexing indexing;

	private SimpleMeterRegistry meters;

	private TotalsIndexer totals;

	@BeforeEach
	void start() throws Exception {
		this.indexing = new RealIndexing(this.prefix);
		this.meters = this.indexing.meters;
		new IndexSetup(this.indexing.client, this.indexing.properties).afterPropertiesSet();
		this.totals = new TotalsIndexer(new BatchIndexer(this.indexing.writer, this.indexing.deadLetters, this.meters),
				this.indexing.properties, new NewestIndexedEvent(this.meters));
	}

	@AfterEach
	void stop() throws Exception {
		this.indexing.close();
	}

	@Test
	void shouldTellTheAgeOfTheNewestEventOfTheFiguresElasticsearchAcknowledgedOnly() {
		// Given a figure of an event emitted a minute ago, in a cuboid the totals' strict
		// mapping does not know
		Total unmapped = Total.builder("district", Map.of("district", "Ngô Quyền"), "all", InvestmentType.FDI)
			.newestEventAt(Instant.now().minus(Duration.ofMinutes(1)))
			.build();

		// When it is indexed
		this.totals.indexAll(List.of(record(0, unmapped)));

		// Then it is dead-lettered, and the gauge knows of no event yet
		List<ConsumerRecord<String, byte[]>> dead = Records.drain(RealServers.kafka(),
				DeadLetters.deadLetterTopic(this.indexing.properties), 1, new StringDeserializer(),
				new ByteArrayDeserializer());
		assertThat(dead.getFirst().key()).isEqualTo(unmapped.key());
		assertThat(age()).isNaN();

		// When a figure Elasticsearch takes, of an event emitted an hour ago, is indexed
		Total national = Total.builder("national", Map.of(), "2033", InvestmentType.FDI)
			.newestEventAt(Instant.now().minus(Duration.ofHours(1)))
			.build();
		this.totals.indexAll(List.of(record(1, national)));

		// Then the gauge tells that event's age
		assertThat(age()).isBetween(3600.0, 3660.0);
	}

	private double age() {
		return this.meters.get(GAUGE).gauge().value();
	}

	private ConsumerRecord<String, byte[]> record(long offset, Total figure) {
		String topic = this.indexing.properties.topics().totals().name();
		return new ConsumerRecord<>(topic, 0, offset, figure.key(),
				Topics.totalSerde().serializer().serialize(topic, figure));
	}

}
