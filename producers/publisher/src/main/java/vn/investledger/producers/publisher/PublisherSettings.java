package vn.investledger.producers.publisher;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import vn.investledger.events.Topics;

/**
 * How a province's publisher connects.
 *
 * @param bootstrapServers the Kafka cluster's address
 * @param provinceCode the province this publisher speaks for: it refuses events of any
 * other province
 * @param topicPrefix the platform's topic prefix, {@value Topics#DEFAULT_PREFIX} unless
 * the platform says otherwise
 * @param kafkaProperties further producer properties (security, client id); they cannot
 * weaken the delivery guarantees nor change the partitioning, and
 * {@code max.request.size} may not be set below what the largest event needs
 */
public record PublisherSettings(String bootstrapServers, String provinceCode, String topicPrefix,
		Map<String, Object> kafkaProperties) {

	private static final Pattern PROVINCE_CODE = Pattern.compile("\\d{2}");

	public PublisherSettings {
		Objects.requireNonNull(bootstrapServers, "bootstrapServers");
		if (provinceCode == null || !PROVINCE_CODE.matcher(provinceCode).matches()) {
			throw new IllegalArgumentException("provinceCode must be a two-digit code, was " + provinceCode);
		}
		topicPrefix = (topicPrefix != null) ? topicPrefix : Topics.DEFAULT_PREFIX;
		kafkaProperties = (kafkaProperties != null) ? Map.copyOf(kafkaProperties) : Map.of();
	}

	public static PublisherSettings of(String bootstrapServers, String provinceCode) {
		return new PublisherSettings(bootstrapServers, provinceCode, null, null);
	}

	public PublisherSettings withTopicPrefix(String prefix) {
		return new PublisherSettings(this.bootstrapServers, this.provinceCode, prefix, this.kafkaProperties);
	}

	public PublisherSettings withKafkaProperties(Map<String, Object> properties) {
		return new PublisherSettings(this.bootstrapServers, this.provinceCode, this.topicPrefix, properties);
	}

}
