package vn.investledger.indexer.indexing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;

import org.springframework.stereotype.Component;

/**
 * Writes one Kafka batch's operations and waits until Elasticsearch answered each of
 * them.
 */
@Component
class BatchIndexer {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final BulkWriter writer;

	BatchIndexer(BulkWriter writer) {
		this.writer = writer;
	}

	/**
	 * Writes the operations and returns when all are durable in Elasticsearch.
	 * @param operations the batch's operations, in record order
	 * @throws IndexingException if any operation failed, other than a version conflict
	 * (which means Elasticsearch already holds this revision or a newer one)
	 */
	void index(List<BulkOperation> operations) {
		if (operations.isEmpty()) {
			return;
		}
		List<CompletableFuture<BulkResponseItem>> results = new ArrayList<>(operations.size());
		operations.forEach((operation) -> results.add(this.writer.write(operation)));
		this.writer.flush();
		try {
			CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
				.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IndexingException("Interrupted while indexing", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IndexingException("Elasticsearch did not take the batch", ex);
		}
		List<String> failures = results.stream()
			.map(CompletableFuture::join)
			.filter((item) -> item.error() != null && item.status() != 409)
			.map((item) -> item.id() + ": " + item.status() + " " + item.error().type() + " " + item.error().reason())
			.toList();
		if (!failures.isEmpty()) {
			throw new IndexingException("Elasticsearch refused " + failures.size() + " document(s): " + failures);
		}
	}

}
