package vn.investledger.indexer.indexing;

import java.time.Duration;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import vn.investledger.indexer.system.IndexerProperties;

/**
 * What happens when a batch fails as a whole (Elasticsearch down, or still refusing
 * documents for a reason not theirs after the item retries: 429, a write block, a closed
 * index, see {@code BatchIndexer}): the container seeks back to the batch's first record
 * and retries it, backing off from 0.5 s to 10 s, for as long as it takes. Its offsets
 * are not committed meanwhile, and the external versions make the repeated writes
 * harmless, so the indexer resumes by itself when Elasticsearch is back and loses
 * nothing.
 */
@Configuration(proxyBeanMethods = false)
class IndexerErrorHandling {

	@Bean
	CommonErrorHandler retryUntilElasticsearchTakesIt() {
		ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
		backOff.setMaxInterval(10_000);
		// no maximum elapsed time, no maximum attempts: never give a batch up
		return new DefaultErrorHandler(backOff);
	}

	@Bean
	NewTopic indexerDeadLetters(IndexerProperties properties) {
		return TopicBuilder.name(DeadLetters.deadLetterTopic(properties))
			.partitions(1)
			.config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(DeadLetters.MAX_RECORD_BYTES))
			.build();
	}

	/**
	 * A dead-letter topic made by an earlier version takes Kafka's 1 MiB: raised as the
	 * indexer starts ({@link DeadLetterTopicSize}).
	 */
	@Bean
	SmartInitializingSingleton raiseDeadLetterTopicSize(KafkaAdmin kafka, IndexerProperties properties) {
		return () -> {
			Admin admin = Admin.create(kafka.getConfigurationProperties());
			try {
				DeadLetterTopicSize.raise(admin, DeadLetters.deadLetterTopic(properties));
			}
			finally {
				// with Kafka unreachable, not the minute a pending call may take
				admin.close(Duration.ofSeconds(1));
			}
		};
	}

}
