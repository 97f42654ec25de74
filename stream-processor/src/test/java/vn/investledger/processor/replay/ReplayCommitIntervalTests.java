package vn.investledger.processor.replay;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.apache.kafka.streams.StreamsConfig;

import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The replay's commit interval: more than zero and at most half the streams' producers'
 * transaction timeout, however that timeout is set; past it the replay refuses to start,
 * saying why, and within it the streams commit at that interval.
 */
class ReplayCommitIntervalTests {

	@Property(tries = 500)
	void shouldCommitAtTheIntervalOnlyWithinHalfTheTransactionTimeout(
			@ForAll @LongRange(min = -60_000, max = 1_200_000) long intervalMs,
			@ForAll("timeoutSettings") Map<String, Object> timeoutSetting) {
		Duration interval = Duration.ofMillis(intervalMs);
		Duration timeout = ReplayConfiguration.transactionTimeout(properties(timeoutSetting));
		StreamsBuilderFactoryBean factory = factory(timeoutSetting);
		var configurer = new ReplayConfiguration().replayStreams(interval);

		if (intervalMs > 0 && 2 * intervalMs <= timeout.toMillis()) {
			configurer.configure(factory);
			assertThat(factory.getStreamsConfiguration().get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG))
				.isEqualTo(Long.toString(intervalMs));
		}
		else {
			assertThatIllegalArgumentException().isThrownBy(() -> configurer.configure(factory))
				.withMessageContaining("investledger.replay-commit-interval")
				.withMessageContaining(timeout.toMillis() + " ms")
				.withMessageContaining("was " + intervalMs + " ms");
		}
	}

	@Example
	void shouldReadTheTimeoutAsKafkaStreamsDoes() {
		assertThat(ReplayConfiguration.transactionTimeout(properties(Map.of()))).isEqualTo(Duration.ofSeconds(10));
		assertThat(ReplayConfiguration.transactionTimeout(properties(Map.of("transaction.timeout.ms", "60000"))))
			.isEqualTo(Duration.ofMinutes(1));
		// the producer's own setting wins over the plain one
		assertThat(ReplayConfiguration.transactionTimeout(
				properties(Map.of("producer.transaction.timeout.ms", 30000, "transaction.timeout.ms", "60000"))))
			.isEqualTo(Duration.ofSeconds(30));
	}

	@Example
	void shouldAcceptTheDefaultAndRefuseTheServicesTransactionTimeoutItself() {
		new ReplayConfiguration().replayStreams(Duration.ofSeconds(1)).configure(factory(Map.of()));
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> new ReplayConfiguration().replayStreams(Duration.ofSeconds(10)).configure(factory(Map.of())))
			.withMessage("investledger.replay-commit-interval must be more than 0 and at most half the producers'"
					+ " transaction timeout (10000 ms), so that no transaction of the replay times out: it was"
					+ " 10000 ms");
	}

	@Provide
	Arbitrary<Map<String, Object>> timeoutSettings() {
		Arbitrary<Long> timeouts = Arbitraries.longs().between(1_000, 900_000);
		return Arbitraries.oneOf(Arbitraries.just(Map.of()),
				timeouts.map((ms) -> Map.of("producer.transaction.timeout.ms", ms)),
				timeouts.map((ms) -> Map.of("transaction.timeout.ms", Long.toString(ms))));
	}

	private static java.util.Properties properties(Map<String, Object> setting) {
		java.util.Properties properties = new java.util.Properties();
		properties.putAll(setting);
		return properties;
	}

	private static StreamsBuilderFactoryBean factory(Map<String, Object> setting) {
		Map<String, Object> config = new HashMap<>(setting);
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, "replay-interval-test");
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
		config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
		return new StreamsBuilderFactoryBean(new KafkaStreamsConfiguration(config));
	}

}
