package vn.investledger.console.release;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A release checks that the history comes in project order as the index sorts a keyword:
 * by its UTF-8 bytes, which is code point order, not Java's UTF-16 order.
 */
class ProjectOrderTests {

	@Property(tries = 2000)
	void shouldOrderProjectCodesAsTheirUtf8Bytes(@ForAll("codes") String a, @ForAll("codes") String b) {
		int bytes = Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

		assertThat(Integer.signum(ReleaseFold.inIndexOrder(a, b))).as("%s, %s", a, b).isEqualTo(Integer.signum(bytes));
	}

	@Provide
	Arbitrary<String> codes() {
		// digits, Vietnamese letters, full-width forms and characters beyond U+FFFF
		Arbitrary<String> character = Arbitraries.oneOf(Arbitraries.strings().numeric().ofLength(1),
				Arbitraries.of("Đ", "ệ", "０", "Ａ", "\uFFFD", "𠮷", "😀", "𝟘"));
		return character.list().ofMinSize(1).ofMaxSize(6).map((parts) -> String.join("", parts));
	}

}
