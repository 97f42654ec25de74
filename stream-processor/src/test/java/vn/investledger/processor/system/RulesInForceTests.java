package vn.investledger.processor.system;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When two first starts record their tables at once, the first record after the last
 * removal wins, whatever came before.
 */
class RulesInForceTests {

	@Property(tries = 200)
	void shouldLetTheFirstRecordAfterTheLastRemovalWin(@ForAll("values") List<String> values) {
		List<RulesInForce.Recorded> records = new ArrayList<>();
		for (int i = 0; i < values.size(); i++) {
			records.add(new RulesInForce.Recorded(i, values.get(i)));
		}
		int lastRemoval = values.lastIndexOf(null);
		int first = -1;
		for (int i = lastRemoval + 1; i < values.size() && first < 0; i++) {
			first = i;
		}
		RulesInForce.Recorded winner = RulesInForce.firstRecorded(records);
		if (first < 0) {
			assertThat(winner).isNull();
		}
		else {
			assertThat(winner).isEqualTo(records.get(first));
		}
	}

	@Provide
	Arbitrary<List<String>> values() {
		return Arbitraries.of("{\"a\":\"1\"}", "{\"a\":\"2\"}", "garbage").injectNull(0.3).list().ofMaxSize(8);
	}

}
