package vn.investledger.indexer.system;

import org.apache.kafka.clients.admin.Admin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * One Kafka admin client for the indexer, with Spring Kafka's connection settings, for
 * its Kafka health indicator.
 */
@Configuration(proxyBeanMethods = false)
class KafkaAdminConfiguration {

	@Bean(destroyMethod = "close")
	Admin kafkaAdminClient(KafkaAdmin kafka) {
		return Admin.create(kafka.getConfigurationProperties());
	}

}
