package vn.investledger.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A service run as an operator runs it: a JVM of its own, on this program's classpath,
 * with its output echoed here line by line. It runs under local-stack's {@code guard.sh},
 * so it stops when this JVM closes its standard input, or dies.
 */
final class ChildJvm implements AutoCloseable {

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);

	private final String name;

	private final Process guard;

	private final List<Line> lines = Collections.synchronizedList(new ArrayList<>());

	private final Thread echo;

	private final Pattern quiet;

	private final AtomicLong quieted = new AtomicLong();

	private volatile Duration lastCpu = Duration.ZERO;

	private ChildJvm(String name, Process guard, Pattern quiet) {
		this.name = name;
		this.guard = guard;
		this.quiet = quiet;
		this.echo = Thread.ofPlatform().name(name + "-output").daemon().start(this::echo);
	}

	/**
	 * Starts a main class in a JVM of its own.
	 * @param name a name for its output and messages
	 * @param workDir a directory for the guard script
	 * @param jvmOptions options of the JVM, e.g. its heap
	 * @param mainClass the class to run
	 * @param arguments its arguments
	 * @param quiet lines that are counted, not echoed
	 * @return the running JVM
	 */
	static ChildJvm start(String name, Path workDir, List<String> jvmOptions, String mainClass, List<String> arguments,
			Pattern quiet) {
		return launch(name, workDir, jvmOptions, List.of("-cp", System.getProperty("java.class.path"), mainClass),
				arguments, quiet);
	}

	/**
	 * Starts an executable jar in a JVM of its own, as {@code java -jar} does.
	 * @param name a name for its output and messages
	 * @param workDir a directory for the guard script
	 * @param jvmOptions options of the JVM, e.g. its heap
	 * @param jar the jar to run
	 * @param arguments its arguments
	 * @param quiet lines that are counted, not echoed
	 * @return the running JVM
	 */
	static ChildJvm startJar(String name, Path workDir, List<String> jvmOptions, Path jar, List<String> arguments,
			Pattern quiet) {
		return launch(name, workDir, jvmOptions, List.of("-jar", jar.toString()), arguments, quiet);
	}

	private static ChildJvm launch(String name, Path workDir, List<String> jvmOptions, List<String> program,
			List<String> arguments, Pattern quiet) {
		try {
			Path script = workDir.resolve("guard.sh");
			if (!Files.exists(script)) {
				try (InputStream in = ChildJvm.class.getResourceAsStream("/local-stack/guard.sh")) {
					Files.copy(in, script);
				}
			}
			List<String> command = new ArrayList<>(
					List.of("bash", script.toString(), ProcessHandle.current().info().command().orElse("java")));
			command.addAll(jvmOptions);
			command.addAll(program);
			command.addAll(arguments);
			ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
			builder.environment().remove("JAVA_TOOL_OPTIONS");
			builder.environment().remove("_JAVA_OPTIONS");
			return new ChildJvm(name, builder.start(), quiet);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + name, ex);
		}
	}

	private void echo() {
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(this.guard.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = out.readLine(); line != null; line = out.readLine()) {
				this.lines.add(new Line(Instant.now(), line));
				if (this.quiet.matcher(line).find()) {
					this.quieted.incrementAndGet();
				}
				else {
					System.out.println("  [" + this.name + "] " + line);
				}
			}
		}
		catch (IOException ex) {
			// the process ended
		}
	}

	/**
	 * Throws if the JVM has ended.
	 */
	void requireAlive() {
		if (!this.guard.isAlive()) {
			throw new IllegalStateException(this.name + " ended with exit code " + this.guard.exitValue());
		}
	}

	/**
	 * Throws if the JVM has ended with an exit code other than the one given.
	 * @param expected the exit code it may end with
	 */
	void requireAliveOrEndedWith(int expected) {
		if (!this.guard.isAlive() && this.guard.exitValue() != expected) {
			throw new IllegalStateException(this.name + " ended with exit code " + this.guard.exitValue());
		}
	}

	/**
	 * A line of its output.
	 *
	 * @param at when it was read here
	 * @param text the line
	 */
	record Line(Instant at, String text) {

	}

	/**
	 * Its output so far.
	 * @return the lines
	 */
	List<Line> lines() {
		synchronized (this.lines) {
			return List.copyOf(this.lines);
		}
	}

	/**
	 * How many lines of its output were not echoed.
	 * @return the lines counted
	 */
	long quieted() {
		return this.quieted.get();
	}

	/**
	 * The CPU time the JVM has used so far, all of its threads; once it has ended, what
	 * it had used when last asked or waited for.
	 * @return the time
	 */
	Duration cpu() {
		Duration cpu = cpuOf(this.guard.pid());
		if (cpu.compareTo(this.lastCpu) > 0) {
			this.lastCpu = cpu;
		}
		return this.lastCpu;
	}

	/**
	 * The CPU time a process's descendants have used so far: the server under a
	 * local-stack guard, or this class's JVM.
	 * @param pid the guard's process id
	 * @return the time
	 */
	static Duration cpuOf(long pid) {
		return ProcessHandle.of(pid)
			.stream()
			.flatMap(ProcessHandle::descendants)
			.map((process) -> process.info().totalCpuDuration().orElse(Duration.ZERO))
			.reduce(Duration.ZERO, Duration::plus);
	}

	/**
	 * Waits for the JVM to end by itself.
	 * @param timeout how long it may take
	 * @return its exit code
	 */
	int awaitExit(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!this.guard.waitFor(500, TimeUnit.MILLISECONDS)) {
			cpu();
			if (System.nanoTime() > deadline) {
				close();
				throw new IllegalStateException(this.name + " did not end within " + timeout);
			}
		}
		this.echo.join(5_000);
		return this.guard.exitValue();
	}

	/**
	 * Stops the JVM as an operator does (SIGTERM: a graceful shutdown) and waits for it.
	 */
	@Override
	public void close() {
		try {
			this.guard.getOutputStream().close();
		}
		catch (IOException ex) {
			this.guard.destroy();
		}
		try {
			if (!this.guard.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				System.out.println(this.name + " did not stop within " + STOP_TIMEOUT + "; killing it");
				this.guard.descendants().forEach(ProcessHandle::destroyForcibly);
				this.guard.destroyForcibly();
			}
			this.echo.join(5_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
