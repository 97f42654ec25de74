package vn.investledger.console.dashboard;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import org.springframework.stereotype.Service;

import vn.investledger.console.search.NewestEvent;
import vn.investledger.console.system.ConsoleProperties;
import vn.investledger.index.Indices;

/**
 * How fresh the indexed figures are: the newest event the totals index reflects, and how
 * many records each of the indexer's listeners has not indexed yet, from its group's
 * committed offsets (the indexer commits only what Elasticsearch has acknowledged).
 */
@Service
class IndexFreshness {

	private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(5);

	private final ElasticsearchClient client;

	private final Admin admin;

	private final ConsoleProperties properties;

	IndexFreshness(ElasticsearchClient client, Admin admin, ConsoleProperties properties) {
		this.client = client;
		this.admin = admin;
		this.properties = properties;
	}

	/**
	 * The freshness now.
	 * @return the freshness
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	Freshness now() throws IOException {
		return new Freshness(NewestEvent.in(this.client, this.properties.indices().totals()), lags());
	}

	private Map<String, Long> lags() {
		Map<String, Long> lags = new TreeMap<>();
		for (String kind : Indices.KINDS) {
			try {
				lags.put(kind, lag(this.properties.indexerGroup(kind)));
			}
			catch (Exception ex) {
				if (ex instanceof InterruptedException) {
					Thread.currentThread().interrupt();
				}
				lags.put(kind, -1L);
			}
		}
		return lags;
	}

	private long lag(String group) throws Exception {
		Map<TopicPartition, OffsetAndMetadata> committed = this.admin.listConsumerGroupOffsets(group)
			.partitionsToOffsetAndMetadata()
			.get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		Map<TopicPartition, OffsetSpec> request = new HashMap<>();
		committed.keySet().forEach((partition) -> request.put(partition, OffsetSpec.latest()));
		Map<TopicPartition, ListOffsetsResultInfo> ends = this.admin.listOffsets(request)
			.all()
			.get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		return committed.entrySet()
			.stream()
			.mapToLong((e) -> Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset()))
			.sum();
	}

	/**
	 * The freshness of the indexed figures.
	 *
	 * @param asOf the emission time of the newest event the figures reflect
	 * @param lag per indexer, the records not yet indexed (-1 if Kafka did not answer)
	 */
	record Freshness(Instant asOf, Map<String, Long> lag) {

	}

}
