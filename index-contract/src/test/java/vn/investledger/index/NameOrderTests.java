package vn.investledger.index;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NameOrderTests {

	/** The Vietnamese alphabet, in its order. */
	private static final List<String> ALPHABET = List.of("a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i",
			"k", "l", "m", "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y");

	/** The tone marks: grave, acute, tilde, hook above, dot below. */
	private static final List<String> TONES = List.of("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323");

	@Test
	void shouldSortNamesAsTheVietnameseAlphabetDoes() {
		List<String> names = new ArrayList<>(List.of("Zeta Việt Nam", "Đông Á", "Dương Kinh", "Ước Mơ", "Uy Tín",
				"An Phát", "Anh Tuấn", "Ấn Độ", "Ăn Uống", "Bắc Ninh", "Cảng Hải Phòng", "Công ty Ô tô", "Cơ khí",
				"Dệt may", "Đình Vũ", "Yên Phong", "Xuân Thành"));
		names.sort(Comparator.comparing(NameOrder::keyOf));

		assertThat(names).containsExactly("An Phát", "Anh Tuấn", "Ăn Uống", "Ấn Độ", "Bắc Ninh", "Cảng Hải Phòng",
				"Công ty Ô tô", "Cơ khí", "Dệt may", "Dương Kinh", "Đình Vũ", "Đông Á", "Uy Tín", "Ước Mơ",
				"Xuân Thành", "Yên Phong", "Zeta Việt Nam");
	}

	@Property
	void shouldOrderAnyTwoLettersOfTheAlphabetAsItDoesWhateverTheirToneAndCase(@ForAll("letters") int first,
			@ForAll("letters") int second, @ForAll("tones") String firstTone, @ForAll("tones") String secondTone,
			@ForAll boolean upper) {
		String one = letter(first, firstTone, upper);
		String other = letter(second, secondTone, !upper);

		assertThat(Integer.signum(NameOrder.keyOf(one).compareTo(NameOrder.keyOf(other))))
			.as("%s against %s", one, other)
			.isEqualTo(Integer.signum(Integer.compare(first, second)));
	}

	@Property
	void shouldOrderWordsByTheirLettersBeforeWhatFollowsThem(@ForAll("words") String word, @ForAll("words") String more,
			@ForAll("letters") int letter) {
		// a word ends before any letter that would go on it: "An Phát" before "Anh"
		String shorter = word + " " + more;
		String longer = word + ALPHABET.get(letter) + more;

		assertThat(NameOrder.keyOf(shorter)).isLessThan(NameOrder.keyOf(longer));
	}

	@Property
	void shouldGiveOneKeyHoweverTheNameIsEncoded(@ForAll("words") String name) {
		assertThat(NameOrder.keyOf(Normalizer.normalize(name, Normalizer.Form.NFD)))
			.isEqualTo(NameOrder.keyOf(Normalizer.normalize(name, Normalizer.Form.NFC)))
			.isEqualTo(NameOrder.keyOf(name.toUpperCase(Locale.ROOT)));
	}

	@Test
	void shouldTakeTheLookAlikeOfĐForĐ() {
		assertThat(NameOrder.keyOf("\u00D0ông Á")).isEqualTo(NameOrder.keyOf("Đông Á"));
		assertThat(NameOrder.keyOf("\u00F0ình Vũ")).isEqualTo(NameOrder.keyOf("đình vũ"));
		// and search finds it as Đ
		assertThat(Folding.fold("\u00D0ông Á \u00F0ình")).isEqualTo(Folding.fold("Đông Á đình"))
			.isEqualTo("dong a dinh");
	}

	@Test
	void shouldKeepNoName() {
		assertThat(NameOrder.keyOf(null)).isNull();
	}

	@Provide
	Arbitrary<Integer> letters() {
		return Arbitraries.integers().between(0, ALPHABET.size() - 1);
	}

	@Provide
	Arbitrary<String> tones() {
		return Arbitraries.of(TONES);
	}

	@Provide
	Arbitrary<String> words() {
		return Arbitraries.integers()
			.between(0, ALPHABET.size() - 1)
			.flatMap((letter) -> tones().map((tone) -> letter(letter, tone, false)))
			.list()
			.ofMinSize(1)
			.ofMaxSize(8)
			.map((letters) -> String.join("", letters));
	}

	private static String letter(int index, String tone, boolean upper) {
		String letter = Normalizer.normalize(ALPHABET.get(index) + tone, Normalizer.Form.NFC);
		return upper ? letter.toUpperCase(Locale.ROOT) : letter;
	}

}
