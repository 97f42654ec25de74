package vn.investledger.console.search;

import java.util.List;

import co.elastic.clients.elasticsearch._types.FieldValue;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NotBlank;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A cursor signed for an official pages for that official alone, on any console that
 * shares the key, and not once any part of it is changed.
 */
class CursorSignerTests {

	private static final String KEY = "khóa-ký-con-trỏ-của-bảng-điều-khiển-2026";

	@Property(tries = 200)
	void shouldAcceptOnlyTheOfficialsOwnUnalteredCursor(@ForAll @NotBlank @StringLength(max = 40) String user,
			@ForAll @NotBlank @StringLength(max = 40) String other,
			@ForAll @AlphaChars @StringLength(min = 1, max = 60) String pointInTime, @ForAll long sortValue,
			@ForAll @AlphaChars @StringLength(min = 1, max = 30) String code) {
		CursorSigner signer = new CursorSigner(KEY);
		Cursor given = signer.sign(new Cursor(pointInTime, List.of(FieldValue.of(sortValue), FieldValue.of(code)),
				Cursor.searchOf("projects", "q")), user);
		String text = given.encode();

		// read back by the same official, on this console or another with the same key
		assertThat(signer.verified(Cursor.decode(text, given.search()), user).pointInTime()).isEqualTo(pointInTime);
		assertThat(new CursorSigner(KEY).verified(Cursor.decode(text, given.search()), user).after())
			.extracting(FieldValue::_get)
			.containsExactly(sortValue, code);
		// another official
		if (!other.equals(user)) {
			assertThatThrownBy(() -> signer.verified(Cursor.decode(text, given.search()), other))
				.isInstanceOf(BadSearchException.class)
				.hasMessageContaining("given to another official's search, or altered");
		}
		// another point in time or sort value under the same signature
		Cursor otherPit = new Cursor(pointInTime + "x", given.after(), given.search(), given.holder());
		assertThatThrownBy(() -> signer.verified(Cursor.decode(otherPit.encode(), given.search()), user))
			.isInstanceOf(BadSearchException.class);
		Cursor otherAfter = new Cursor(pointInTime, List.of(FieldValue.of(sortValue ^ 1), FieldValue.of(code)),
				given.search(), given.holder());
		assertThatThrownBy(() -> signer.verified(Cursor.decode(otherAfter.encode(), given.search()), user))
			.isInstanceOf(BadSearchException.class);
		// a console with another key
		assertThatThrownBy(() -> new CursorSigner(KEY + "!").verified(Cursor.decode(text, given.search()), user))
			.isInstanceOf(BadSearchException.class);
		// an unsigned cursor
		assertThatThrownBy(() -> signer.verified(new Cursor(pointInTime, given.after(), given.search()), user))
			.isInstanceOf(BadSearchException.class);
	}

	@Test
	void shouldRefuseAShortKeyAndDrawOneWhenUnset() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CursorSigner("short"))
			.withMessageContaining("investledger.search.cursor-key must be at least 32 bytes")
			.withMessageContaining("it has 5");
		assertThatIllegalArgumentException().isThrownBy(() -> new CursorSigner(" ".repeat(40)));
		// unset: each instance its own key, so another instance's cursor is refused
		Cursor given = new CursorSigner("").sign(new Cursor(null, List.of(FieldValue.of(1L)), "s"), "cán-bộ");
		assertThatThrownBy(() -> new CursorSigner("").verified(Cursor.decode(given.encode(), "s"), "cán-bộ"))
			.isInstanceOf(BadSearchException.class);
	}

}
