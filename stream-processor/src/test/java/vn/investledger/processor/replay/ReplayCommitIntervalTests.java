package vn.investledger.processor.replay;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;

import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

import vn.investledger.events.Topics;
import vn.investledger.processor.system.StreamsConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The replay's commit interval: at least a millisecond and at most half the transaction
 * timeout that applies, however it is set, as Kafka's own configuration classes resolve
 * it; past it the replay refuses to start, saying why, and within it the streams commit
 * at that interval. Its producers send batches of 256 KiB, the service's the client's 16
 * KiB.
 */
class ReplayCommitIntervalTests {

	/**
	 * How a deployment may set the timeout, in milliseconds (null: not at all); the
	 * prefixed one as a number or, as Spring's properties arrive, as text.
	 */
	record TimeoutSetting(Integer prefixed, boolean prefixedAsText, Integer plain) {

		Map<String, Object> asConfig() {
			Map<String, Object> config = new HashMap<>();
			if (this.prefixed != null) {
				config.put("producer.transaction.timeout.ms",
						this.prefixedAsText ? Integer.toString(this.prefixed) : this.prefixed);
			}
			if (this.plain != null) {
				config.put("transaction.timeout.ms", Integer.toString(this.plain));
			}
			return config;
		}

	}

	/**
	 * Whether Kafka itself lets a replay commit at this interval with room for the
	 * commit: its producers' transaction timeout is at least twice the interval, and
	 * Kafka Streams' own check accepts twice the interval as a commit interval.
	 */
	private static boolean kafkaAllows(long intervalMs, Map<String, Object> setting) {
		if (intervalMs < 1) {
			return false;
		}
		Map<String, Object> config = new HashMap<>(base(setting));
		long producers = Long
			.parseLong(new StreamsConfig(config).getProducerConfigs("replay").get("transaction.timeout.ms").toString());
		config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 2 * intervalMs);
		try {
			new StreamsConfig(config);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		return 2 * intervalMs <= producers;
	}

	@Property(tries = 300)
	@StatisticsReport(onFailureOnly = true)
	void shouldCommitAtTheIntervalOnlyWithinHalfTheTransactionTimeout(@ForAll("intervals") long intervalMs,
			@ForAll("timeoutSettings") TimeoutSetting setting) {
		StreamsBuilderFactoryBean factory = factory(setting.asConfig());
		var configurer = new ReplayConfiguration().replayStreams(Duration.ofMillis(intervalMs));
		boolean within = kafkaAllows(intervalMs, setting.asConfig());
		Statistics.collect(within ? "accepted" : "refused");
		Statistics.coverage((checker) -> {
			checker.check("accepted").percentage((share) -> share > 10);
			checker.check("refused").percentage((share) -> share > 10);
		});

		if (within) {
			configurer.configure(factory);
			Properties configured = factory.getStreamsConfiguration();
			assertThat(configured.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(Long.toString(intervalMs));
		}
		else {
			assertThatIllegalArgumentException().isThrownBy(() -> configurer.configure(factory))
				.withMessageContaining("investledger.replay-commit-interval")
				.withMessageContaining("transaction timeout (")
				.withMessageContaining("was " + intervalMs + " ms");
		}
	}

	@Example
	void shouldRefuseLessThanAMillisecond() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> new ReplayConfiguration().replayStreams(Duration.ofNanos(500_000)).configure(factory(Map.of())))
			.withMessageContaining("at least 1 ms");
	}

	@Example
	void shouldAcceptTheDefaultAndRefuseTheStreamsTransactionTimeoutItself() {
		new ReplayConfiguration().replayStreams(Duration.ofSeconds(1)).configure(factory(Map.of()));
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> new ReplayConfiguration().replayStreams(Duration.ofSeconds(10)).configure(factory(Map.of())))
			.withMessage("investledger.replay-commit-interval must be at least 1 ms and at most half the transaction"
					+ " timeout (10000 ms), so that no transaction of the replay times out: it was 10000 ms");
	}

	@Example
	void shouldSendLargerBatchesInAReplayThanTheService() {
		// the service's settings as every instance has them, then the replay's on top
		Map<String, Object> service = new HashMap<>(base(Map.of()));
		service.putAll(StreamsConfiguration.designSettings(Topics.withPrefix("batches")));
		StreamsBuilderFactoryBean factory = new StreamsBuilderFactoryBean(new KafkaStreamsConfiguration(service));
		new ReplayConfiguration().replayStreams(Duration.ofSeconds(1)).configure(factory);
		ProducerConfig replay = producerOf(factory.getStreamsConfiguration());
		Properties serviceSettings = new Properties();
		serviceSettings.putAll(service);
		ProducerConfig serviceProducer = producerOf(serviceSettings);

		assertThat(replay.getInt(ProducerConfig.BATCH_SIZE_CONFIG)).isEqualTo(256 * 1024);
		assertThat(replay.getLong(ProducerConfig.BUFFER_MEMORY_CONFIG)).isEqualTo(64L * 1024 * 1024);
		assertThat(serviceProducer.getInt(ProducerConfig.BATCH_SIZE_CONFIG)).isEqualTo(16 * 1024);
		assertThat(serviceProducer.getLong(ProducerConfig.BUFFER_MEMORY_CONFIG)).isEqualTo(32L * 1024 * 1024);
		// the rest of the service's producer settings stay under the replay's
		assertThat(replay.getInt(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION)).isEqualTo(1);
	}

	/** A stream thread's producer settings, as Kafka Streams resolves them. */
	private static ProducerConfig producerOf(Properties streams) {
		Map<String, Object> producer = new HashMap<>(new StreamsConfig(streams).getProducerConfigs("thread"));
		producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		return new ProducerConfig(producer);
	}

	@Example
	void shouldSayWhenTheTimeoutIsNoNumber() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ReplayConfiguration().replayStreams(Duration.ofSeconds(1))
				.configure(factory(Map.of("producer.transaction.timeout.ms", "ten seconds"))))
			.withMessageContaining("transaction.timeout.ms must be a number of milliseconds");
	}

	@Provide
	Arbitrary<Long> intervals() {
		return Arbitraries.oneOf(Arbitraries.longs().between(-60_000, 1_200_000),
				Arbitraries.longs().between(-5, 12_000));
	}

	@Provide
	Arbitrary<TimeoutSetting> timeoutSettings() {
		Arbitrary<Integer> timeouts = Arbitraries.integers().between(1_000, 900_000).injectNull(0.4);
		return Combinators.combine(timeouts, Arbitraries.of(true, false), timeouts).as(TimeoutSetting::new);
	}

	private static StreamsBuilderFactoryBean factory(Map<String, Object> setting) {
		return new StreamsBuilderFactoryBean(new KafkaStreamsConfiguration(base(setting)));
	}

	private static Map<String, Object> base(Map<String, Object> setting) {
		Map<String, Object> config = new HashMap<>(setting);
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, "replay-interval-test");
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
		config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
		return config;
	}

}
