package vn.investledger.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import vn.investledger.localstack.GuardedProcess;

/**
 * One instance of a service in a JVM of its own, on this JVM's class path, under
 * local-stack's guard (it never outlives this JVM). It can be killed like a crashed
 * server ({@link #kill()}: SIGKILL, no shutdown hook runs) and started again on the same
 * settings and state ({@link #restart()}).
 */
public final class ServiceJvm implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final List<String> command;

	private final Map<String, String> environment;

	private final Path workDir;

	private final String url;

	private volatile GuardedProcess process;

	private ServiceJvm(String name, List<String> command, Map<String, String> environment, Path workDir, String url) {
		this.name = name;
		this.command = List.copyOf(command);
		this.environment = Map.copyOf(environment);
		this.workDir = workDir;
		this.url = url;
		this.process = launch();
	}

	/**
	 * Starts a service's main class in a new JVM, without waiting for it to serve.
	 * @param name the instance's name, e.g. {@code processor-1}; its log is
	 * {@code <name>.log} in the working directory
	 * @param mainClass the service's main class
	 * @param heap the maximum heap, e.g. {@code 512m}
	 * @param arguments its arguments
	 * @param environment variables to set: secrets go here rather than on the command
	 * line, which every user of the machine can read
	 * @param workDir the working directory
	 * @param url the service's HTTP address, where its health is asked
	 * @return the starting service
	 */
	public static ServiceJvm start(String name, Class<?> mainClass, String heap, List<String> arguments,
			Map<String, String> environment, Path workDir, String url) {
		try {
			Files.createDirectories(workDir);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not create " + workDir, ex);
		}
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// Several services start at once on few cores: the optimising compiler's work at
		// start costs more than it saves at the rates a local cluster runs.
		command.addAll(List.of("-Xms64m", "-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
				"-Djava.awt.headless=true",
				// RocksDB, the processor's state store, loads its native library
				"--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
				mainClass.getName()));
		command.addAll(arguments);
		return new ServiceJvm(name, command, environment, workDir, url);
	}

	private GuardedProcess launch() {
		return GuardedProcess.start(this.name, this.command, this.environment, this.workDir,
				this.workDir.resolve(this.name + ".log"));
	}

	public String name() {
		return this.name;
	}

	/**
	 * The service's HTTP address.
	 * @return e.g. {@code http://127.0.0.1:8081}
	 */
	public String url() {
		return this.url;
	}

	public Path log() {
		return this.workDir.resolve(this.name + ".log");
	}

	/**
	 * Waits until the service's health answers UP.
	 * @param timeout how long it may take
	 * @throws IllegalStateException if it exits or is not healthy in time, with the end
	 * of its log
	 */
	public void awaitHealthy(Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		String last = "no answer";
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " exited" + this.process.logTail());
			}
			try {
				HttpResponse<String> response = http
					.send(HttpRequest.newBuilder(URI.create(this.url + "/actuator/health"))
						.timeout(Duration.ofSeconds(5))
						.build(), HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
					return;
				}
				last = response.statusCode() + " " + response.body();
			}
			catch (IOException ex) {
				last = ex.toString();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for " + this.name, ex);
			}
			try {
				Thread.sleep(500);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for " + this.name, ex);
			}
		}
		throw new IllegalStateException(
				this.name + " was not healthy within " + timeout + " (" + last + ")" + this.process.logTail());
	}

	/**
	 * The service's JVM, a child of the guard.
	 * @return the process, empty once it has ended
	 */
	public Optional<ProcessHandle> jvm() {
		return ProcessHandle.of(this.process.pid())
			.flatMap((guard) -> guard.children().filter(ProcessHandle::isAlive).findFirst());
	}

	/**
	 * Kills the JVM at once with SIGKILL, as a crash or the OOM killer would: no shutdown
	 * hook runs, no transaction is committed or aborted, no offset is committed.
	 */
	public void kill() {
		this.process.kill();
	}

	/**
	 * Waits for a command that ends by itself, e.g. the indexer's rebuild.
	 * @param timeout how long it may take
	 * @return its exit code
	 */
	public int awaitExit(Duration timeout) {
		return this.process.awaitExit(timeout);
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Starts the service again with the same settings (and state directory), after a
	 * {@link #kill()} or a stop; its log goes on in the same file.
	 */
	public void restart() {
		this.process.close();
		this.process = launch();
	}

	/**
	 * Stops it gracefully if it still runs.
	 */
	@Override
	public void close() {
		this.process.close();
	}

}
