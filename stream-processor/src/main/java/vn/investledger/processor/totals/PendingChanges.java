package vn.investledger.processor.totals;

import java.time.Duration;
import java.util.HashMap;
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
 * changes are added to the figure's pending sum in a store; every flush interval the
 * pending sums are forwarded, one record per figure, and cleared. A figure touched by a
 * thousand events between two flushes costs one repartition record instead of a thousand.
 * The flush interval is a second, or the commit interval if that is longer.
 * <p>
 * The pending store is logged and cached: a pending sum is written to its changelog at
 * most once per commit, in the same transaction as the input offsets it stands for, so a
 * crash between two flushes restores exactly the sums that were not yet forwarded.
 * <p>
 * The processor reads the pending sums from a plain map that mirrors the store, so a
 * change costs one write to the store, not a read and a write: every sum is written
 * through to the store, and the map is rebuilt from the store whenever the task is
 * (re)initialised, after a restore or an aborted transaction.
 *
 * @param <V> the kind of figure
 */
final class PendingChanges<V> implements Processor<String, AppliedEvent, String, V> {

	/**
	 * How often pending sums are forwarded at the least: a figure changes at most once a
	 * second on the totals topic, however often the application commits.
	 */
	static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);

	private final String storeName;

	private final Function<AppliedEvent, List<KeyValue<String, V>>> changesOf;

	private final BinaryOperator<V> plus;

	private KeyValueStore<String, V> pending;

	private Map<String, V> sums;

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
		this.sums = new HashMap<>();
		try (KeyValueIterator<String, V> all = this.pending.all()) {
			all.forEachRemaining((sum) -> this.sums.put(sum.key, sum.value));
		}
		context.schedule(flushInterval(context.appConfigs()), PunctuationType.WALL_CLOCK_TIME, this::flush);
	}

	@Override
	public void process(Record<String, AppliedEvent> record) {
		for (KeyValue<String, V> change : this.changesOf.apply(record.value())) {
			V sum = this.sums.merge(change.key, change.value, this.plus);
			this.pending.put(change.key, sum);
		}
	}

	private void flush(long now) {
		for (Map.Entry<String, V> sum : this.sums.entrySet()) {
			this.context.forward(new Record<>(sum.getKey(), sum.getValue(), now));
			this.pending.delete(sum.getKey());
		}
		this.sums.clear();
	}

	/**
	 * Flushes once a second, or once per commit if the application commits less often. A
	 * figure then waits up to a second longer than without summing, while a task forwards
	 * each figure it touched at most once a second: when few events arrive, each event's
	 * 40 changes would otherwise cross the network almost one by one at every commit.
	 */
	static Duration flushInterval(Map<String, Object> config) {
		Object interval = config.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
		Duration commit = (interval != null) ? Duration.ofMillis(Long.parseLong(interval.toString()))
				: DEFAULT_FLUSH_INTERVAL;
		return (commit.compareTo(DEFAULT_FLUSH_INTERVAL) > 0) ? commit : DEFAULT_FLUSH_INTERVAL;
	}

}
