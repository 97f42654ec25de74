package vn.investledger.console.system;

import org.apache.kafka.clients.admin.Admin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The console's one Kafka client, an admin client with Spring Kafka's connection
 * settings: it describes topics and groups (how far each of the indexer's groups and the
 * processor's is behind, how many records each unit's topic took, who is in the
 * processor's group) and reads no record.
 */
@Configuration(proxyBeanMethods = false)
class KafkaAdminConfiguration {

	@Bean(destroyMethod = "close")
	Admin kafkaAdminClient(KafkaAdmin kafka) {
		return Admin.create(kafka.getConfigurationProperties());
	}

}
