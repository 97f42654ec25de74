package vn.investledger.producers.gateway.rejections;

import java.nio.ByteBuffer;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

import vn.investledger.events.Limits;

/**
 * A refused record's value as a listing keeps it: the bytes it may show, and the length
 * of the whole, which may be up to the 1 MiB a rejection carries.
 *
 * @param head the first bytes, at most {@code Limits.MAX_EVENT_BYTES + 1}: one past what
 * is shown, to tell where a UTF-8 character ends
 * @param length the length of the whole value
 */
record ShownValue(byte[] head, int length) {

	/**
	 * How much of the value a listing shows: up to the contract's largest event, cut
	 * between two UTF-8 characters.
	 * @return the bytes shown, from the start of {@link #head()}
	 */
	int shown() {
		int shown = Math.min(this.length, Limits.MAX_EVENT_BYTES);
		while (shown < this.length && shown > 0 && (this.head[shown] & 0xC0) == 0x80) {
			shown--;
		}
		return shown;
	}

	/**
	 * Keeps the head of each value and lets the rest go with the fetched bytes.
	 * <p>
	 * A record's headers are views of its bytes until they are read; a record of a
	 * compressed batch is unpacked into bytes of its own, so that a poll's records would
	 * each hold their whole value through their headers. Reading the headers here copies
	 * the few bytes they are and lets the value go.
	 */
	static final class Reader implements Deserializer<ShownValue> {

		@Override
		public ShownValue deserialize(String topic, byte[] data) {
			return (data != null) ? deserialize(topic, null, ByteBuffer.wrap(data)) : null;
		}

		@Override
		public ShownValue deserialize(String topic, Headers headers, ByteBuffer data) {
			if (data == null) {
				return null;
			}
			if (headers != null) {
				for (Header header : headers) {
					header.key();
					header.value();
				}
			}
			int length = data.remaining();
			byte[] head = new byte[Math.min(length, Limits.MAX_EVENT_BYTES + 1)];
			data.duplicate().get(head);
			return new ShownValue(head, length);
		}

	}

}
