package vn.investledger.indexer.indexing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dead letter fits the dead-letter topic whatever the record it stands for: a record
 * the broker took compressed can be larger once read than the producer sends (the
 * broker's limit is on the compressed batch), and a dead letter the producer refused was
 * retried for ever, stopping the listener for every partition. Its value is cut to what
 * fits, the whole size named in a header; a record that fits is dead-lettered whole.
 */
class DeadLetterSizeTests {

	@Property(tries = 40)
	void shouldFitEveryDeadLetterInTheTopicKeepingWhatFits(@ForAll @IntRange(min = 0, max = 8 * 1024 * 1024) int size,
			@ForAll @IntRange(min = 0, max = 3 * 1024 * 1024) int headerBytes,
			@ForAll @IntRange(min = 0, max = 100_000) int reasonLength) {
		byte[] value = new byte[size];
		Arrays.fill(value, (byte) '7');
		ConsumerRecord<String, byte[]> source = new ConsumerRecord<>("p.rejections.02", 0, 41, "P-1", value);
		source.headers().add("investledger.rejection.reason", "A_NEWER_REASON".getBytes(StandardCharsets.UTF_8));
		source.headers().add("note", new byte[headerBytes]);

		ProducerRecord<byte[], byte[]> letter = DeadLetters.record("p.indexer.dlq",
				new DeadLetters.DeadLetter(source, "r".repeat(reasonLength), 0));

		int bytes = AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE,
				letter.key(), letter.value(), letter.headers().toArray());
		assertThat(bytes).as("the dead letter's size").isLessThanOrEqualTo(DeadLetters.MAX_RECORD_BYTES);
		Header truncated = letter.headers().lastHeader(DeadLetters.TRUNCATED);
		if (truncated == null) {
			assertThat(letter.value()).isEqualTo(value);
		}
		else {
			assertThat(new String(truncated.value(), StandardCharsets.UTF_8)).isEqualTo(Integer.toString(size));
			assertThat(value).startsWith(letter.value());
		}
		// a record of a rejection topic's largest, 2 MiB, with its headers, is kept whole
		// (its headers within half the room)
		if (size + headerBytes <= 2 * 1024 * 1024 && headerBytes + 1024 <= DeadLetters.ROOM / 2) {
			assertThat(truncated).isNull();
			assertThat(letter.headers().lastHeader("note")).isNotNull();
		}
		assertThat(new String(letter.headers().lastHeader(DeadLetters.SOURCE_OFFSET).value(), StandardCharsets.UTF_8))
			.isEqualTo("41");
		assertThat(letter.headers().lastHeader(DeadLetters.REASON).value().length).isLessThanOrEqualTo(2_004);
	}

}
