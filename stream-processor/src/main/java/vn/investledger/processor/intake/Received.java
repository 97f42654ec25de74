package vn.investledger.processor.intake;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A record as read from an event topic, before anything is believed of it: its bytes and
 * where it came from.
 *
 * @param key the key's bytes, or {@code null}
 * @param value the value's bytes, or {@code null}
 * @param topic its topic
 * @param partition its partition
 * @param offset its offset
 * @param receivedAt when the broker appended it (the topics use log-append time)
 * @param unit the current unit that owns the topic, or {@code null} if none does
 */
record Received(byte[] key, byte[] value, String topic, int partition, long offset, Instant receivedAt, String unit) {

	/**
	 * The value as text, for the applied-events topic (an accepted event is valid UTF-8).
	 * @return the JSON as published
	 */
	String valueText() {
		return new String(this.value, StandardCharsets.UTF_8);
	}

}
