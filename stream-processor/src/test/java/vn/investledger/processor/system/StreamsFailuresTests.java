package vn.investledger.processor.system;

import java.util.Map;
import java.util.UUID;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each application's failures are its own: the health of one processor never shows
 * another's, should a JVM run two (a test, a recount beside its launcher).
 */
class StreamsFailuresTests {

	@Test
	void shouldCountEachApplicationsFailuresApart() {
		String one = "one-" + UUID.randomUUID();
		String other = "other-" + UUID.randomUUID();
		StreamsFailures.Processing processing = new StreamsFailures.Processing();
		processing.configure(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, one));

		processing.handleError(null, null, new IllegalStateException("a fault of one's own"));
		StreamThreadExceptionResponse response = new StreamsFailures.ReplaceThread(other)
			.handle(new IllegalStateException("a fault of the other's"));

		assertThat(StreamsFailures.of(one).count()).isEqualTo(1);
		assertThat(StreamsFailures.of(one).last().stage()).isEqualTo("processing");
		assertThat(StreamsFailures.of(one).last().message()).contains("a fault of one's own");
		assertThat(response).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
		assertThat(StreamsFailures.of(other).count()).isEqualTo(1);
		assertThat(StreamsFailures.of(other).last().stage()).isEqualTo("thread");
		assertThat(StreamsFailures.of("never-" + UUID.randomUUID()).last()).isNull();
	}

}
