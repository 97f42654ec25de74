package vn.investledger.console.operations;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the operations view shows of a failed sample: what failed, never the client's own
 * message, which names hosts, indices and accounts.
 */
class SamplerFailureTests {

	@Test
	void shouldNameWhatFailedInWordsAnOperatorActsOn() {
		assertThat(PipelineSampler.describe(new TimeoutException("Timed out waiting for node 127.0.0.1:9092")))
			.isEqualTo("Kafka did not answer within 5 s");
		assertThat(PipelineSampler.describe(new ExecutionException(
				new org.apache.kafka.common.errors.TimeoutException("Call(callName=describeCluster)"))))
			.isEqualTo("Kafka did not answer within 5 s");
		assertThat(PipelineSampler.describe(
				new ExecutionException(new GroupAuthorizationException("Not authorized to access group: ledger-x"))))
			.isEqualTo("Kafka refused the console's account (see README, the console's grants)");
		assertThat(PipelineSampler.describe(new TopicAuthorizationException("ledger.events.31")))
			.isEqualTo("Kafka refused the console's account (see README, the console's grants)");
		assertThat(PipelineSampler.describe(new ConnectException("Connection refused: es-1.internal:9200")))
			.isEqualTo("Elasticsearch could not be reached; details in the console's log");
	}

	@Test
	void shouldNeverShowTheClientsOwnMessage() {
		String secret = "es-1.internal:9200 index ledger-history-v3 user indexer";
		for (Throwable failure : new Throwable[] { new TimeoutException(secret), new IOException(secret),
				new IllegalStateException(secret), new ExecutionException(new TopicAuthorizationException(secret)),
				new org.apache.kafka.common.KafkaException(secret),
				new ExecutionException(new RuntimeException(secret)) }) {
			assertThat(PipelineSampler.describe(failure)).doesNotContain("es-1", "ledger-history", "indexer", "9200");
		}
	}

}
