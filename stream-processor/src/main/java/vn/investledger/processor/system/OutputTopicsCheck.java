package vn.investledger.processor.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
			Map<String, Integer> counts = new TreeMap<>();
			existing.forEach((name) -> counts.put(name, descriptions.get(name).partitions().size()));
			String refusal = refusal(counts, this.partitions);
			if (refusal != null) {
				throw new IllegalStateException(refusal);
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
	 * Why the processor may not start on keyed topics of these counts, or {@code null}.
	 * @param counts each existing keyed topic's partitions
	 * @param partitions {@code investledger.topic-partitions}
	 * @return the reason and what to do, or {@code null} if every count is the setting
	 */
	static String refusal(Map<String, Integer> counts, int partitions) {
		List<String> fewer = new ArrayList<>();
		List<String> more = new ArrayList<>();
		// by name, whatever map is given: the message reads the same on every start
		Map<String, Integer> sorted = new TreeMap<>(counts);
		sorted.forEach((name, count) -> {
			if (count < partitions) {
				fewer.add(name + " has " + count);
			}
			else if (count > partitions) {
				more.add(name + " has " + count);
			}
		});
		if (fewer.isEmpty() && more.isEmpty()) {
			return null;
		}
		StringBuilder reason = new StringBuilder(
				"The processor declares its keyed topics with investledger.topic-partitions=")
			.append(partitions)
			.append(" partitions, but ")
			.append(String.join(", ", concat(fewer, more)))
			.append(": ");
		if (!fewer.isEmpty()) {
			reason.append("adding partitions to a topic would put a key's newer records on another partition than its"
					+ " older ones, and the indices would keep the older");
		}
		else {
			reason.append("the keyed topics made from now on would have other partitions than these");
		}
		Set<Integer> distinct = new TreeSet<>(counts.values());
		if (distinct.size() == 1) {
			int count = distinct.iterator().next();
			reason.append(". Set investledger.topic-partitions (TOPIC_PARTITIONS) to ").append(count);
			if (count != Topics.EVENT_PARTITIONS) {
				reason.append(" (a recount then refuses: it reads the applied events in the ledger's ")
					.append(Topics.EVENT_PARTITIONS)
					.append(" tasks; replays stay open)");
			}
		}
		else {
			reason.append(". The keyed topics differ among themselves (")
				.append(sorted)
				.append("): a topic's count does not change in place; make the topics whose count differs from the"
						+ " setting anew and rebuild the indices fed from them (README, \"Partitions\")");
		}
		return reason.toString();
	}

	private static List<String> concat(List<String> first, List<String> second) {
		List<String> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	/**
	 * The partitions each keyed topic has, or is made with.
	 * @return the count
	 */
	public int partitions() {
		return this.partitions;
	}

}
