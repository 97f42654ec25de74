package vn.investledger.indexer.indexing;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.indices.get_mapping.IndexMappingRecord;
import co.elastic.clients.json.JsonData;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import org.springframework.stereotype.Component;

/**
 * Which topic an index was filled from, by the topic's id: the documents of the projects,
 * the history and the figures are versioned by their records' offsets, so a topic of the
 * same name deleted and made again (its offsets from 0 again), or another deployment's
 * topics read into the same indices, would have every write refused by the older
 * documents' versions, and the index would go on showing the old values, unseen. Each
 * such index records its topic's id in its mapping's {@code _meta.sources}
 * ({@code {"<topic>": "<topic id>"}}): at the indexer's first start with it, and when a
 * rebuild creates it. The indexer compares it at every start
 * ({@code vn.investledger.indexer.rebuild.SourceTopicsCheck}), and again every minute
 * while it runs ({@code vn.investledger.indexer.rebuild.SourceTopicsWatch}).
 */
@Component
public class SourceTopics {

	private static final String SOURCES = "sources";

	private final ElasticsearchClient client;

	private final Admin admin;

	SourceTopics(ElasticsearchClient client, Admin admin) {
		this.client = client;
		this.admin = admin;
	}

	/**
	 * A topic's id.
	 * @param topic the topic's name
	 * @return its id, or {@code null} if it does not exist (yet)
	 * @throws IllegalStateException if Kafka cannot be asked within 10 s
	 */
	public String idOf(String topic) {
		try {
			return this.admin.describeTopics(List.of(topic))
				.allTopicNames()
				.get(10, TimeUnit.SECONDS)
				.get(topic)
				.topicId()
				.toString();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while describing " + topic, ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
				return null;
			}
			throw new IllegalStateException("Could not describe " + topic + ": " + ex.getMessage(), ex);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Could not describe " + topic + " within 10 s", ex);
		}
	}

	/**
	 * The topics an index records it was filled from.
	 * @param index the index
	 * @return each topic's id by name, empty if none is recorded
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	public Map<String, String> recorded(String index) throws IOException {
		IndexMappingRecord mapping = this.client.indices().getMapping((request) -> request.index(index)).get(index);
		Map<String, String> sources = new LinkedHashMap<>();
		JsonData recorded = (mapping != null) ? mapping.mappings().meta().get(SOURCES) : null;
		JsonValue value = (recorded != null) ? recorded.toJson() : null;
		if (value instanceof JsonObject object) {
			object.forEach((topic, id) -> sources.put(topic, (id instanceof JsonString text) ? text.getString() : ""));
		}
		return sources;
	}

	/**
	 * Records the topic an index is filled from.
	 * @param index the index
	 * @param topic the topic's name
	 * @param id the topic's id
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	public void record(String index, String topic, String id) throws IOException {
		this.client.indices()
			.putMapping((request) -> request.index(index).meta(SOURCES, JsonData.of(Map.of(topic, id))));
	}

	/**
	 * Compares the topic an index records with the topic as it is now, recording it if
	 * the index records none.
	 * @param kind the kind of index
	 * @param index the index
	 * @param topic the topic its documents are versioned by
	 * @return why the index cannot take the topic's records (without what to do), or
	 * {@code null} if it can (or the topic does not exist yet)
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	public String mismatch(String kind, String index, String topic) throws IOException {
		String id = idOf(topic);
		if (id == null) {
			return null;
		}
		Map<String, String> sources = recorded(index);
		if (sources.isEmpty()) {
			record(index, topic, id);
			return null;
		}
		if (id.equals(sources.get(topic))) {
			return null;
		}
		String what = sources.containsKey(topic)
				? "from topic " + topic + " when its id was " + sources.get(topic) + "; it is " + id
						+ " now: the topic was deleted and made again since"
				: "from " + sources + ", not from " + topic + " (" + id
						+ "): another deployment's topics, read into indices of the same prefix";
		return "Index " + index + " (" + kind + ") was filled " + what + ". Its documents are versioned by the"
				+ " offsets of the topic it was filled from, which would refuse every record of " + topic
				+ " until its offsets passed them, and the index would go on showing the old values";
	}

}
