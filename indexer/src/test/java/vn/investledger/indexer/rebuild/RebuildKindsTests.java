package vn.investledger.indexer.rebuild;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import vn.investledger.index.Indices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The indices a rebuild is asked for ({@code --investledger.rebuild=…},
 * {@code POST /api/admin/rebuilds?kinds=…}): each named once, in the order given, or
 * refused with the reason.
 */
class RebuildKindsTests {

	@Property
	void shouldTakeEachKindNamedOnceInTheOrderGiven(@ForAll("distinctKinds") List<String> kinds,
			@ForAll("spaces") String before, @ForAll("spaces") String after) {
		String value = String.join(",", kinds.stream().map((kind) -> before + kind + after).toList());

		assertThat(RebuildCommand.kinds(value)).containsExactlyElementsOf(kinds);
	}

	@Property
	void shouldRefuseAKindNamedTwice(@ForAll("distinctKinds") List<String> kinds,
			@ForAll @IntRange(min = 0, max = 4) int which, @ForAll @IntRange(min = 0, max = 5) int where) {
		String twice = kinds.get(which % kinds.size());
		List<String> named = new ArrayList<>(kinds);
		named.add(where % (named.size() + 1), twice);

		assertThatIllegalArgumentException().isThrownBy(() -> RebuildCommand.kinds(String.join(",", named)))
			.withMessage("investledger.rebuild: \"" + twice + "\" is named twice");
	}

	@Property
	void shouldRefuseAnEmptyEntry(@ForAll("distinctKinds") List<String> kinds,
			@ForAll @IntRange(min = 0, max = 5) int where) {
		List<String> named = new ArrayList<>(kinds);
		named.add(where % (named.size() + 1), " ");

		assertThatIllegalArgumentException().isThrownBy(() -> RebuildCommand.kinds(String.join(",", named)))
			.withMessageContaining("has an empty entry")
			.withMessageEndingWith("give all, or some of projects,history,totals,stock,rejections");
	}

	@Property
	void shouldRefuseAnEmptyValue(@ForAll("spaces") String value) {
		assertThatIllegalArgumentException().isThrownBy(() -> RebuildCommand.kinds(value))
			.withMessage(
					"investledger.rebuild is empty: give all, or some of projects,history,totals,stock,rejections");
	}

	@Property
	void shouldRefuseWhatIsNotAKindNamingIt(@ForAll("distinctKinds") List<String> kinds,
			@ForAll("notKinds") String other) {
		List<String> named = new ArrayList<>(kinds);
		named.add(other);

		assertThatIllegalArgumentException().isThrownBy(() -> RebuildCommand.kinds(String.join(",", named)))
			.withMessage("investledger.rebuild: \"" + other.strip()
					+ "\" is not one of all, projects, history, totals, stock, rejections");
	}

	@Property(tries = 10)
	void shouldTakeAllAsEveryKind(@ForAll("spaces") String before, @ForAll("spaces") String after) {
		assertThat(RebuildCommand.kinds(before + "all" + after)).isEqualTo(Indices.KINDS);
	}

	@Provide
	Arbitrary<List<String>> distinctKinds() {
		return Arbitraries.of(Indices.KINDS).list().uniqueElements().ofMinSize(1).ofMaxSize(Indices.KINDS.size());
	}

	@Provide
	Arbitrary<String> spaces() {
		return Arbitraries.of(' ', '\t').list().ofMaxSize(2).map((chars) -> {
			StringBuilder text = new StringBuilder();
			chars.forEach(text::append);
			return text.toString();
		});
	}

	@Provide
	Arbitrary<String> notKinds() {
		return Arbitraries
			.oneOf(Arbitraries.of("all", "ALL", "Projects", "project", "totals-v2", "indices", "*"),
					Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12))
			.filter((name) -> !Indices.KINDS.contains(name));
	}

}
