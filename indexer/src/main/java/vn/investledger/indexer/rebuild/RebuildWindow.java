package vn.investledger.indexer.rebuild;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The records a rebuild gathers before it indexes them: every record read, or, for an
 * index where the newest record of a key wins (the figures), the newest of each key.
 * <p>
 * It is full at {@code maxRecords} records (keys, where the newest wins) or once the
 * records it holds take {@code maxBytes} of keys and values: a record the newest of its
 * key replaced is no longer held, so a figure written a thousand times takes the room of
 * its last value only, and a window of figures is as large as their number allows.
 */
final class RebuildWindow {

	private final boolean newestWins;

	private final int maxRecords;

	private final long maxBytes;

	private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

	private final Map<List<Object>, ConsumerRecord<String, byte[]>> newest = new LinkedHashMap<>();

	private long read;

	private long bytes;

	/**
	 * A window.
	 * @param newestWins whether only the newest record of each key is held
	 * @param maxRecords the records (or keys) held at most
	 * @param maxBytes the bytes of keys and values held at most
	 */
	RebuildWindow(boolean newestWins, int maxRecords, long maxBytes) {
		this.newestWins = newestWins;
		this.maxRecords = maxRecords;
		this.maxBytes = maxBytes;
	}

	/**
	 * Takes a record read. Within a partition, records come in offset order, and a key
	 * lives in one partition: the record taken last for a key is its newest.
	 * @param record the record
	 */
	void add(ConsumerRecord<String, byte[]> record) {
		this.read++;
		this.bytes += sizeOf(record);
		if (this.newestWins && record.key() != null) {
			ConsumerRecord<String, byte[]> replaced = this.newest
				.put(List.of(record.topic(), record.partition(), record.key()), record);
			if (replaced != null) {
				this.bytes -= sizeOf(replaced);
			}
		}
		else {
			this.records.add(record);
		}
	}

	/**
	 * Whether the window holds as many records or bytes as it may.
	 * @return whether it is full
	 */
	boolean full() {
		return this.records.size() + this.newest.size() >= this.maxRecords || this.bytes >= this.maxBytes;
	}

	/**
	 * The records read into the window, those replaced by a newer one of their key
	 * included.
	 * @return the records read
	 */
	long read() {
		return this.read;
	}

	/**
	 * The bytes of keys and values the window holds.
	 * @return the bytes held
	 */
	long bytes() {
		return this.bytes;
	}

	/**
	 * The records to index: every record held, in the order read (those without a key,
	 * and every record where the newest does not win), then the newest of each key, in
	 * the order their keys were first read.
	 * @return the records held
	 */
	List<ConsumerRecord<String, byte[]>> records() {
		List<ConsumerRecord<String, byte[]>> all = new ArrayList<>(this.records);
		all.addAll(this.newest.values());
		return all;
	}

	static long sizeOf(ConsumerRecord<?, ?> record) {
		return Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize());
	}

}
