package vn.investledger.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import vn.investledger.localstack.GuardedProcess;

/**
 * A service run in its own JVM, on this JVM's class path, so that a test can kill it like
 * a crashed server ({@link #kill()}: SIGKILL, no shutdown hooks) while the brokers live
 * on. It runs under local-stack's guard, so it never outlives the test JVM.
 */
public final class ChildJvm implements AutoCloseable {

	private final GuardedProcess guard;

	private ChildJvm(GuardedProcess guard) {
		this.guard = guard;
	}

	/**
	 * Starts a main class in a new JVM.
	 * @param name a name for messages
	 * @param mainClass the class to run
	 * @param arguments its arguments
	 * @param workDir the working directory, also where its log goes
	 * @return the running JVM
	 */
	public static ChildJvm start(String name, Class<?> mainClass, List<String> arguments, Path workDir) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(List.of("-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
				mainClass.getName()));
		command.addAll(arguments);
		return new ChildJvm(GuardedProcess.start(name, command, Map.of(), workDir, workDir.resolve(name + ".log")));
	}

	/**
	 * Kills the JVM at once with SIGKILL, as a crash or the OOM killer would: no shutdown
	 * hook runs, no transaction is committed or aborted, no state is flushed.
	 * @throws IllegalStateException if the JVM is not running
	 */
	public void kill() {
		ProcessHandle jvm = jvm().orElseThrow(() -> new IllegalStateException("The JVM is not running" + logTail()));
		jvm.destroyForcibly();
		jvm.onExit().join();
	}

	/**
	 * The JVM's process, a child of the guard.
	 * @return the process, empty once it has ended
	 */
	public Optional<ProcessHandle> jvm() {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (System.nanoTime() < deadline) {
			Optional<ProcessHandle> jvm = ProcessHandle.of(this.guard.pid())
				.flatMap((guard) -> guard.children().filter(ProcessHandle::isAlive).findFirst());
			if (jvm.isPresent() || !this.guard.isAlive()) {
				return jvm;
			}
			Thread.onSpinWait();
		}
		return Optional.empty();
	}

	/**
	 * The last lines of its log, for assertion messages.
	 * @return a newline and the tail
	 */
	public String logTail() {
		return this.guard.logTail();
	}

	public Path log() {
		return this.guard.log();
	}

	/**
	 * Stops it gracefully if it still runs.
	 */
	@Override
	public void close() {
		this.guard.close();
	}

}
