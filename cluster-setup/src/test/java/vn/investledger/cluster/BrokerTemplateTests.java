package vn.investledger.cluster;

import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The broker template gives each node what a production cluster must have: SASL on every
 * listener, an authorised controller quorum, no access without an ACL, three replicas and
 * two in sync everywhere.
 */
class BrokerTemplateTests {

	private static final ClusterNodes nodes = ClusterNodes.onHosts(List.of("kafka-1", "kafka-2", "kafka-3"), 9092,
			9093);

	private static final BrokerTemplate.BrokerSecrets secrets = new BrokerTemplate.BrokerSecrets("a".repeat(64),
			"b".repeat(64));

	@Test
	void shouldRenderANodeWithEveryListenerAuthenticated() {
		Properties node2 = BrokerTemplate.parse(BrokerTemplate.standard()
			.render(nodes, nodes.nodes().get(1), "0.0.0.0", "/var/lib/kafka/data", secrets));
		assertThat(node2.getProperty("node.id")).isEqualTo("2");
		assertThat(node2.getProperty("controller.quorum.voters"))
			.isEqualTo("1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093");
		assertThat(node2.getProperty("advertised.listeners")).isEqualTo("SASL_PLAINTEXT://kafka-2:9092");
		assertThat(node2.getProperty("listener.security.protocol.map")).doesNotContain("PLAINTEXT:PLAINTEXT")
			.contains("CONTROLLER:SASL_PLAINTEXT");
		assertThat(node2.getProperty("super.users")).isEqualTo("User:admin;User:controller");
		assertThat(node2.getProperty("listener.name.controller.plain.sasl.jaas.config"))
			.contains("username=\"controller\" password=\"" + "b".repeat(64) + "\"");
		assertThat(node2.getProperty("allow.everyone.if.no.acl.found")).isEqualTo("false");
		assertThat(node2.getProperty("authorizer.class.name"))
			.isEqualTo("org.apache.kafka.metadata.authorizer.StandardAuthorizer");
		for (String replicas : List.of("default.replication.factor", "offsets.topic.replication.factor",
				"transaction.state.log.replication.factor")) {
			assertThat(node2.getProperty(replicas)).as(replicas).isEqualTo("3");
		}
		assertThat(node2.getProperty("min.insync.replicas")).isEqualTo("2");
		assertThat(node2.getProperty("transaction.state.log.min.isr")).isEqualTo("2");
		assertThat(BrokerTemplate.standard().render(nodes, nodes.nodes().get(1), "0.0.0.0", "/data", secrets))
			.doesNotContain("${");
	}

	@Test
	void shouldRefuseAValueThatWouldBreakTheJaasLine() {
		assertThatIllegalArgumentException().isThrownBy(() -> BrokerTemplate.standard()
			.render(nodes, nodes.nodes().get(0), "0.0.0.0", "/data",
					new BrokerTemplate.BrokerSecrets("x\" user_evil=\"y", "b".repeat(64))));
	}

}
