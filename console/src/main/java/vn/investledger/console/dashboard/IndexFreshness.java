package vn.investledger.console.dashboard;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import co.elastic.clients.elasticsearch.ElasticsearchClient;

import org.springframework.stereotype.Service;

import vn.investledger.console.operations.SampledLag;
import vn.investledger.console.search.NewestEvent;
import vn.investledger.console.system.ConsoleProperties;
import vn.investledger.index.Indices;

/**
 * How fresh the indexed figures are: the newest event the totals index reflects, and how
 * many records each of the indexer's listeners has not indexed yet, from its group's
 * committed offsets (the indexer commits only what Elasticsearch has acknowledged).
 * <p>
 * The lag is the operations view's newest sample ({@link SampledLag}, every
 * {@code investledger.operations.sample-interval}), not asked of Kafka on each request:
 * every open console asks every few seconds, and with Kafka slow or unreachable each
 * request would hold a request thread for as long as Kafka's calls take, until the
 * consoles held them all.
 */
@Service
class IndexFreshness {

	private final ElasticsearchClient client;

	private final SampledLag sampled;

	private final ConsoleProperties properties;

	IndexFreshness(ElasticsearchClient client, SampledLag sampled, ConsoleProperties properties) {
		this.client = client;
		this.sampled = sampled;
		this.properties = properties;
	}

	/**
	 * The freshness now.
	 * @return the freshness
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	Freshness now() throws IOException {
		SampledLag.Lag lag = this.sampled.lag();
		Map<String, Long> lags = new TreeMap<>();
		for (String kind : Indices.KINDS) {
			Long behind = lag.byGroup().get(this.properties.indexerGroup(kind));
			lags.put(kind, (behind != null) ? behind : -1L);
		}
		return new Freshness(NewestEvent.in(this.client, this.properties.indices().totals()), lags, lag.sampledAt());
	}

	/**
	 * The freshness of the indexed figures.
	 *
	 * @param asOf the emission time of the newest event the figures reflect
	 * @param lag per indexer, the records not yet indexed (-1 if Kafka did not answer, or
	 * before the first sample)
	 * @param lagAt when the lag was sampled, {@code null} before the first sample
	 */
	record Freshness(Instant asOf, Map<String, Long> lag, Instant lagAt) {

	}

}
