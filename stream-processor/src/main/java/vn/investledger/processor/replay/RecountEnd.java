package vn.investledger.processor.replay;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The end of a recount's instance. A recount only counts: once it is complete, or once a
 * stream thread of it has failed, its instance stops itself, and a launcher that waits
 * for it ({@link #exitWhenEnded}) exits with {@value #COMPLETE} or {@value #FAILED}.
 * After a complete recount the processor is started as usual; after a failed one it stays
 * refused until a recount or a replay completes. An instance that is not a recount goes
 * on as it is.
 */
public final class RecountEnd {

	/** The exit code of a complete recount. */
	public static final int COMPLETE = 0;

	/** The exit code of a failed recount. */
	public static final int FAILED = 1;

	private static final Logger logger = LoggerFactory.getLogger(RecountEnd.class);

	/** The newest, for a launcher whose application closed before it could ask for it. */
	private static final AtomicReference<RecountEnd> LAUNCHED = new AtomicReference<>();

	private final ConfigurableApplicationContext context;

	private final boolean recount;

	private final CompletableFuture<Integer> code = new CompletableFuture<>();

	private final CompletableFuture<Integer> closed = new CompletableFuture<>();

	RecountEnd(ConfigurableApplicationContext context, boolean recount) {
		this.context = context;
		this.recount = recount;
		LAUNCHED.set(this);
	}

	/**
	 * Whether this instance is a recount's.
	 * @return true for a recount
	 */
	public boolean isRecount() {
		return this.recount;
	}

	/**
	 * How the recount ended: once its instance is closed, the code its launcher exits
	 * with ({@value #FAILED} also for a complete count whose mark could not be removed).
	 * @return {@value #COMPLETE}, {@value #FAILED}, or {@code null} while it runs
	 */
	public Integer code() {
		Integer exitCode = this.closed.getNow(null);
		return (exitCode != null) ? exitCode : this.code.getNow(null);
	}

	/**
	 * Settles the recount as complete, unless it has ended otherwise already.
	 * @return true if it is settled as complete now: the caller then removes its mark and
	 * {@link #close closes} it
	 */
	boolean settleComplete() {
		return this.recount && this.code.complete(COMPLETE);
	}

	/**
	 * Ends the recount as failed and closes it, unless it has ended already.
	 */
	void fail() {
		if (this.recount && this.code.complete(FAILED)) {
			close(FAILED);
		}
	}

	/**
	 * Closes the application from a thread of its own (the caller may be one of the
	 * threads the closing stops).
	 * @param exitCode the code the launcher exits with: {@value #FAILED} also for a
	 * recount settled as complete whose mark could not be removed
	 */
	void close(int exitCode) {
		Thread closing = new Thread(() -> {
			try {
				SpringApplication.exit(this.context, () -> exitCode);
			}
			catch (RuntimeException ex) {
				logger.error("The recount's instance did not close cleanly", ex);
			}
			finally {
				this.closed.complete(exitCode);
			}
		}, "recount-end");
		closing.start();
	}

	/**
	 * For a launcher: when the application is a recount's, waits until it has ended and
	 * closed, then exits the JVM with its code. Otherwise returns at once.
	 * @param context the application
	 */
	public static void exitWhenEnded(ConfigurableApplicationContext context) {
		// (a recount that failed at once may have closed the application already)
		RecountEnd end = context.isActive() ? context.getBeanProvider(RecountEnd.class).getIfAvailable()
				: LAUNCHED.get();
		if (end == null || !end.recount) {
			return;
		}
		System.exit(end.closed.join());
	}

}
