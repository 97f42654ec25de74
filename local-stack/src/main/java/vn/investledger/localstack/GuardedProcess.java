package vn.investledger.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server process started under {@code guard.sh}: its output goes to a log file, and it
 * stops when this JVM closes the guard's standard input — on {@link #close()}, or when
 * this JVM dies, since the kernel closes the pipe then too. No server outlives the
 * process that started it.
 */
public final class GuardedProcess implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(GuardedProcess.class);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(45);

	private final String name;

	private final Process process;

	private final Path log;

	private GuardedProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	/**
	 * Starts a command under the guard.
	 * @param name a name for messages
	 * @param command the command and its arguments
	 * @param environment variables to set ({@code null} values remove a variable)
	 * @param workDir the working directory
	 * @param log the file that receives standard output and error
	 * @return the running process
	 */
	public static GuardedProcess start(String name, List<String> command, Map<String, String> environment, Path workDir,
			Path log) {
		Path guard = workDir.resolve("guard.sh");
		try {
			if (!Files.exists(guard)) {
				try (InputStream in = GuardedProcess.class.getResourceAsStream("/local-stack/guard.sh")) {
					Files.copy(in, guard);
				}
			}
			List<String> guarded = new ArrayList<>(List.of("bash", guard.toString()));
			guarded.addAll(command);
			ProcessBuilder builder = new ProcessBuilder(guarded).directory(workDir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
			// Options meant for this JVM must not leak into the servers' JVMs.
			builder.environment().remove("JAVA_TOOL_OPTIONS");
			builder.environment().remove("_JAVA_OPTIONS");
			environment.forEach((key, value) -> {
				if (value == null) {
					builder.environment().remove(key);
				}
				else {
					builder.environment().put(key, value);
				}
			});
			logger.debug("Starting {}: {}", name, guarded);
			return new GuardedProcess(name, builder.start(), log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + name, ex);
		}
	}

	/**
	 * Runs a short command to completion (no guard needed: it ends by itself).
	 * @param name a name for messages
	 * @param command the command
	 * @param workDir the working directory
	 * @param log the file that receives its output
	 * @param timeout how long it may take
	 */
	static void run(String name, List<String> command, Path workDir, Path log, Duration timeout) {
		try {
			ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
			builder.environment().remove("JAVA_TOOL_OPTIONS");
			builder.environment().remove("_JAVA_OPTIONS");
			Process process = builder.start();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new LocalStackException(name + " did not finish within " + timeout + tail(log));
			}
			if (process.exitValue() != 0) {
				throw new LocalStackException(name + " failed with exit code " + process.exitValue() + tail(log));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + name, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LocalStackException("Interrupted while running " + name);
		}
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Waits for a command that ends by itself (the guard exits with its status).
	 * @param timeout how long it may take
	 * @return its exit code
	 * @throws LocalStackException if it runs longer
	 */
	public int awaitExit(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new LocalStackException(this.name + " did not end within " + timeout + logTail());
			}
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LocalStackException("Interrupted while waiting for " + this.name);
		}
	}

	public long pid() {
		return this.process.pid();
	}

	public Path log() {
		return this.log;
	}

	/**
	 * The last lines of the log, for error messages.
	 * @return a newline and the tail, or an empty string
	 */
	public String logTail() {
		return tail(this.log);
	}

	static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
			return "\n--- last lines of " + log + " ---\n"
					+ String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
		}
		catch (IOException | UncheckedIOException ex) {
			return "";
		}
	}

	/**
	 * Kills the process and its descendants at once (SIGKILL), as a crash would.
	 */
	public void kill() {
		List<ProcessHandle> descendants = this.process.descendants().toList();
		descendants.forEach(ProcessHandle::destroyForcibly);
		this.process.destroyForcibly();
		try {
			this.process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		List<ProcessHandle> descendants = this.process.descendants().toList();
		try {
			this.process.getOutputStream().close();
		}
		catch (IOException ex) {
			this.process.destroy();
		}
		try {
			if (!this.process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("{} did not stop within {}; killing it", this.name, STOP_TIMEOUT);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		for (ProcessHandle descendant : descendants) {
			if (descendant.isAlive()) {
				descendant.destroyForcibly();
			}
		}
		this.process.destroyForcibly();
	}

}
