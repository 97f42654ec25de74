package vn.investledger.processor.projects;

import java.io.IOException;
import java.net.InetSocketAddress;

import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.kafka.config.StreamsBuilderFactoryBean;

import vn.investledger.processor.system.StoreRouting;
import vn.investledger.processor.totals.FigurePeerAnswers;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A project's owner held by a peer is "none" only when the peer says so: what another
 * service at the peer's address answers (a redirect to its sign-in page, a 204, an empty
 * 200, an HTML page) is no answer, so that the gateway is told to try again rather than
 * that the ledger has applied nothing of the project.
 */
class ProjectOwnerPeerAnswerTests {

	@ParameterizedTest
	@ValueSource(strings = { "302", "303", "204", "200-empty", "200-html" })
	void shouldTakeAnotherServicesAnswerAtAPeersAddressAsNoAnswerRatherThanNoOwner(String answer) throws IOException {
		HttpServer peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		peer.createContext("/", (exchange) -> FigurePeerAnswers.otherService(answer, exchange));
		peer.start();
		try {
			HostInfo host = new HostInfo("127.0.0.1", peer.getAddress().getPort());
			ProjectOwnerLookup owners = new ProjectOwnerLookup(new StoreRouting(new StreamsBuilderFactoryBean()) {

				@Override
				public Holder holder(String store, String key) {
					return new Peer(host);
				}

			});

			assertThatExceptionOfType(ProjectsNotReadyException.class).isThrownBy(() -> owners.find("012/GP-KCN-HP"))
				.withMessageContaining("did not answer");
		}
		finally {
			peer.stop(0);
		}
	}

}
