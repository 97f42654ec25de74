package vn.investledger.indexer.indexing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The key deserializer of the indexer's consumers: a record's key as text, read as
 * {@link StringDeserializer} reads it, and, when its bytes are not UTF-8, those bytes in
 * the header {@value #HEADER} of the record read, so that {@link DeadLetters} writes the
 * key as it was written (the text has U+FFFD for each malformed sequence, which would go
 * back as other bytes). The header is the indexer's alone: one a record arrived with is
 * removed.
 * <p>
 * Public for Kafka, which makes it from its class name
 * ({@code spring.kafka.consumer.key-deserializer}).
 */
public class OriginalKeyDeserializer implements Deserializer<String> {

	/** Header: a key's bytes, when they are not UTF-8. */
	static final String HEADER = "investledger.indexer.original-key";

	@Override
	public String deserialize(String topic, byte[] data) {
		return (data != null) ? new String(data, StandardCharsets.UTF_8) : null;
	}

	@Override
	public String deserialize(String topic, Headers headers, byte[] data) {
		String key = deserialize(topic, data);
		if (headers != null) {
			headers.remove(HEADER);
			// UTF-8 text encodes back to the same bytes, anything else does not
			if (key != null && !Arrays.equals(key.getBytes(StandardCharsets.UTF_8), data)) {
				headers.add(HEADER, data);
			}
		}
		return key;
	}

}
