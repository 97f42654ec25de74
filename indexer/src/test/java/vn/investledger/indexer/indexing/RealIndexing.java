package vn.investledger.indexer.indexing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import vn.investledger.indexer.system.IndexerProperties;
import vn.investledger.testsupport.RealServers;

/**
 * The indexer's writing parts on the shared real servers, without the listeners or
 * Spring: a client, a bulk writer that never flushes by itself, and a dead-letter topic
 * of the prefix's own.
 */
final class RealIndexing implements AutoCloseable {

	final IndexerProperties properties;

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	final ElasticsearchClient client;

	final DefaultKafkaProducerFactory<byte[], byte[]> producers;

	final BulkWriter writer;

	final DeadLetters deadLetters;

	RealIndexing(String prefix) throws Exception {
		this.properties = new IndexerProperties(prefix, prefix, 0, Duration.ofHours(1));
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", RealServers.kafka().bootstrapServers()))) {
			// as the indexer declares it
			admin.createTopics(List.of(new IndexerErrorHandling().indexerDeadLetters(this.properties)))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
		this.client = ElasticsearchClient
			.of((config) -> config.host(RealServers.elasticsearch().url()).jsonMapper(new Jackson3JsonpMapper()));
		// as indexer.yml configures it
		this.producers = new DefaultKafkaProducerFactory<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				RealServers.kafka().bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
				ProducerConfig.MAX_REQUEST_SIZE_CONFIG, DeadLetters.MAX_RECORD_BYTES), new ByteArraySerializer(),
				new ByteArraySerializer());
		this.writer = new BulkWriter(this.client, this.properties, this.meters);
		this.deadLetters = new DeadLetters(new KafkaTemplate<>(this.producers), this.properties, this.meters);
	}

	@Override
	public void close() throws Exception {
		this.writer.destroy();
		this.producers.destroy();
		this.client.close();
	}

}
