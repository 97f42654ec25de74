package vn.investledger.processor.system;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiptTimeTests {

	private final ReceiptTime receipt = new ReceiptTime();

	@Test
	void shouldTakeTheBrokersTimestamp() {
		assertThat(this.receipt.extract(record(1_733_000_000_000L), 5L)).isEqualTo(1_733_000_000_000L);
	}

	@Test
	void shouldGiveAnInvalidTimestampThePartitionsTimeOrTheEpochRatherThanFail() {
		assertThat(this.receipt.extract(record(-1), 1_733_000_000_000L)).isEqualTo(1_733_000_000_000L);
		assertThat(this.receipt.extract(record(-7), -1L)).isZero();
	}

	private static ConsumerRecord<Object, Object> record(long timestamp) {
		return new ConsumerRecord<>("ledger.events.31", 0, 0L, timestamp, TimestampType.CREATE_TIME, 0, 0, null, null,
				new RecordHeaders(), java.util.Optional.empty());
	}

}
