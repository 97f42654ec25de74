package vn.investledger.processor.totals;

import java.util.Objects;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.InvalidStateStorePartitionException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentMatcher;

import org.springframework.kafka.config.StreamsBuilderFactoryBean;

import vn.investledger.processor.system.StoreRouting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * A figure is read only from the task holding its key's partition: while the group
 * rebalances, Kafka names a partition's next holder before that instance holds it, and a
 * figure read from the instance's other tasks would be answered as zero. The rebalance
 * itself, on a real broker, is in {@code ProcessorInstancesTests}; here its states are
 * set one by one.
 */
class FigureLookupTests {

	private static final String KEY = "province|province=31|all|FDI";

	private static final HostInfo SELF = new HostInfo("127.0.0.1", 8081);

	private final KafkaStreams kafkaStreams = mock(KafkaStreams.class);

	private FigureLookup lookup;

	@BeforeEach
	void streams() {
		StreamsBuilderFactoryBean factory = mock(StreamsBuilderFactoryBean.class);
		Properties config = new Properties();
		config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:8081");
		given(factory.getKafkaStreams()).willReturn(this.kafkaStreams);
		given(factory.getStreamsConfiguration()).willReturn(config);
		given(this.kafkaStreams.state()).willReturn(KafkaStreams.State.REBALANCING);
		this.lookup = new FigureLookup(new StoreRouting(factory));
	}

	@Test
	void shouldNotAnswerAFigureWhosePartitionThisInstanceIsNamedForButDoesNotHoldYet() {
		// Given Kafka names this instance the holder of the key's partition 3, which it
		// does not hold yet
		holder(new KeyQueryMetadata(SELF, Set.of(), 3));
		given(this.kafkaStreams.store(argThat(partition(3))))
			.willThrow(new InvalidStateStorePartitionException("partition 3 not held"));
		// while its other tasks would answer that the key has no value
		ReadOnlyKeyValueStore<Object, Object> others = store(null);
		given(this.kafkaStreams.store(argThat(partition(null)))).willReturn(others);

		// Then the figure is not ready, from the lookup and from the local endpoint
		assertThatExceptionOfType(InvalidStateStoreException.class)
			.isThrownBy(() -> this.lookup.get(TotalsTopology.TOTALS_STORE, KEY, Object.class));
		assertThatExceptionOfType(InvalidStateStoreException.class)
			.isThrownBy(() -> this.lookup.local(TotalsTopology.TOTALS_STORE, KEY));
	}

	@Test
	void shouldNotAnswerAFigureWhosePartitionNoInstanceHolds() {
		holder(KeyQueryMetadata.NOT_AVAILABLE);
		assertThatExceptionOfType(InvalidStateStoreException.class)
			.isThrownBy(() -> this.lookup.get(TotalsTopology.TOTALS_STORE, KEY, Object.class));
		holder(new KeyQueryMetadata(HostInfo.unavailable(), Set.of(), 3));
		assertThatExceptionOfType(InvalidStateStoreException.class)
			.isThrownBy(() -> this.lookup.get(TotalsTopology.TOTALS_STORE, KEY, Object.class));
	}

	@Test
	void shouldReadAFigureFromTheTaskHoldingItsPartition() {
		holder(new KeyQueryMetadata(SELF, Set.of(), 3));
		ReadOnlyKeyValueStore<Object, Object> held = store("the figure");
		given(this.kafkaStreams.store(argThat(partition(3)))).willReturn(held);
		assertThat((Object) this.lookup.get(TotalsTopology.TOTALS_STORE, KEY, Object.class)).isEqualTo("the figure");
		assertThat((Object) this.lookup.local(TotalsTopology.TOTALS_STORE, KEY)).isEqualTo("the figure");
	}

	@Test
	void shouldNotAnswerWhileTheStreamsAreNotRunning() {
		given(this.kafkaStreams.state()).willReturn(KafkaStreams.State.PENDING_SHUTDOWN);
		assertThatExceptionOfType(InvalidStateStoreException.class)
			.isThrownBy(() -> this.lookup.get(TotalsTopology.TOTALS_STORE, KEY, Object.class));
	}

	@SuppressWarnings("unchecked")
	private void holder(KeyQueryMetadata metadata) {
		given(this.kafkaStreams.queryMetadataForKey(eq(TotalsTopology.TOTALS_STORE), eq(KEY), any(Serializer.class)))
			.willReturn(metadata);
	}

	@SuppressWarnings("unchecked")
	private static ReadOnlyKeyValueStore<Object, Object> store(Object value) {
		ReadOnlyKeyValueStore<Object, Object> store = mock(ReadOnlyKeyValueStore.class);
		given(store.get(KEY)).willReturn(value);
		return store;
	}

	private static ArgumentMatcher<StoreQueryParameters<Object>> partition(Integer partition) {
		return (parameters) -> parameters != null && Objects.equals(parameters.partition(), partition);
	}

}
