package vn.investledger.processor.totals;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.kafka.config.StreamsBuilderFactoryBean;

import vn.investledger.events.Total;
import vn.investledger.processor.system.StoreRouting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A figure held by a peer is absent only when the peer says so: a 404 from whatever else
 * answers at the peer's advertised address (another service after a redeploy, a version
 * without the path), a redirect to a sign-in page, a 204, an empty 200 or an HTML page is
 * no answer (503), never a zero figure; and a project's owner likewise is never "none".
 */
class FigurePeerAnswerTests {

	private final AtomicBoolean saysAbsent = new AtomicBoolean();

	private final AtomicReference<String> otherService = new AtomicReference<>();

	private HttpServer peer;

	private FigureLookup lookup;

	@BeforeEach
	void startPeer() throws IOException {
		this.peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.peer.createContext("/", (exchange) -> {
			String answer = this.otherService.get();
			if (answer != null) {
				FigurePeerAnswers.otherService(answer, exchange);
				return;
			}
			if (this.saysAbsent.get()) {
				exchange.getResponseHeaders().add(StoreRouting.ABSENT_HEADER, "true");
			}
			exchange.sendResponseHeaders(404, -1);
			exchange.close();
		});
		this.peer.start();
		HostInfo host = new HostInfo("127.0.0.1", this.peer.getAddress().getPort());
		this.lookup = new FigureLookup(new StoreRouting(new StreamsBuilderFactoryBean()) {

			@Override
			public Holder holder(String store, String key) {
				return new Peer(host);
			}

		});
	}

	@AfterEach
	void stopPeer() {
		this.peer.stop(0);
	}

	@Test
	void shouldTakeAPeersAbsentKeyAsNoFigure() {
		this.saysAbsent.set(true);

		assertThat(this.lookup.<Total>get(TotalsTopology.TOTALS_STORE, "national||all|FDI", Total.class)).isNull();
	}

	@Test
	void shouldTakeAPlain404AtAPeersAddressAsNoAnswerRatherThanAZero() {
		this.saysAbsent.set(false);

		assertThatExceptionOfType(FigureLookup.PeerUnavailableException.class)
			.isThrownBy(() -> this.lookup.get(TotalsTopology.TOTALS_STORE, "national||all|FDI", Total.class))
			.withMessageContaining("does not answer");
	}

	@ParameterizedTest
	@ValueSource(strings = { "302", "303", "204", "200-empty", "200-html" })
	void shouldTakeAnotherServicesAnswerAtAPeersAddressAsNoAnswerRatherThanAZero(String answer) {
		this.otherService.set(answer);

		assertThatExceptionOfType(FigureLookup.PeerUnavailableException.class)
			.isThrownBy(() -> this.lookup.get(TotalsTopology.TOTALS_STORE, "national||all|FDI", Total.class))
			.withMessageContaining("does not answer");
	}

}
