package vn.investledger.indexer.rebuild;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a rebuild gathers before it indexes: where the newest record of a key wins, only
 * the newest of each is held and counted against the window's bytes, so the figures'
 * topic, where each figure is written once a second while it is counted, fills a window
 * with keys rather than with the versions a replay wrote of them.
 */
class RebuildWindowTests {

	private static final String TOPIC = "t.totals";

	/** A record read: its partition, key (or none) and the bytes of its value. */
	record Read(int partition, String key, int valueBytes) {

	}

	@Property(tries = 300)
	void shouldHoldTheNewestRecordOfEachKeyAndCountOnlyItsBytes(@ForAll("reads") List<Read> reads) {
		RebuildWindow window = new RebuildWindow(true, Integer.MAX_VALUE, Long.MAX_VALUE);
		Map<List<Object>, ConsumerRecord<String, byte[]>> newest = new LinkedHashMap<>();
		List<ConsumerRecord<String, byte[]>> keyless = new ArrayList<>();
		Map<Integer, Long> offsets = new HashMap<>();
		for (Read read : reads) {
			ConsumerRecord<String, byte[]> record = record(read, offsets.merge(read.partition(), 1L, Long::sum));
			window.add(record);
			if (read.key() == null) {
				keyless.add(record);
			}
			else {
				newest.put(List.of(read.partition(), read.key()), record);
			}
		}
		assertThat(window.read()).isEqualTo(reads.size());
		assertThat(window.records()).containsExactlyInAnyOrderElementsOf(concat(keyless, newest.values()));
		assertThat(window.bytes()).isEqualTo(concat(keyless, newest.values()).stream()
			.mapToLong((record) -> Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize()))
			.sum());
	}

	@Property(tries = 300)
	void shouldBeFullOnlyAtItsKeysOrItsBytes(@ForAll("reads") List<Read> reads) {
		int maxKeys = 5;
		long maxBytes = 2_000;
		RebuildWindow window = new RebuildWindow(true, maxKeys, maxBytes);
		Map<List<Object>, Long> newest = new HashMap<>();
		List<Long> keyless = new ArrayList<>();
		Map<Integer, Long> offsets = new HashMap<>();
		for (Read read : reads) {
			ConsumerRecord<String, byte[]> record = record(read, offsets.merge(read.partition(), 1L, Long::sum));
			window.add(record);
			// what the window holds, worked out here: the newest of each key, every
			// keyless
			long size = Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize());
			if (read.key() == null) {
				keyless.add(size);
			}
			else {
				newest.put(List.of(read.partition(), read.key()), size);
			}
			int held = keyless.size() + newest.size();
			long bytes = keyless.stream().mapToLong(Long::longValue).sum()
					+ newest.values().stream().mapToLong(Long::longValue).sum();
			assertThat(window.full()).as("%d held in %d bytes", held, bytes)
				.isEqualTo(held >= maxKeys || bytes >= maxBytes);
		}
	}

	@Test
	void shouldNotFillWithTheVersionsOfOneFigure() {
		RebuildWindow window = new RebuildWindow(true, 50_000, 32L * 1024 * 1024);
		// a figure a replay wrote 100,000 times, 700 bytes each: 70 MB read
		for (long offset = 0; offset < 100_000; offset++) {
			window.add(record(new Read(0, "national|2025|FDI", 700), offset));
		}
		assertThat(window.full()).isFalse();
		assertThat(window.records()).singleElement().extracting(ConsumerRecord::offset).isEqualTo(99_999L);
	}

	@Test
	void shouldHoldEveryRecordWhereTheNewestDoesNotWinAndBeFullAtItsBytes() {
		RebuildWindow window = new RebuildWindow(false, 4_000, 10_000);
		for (long offset = 0; offset < 9; offset++) {
			window.add(record(new Read(0, "P-1", 1_000), offset));
		}
		assertThat(window.records()).hasSize(9);
		assertThat(window.full()).isFalse();
		window.add(record(new Read(0, "P-1", 1_000), 9));
		assertThat(window.full()).isTrue();
	}

	@Provide
	Arbitrary<List<Read>> reads() {
		Arbitrary<String> keys = Arbitraries.of("a", "b", "c", "d", "e", "f", "g").injectNull(0.1);
		return Combinators.combine(Arbitraries.integers().between(0, 2), keys, Arbitraries.integers().between(-1, 900))
			.as(Read::new)
			.list()
			.ofMaxSize(200);
	}

	private static ConsumerRecord<String, byte[]> record(Read read, long offset) {
		byte[] value = (read.valueBytes() < 0) ? null : new byte[read.valueBytes()];
		int keyBytes = (read.key() == null) ? 0 : read.key().length();
		return new ConsumerRecord<>(TOPIC, read.partition(), offset, 0L, TimestampType.LOG_APPEND_TIME,
				(read.key() == null) ? -1 : keyBytes, (value == null) ? -1 : value.length, read.key(), value,
				new RecordHeaders(), Optional.empty());
	}

	private static List<ConsumerRecord<String, byte[]>> concat(List<ConsumerRecord<String, byte[]>> first,
			Iterable<ConsumerRecord<String, byte[]>> second) {
		List<ConsumerRecord<String, byte[]>> all = new ArrayList<>(first);
		second.forEach(all::add);
		return all;
	}

}
