package vn.investledger.console.system;

import java.io.IOException;
import java.net.SocketException;

import org.apache.catalina.connector.ClientAbortException;
import org.junit.jupiter.api.Test;

import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A caller gone away is told from Elasticsearch gone away by the container's exceptions,
 * not by the words of the message: an Elasticsearch node that resets the console's
 * connection says "Connection reset by peer" too, and its search must answer 503.
 */
class CallerGoneTests {

	@Test
	void shouldTakeOnlyTheContainersExceptionsForTheCallerGone() {
		assertThat(CallerGone.is(new ClientAbortException(new IOException("Broken pipe")))).isTrue();
		assertThat(CallerGone.is(new AsyncRequestNotUsableException("Response not usable"))).isTrue();
		assertThat(CallerGone.is(new IOException("wrapped", new ClientAbortException()))).isTrue();

		assertThat(CallerGone.is(new SocketException("Connection reset by peer"))).isFalse();
		assertThat(CallerGone.is(new IOException("Connection reset by peer"))).isFalse();
		assertThat(CallerGone.is(new IOException("Broken pipe"))).isFalse();
		assertThat(CallerGone.is(new IOException("Connection refused"))).isFalse();
	}

}
