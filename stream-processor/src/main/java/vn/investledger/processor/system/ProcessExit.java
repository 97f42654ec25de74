package vn.investledger.processor.system;

/**
 * Ends the processor's process with a code, when it was started as a process of its own
 * ({@link #standalone()}, from its {@code main}): an instance that stops itself exits
 * with a code a supervisor (systemd, Kubernetes, compose) restarts it on. An application
 * run inside another process (tests, the local platform) only closes.
 */
public final class ProcessExit {

	private static volatile boolean standalone;

	private ProcessExit() {
	}

	/**
	 * The processor runs as a process of its own.
	 */
	public static void standalone() {
		standalone = true;
	}

	/**
	 * Exits with a code if the processor runs as a process of its own.
	 * @param code the code
	 */
	static void exit(int code) {
		if (standalone) {
			System.exit(code);
		}
	}

}
