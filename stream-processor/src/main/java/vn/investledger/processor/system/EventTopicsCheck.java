package vn.investledger.processor.system;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import vn.investledger.events.Topics;

/**
 * Before the streams start: every event topic, the units' and any other that matches the
 * pattern, has {@link Topics#EVENT_PARTITIONS} partitions (else a project's records could
 * not meet in one task, and the processor refuses to start, naming the topic), takes the
 * broker's append time as its records' timestamps and is stored uncompressed, at most 4
 * MiB a batch ({@link Topics#EVENT_TOPIC_CONFIGS}; else each is set, with a warning:
 * records already written keep the time their producers gave them, and stay as they were
 * written).
 */
@Component
class EventTopicsCheck implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(EventTopicsCheck.class);

	private final KafkaAdmin kafka;

	private final Topics topics;

	EventTopicsCheck(KafkaAdmin kafka, ProcessorProperties properties) {
		this.kafka = kafka;
		this.topics = properties.topics();
	}

	@Override
	public void afterSingletonsInstantiated() {
		try (Admin admin = Admin.create(this.kafka.getConfigurationProperties())) {
			List<String> eventTopics = admin.listTopics()
				.names()
				.get(30, TimeUnit.SECONDS)
				.stream()
				.filter((name) -> this.topics.eventTopicPattern().matcher(name).matches())
				.sorted()
				.toList();
			Map<String, TopicDescription> descriptions = admin.describeTopics(eventTopics)
				.allTopicNames()
				.get(30, TimeUnit.SECONDS);
			for (TopicDescription description : descriptions.values()) {
				if (description.partitions().size() != Topics.EVENT_PARTITIONS) {
					throw new IllegalStateException("Event topic " + description.name() + " has "
							+ description.partitions().size() + " partitions; every event topic must have "
							+ Topics.EVENT_PARTITIONS + ", so that a project's records meet in one task");
				}
			}
			var configs = admin.describeConfigs(
					eventTopics.stream().map((name) -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList())
				.all()
				.get(30, TimeUnit.SECONDS);
			configs.forEach((resource, config) -> {
				for (String name : List.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG,
						TopicConfig.COMPRESSION_TYPE_CONFIG, TopicConfig.MAX_MESSAGE_BYTES_CONFIG)) {
					String wanted = Topics.EVENT_TOPIC_CONFIGS.get(name);
					var value = config.get(name);
					if (value == null || !wanted.equals(value.value())) {
						logger.warn(
								"Event topic {} has {}={}; setting it to {} (records already written stay as "
										+ "they were written)",
								resource.name(), name, (value != null) ? value.value() : null, wanted);
						set(admin, resource, name, wanted);
					}
				}
			});
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while checking the event topics", ex);
		}
		catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
			throw new IllegalStateException("Could not check the event topics: " + ex.getMessage(), ex);
		}
	}

	private static void set(Admin admin, ConfigResource topic, String name, String value) {
		try {
			admin
				.incrementalAlterConfigs(Map.of(topic,
						List.of(new org.apache.kafka.clients.admin.AlterConfigOp(
								new org.apache.kafka.clients.admin.ConfigEntry(name, value),
								org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET))))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			if (!(ex.getCause() instanceof org.apache.kafka.common.errors.AuthorizationException)) {
				throw new IllegalStateException("Could not set " + name + "=" + value + " on " + topic.name(), ex);
			}
			// a secured cluster lets the processor read the event topics only: its
			// cluster-setup sets them
			logger.error(
					"The processor may not set {}={} on {} ({}): run cluster-setup apply, which gives every event "
							+ "topic its settings; the ledger goes on meanwhile",
					name, value, topic.name(), ex.getCause().getMessage());
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not set " + name + "=" + value + " on " + topic.name(), ex);
		}
	}

}
