package vn.investledger.indexer.indexing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperationBase;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.transport.TransportException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import vn.investledger.indexer.indexing.DeadLetters.DeadLetter;

/**
 * Writes one Kafka batch and returns only when every record is either acknowledged by
 * Elasticsearch or on the dead-letter topic, so that the listener container commits the
 * batch's offsets after that and never before.
 * <p>
 * Before sending, a document whose id is longer than {@value #MAX_ID_BYTES} bytes in
 * UTF-8 goes to the dead-letter topic: Elasticsearch would refuse the whole bulk request
 * holding it.
 * <p>
 * How the request ended:
 * <ul>
 * <li>refused as a whole because of what it holds (400, 413, and any other 4xx that is
 * not about credentials, the address or the server's load): the batch's operations are
 * split in halves and each half is sent again in a request of its own, and so on, until
 * the operations Elasticsearch refuses alone are found; they go to the dead-letter topic
 * with Elasticsearch's reason and status, and the rest is indexed. One document never
 * blocks its partition.</li>
 * <li>no answer at all (Elasticsearch down), 5xx, 429, 401, 403, 404, 407 or 408, or a
 * refusal about the index rather than the documents (see below), for the whole request:
 * the batch fails and is retried until Elasticsearch takes it (see
 * {@code IndexerErrorHandling}).</li>
 * </ul>
 * How each item ended:
 * <ul>
 * <li>201/200, and 409 (Elasticsearch already holds this version or a newer one):
 * done.</li>
 * <li>5xx, 429, 401, 403, 404, 407 or 408, or an error about the index: blocked for
 * writes ({@code cluster_block_exception}: a {@code _block/write}, ILM, the disk's flood
 * stage), not the indexer's to write ({@code security_exception}), closed
 * ({@code index_closed_exception}) or missing ({@code index_not_found_exception}): the
 * item alone is sent again with exponential backoff; after {@value #ITEM_ATTEMPTS}
 * attempts the batch fails and the container retries it until Elasticsearch takes it.
 * None of these says anything about the document, and a dead letter would be
 * acknowledged: its figure would stay out of the index while the pipeline looked
 * healthy.</li>
 * <li>any other refusal, the document's own (a mapping or validation failure): the record
 * goes to the dead-letter topic with the reason.</li>
 * </ul>
 */
@Component
class BatchIndexer {

	static final int ITEM_ATTEMPTS = 6;

	/** The longest document id Elasticsearch takes, in bytes of UTF-8. */
	static final int MAX_ID_BYTES = 512;

	/**
	 * Client errors, of a whole request or of an item, that say nothing about the
	 * documents: credentials, privileges, a wrong address, a timeout, the server's load.
	 * Splitting or dead-lettering would take every document of the batch out of the
	 * index; retrying waits until someone fixes the cause.
	 */
	private static final Set<Integer> NOT_ABOUT_THE_DOCUMENTS = Set.of(401, 403, 404, 407, 408, 429);

	/**
	 * Errors about the index a document goes to, not the document, whatever their status
	 * (a closed index is a 400): they last until someone lifts the block, grants the
	 * privilege, opens or creates the index.
	 */
	private static final Set<String> ABOUT_THE_INDEX = Set.of("cluster_block_exception", "security_exception",
			"index_closed_exception", "index_not_found_exception");

	/**
	 * How much of the start and of the end of a long reason is kept, in logs and headers:
	 * Elasticsearch quotes the id, which may be the very problem, between what it refused
	 * and why.
	 */
	private static final int REASON_ENDS = 200;

	private static final Logger logger = LoggerFactory.getLogger(BatchIndexer.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

	private final BulkWriter writer;

	private final DeadLetters deadLetters;

	private final Counter splits;

	private final boolean checkIdLength;

	@Autowired
	BatchIndexer(BulkWriter writer, DeadLetters deadLetters, MeterRegistry meters) {
		this(writer, deadLetters, meters, true);
	}

	/**
	 * An indexer that may leave the id check to Elasticsearch, so that tests can make it
	 * refuse a whole request.
	 */
	BatchIndexer(BulkWriter writer, DeadLetters deadLetters, MeterRegistry meters, boolean checkIdLength) {
		this.writer = writer;
		this.deadLetters = deadLetters;
		this.splits = Counter.builder("investledger.indexer.bulk.splits")
			.description("Bulk requests Elasticsearch refused as a whole that the indexer split in halves")
			.register(meters);
		this.checkIdLength = checkIdLength;
	}

	/**
	 * Indexes a batch.
	 * @param batch the operations, in record order
	 * @param unreadable records that could not be turned into operations, with the reason
	 * @return the operations Elasticsearch acknowledged (written, or holding this version
	 * or a newer one already); not those dead-lettered
	 * @throws IndexingException if Elasticsearch did not take the batch (the container
	 * retries it)
	 */
	List<Indexed> index(List<Indexed> batch, List<DeadLetter> unreadable) {
		List<DeadLetter> refused = new ArrayList<>(unreadable);
		List<Indexed> acknowledged = new ArrayList<>(batch.size());
		List<Indexed> pending = new ArrayList<>(batch.size());
		for (Indexed indexed : batch) {
			String idTooLong = this.checkIdLength ? idTooLong(indexed.operation()) : null;
			if (idTooLong != null) {
				refused.add(new DeadLetter(indexed.source(), idTooLong, 0));
			}
			else {
				pending.add(indexed);
			}
		}
		Duration backoff = FIRST_BACKOFF;
		for (int attempt = 1; !pending.isEmpty(); attempt++) {
			List<Answered> answers = send(pending, refused);
			List<Indexed> retry = new ArrayList<>();
			String why = null;
			for (Answered answered : answers) {
				BulkResponseItem answer = answered.answer();
				ErrorCause error = answer.error();
				int status = answer.status();
				if (error == null || status == 409) {
					acknowledged.add(answered.indexed());
				}
				else if (status >= 500 || notAboutTheDocuments(status, error.type())) {
					// made anew: a figure is stamped with the time it is written
					retry.add(answered.indexed().again());
					why = (why != null) ? why : status + " " + error.type() + ": " + error.reason();
				}
				else {
					refused
						.add(new DeadLetter(answered.indexed().source(), error.type() + ": " + error.reason(), status));
				}
			}
			if (!retry.isEmpty()) {
				if (attempt >= ITEM_ATTEMPTS) {
					throw new IndexingException(retry.size() + " document(s) still refused after " + attempt
							+ " attempts for a reason not theirs, the first with " + why);
				}
				logger.info("Elasticsearch refused {} of {} document(s) for now, the first with {}; again in {} ms",
						retry.size(), answers.size(), why, backoff.toMillis());
				sleep(backoff);
				backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
			}
			pending = retry;
		}
		this.deadLetters.publish(refused);
		return acknowledged;
	}

	/**
	 * Whether Elasticsearch's refusal of a request or an item is about something other
	 * than the documents: credentials, privileges, an address, a timeout, the server's
	 * load, or the index (blocked, closed, missing). Such a refusal waits for someone to
	 * fix the cause; the documents are not dead-lettered for it.
	 * @param status the HTTP status
	 * @param type the error type, or {@code null} if unknown
	 * @return whether the documents are not the cause
	 */
	private static boolean notAboutTheDocuments(int status, String type) {
		return NOT_ABOUT_THE_DOCUMENTS.contains(status) || (type != null && ABOUT_THE_INDEX.contains(type));
	}

	private static String idTooLong(BulkOperation operation) {
		if (operation._get() instanceof BulkOperationBase base && base.id() != null) {
			int bytes = base.id().getBytes(StandardCharsets.UTF_8).length;
			if (bytes > MAX_ID_BYTES) {
				return "id too long: " + bytes + " bytes in UTF-8, Elasticsearch takes at most " + MAX_ID_BYTES;
			}
		}
		return null;
	}

	/**
	 * Sends operations through the ingester and returns each one's answer, except for
	 * those Elasticsearch refuses as a whole request, which are added to the refused.
	 */
	private List<Answered> send(List<Indexed> operations, List<DeadLetter> refused) {
		List<CompletableFuture<BulkResponseItem>> results = new ArrayList<>(operations.size());
		operations.forEach((indexed) -> results.add(this.writer.write(indexed.operation())));
		this.writer.flush();
		try {
			await(CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)));
		}
		catch (RequestRefused ex) {
			// The ingester may have put other listeners' operations into the same
			// request, so even a single operation of this batch is not known to be the
			// cause yet.
			return settle(operations, ex, false, refused);
		}
		return answered(operations, results.stream().map(CompletableFuture::join).toList());
	}

	/**
	 * Finds the operations Elasticsearch refuses as a whole request by sending halves of
	 * a refused request in requests of their own.
	 * @param operations this batch's operations in the refused request
	 * @param refusal why it was refused
	 * @param alone whether the refused request held these operations and nothing else
	 * @param refused where the operations refused alone go
	 * @return the answers to the other operations
	 */
	private List<Answered> settle(List<Indexed> operations, RequestRefused refusal, boolean alone,
			List<DeadLetter> refused) {
		if (operations.size() == 1 && alone) {
			refused.add(new DeadLetter(operations.getFirst().source(), refusal.reason(), refusal.status()));
			return List.of();
		}
		List<List<Indexed>> parts = List.of(operations);
		if (operations.size() > 1) {
			int half = operations.size() / 2;
			parts = List.of(operations.subList(0, half), operations.subList(half, operations.size()));
			this.splits.increment();
			logger.info(
					"Elasticsearch refused a bulk request holding {} document(s) of this batch as a whole ({} {}); "
							+ "sending {} and {} in requests of their own",
					operations.size(), refusal.status(), refusal.reason(), parts.get(0).size(), parts.get(1).size());
		}
		List<Answered> answers = new ArrayList<>(operations.size());
		for (List<Indexed> part : parts) {
			List<BulkOperation> request = part.stream().map(Indexed::operation).toList();
			try {
				answers.addAll(answered(part, await(this.writer.writeAlone(request)).items()));
			}
			catch (RequestRefused ex) {
				answers.addAll(settle(part, ex, true, refused));
			}
		}
		return answers;
	}

	private static List<Answered> answered(List<Indexed> operations, List<BulkResponseItem> answers) {
		if (answers.size() != operations.size()) {
			throw new IndexingException(
					"Elasticsearch answered " + answers.size() + " item(s) for " + operations.size() + " operation(s)");
		}
		List<Answered> answered = new ArrayList<>(operations.size());
		for (int i = 0; i < operations.size(); i++) {
			answered.add(new Answered(operations.get(i), answers.get(i)));
		}
		return answered;
	}

	/**
	 * Waits for a request's answer.
	 * @throws RequestRefused if Elasticsearch refused the request as a whole because of
	 * what it holds
	 * @throws IndexingException if it did not answer, or refused for another reason
	 */
	private static <T> T await(CompletableFuture<T> answer) {
		try {
			return answer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IndexingException("Interrupted while indexing", ex);
		}
		catch (ExecutionException ex) {
			RequestRefused refused = RequestRefused.of(ex);
			if (refused != null) {
				throw refused;
			}
			throw new IndexingException("Elasticsearch did not take the batch: " + ex.getMessage(), ex);
		}
		catch (TimeoutException ex) {
			throw new IndexingException("Elasticsearch did not take the batch: " + ex.getMessage(), ex);
		}
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

	private record Answered(Indexed indexed, BulkResponseItem answer) {

	}

	/**
	 * Elasticsearch refused a bulk request as a whole because of what it holds.
	 */
	private static final class RequestRefused extends RuntimeException {

		private final String reason;

		private final int status;

		private RequestRefused(String reason, int status, Throwable cause) {
			super(reason, cause, false, false);
			int leftOut = reason.length() - 2 * REASON_ENDS;
			this.reason = (leftOut > 0) ? reason.substring(0, REASON_ENDS) + "…(" + leftOut + " characters)…"
					+ reason.substring(reason.length() - REASON_ENDS) : reason;
			this.status = status;
		}

		/**
		 * The refusal a failed request's exception stands for.
		 * @param failure what the client raised
		 * @return the refusal, or {@code null} if the request may succeed as it is later
		 */
		static RequestRefused of(Throwable failure) {
			Throwable cause = failure;
			while ((cause instanceof ExecutionException || cause instanceof CompletionException)
					&& cause.getCause() != null) {
				cause = cause.getCause();
			}
			// Elasticsearch's own error answer
			if (cause instanceof ElasticsearchException ex && refusesTheDocuments(ex.status(), ex.error().type())) {
				String reason = ex.error().reason();
				return new RequestRefused(ex.error().type() + ((reason != null) ? ": " + reason : ""), ex.status(), ex);
			}
			// an error answer without a body the client can read as Elasticsearch's error
			if (cause instanceof TransportException ex && refusesTheDocuments(ex.statusCode(), null)) {
				return new RequestRefused(ex.getMessage(), ex.statusCode(), ex);
			}
			return null;
		}

		private static boolean refusesTheDocuments(int status, String type) {
			return status >= 400 && status < 500 && !notAboutTheDocuments(status, type);
		}

		String reason() {
			return this.reason;
		}

		int status() {
			return this.status;
		}

	}

}
