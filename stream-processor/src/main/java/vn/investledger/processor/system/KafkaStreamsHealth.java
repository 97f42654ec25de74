package vn.investledger.processor.system;

import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * The processor's Kafka in {@code /actuator/health}: up while the cluster answers and the
 * Kafka Streams application is running or rebalancing; down when it has failed or
 * stopped, or the cluster does not answer. A task that failed and started again
 * ({@link StreamsFailures}) shows as {@code failures} and {@code lastFailure}, and, for
 * {@value #RECENT_SECONDS} seconds after it, as status {@code DEGRADED}: the figures it
 * touches may be stalled.
 */
@Component("kafka")
class KafkaStreamsHealth extends AbstractHealthIndicator implements DisposableBean {

	static final long RECENT_SECONDS = 120;

	static final Status DEGRADED = new Status("DEGRADED", "A task failed recently and started again");

	private final StreamsBuilderFactoryBean streams;

	private final Admin admin;

	KafkaStreamsHealth(StreamsBuilderFactoryBean streams, KafkaAdmin kafka) {
		super("Kafka health check failed");
		this.streams = streams;
		this.admin = Admin.create(kafka.getConfigurationProperties());
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		KafkaStreams application = this.streams.getKafkaStreams();
		KafkaStreams.State state = (application != null) ? application.state() : KafkaStreams.State.NOT_RUNNING;
		DescribeClusterResult cluster = this.admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000));
		String clusterId = cluster.clusterId().get(3, TimeUnit.SECONDS);
		int brokers = cluster.nodes().get(3, TimeUnit.SECONDS).size();
		boolean up = state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED;
		StreamsFailures.Tally failures = StreamsFailures
			.of(this.streams.getStreamsConfiguration().getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
		StreamsFailures.Failure failure = failures.last();
		boolean recent = failure != null && failure.at().isAfter(java.time.Instant.now().minusSeconds(RECENT_SECONDS));
		(up ? (recent ? builder.status(DEGRADED) : builder.up()) : builder.down()).withDetail("streams", state.name())
			.withDetail("threads", (application != null) ? application.metadataForLocalThreads().size() : 0)
			.withDetail("clusterId", clusterId)
			.withDetail("brokers", brokers)
			.withDetail("failures", failures.count());
		if (failure != null) {
			builder.withDetail("lastFailure", failure);
		}
	}

	@Override
	public void destroy() {
		this.admin.close();
	}

}
