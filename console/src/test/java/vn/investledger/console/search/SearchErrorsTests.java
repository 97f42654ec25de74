package vn.investledger.console.search;

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
class SearchErrorsTests {

	@Test
	void shouldTakeOnlyTheContainersExceptionsForTheCallerGone() {
		assertThat(SearchErrors.clientGone(new ClientAbortException(new IOException("Broken pipe")))).isTrue();
		assertThat(SearchErrors.clientGone(new AsyncRequestNotUsableException("Response not usable"))).isTrue();
		assertThat(SearchErrors.clientGone(new IOException("wrapped", new ClientAbortException()))).isTrue();

		assertThat(SearchErrors.clientGone(new SocketException("Connection reset by peer"))).isFalse();
		assertThat(SearchErrors.clientGone(new IOException("Connection reset by peer"))).isFalse();
		assertThat(SearchErrors.clientGone(new IOException("Broken pipe"))).isFalse();
		assertThat(SearchErrors.clientGone(new IOException("Connection refused"))).isFalse();
	}

}
