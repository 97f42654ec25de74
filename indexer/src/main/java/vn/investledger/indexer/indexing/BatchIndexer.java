package vn.investledger.indexer.indexing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import vn.investledger.indexer.indexing.DeadLetters.DeadLetter;

/**
 * Writes one Kafka batch and returns only when every record is either acknowledged by
 * Elasticsearch or on the dead-letter topic, so that the listener container commits the
 * batch's offsets after that and never before.
 * <ul>
 * <li>201/200, and 409 (Elasticsearch already holds this revision or a newer one):
 * done.</li>
 * <li>429 and 5xx: the item alone is sent again with exponential backoff; after
 * {@value #ITEM_ATTEMPTS} attempts the batch fails and the container retries it (see
 * {@code IndexerErrorHandling}).</li>
 * <li>any other refusal (a mapping or validation failure): the record goes to the
 * dead-letter topic with the reason.</li>
 * <li>no answer at all (Elasticsearch down): the batch fails and is retried until
 * Elasticsearch is back.</li>
 * </ul>
 */
@Component
class BatchIndexer {

	static final int ITEM_ATTEMPTS = 6;

	private static final Logger logger = LoggerFactory.getLogger(BatchIndexer.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

	private final BulkWriter writer;

	private final DeadLetters deadLetters;

	BatchIndexer(BulkWriter writer, DeadLetters deadLetters) {
		this.writer = writer;
		this.deadLetters = deadLetters;
	}

	/**
	 * Indexes a batch.
	 * @param batch the operations, in record order
	 * @param unreadable records that could not be turned into operations, with the reason
	 * @throws IndexingException if Elasticsearch did not take the batch (the container
	 * retries it)
	 */
	void index(List<Indexed> batch, List<DeadLetter> unreadable) {
		List<DeadLetter> refused = new ArrayList<>(unreadable);
		List<Indexed> pending = batch;
		Duration backoff = FIRST_BACKOFF;
		for (int attempt = 1; !pending.isEmpty(); attempt++) {
			List<BulkResponseItem> answers = write(pending);
			List<Indexed> retry = new ArrayList<>();
			for (int i = 0; i < pending.size(); i++) {
				BulkResponseItem answer = answers.get(i);
				int status = answer.status();
				if (answer.error() == null || status == 409) {
					continue;
				}
				if (status == 429 || status >= 500) {
					retry.add(pending.get(i));
				}
				else {
					refused.add(new DeadLetter(pending.get(i).source(),
							answer.error().type() + ": " + answer.error().reason(), status));
				}
			}
			if (!retry.isEmpty()) {
				if (attempt >= ITEM_ATTEMPTS) {
					throw new IndexingException(
							retry.size() + " document(s) still refused with 429/5xx after " + attempt + " attempts");
				}
				logger.info("Elasticsearch asked to retry {} of {} document(s); again in {} ms", retry.size(),
						pending.size(), backoff.toMillis());
				sleep(backoff);
				backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
			}
			pending = retry;
		}
		this.deadLetters.publish(refused);
	}

	private List<BulkResponseItem> write(List<Indexed> operations) {
		List<CompletableFuture<BulkResponseItem>> results = new ArrayList<>(operations.size());
		operations.forEach((indexed) -> results.add(this.writer.write(indexed.operation())));
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
			throw new IndexingException("Elasticsearch did not take the batch: " + ex.getMessage(), ex);
		}
		return results.stream().map(CompletableFuture::join).toList();
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IndexingException("Interrupted while waiting to retry", ex);
		}
	}

}
