package vn.investledger.console.release;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The turns the passes over the history take: at most {@code concurrent} at once in all,
 * and at most one at once for each user, so that one official asking for a release at
 * many instants in turn waits for their own passes and leaves the other turns to everyone
 * else. A request waits at most {@code queueWait} in all for its turn.
 */
final class Turns {

	private final Semaphore all;

	private final int concurrent;

	private final Duration queueWait;

	private final ConcurrentMap<String, Semaphore> byUser = new ConcurrentHashMap<>();

	Turns(int concurrent, Duration queueWait) {
		this.all = new Semaphore(concurrent, true);
		this.concurrent = concurrent;
		this.queueWait = queueWait;
	}

	/**
	 * Takes a turn, the user's own first.
	 * @param user who asks, {@code null} for the console itself (no turn of its own)
	 * @return the turn, to close once the pass is done
	 * @throws Releases.ReleaseBusyException if no turn came within the wait
	 */
	Turn take(String user) {
		long deadline = System.nanoTime() + this.queueWait.toNanos();
		Semaphore own = (user != null) ? this.byUser.computeIfAbsent(user, (name) -> new Semaphore(1, true)) : null;
		try {
			if (own != null && !own.tryAcquire(this.queueWait.toNanos(), TimeUnit.NANOSECONDS)) {
				throw new Releases.ReleaseBusyException("Your earlier release is still being computed, and each user "
						+ "computes one at a time; try again once it is done");
			}
			if (!this.all.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
				if (own != null) {
					own.release();
				}
				throw new Releases.ReleaseBusyException(this.concurrent);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Releases.ReleaseBusyException(this.concurrent);
		}
		return new Turn(own);
	}

	/** A turn taken: closed, it is free for the next request. */
	final class Turn implements AutoCloseable {

		private final Semaphore own;

		private boolean closed;

		private Turn(Semaphore own) {
			this.own = own;
		}

		@Override
		public void close() {
			if (this.closed) {
				return;
			}
			this.closed = true;
			Turns.this.all.release();
			if (this.own != null) {
				this.own.release();
			}
		}

	}

}
