package vn.investledger.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds loopback ports that nothing listens on. The system may offer a port again as soon
 * as the probe that found it closes, before the server it was meant for binds it, so a
 * port is handed out once per JVM: a broker's listener and controller never get the same
 * one.
 */
public final class FreePorts {

	private static final Set<Integer> handedOut = ConcurrentHashMap.newKeySet();

	private FreePorts() {
	}

	/**
	 * A loopback port that nothing listens on and that this JVM has not handed out
	 * before.
	 * @return the port
	 */
	public static int next() {
		for (int attempt = 0; attempt < 100; attempt++) {
			int port = probe();
			if (handedOut.add(port)) {
				return port;
			}
		}
		throw new IllegalStateException("No loopback port that this JVM has not handed out already");
	}

	private static int probe() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port on the loopback interface", ex);
		}
	}

}
