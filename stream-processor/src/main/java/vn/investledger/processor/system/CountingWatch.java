package vn.investledger.processor.system;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

import vn.investledger.processor.intake.Intake;

/**
 * While the service runs, the tables it counts under and the generation of the state it
 * started in are compared with those last recorded, every
 * {@code investledger.rulebook-check} (2 s unless set), in one read of the rulebook
 * topic. A replay or a recount refuses to begin while an instance is in the application's
 * group, but an instance that had dropped out of it then (a pause longer than its
 * session, a network cut) joins again afterwards, and would count under the tables before
 * the replay, into state of a generation that no longer exists. Once the record differs,
 * this instance stops counting at once (its streams closed, its health down) and closes
 * its application, whose process exits with code 1 ({@link ProcessExit}), so that it is
 * started again: the start compares the tables (refusing other ones) and empties a copy
 * of another generation ({@link LocalStores}). A record that cannot be read is tried
 * again at the next check. The same comparison runs as each of the ledger's tasks starts
 * ({@link #beforeCounting()}), so that an instance that joins again counts nothing before
 * it stops.
 */
@Component
@ConditionalOnBooleanProperty(name = "investledger.replay", havingValue = false, matchIfMissing = true)
class CountingWatch implements SmartLifecycle, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(CountingWatch.class);

	private final StreamsBuilderFactoryBean streams;

	private final RulesInForce rules;

	private final LocalStores stores;

	private final ConfigurableApplicationContext context;

	private final Duration every;

	private ScheduledExecutorService scheduler;

	/**
	 * How long a task that starts waits for the comparison at the most: the tasks of an
	 * instance start one after another on each stream thread, each with its own
	 * comparison, within the poll interval (5 min).
	 */
	static final Duration TASK_START_WAIT = Duration.ofSeconds(10);

	private final Object comparing = new Object();

	/** The comparison the tasks that start now wait for, until it begins. */
	private CompletableFuture<String> next;

	/** Where the tasks' comparisons are made, one at a time. */
	private final ExecutorService comparer = Executors.newSingleThreadExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "counting-watch-tasks");
		thread.setDaemon(true);
		return thread;
	});

	private volatile boolean stopped;

	private volatile String reason;

	CountingWatch(StreamsBuilderFactoryBean streams, RulesInForce rules, LocalStores stores,
			ConfigurableApplicationContext context, @Value("${investledger.rulebook-check:2s}") Duration every) {
		if (every.isNegative() || every.isZero()) {
			throw new IllegalArgumentException("investledger.rulebook-check must be longer than zero: it was " + every);
		}
		this.streams = streams;
		this.rules = rules;
		this.stores = stores;
		this.context = context;
		this.every = every;
	}

	@Override
	public void start() {
		String generation = this.stores.startedIn();
		this.scheduler = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "counting-watch");
			thread.setDaemon(true);
			return thread;
		});
		this.scheduler.scheduleWithFixedDelay(() -> check(generation), this.every.toMillis(), this.every.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	private void check(String generation) {
		if (this.stopped) {
			return;
		}
		String reason;
		try {
			reason = changedSince(generation);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not compare the tables with those recorded; tried again in {}: {}", this.every,
					ex.getMessage());
			return;
		}
		if (reason != null) {
			stopCounting(reason);
		}
	}

	/**
	 * Compares the tables and the generation of the state with those last recorded as a
	 * task of this instance starts, before it counts anything
	 * ({@link Intake#COUNTING_CHECK_CONFIG}): an instance that joins its group again
	 * after a replay or recount began elsewhere gets its tasks anew, and none of them
	 * counts a record under the tables before. The tasks that start while a comparison
	 * has not begun share it (on several stream threads at once); none is answered by a
	 * comparison that began before it asked. A record that cannot be read within
	 * {@link #TASK_START_WAIT} lets the task start (a comparison that finds a change
	 * later still stops the instance): the periodic comparison goes on, and a read that
	 * fails every time would otherwise keep every task from starting without the instance
	 * stopping.
	 * @throws IllegalStateException if they differ (the instance then stops, as on a
	 * periodic check)
	 */
	void beforeCounting() {
		if (this.stopped) {
			throw new IllegalStateException("This instance stops counting: " + this.reason);
		}
		String changed;
		try {
			changed = nextComparison().get(TASK_START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while comparing the tables with those recorded", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.warn("Could not compare the tables with those recorded as a task starts; it starts, and the"
					+ " comparison every {} goes on: {}", this.every, ex.getMessage());
			return;
		}
		if (changed != null) {
			stopCounting(changed);
			throw new IllegalStateException("This instance stops counting: " + changed);
		}
	}

	/** The comparison that has not begun yet, begun on the comparing thread. */
	private CompletableFuture<String> nextComparison() {
		synchronized (this.comparing) {
			if (this.next == null) {
				CompletableFuture<String> comparison = new CompletableFuture<>();
				this.comparer.execute(() -> {
					synchronized (this.comparing) {
						// from now on, a task that asks waits for another
						this.next = null;
					}
					try {
						comparison.complete(changedSince(this.stores.startedIn()));
					}
					catch (RuntimeException ex) {
						comparison.completeExceptionally(ex);
					}
				});
				// a result that comes after the task stopped waiting still stops the
				// instance
				comparison.thenAccept((changed) -> {
					if (changed != null) {
						stopCounting(changed);
					}
				});
				this.next = comparison;
			}
			return this.next;
		}
	}

	/** Why this instance must stop counting, or {@code null}. */
	private String changedSince(String generation) {
		RulesInForce.Counting recorded = this.rules.counting();
		List<String> changed = recorded.changed();
		String now = recorded.generation();
		if (!changed.isEmpty()) {
			return "the figures are now counted under other tables than this instance's (" + String.join(", ", changed)
					+ " changed: a replay or recount recorded them while this instance was out of its group)";
		}
		if (generation != null && !generation.equals(now)) {
			return "a replay or recount began a new generation of the state (" + now + ") since this instance"
					+ " started in " + generation + ", while it was out of its group";
		}
		return null;
	}

	private synchronized void stopCounting(String reason) {
		if (this.stopped) {
			return;
		}
		this.reason = reason;
		this.stopped = true;
		logger.error("This instance stops counting: {}. It closes; start it again (its start compares the tables and"
				+ " empties a copy of the stores of another generation)", reason);
		Thread closing = new Thread(() -> {
			try {
				this.streams.stop();
				SpringApplication.exit(this.context, () -> 1);
			}
			finally {
				// code 1 whatever the closing threw
				ProcessExit.exit(1);
			}
		}, "counting-watch-stop");
		// not a daemon, whatever thread saw the change: the JVM would otherwise end with
		// code 0 as the context's last other threads stop, before the code 1 is given
		closing.setDaemon(false);
		closing.start();
	}

	/**
	 * Whether this instance stopped because the record changed.
	 * @return true once it has
	 */
	boolean hasStopped() {
		return this.stopped;
	}

	@Override
	public void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	/** Once the streams are closed: no task starts any more. */
	@Override
	public void destroy() {
		this.comparer.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	/**
	 * After the local stores' record of their generation.
	 */
	@Override
	public int getPhase() {
		return this.streams.getPhase() + 2;
	}

}
