package vn.investledger.console.search;

import org.springframework.boot.autoconfigure.task.TaskExecutionProperties;
import org.springframework.stereotype.Component;

/**
 * The threads that stream the console's files (exports, reports, releases) are at least
 * as many as the points in time the exports may hold at once, and {@value #RESERVE} more
 * for the reports and releases, which hold none: an export holds one point in time and
 * one thread from its first row to its last, so with fewer threads an export past them
 * would be let in by the points in time's limit and then wait, unseen, for a thread, its
 * point in time expiring meanwhile. The console refuses to start so.
 */
@Component
final class ExportThreads {

	/** The threads beyond the exports', for the reports and releases, which hold none. */
	static final int RESERVE = 20;

	ExportThreads(TaskExecutionProperties tasks, PointInTimeProperties pointsInTime) {
		require(tasks.getPool().getCoreSize(), pointsInTime.total());
	}

	/**
	 * Checks the threads against the points in time.
	 * @param threads the streaming pool's threads
	 * @param pointsInTime the points in time allowed at once on this instance
	 * @throws IllegalStateException if there are fewer threads than those and the reserve
	 */
	static void require(int threads, int pointsInTime) {
		long needed = (long) pointsInTime + RESERVE;
		if (threads < needed) {
			throw new IllegalStateException("EXPORT_THREADS (spring.task.execution.pool.core-size) is " + threads
					+ ", below the " + pointsInTime
					+ " points in time the exports may hold at once (SEARCH_POINTS_IN_TIME_TOTAL,"
					+ " investledger.search.points-in-time.total) and " + RESERVE
					+ " more for the reports and releases: an export could wait unseen for a thread; give at least "
					+ needed);
		}
	}

}
