package vn.investledger.indexer.indexing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkListener;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import vn.investledger.indexer.system.IndexerProperties;

/**
 * Writes documents through the Elasticsearch client's {@link BulkIngester} and tells each
 * caller how its own operation ended, so that a Kafka listener can acknowledge its
 * records only once Elasticsearch has them. The ingester may put several listeners'
 * operations into one request; {@link #writeAlone} sends one caller's operations in a
 * request that holds nothing else.
 */
@Component
class BulkWriter implements DisposableBean {

	private final BulkIngester<CompletableFuture<BulkResponseItem>> ingester;

	private final ElasticsearchAsyncClient client;

	private final Timer latency;

	BulkWriter(ElasticsearchClient client, IndexerProperties properties, MeterRegistry meters) {
		Timer latency = Timer.builder("investledger.indexer.bulk")
			.description("Bulk requests to Elasticsearch, from sending to the answer")
			.publishPercentileHistogram()
			.register(meters);
		this.latency = latency;
		this.client = new ElasticsearchAsyncClient(client._transport(), client._transportOptions());
		this.ingester = BulkIngester.of((builder) -> builder.client(client)
			.maxOperations(1000)
			.maxSize(5L * 1024 * 1024)
			.maxConcurrentRequests(4)
			.flushInterval(properties.flushInterval().toMillis(), TimeUnit.MILLISECONDS)
			.listener(new CompletingListener(latency)));
	}

	/**
	 * Queues an operation.
	 * @param operation the operation
	 * @return completes with the operation's own result once its bulk request answered,
	 * or exceptionally if the request failed as a whole
	 */
	CompletableFuture<BulkResponseItem> write(BulkOperation operation) {
		CompletableFuture<BulkResponseItem> result = new CompletableFuture<>();
		this.ingester.add(operation, result);
		return result;
	}

	/**
	 * Sends what is queued now rather than at the next flush interval.
	 */
	void flush() {
		this.ingester.flush();
	}

	/**
	 * Sends operations at once in a bulk request of their own, outside the ingester, so
	 * that a refusal of the whole request can only be caused by one of them.
	 * @param operations the operations
	 * @return completes with Elasticsearch's answer, or exceptionally if the request
	 * failed as a whole
	 */
	CompletableFuture<BulkResponse> writeAlone(List<BulkOperation> operations) {
		long started = System.nanoTime();
		return this.client.bulk((request) -> request.operations(operations))
			.whenComplete(
					(response, failure) -> this.latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
	}

	@Override
	public void destroy() {
		this.ingester.close();
	}

	private static final class CompletingListener implements BulkListener<CompletableFuture<BulkResponseItem>> {

		private final Timer latency;

		private final Map<Long, Long> startedAt = new ConcurrentHashMap<>();

		CompletingListener(Timer latency) {
			this.latency = latency;
		}

		@Override
		public void beforeBulk(long executionId, BulkRequest request,
				List<CompletableFuture<BulkResponseItem>> contexts) {
			this.startedAt.put(executionId, System.nanoTime());
		}

		private void answered(long executionId) {
			Long started = this.startedAt.remove(executionId);
			if (started != null) {
				this.latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
			}
		}

		@Override
		public void afterBulk(long executionId, BulkRequest request, List<CompletableFuture<BulkResponseItem>> contexts,
				BulkResponse response) {
			answered(executionId);
			List<BulkResponseItem> items = response.items();
			for (int i = 0; i < contexts.size(); i++) {
				contexts.get(i).complete(items.get(i));
			}
		}

		@Override
		public void afterBulk(long executionId, BulkRequest request, List<CompletableFuture<BulkResponseItem>> contexts,
				Throwable failure) {
			answered(executionId);
			contexts.forEach((context) -> context.completeExceptionally(failure));
		}

	}

}
