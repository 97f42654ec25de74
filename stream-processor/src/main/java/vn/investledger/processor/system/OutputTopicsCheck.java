package vn.investledger.processor.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;

import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import vn.investledger.events.Topics;

/**
 * Before any topic is created or changed: each keyed topic the processor writes that
 * exists already (the figures', the stock's, the project states', the applied events')
 * has {@code investledger.topic-partitions} partitions. Spring's {@link KafkaAdmin} adds
 * partitions to a topic that has fewer than its declaration says; on these topics that
 * would put a key's newer records on another partition than its older ones, and the
 * indexers, which version each document by its record's offset, would keep an older
 * figure or state over a newer one without a word. So a processor whose setting differs
 * from the topics refuses to start, naming each topic and what to set.
 * <p>
 * The topics' declarations ({@link TopicsConfiguration}) take this check as they are
 * made, so it runs before the admin creates or changes anything.
 */
@Component
public class OutputTopicsCheck {

	private final int partitions;

	/**
	 * Checks the topics.
	 * @param kafka the admin whose settings reach the cluster
	 * @param properties the processor's settings
	 * @throws IllegalStateException if a topic has another number of partitions, or the
	 * cluster did not answer within 30 s
	 */
	public OutputTopicsCheck(KafkaAdmin kafka, ProcessorProperties properties) {
		this.partitions = properties.topicPartitions();
		Topics topics = properties.topics();
		List<String> keyed = List.of(topics.totals().name(), topics.stock().name(), topics.projectState().name(),
				topics.appliedEvents().name());
		try (Admin admin = Admin.create(kafka.getConfigurationProperties())) {
			List<String> existing = admin.listTopics()
				.names()
				.get(30, TimeUnit.SECONDS)
				.stream()
				.filter(keyed::contains)
				.toList();
			Map<String, TopicDescription> descriptions = admin.describeTopics(existing)
				.allTopicNames()
				.get(30, TimeUnit.SECONDS);
			List<String> others = new ArrayList<>();
			for (String name : existing) {
				int count = descriptions.get(name).partitions().size();
				if (count != this.partitions) {
					others.add(name + " has " + count);
				}
			}
			if (!others.isEmpty()) {
				throw new IllegalStateException(
						"The processor writes its keyed topics with investledger.topic-partitions=" + this.partitions
								+ " partitions, but " + String.join(", ", others)
								+ ": adding partitions would put a key's newer records on another partition than its older"
								+ " ones, and the indices would keep the older. Set investledger.topic-partitions (TOPIC_PARTITIONS)"
								+ " to the topics' count: a keyed topic's count does not change in place");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while checking the processor's keyed topics", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not check the processor's keyed topics: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The partitions each keyed topic has, or is made with.
	 * @return the count
	 */
	public int partitions() {
		return this.partitions;
	}

}
