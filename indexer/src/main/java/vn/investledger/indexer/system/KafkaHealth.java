package vn.investledger.indexer.system;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * The indexer's Kafka in {@code /actuator/health}: up when the cluster answers and every
 * listener (projects, history, totals, stock, rejections, and the follower of a replay's
 * mark) runs; down otherwise, with the reason.
 */
@Component("kafka")
@ConditionalOnWebApplication
class KafkaHealth extends AbstractHealthIndicator {

	private final Admin admin;

	private final KafkaListenerEndpointRegistry listeners;

	KafkaHealth(Admin admin, KafkaListenerEndpointRegistry listeners) {
		super("Kafka health check failed");
		this.admin = admin;
		this.listeners = listeners;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		DescribeClusterResult cluster = this.admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000));
		String clusterId = cluster.clusterId().get(3, TimeUnit.SECONDS);
		int brokers = cluster.nodes().get(3, TimeUnit.SECONDS).size();
		Map<String, String> containers = new TreeMap<>();
		boolean allRunning = true;
		for (MessageListenerContainer container : this.listeners.getListenerContainers()) {
			boolean running = container.isRunning() && !container.isContainerPaused();
			allRunning &= running;
			containers.put(container.getListenerId(), running ? "running" : "stopped");
		}
		(allRunning ? builder.up() : builder.down()).withDetail("clusterId", clusterId)
			.withDetail("brokers", brokers)
			.withDetail("listeners", containers);
	}

}
