package vn.investledger.producers.publisher;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import vn.investledger.events.Topics;
import vn.investledger.events.reference.VsicEditions;

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
 * @param vsicEditions the VSIC tables an event's sector is judged by, the platform's
 * (shipped unless it says otherwise)
 */
public record PublisherSettings(String bootstrapServers, String provinceCode, String topicPrefix,
		Map<String, Object> kafkaProperties, VsicEditions vsicEditions) {

	private static final Pattern PROVINCE_CODE = Pattern.compile("\\d{2}");

	public PublisherSettings {
		Objects.requireNonNull(bootstrapServers, "bootstrapServers");
		if (provinceCode == null || !PROVINCE_CODE.matcher(provinceCode).matches()) {
			throw new IllegalArgumentException("provinceCode must be a two-digit code, was " + provinceCode);
		}
		topicPrefix = (topicPrefix != null) ? topicPrefix : Topics.DEFAULT_PREFIX;
		kafkaProperties = (kafkaProperties != null) ? Map.copyOf(kafkaProperties) : Map.of();
		vsicEditions = (vsicEditions != null) ? vsicEditions : VsicEditions.standard();
	}

	/**
	 * Settings with the shipped VSIC tables.
	 * @param bootstrapServers the Kafka cluster's address
	 * @param provinceCode the province this publisher speaks for
	 * @param topicPrefix the platform's topic prefix, or {@code null} for the default
	 * @param kafkaProperties further producer properties, or {@code null}
	 */
	public PublisherSettings(String bootstrapServers, String provinceCode, String topicPrefix,
			Map<String, Object> kafkaProperties) {
		this(bootstrapServers, provinceCode, topicPrefix, kafkaProperties, null);
	}

	public static PublisherSettings of(String bootstrapServers, String provinceCode) {
		return new PublisherSettings(bootstrapServers, provinceCode, null, null, null);
	}

	public PublisherSettings withTopicPrefix(String prefix) {
		return new PublisherSettings(this.bootstrapServers, this.provinceCode, prefix, this.kafkaProperties,
				this.vsicEditions);
	}

	public PublisherSettings withKafkaProperties(Map<String, Object> properties) {
		return new PublisherSettings(this.bootstrapServers, this.provinceCode, this.topicPrefix, properties,
				this.vsicEditions);
	}

	/**
	 * The same settings with a deployment's VSIC tables, e.g.
	 * {@code VsicEditions.read(sections, correspondence)}: the platform's, so that the
	 * publisher refuses what the ledger would.
	 * @param editions the tables
	 * @return a copy
	 */
	public PublisherSettings withVsicEditions(VsicEditions editions) {
		return new PublisherSettings(this.bootstrapServers, this.provinceCode, this.topicPrefix, this.kafkaProperties,
				editions);
	}

}
