package vn.investledger.producers.gateway;

import org.springframework.test.context.DynamicPropertyRegistry;

import vn.investledger.producers.gateway.security.ApiKeys;
import vn.investledger.testsupport.RealServers;

/**
 * What a gateway test sets: the real Kafka, its own topic prefix, and the provinces' API
 * keys (the gateway keeps only their SHA-256).
 */
public final class GatewaySettings {

	private GatewaySettings() {
	}

	/**
	 * Registers the settings.
	 * @param registry the test's dynamic properties
	 * @param prefix the topic prefix
	 * @param provincesAndKeys each province's code followed by its key
	 */
	public static void register(DynamicPropertyRegistry registry, String prefix, String... provincesAndKeys) {
		registry.add("spring.kafka.bootstrap-servers", () -> RealServers.kafka().bootstrapServers());
		registry.add("investledger.topic-prefix", () -> prefix);
		for (int i = 0; i < provincesAndKeys.length / 2; i++) {
			String province = provincesAndKeys[2 * i];
			String key = provincesAndKeys[2 * i + 1];
			registry.add("investledger.api-keys[" + i + "].province", () -> province);
			registry.add("investledger.api-keys[" + i + "].sha256", () -> ApiKeys.sha256Hex(key));
		}
	}

}
