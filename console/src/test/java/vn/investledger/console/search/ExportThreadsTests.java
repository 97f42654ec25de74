package vn.investledger.console.search;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class ExportThreadsTests {

	@Property
	void shouldRefuseFewerStreamingThreadsThanPointsInTimeExportsMayHold(@ForAll @IntRange(min = 1) int threads,
			@ForAll @IntRange(min = 1) int pointsInTime) {
		if ((long) threads < (long) pointsInTime + ExportThreads.RESERVE) {
			assertThatIllegalStateException().isThrownBy(() -> ExportThreads.require(threads, pointsInTime))
				.withMessageContaining("EXPORT_THREADS (spring.task.execution.pool.core-size) is " + threads)
				.withMessageContaining("give at least " + ((long) pointsInTime + ExportThreads.RESERVE));
		}
		else {
			assertThatNoException().isThrownBy(() -> ExportThreads.require(threads, pointsInTime));
		}
	}

}
