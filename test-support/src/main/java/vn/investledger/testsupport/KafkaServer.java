package vn.investledger.testsupport;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

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
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", this.bootstrapServers))) {
			admin
				.createTopics(provinces.stream()
					.map((code) -> new NewTopic(topics.eventTopicName(code), Topics.EVENT_PARTITIONS, (short) 1))
					.toList())
				.all()
				.get(30, TimeUnit.SECONDS);
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
