package vn.investledger.testsupport;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import vn.investledger.events.Topics;

/**
 * A real Kafka broker that a test can use.
 *
 * @param bootstrapServers the address clients connect to
 */
public record KafkaServer(String bootstrapServers) {

	/**
	 * Creates the event topics of some provinces, as in service:
	 * {@link Topics#EVENT_PARTITIONS} partitions each.
	 * @param topics the test's topic registry (its own prefix)
	 * @param provinces the province codes
	 */
	public void createEventTopics(Topics topics, Collection<String> provinces) {
		List<String> names = provinces.stream().map(topics::eventTopicName).toList();
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", this.bootstrapServers))) {
			admin
				.createTopics(
						names.stream().map((name) -> new NewTopic(name, Topics.EVENT_PARTITIONS, (short) 1)).toList())
				.all()
				.get(30, TimeUnit.SECONDS);
			// the controller has made them; the broker a client asks may learn of them
			// a moment later, and a client that asks first is told they do not exist
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (true) {
				try {
					admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
					break;
				}
				catch (ExecutionException ex) {
					if (!(ex.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
						throw ex;
					}
					Thread.sleep(50);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating topics", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not create the event topics of " + provinces, ex);
		}
	}

}
