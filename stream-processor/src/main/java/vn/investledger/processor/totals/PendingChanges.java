package vn.investledger.processor.totals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Function;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import vn.investledger.processor.intake.AppliedEvent;

/**
 * Sums a task's changes per figure before they cross the network. Each applied event's
 * changes are added to the figure's pending sum in a store; every commit interval the
 * pending sums are forwarded, one record per figure, and cleared. A figure touched by a
 * thousand events between two flushes costs one repartition record instead of a thousand.
 * <p>
 * The pending store is logged and cached: a pending sum is written to its changelog at
 * most once per commit, in the same transaction as the input offsets it stands for, so a
 * crash between two flushes restores exactly the sums that were not yet forwarded.
 *
 * @param <V> the kind of figure
 */
final class PendingChanges<V> implements Processor<String, AppliedEvent, String, V> {

	/** Kafka Streams' default commit interval under exactly-once. */
	static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(100);

	private final String storeName;

	private final Function<AppliedEvent, List<KeyValue<String, V>>> changesOf;

	private final BinaryOperator<V> plus;

	private KeyValueStore<String, V> pending;

	private ProcessorContext<String, V> context;

	/**
	 * Creates the processor.
	 * @param storeName the pending store, from {@link #store(String, Serde)}
	 * @param changesOf the changes an event makes, keyed by figure
	 * @param plus how two changes of one figure add up
	 */
	PendingChanges(String storeName, Function<AppliedEvent, List<KeyValue<String, V>>> changesOf,
			BinaryOperator<V> plus) {
		this.storeName = storeName;
		this.changesOf = changesOf;
		this.plus = plus;
	}

	/**
	 * The pending store: in memory, since it holds one commit's changes, logged and
	 * cached.
	 * @param name the store name
	 * @param serde the figure serde
	 * @param <V> the kind of figure
	 * @return the store builder
	 */
	static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> serde) {
		return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), serde)
			.withCachingEnabled();
	}

	@Override
	public void init(ProcessorContext<String, V> context) {
		this.context = context;
		this.pending = context.getStateStore(this.storeName);
		context.schedule(flushInterval(context.appConfigs()), PunctuationType.WALL_CLOCK_TIME, this::flush);
	}

	@Override
	public void process(Record<String, AppliedEvent> record) {
		for (KeyValue<String, V> change : this.changesOf.apply(record.value())) {
			V sum = this.pending.get(change.key);
			this.pending.put(change.key, (sum != null) ? this.plus.apply(sum, change.value) : change.value);
		}
	}

	private void flush(long now) {
		List<KeyValue<String, V>> due = new ArrayList<>();
		try (KeyValueIterator<String, V> all = this.pending.all()) {
			all.forEachRemaining(due::add);
		}
		for (KeyValue<String, V> sum : due) {
			this.context.forward(new Record<>(sum.key, sum.value, now));
			this.pending.delete(sum.key);
		}
	}

	/**
	 * Flushes as often as the application commits, so a change waits about one commit
	 * interval longer than without pre-summing.
	 */
	static Duration flushInterval(Map<String, Object> config) {
		Object interval = config.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
		return (interval != null) ? Duration.ofMillis(Long.parseLong(interval.toString())) : DEFAULT_FLUSH_INTERVAL;
	}

}
