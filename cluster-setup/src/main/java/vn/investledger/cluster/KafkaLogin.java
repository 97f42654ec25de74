package vn.investledger.cluster;

import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * The client settings that sign in to the cluster's client listener as a principal:
 * SASL/SCRAM-SHA-512 over the {@code SASL_PLAINTEXT} listener of the broker template.
 */
public final class KafkaLogin {

	public static final String SECURITY_PROTOCOL = "SASL_PLAINTEXT";

	public static final String MECHANISM = "SCRAM-SHA-512";

	private KafkaLogin() {
	}

	/**
	 * Settings for any Kafka client (producer, consumer, admin).
	 * @param principal the principal
	 * @param password its password
	 * @return {@code security.protocol}, {@code sasl.mechanism} and
	 * {@code sasl.jaas.config}
	 */
	public static Map<String, Object> scram(String principal, String password) {
		return Map.of(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SECURITY_PROTOCOL, SaslConfigs.SASL_MECHANISM,
				MECHANISM, SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule"
						+ " required username=\"" + principal + "\" password=\"" + password + "\";");
	}

}
