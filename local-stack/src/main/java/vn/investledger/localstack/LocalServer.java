package vn.investledger.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server process with its own instance directory; closing it stops the process and
 * deletes the directory.
 */
abstract sealed class LocalServer implements AutoCloseable permits LocalKafka, LocalElasticsearch {

	private static final Logger logger = LoggerFactory.getLogger(LocalServer.class);

	private final Path instance;

	private GuardedProcess process;

	LocalServer(Path instance, GuardedProcess process) {
		this.instance = instance;
		this.process = process;
	}

	/**
	 * Answers whether the server serves yet; may throw while it does not.
	 */
	@FunctionalInterface
	interface Probe {

		boolean ready() throws Exception;

	}

	/**
	 * Polls the probe until it answers, the process exits or the time is up; on failure
	 * the server is stopped and the exception carries the end of its log.
	 * @param name the server's name for messages
	 * @param address its address for the log
	 * @param started when its start began
	 * @param timeout how long it may take
	 * @param probe the readiness check
	 */
	void awaitReady(String name, String address, Instant started, Duration timeout, Probe probe) {
		Instant deadline = started.plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw failed(name + " exited during startup");
			}
			try {
				if (probe.ready()) {
					logger.info("{} ready at {} in {} ms (log: {})", name, address,
							Duration.between(started, Instant.now()).toMillis(), this.process.log());
					return;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw failed("Interrupted while waiting for " + name);
			}
			catch (Exception ex) {
				// not serving yet
			}
			try {
				Thread.sleep(250);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw failed("Interrupted while waiting for " + name);
			}
		}
		throw failed(name + " was not ready within " + timeout);
	}

	private LocalStackException failed(String message) {
		String tail = this.process.logTail();
		close();
		return new LocalStackException(message + tail);
	}

	/**
	 * The process id of the server's guard, whose descendants are the server's processes.
	 * @return the pid
	 */
	public long pid() {
		return this.process.pid();
	}

	public Path logFile() {
		return this.process.log();
	}

	/**
	 * Stops the process and keeps the instance directory, so that {@link #restart} can
	 * start it again on the same data.
	 */
	void stopProcess() {
		this.process.close();
	}

	/**
	 * Replaces a stopped process by a new one on the same instance directory.
	 * @param process the new process
	 */
	void restarted(GuardedProcess process) {
		this.process = process;
	}

	Path instance() {
		return this.instance;
	}

	/**
	 * Kills the process and its descendants at once (SIGKILL), as a crash or the OOM
	 * killer would, and keeps the instance directory: {@code restart()} starts it again
	 * on the same data.
	 */
	public void kill() {
		this.process.kill();
	}

	/**
	 * Whether the server's process still runs.
	 * @return {@code true} while it runs
	 */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Kills the process (SIGKILL) and deletes the instance directory: for servers whose
	 * data is disposable and whose orderly stop would wait for peers that are gone.
	 */
	void killAndDelete() {
		this.process.kill();
		Workspace.deleteTree(this.instance);
	}

	@Override
	public void close() {
		this.process.close();
		Workspace.deleteTree(this.instance);
	}

}
