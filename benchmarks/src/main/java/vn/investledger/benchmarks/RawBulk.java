package vn.investledger.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;

import vn.investledger.events.EventJson;
import vn.investledger.index.Indices;
import vn.investledger.index.ProjectDocument;

/**
 * The raw limit of indexing here: project documents sent straight to {@code _bulk} over
 * HTTP, with the same ids and external versions as the indexer, and no Kafka.
 */
final class RawBulk {

	/** The external versions, as the indexer's record offsets: one newer per document. */
	private final AtomicLong versions = new AtomicLong();

	private final HttpClient http = HttpClient.newHttpClient();

	private final String url;

	RawBulk(String elasticsearchUrl) {
		this.url = elasticsearchUrl;
	}

	/**
	 * Creates an index with the projects mapping the indexer's template gives.
	 * @param index the index
	 */
	void createProjectsIndex(String index) throws Exception {
		String definition = Indices.definition("projects");
		send(HttpRequest.newBuilder(URI.create(this.url + "/" + index))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(definition))
			.build());
		send(HttpRequest.newBuilder(URI.create(this.url + "/" + index + "/_settings"))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"index\":{\"number_of_replicas\":0}}"))
			.build());
	}

	/**
	 * Indexes documents in one bulk request and fails on any refused item.
	 * @param index the index or alias
	 * @param documents the documents
	 */
	void index(String index, List<ProjectDocument> documents) throws Exception {
		StringBuilder body = new StringBuilder(documents.size() * 1200);
		for (ProjectDocument document : documents) {
			body.append("{\"index\":{\"_index\":\"")
				.append(index)
				.append("\",\"_id\":\"")
				.append(document.projectCode())
				.append("\",\"version\":")
				.append(this.versions.incrementAndGet())
				.append(",\"version_type\":\"external\"}}\n");
			body.append(EventJson.toJson(document)).append('\n');
		}
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(this.url + "/_bulk"))
			.header("Content-Type", "application/x-ndjson")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
			.build());
		JsonNode answer = EventJson.mapper().readTree(response.body());
		if (answer.get("errors").asBoolean()) {
			throw new IllegalStateException("Bulk refused: " + response.body().substring(0, 2000));
		}
	}

	void refresh(String index) throws Exception {
		send(HttpRequest.newBuilder(URI.create(this.url + "/" + index + "/_refresh"))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build());
	}

	long count(String index) throws Exception {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(URI.create(this.url + "/" + index + "/_count")).GET().build());
		return EventJson.mapper().readTree(response.body()).get("count").asLong();
	}

	/**
	 * Searches an index.
	 * @param index the index or alias
	 * @param body the search request's JSON
	 * @return the answer
	 */
	JsonNode search(String index, String body) throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(this.url + "/" + index + "/_search"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
		return EventJson.mapper().readTree(response.body());
	}

	/**
	 * The CPU time the node's process has used since it started.
	 * @return milliseconds of CPU
	 */
	long processCpuMillis() throws Exception {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(URI.create(this.url + "/_nodes/_local/stats/process")).GET().build());
		JsonNode nodes = EventJson.mapper().readTree(response.body()).path("nodes");
		JsonNode millis = nodes.isEmpty() ? null
				: nodes.values().iterator().next().path("process").path("cpu").get("total_in_millis");
		if (millis == null || !millis.isIntegralNumber()) {
			throw new IllegalStateException("No process.cpu.total_in_millis in the node stats: " + response.body());
		}
		return millis.asLong();
	}

	/**
	 * Sends a JSON body with PUT, failing on any answer but 2xx.
	 * @param path the path, from the node's root
	 * @param body the JSON
	 */
	void put(String path, String body) throws Exception {
		send(HttpRequest.newBuilder(URI.create(this.url + path))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	/**
	 * Sends a JSON body with POST, failing on any answer but 2xx.
	 * @param path the path, from the node's root
	 * @param body the JSON
	 */
	void post(String path, String body) throws Exception {
		send(HttpRequest.newBuilder(URI.create(this.url + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() >= 300) {
			throw new IllegalStateException(request.uri() + ": " + response.statusCode() + " " + response.body());
		}
		return response;
	}

}
