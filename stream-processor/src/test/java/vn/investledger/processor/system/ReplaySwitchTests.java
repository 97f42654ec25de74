package vn.investledger.processor.system;

import java.util.Locale;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code --investledger.replay} is read as the replay's and the service's conditions read
 * it: {@code true} or {@code false} in any case, or left out; anything else is refused.
 */
class ReplaySwitchTests {

	@Property
	void shouldReadTrueAndFalseInAnyCase(@ForAll("cases") String trueOrFalse) {
		assertThat(ReplaySwitch.replaying(trueOrFalse)).isEqualTo(trueOrFalse.equalsIgnoreCase("true"));
	}

	@Property
	void shouldReadLeftOutAsTheService() {
		assertThat(ReplaySwitch.replaying(null)).isFalse();
	}

	@Property
	void shouldRefuseAnyOtherValueNamingIt(@ForAll("unclear") String value) {
		assertThatIllegalArgumentException().isThrownBy(() -> ReplaySwitch.replaying(value))
			.withMessage("investledger.replay must be true (a replay) or false (the service, also when left out): it"
					+ " was \"" + value + "\", which would start neither");
	}

	@Provide
	Arbitrary<String> cases() {
		return Arbitraries.of("true", "false")
			.flatMap((word) -> Arbitraries.integers().between(0, (1 << word.length()) - 1).map((mask) -> {
				StringBuilder text = new StringBuilder();
				for (int i = 0; i < word.length(); i++) {
					char c = word.charAt(i);
					text.append(((mask >> i) & 1) == 1 ? Character.toUpperCase(c) : c);
				}
				return text.toString();
			}));
	}

	@Provide
	Arbitrary<String> unclear() {
		return Arbitraries
			.oneOf(Arbitraries.of("", " ", "yes", "no", "1", "0", "on", "off", " true", "true ", "false\n", "tru",
					"TRUE!", "ｔｒｕｅ"), Arbitraries.strings().ofMaxLength(8))
			.filter((value) -> {
				String lower = value.toLowerCase(Locale.ROOT);
				return !lower.equals("true") && !lower.equals("false");
			});
	}

}
