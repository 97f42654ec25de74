package vn.investledger.indexer.console;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import vn.investledger.indexer.documents.Indices;
import vn.investledger.indexer.search.NewestEvent;
import vn.investledger.indexer.system.IndexerProperties;

/**
 * What the officials' console needs besides the search API: the stream of figure changes
 * and how fresh the indexed figures are.
 */
@RestController
@RequestMapping("/api/console")
class ConsoleController {

	private static final List<String> INDEXERS = Indices.KINDS;

	private final LiveFigures live;

	private final ElasticsearchClient client;

	private final Indices indices;

	private final String topicPrefix;

	private final Admin admin;

	private final RefusalCounts refusals;

	ConsoleController(LiveFigures live, ElasticsearchClient client, IndexerProperties properties, Admin admin,
			RefusalCounts refusals) {
		this.live = live;
		this.refusals = refusals;
		this.client = client;
		this.indices = properties.indices();
		this.topicPrefix = properties.topicPrefix();
		this.admin = admin;
	}

	/**
	 * Every flow figure as soon as it is indexed, as server-sent events named
	 * {@code figures} (a JSON array of figures).
	 * @return the event stream
	 */
	@GetMapping(path = "/figures", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter figures() {
		return this.live.subscribe();
	}

	/**
	 * Who is signed in, for the console's header.
	 * @param user the signed-in user
	 * @return the name and roles
	 */
	@GetMapping("/me")
	SignedIn me(org.springframework.security.core.Authentication user) {
		return new SignedIn(user.getName(),
				user.getAuthorities()
					.stream()
					.map((authority) -> authority.getAuthority())
					.filter((authority) -> authority.startsWith("ROLE_"))
					.map((authority) -> authority.substring("ROLE_".length()))
					.sorted()
					.toList());
	}

	/**
	 * How fresh the indexed figures are: the emission time of the newest event they
	 * reflect, and each indexer's records not yet indexed.
	 * @return the freshness
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	@GetMapping("/freshness")
	Freshness freshness() throws IOException {
		return new Freshness(NewestEvent.in(this.client, this.indices.totals()), lags());
	}

	/**
	 * The records the ledger refused, per unit and reason.
	 * @return the counts
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	@GetMapping("/rejections")
	RefusalCounts.Refusals rejections() throws IOException {
		return this.refusals.counts();
	}

	private Map<String, Long> lags() {
		Map<String, Long> lags = new TreeMap<>();
		for (String kind : INDEXERS) {
			String group = this.topicPrefix + "-" + kind + "-indexer";
			try {
				Map<TopicPartition, OffsetAndMetadata> committed = this.admin.listConsumerGroupOffsets(group)
					.partitionsToOffsetAndMetadata()
					.get(5, TimeUnit.SECONDS);
				Map<TopicPartition, OffsetSpec> request = new HashMap<>();
				committed.keySet().forEach((partition) -> request.put(partition, OffsetSpec.latest()));
				var ends = this.admin.listOffsets(request).all().get(5, TimeUnit.SECONDS);
				lags.put(kind,
						committed.entrySet()
							.stream()
							.mapToLong((e) -> Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset()))
							.sum());
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

	/**
	 * The signed-in user.
	 *
	 * @param name the sign-in name
	 * @param roles e.g. {@code OFFICIAL}
	 */
	record SignedIn(String name, List<String> roles) {

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
