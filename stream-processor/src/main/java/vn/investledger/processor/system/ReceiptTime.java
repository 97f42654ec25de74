package vn.investledger.processor.system;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * A record's time of receipt: its timestamp, which the event topics take from the broker
 * (log-append time). A record that carries an invalid one (a topic still on its
 * producers' timestamps, written by a client that set a negative time) gets the
 * partition's time instead, or the epoch, so that the ledger refuses it with a reason
 * rather than the stream thread failing on it.
 */
public class ReceiptTime implements TimestampExtractor {

	@Override
	public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
		return (record.timestamp() >= 0) ? record.timestamp() : Math.max(partitionTime, 0);
	}

}
