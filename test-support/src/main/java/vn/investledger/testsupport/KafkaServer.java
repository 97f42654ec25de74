package vn.investledger.testsupport;

/**
 * A real Kafka broker that a test can use.
 *
 * @param bootstrapServers the address clients connect to
 */
public record KafkaServer(String bootstrapServers) {

}
