package vn.investledger.localstack;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTests {

	@Test
	void shouldNeverHandOutTheSamePortTwice() {
		// the system offers a closed probe's port again soon: without the JVM's record of
		// the ports handed out, two thousand probes repeat some
		Set<Integer> ports = new HashSet<>();
		for (int i = 0; i < 2000; i++) {
			assertThat(ports.add(FreePorts.next())).as("port %d of 2000", i + 1).isTrue();
		}
	}

}
