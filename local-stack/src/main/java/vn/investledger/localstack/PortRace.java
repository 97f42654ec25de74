package vn.investledger.localstack;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server start that lost its ports: {@link FreePorts} hands a port out once per JVM,
 * but another process (a second test JVM, two modules built at once) may bind it between
 * the probe and the server's own bind, and the server then exits with "Address already in
 * use". Such a start is tried again on other ports, a few times.
 */
final class PortRace {

	/** Starts tried in all. */
	static final int ATTEMPTS = 3;

	private static final Logger logger = LoggerFactory.getLogger(PortRace.class);

	private PortRace() {
	}

	/**
	 * Starts a server, again on other ports while it fails because a port it was given is
	 * taken.
	 * @param name the server's name for messages
	 * @param start one start, on ports of its own
	 * @param <S> the server
	 * @return the running server
	 * @throws LocalStackException the last failure, or the first that is not a taken port
	 */
	static <S> S retried(String name, Supplier<S> start) {
		for (int attempt = 1;; attempt++) {
			try {
				return start.get();
			}
			catch (LocalStackException ex) {
				if (attempt >= ATTEMPTS || !lostItsPort(ex)) {
					throw ex;
				}
				logger.warn("{} could not bind a port it was given (another process took it): starting it again on"
						+ " other ports ({} of {})", name, attempt + 1, ATTEMPTS);
			}
		}
	}

	static boolean lostItsPort(LocalStackException ex) {
		String message = String.valueOf(ex.getMessage());
		return message.contains("Address already in use") || message.contains("BindException");
	}

}
